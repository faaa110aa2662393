//! Small in-process throttles for unauthenticated, outbound-costly or
//! guessable endpoints (OAuth callback, preview logins), keyed by client address.
//!
//! Per process on purpose: they stop one looping or guessing client cheaply.
//! With N replicas behind a balancer a client gets at most N times the budget.

use std::collections::{HashMap, VecDeque};
use std::hash::Hash;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

/// Keys kept at most. Past this the windows that ended are dropped, then the
/// keys hit longest ago: a flood of new keys (addresses, forged cookies) pushes
/// out old windows instead of locking every newcomer out.
const MAX_KEYS: usize = 10_000;
/// How many keys one eviction frees when every window is live.
const EVICT_BATCH: usize = MAX_KEYS / 10;

/// A client address as throttles count it: IPv4 as is, IPv6 by its /64 (one
/// subscriber's or host's network hands out 2^64 addresses), an IPv4 address
/// written in IPv6 as the IPv4 one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ClientNet(IpAddr);

impl From<IpAddr> for ClientNet {
    fn from(ip: IpAddr) -> Self {
        match ip {
            IpAddr::V4(v4) => ClientNet(IpAddr::V4(v4)),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => ClientNet(IpAddr::V4(v4)),
                None => {
                    let net = u128::from(v6) & !((1u128 << 64) - 1);
                    ClientNet(IpAddr::V6(std::net::Ipv6Addr::from(net)))
                }
            },
        }
    }
}

pub struct Throttle<K = ClientNet> {
    limit: usize,
    window: Duration,
    hits: Mutex<HashMap<K, VecDeque<Instant>>>,
}

impl<K: Hash + Eq + Clone> Throttle<K> {
    pub fn new(limit: usize, window: Duration) -> Self {
        Self {
            limit: limit.max(1),
            window,
            hits: Mutex::default(),
        }
    }

    /// Records a hit for `key`; `false` when it is over the limit (not recorded then).
    pub fn hit(&self, key: impl Into<K>) -> bool {
        self.check(key.into(), Record::Always)
    }

    /// Records a hit only for a key this throttle already tracks (see
    /// [`Throttle::admit`]); `false` when that key is over the limit. Unknown
    /// keys pass and create nothing, so forged keys cannot fill the map.
    pub fn hit_known(&self, key: impl Into<K>) -> bool {
        self.check(key.into(), Record::IfKnown)
    }

    /// Starts tracking `key` (a session that proved to exist) without a hit.
    pub fn admit(&self, key: impl Into<K>) {
        let key = key.into();
        let mut hits = self.hits.lock().unwrap_or_else(|p| p.into_inner());
        if !hits.contains_key(&key) {
            self.make_room(&mut hits, Instant::now());
            hits.insert(key, VecDeque::new());
        }
    }

    /// Records `n` hits for `key` at once (amoCRM calls an action made), as
    /// far as they fit under the limit.
    pub fn hit_many(&self, key: impl Into<K>, n: usize) {
        let key = key.into();
        for _ in 0..n {
            if !self.check(key.clone(), Record::Always) {
                break;
            }
        }
    }

    /// Whether `key` is over the limit now, without recording anything.
    pub fn blocked(&self, key: impl Into<K>) -> bool {
        !self.check(key.into(), Record::Never)
    }

    /// How many keys are tracked (for tests).
    pub fn keys(&self) -> usize {
        self.hits.lock().unwrap_or_else(|p| p.into_inner()).len()
    }

    fn check(&self, key: K, record: Record) -> bool {
        let now = Instant::now();
        let mut hits = self.hits.lock().unwrap_or_else(|p| p.into_inner());
        if !hits.contains_key(&key) {
            // Nothing on record: under the limit. Only a recorded hit makes a key.
            if record != Record::Always {
                return true;
            }
            self.make_room(&mut hits, now);
        }
        let q = hits.entry(key).or_default();
        while q
            .front()
            .is_some_and(|t| now.duration_since(*t) >= self.window)
        {
            q.pop_front();
        }
        if q.len() >= self.limit {
            return false;
        }
        if record != Record::Never {
            q.push_back(now);
        }
        true
    }

    /// Keeps the map under [`MAX_KEYS`]: ended windows go first, then the keys
    /// whose last hit is oldest.
    fn make_room(&self, hits: &mut HashMap<K, VecDeque<Instant>>, now: Instant) {
        if hits.len() < MAX_KEYS {
            return;
        }
        hits.retain(|_, q| {
            q.back()
                .is_some_and(|t| now.duration_since(*t) < self.window)
        });
        if hits.len() < MAX_KEYS {
            return;
        }
        let mut by_age: Vec<(Option<Instant>, K)> = hits
            .iter()
            .map(|(k, q)| (q.back().copied(), k.clone()))
            .collect();
        by_age.sort_unstable_by_key(|(last, _)| *last);
        for (_, key) in by_age.into_iter().take(EVICT_BATCH) {
            hits.remove(&key);
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Record {
    Always,
    IfKnown,
    Never,
}

/// The throttles of one process.
pub struct Throttles {
    /// `/oauth/callback`: unauthenticated, and each request calls amoCRM.
    pub oauth_callback: Throttle,
    /// All unauthenticated work of this process together (install callbacks,
    /// failed preview logins): per-address limits can be dodged with many
    /// addresses, this bound cannot.
    pub unauthenticated: Throttle<()>,
    /// Failed `/preview` logins: a shared password must not be guessable.
    pub preview_failures: Throttle,
    /// Card opens and server-function calls per client address. Generous: a
    /// whole office, or a carrier's NAT, can share one address.
    pub per_client: Throttle,
    /// Card opens and server-function calls per session (its cookie's hash):
    /// one looping card cannot spend its account's amoCRM budget or the pool.
    /// Keys exist only for sessions found in the store (see [`session_key`]).
    pub per_session: Throttle<[u8; 32]>,
    /// amoCRM calls per card session (by its token id): requests are counted
    /// above, but one request can cost several calls. 90 a minute is 1.5 a
    /// second, a fifth of the account's 7: a colleague's card always finds room.
    pub amo_calls_per_session: Throttle<String>,
}

impl Default for Throttles {
    fn default() -> Self {
        Self {
            oauth_callback: Throttle::new(20, Duration::from_secs(60)),
            unauthenticated: Throttle::new(600, Duration::from_secs(60)),
            preview_failures: Throttle::new(5, Duration::from_secs(300)),
            per_client: Throttle::new(600, Duration::from_secs(60)),
            per_session: Throttle::new(60, Duration::from_secs(60)),
            amo_calls_per_session: Throttle::new(
                AMO_CALLS_PER_SESSION_MINUTE,
                Duration::from_secs(60),
            ),
        }
    }
}

/// amoCRM calls one card session may cost in a minute.
pub const AMO_CALLS_PER_SESSION_MINUTE: usize = 90;

/// The per-session throttle's key for a session cookie's secret.
pub fn session_key(secret: &str) -> [u8; 32] {
    Sha256::digest(secret.as_bytes()).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_over_its_limit_is_refused_and_others_are_not() {
        let t: Throttle = Throttle::new(2, Duration::from_secs(60));
        let a: IpAddr = "10.0.0.1".parse().unwrap();
        let b: IpAddr = "10.0.0.2".parse().unwrap();
        assert!(t.hit(a) && t.hit(a));
        assert!(!t.hit(a));
        assert!(t.blocked(a));
        assert!(!t.blocked(b));
        assert!(t.hit(b));
    }

    #[test]
    fn a_full_map_evicts_the_oldest_keys_instead_of_refusing_newcomers() {
        let t: Throttle<u32> = Throttle::new(3, Duration::from_secs(60));
        assert!(t.hit(0u32) && t.hit(0u32) && t.hit(0u32));
        for k in 1..=MAX_KEYS as u32 {
            assert!(t.hit(k), "key {k}");
        }
        assert!(t.keys() <= MAX_KEYS);
        // Every live window was full; the newcomer still gets in.
        assert!(t.hit(u32::MAX));
        // Recently hit keys keep their windows; the oldest (key 0) went first.
        assert!(t.hit(0u32), "key 0 was evicted, its window forgotten");
        assert!(!t.blocked(MAX_KEYS as u32));
    }

    #[test]
    fn ipv6_clients_count_by_their_64_network() {
        let t: Throttle = Throttle::new(2, Duration::from_secs(60));
        let a: IpAddr = "2001:db8:1:2::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:ffff::9".parse().unwrap();
        let other: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert!(t.hit(a) && t.hit(b));
        assert!(!t.hit(a), "one /64 is one client");
        assert!(t.hit(other));
        let mapped: IpAddr = "::ffff:10.0.0.1".parse().unwrap();
        let v4: IpAddr = "10.0.0.1".parse().unwrap();
        assert_eq!(ClientNet::from(mapped), ClientNet::from(v4));
    }

    #[test]
    fn unknown_sessions_make_no_keys() {
        let t: Throttle<[u8; 32]> = Throttle::new(1, Duration::from_secs(60));
        for i in 0..100u8 {
            assert!(t.hit_known(session_key(&format!("forged-{i}"))));
        }
        assert_eq!(t.keys(), 0, "forged cookies fill nothing");
        let real = session_key("real");
        t.admit(real);
        assert!(t.hit_known(real));
        assert!(!t.hit_known(real), "a known session is limited");
    }

    #[test]
    fn the_window_forgets() {
        let t: Throttle = Throttle::new(1, Duration::from_millis(20));
        let a: IpAddr = "::1".parse().unwrap();
        assert!(t.hit(a));
        assert!(!t.hit(a));
        std::thread::sleep(Duration::from_millis(30));
        assert!(t.hit(a));
    }
}
