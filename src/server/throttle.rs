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

use axum::body::Body;
use axum::extract::State;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::header::RETRY_AFTER;
use http::{Request, StatusCode};
use sha2::{Digest, Sha256};

use crate::server::request::client_ip;
use crate::server::session::session_secret;
use crate::server::state::AppState;

/// Keys kept at most; past this the oldest windows are dropped first.
const MAX_KEYS: usize = 10_000;

pub struct Throttle<K = IpAddr> {
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
    pub fn hit(&self, key: K) -> bool {
        self.check(key, true)
    }

    /// Whether `key` is over the limit now, without recording anything.
    pub fn blocked(&self, key: K) -> bool {
        !self.check(key, false)
    }

    fn check(&self, key: K, record: bool) -> bool {
        let now = Instant::now();
        let mut hits = self.hits.lock().unwrap_or_else(|p| p.into_inner());
        if hits.len() >= MAX_KEYS && !hits.contains_key(&key) {
            hits.retain(|_, q| {
                q.back()
                    .is_some_and(|t| now.duration_since(*t) < self.window)
            });
            if hits.len() >= MAX_KEYS {
                return false;
            }
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
        if record {
            q.push_back(now);
        }
        true
    }
}

/// The throttles of one process.
pub struct Throttles {
    /// `/oauth/callback`: unauthenticated, and each request calls amoCRM.
    pub oauth_callback: Throttle,
    /// Failed `/preview` logins: a shared password must not be guessable.
    pub preview_failures: Throttle,
    /// Card opens and server-function calls per client address. Generous: a
    /// whole office, or a carrier's NAT, can share one address.
    pub per_client: Throttle,
    /// Card opens and server-function calls per session cookie (its hash): one
    /// looping card cannot spend its account's amoCRM budget or the pool.
    pub per_session: Throttle<[u8; 32]>,
}

impl Default for Throttles {
    fn default() -> Self {
        Self {
            oauth_callback: Throttle::new(20, Duration::from_secs(60)),
            preview_failures: Throttle::new(5, Duration::from_secs(300)),
            per_client: Throttle::new(600, Duration::from_secs(60)),
            per_session: Throttle::new(60, Duration::from_secs(60)),
        }
    }
}

/// In front of the card and the server functions: per client address, then
/// per session cookie. Past either limit: 429 before any Postgres or amoCRM work.
pub async fn requests(State(state): State<AppState>, req: Request<Body>, next: Next) -> Response {
    let throttles = &state.throttles;
    let client = client_ip(
        req.headers(),
        req.extensions(),
        state.settings.trust_proxy_headers,
    );
    // A loopback peer is a local proxy (or benchmark) speaking for many clients:
    // behind a proxy, per-client limits need TRUST_PROXY_HEADERS.
    let over_client = client.is_some_and(|ip| !ip.is_loopback() && !throttles.per_client.hit(ip));
    let session = session_secret(req.headers(), state.settings.secure_cookies())
        .map(|secret| <[u8; 32]>::from(Sha256::digest(secret.as_bytes())));
    let over_session = !over_client && session.is_some_and(|k| !throttles.per_session.hit(k));
    if over_client || over_session {
        tracing::warn!(
            per = if over_client { "client" } else { "session" },
            "requests throttled"
        );
        return (
            StatusCode::TOO_MANY_REQUESTS,
            [(RETRY_AFTER, "60")],
            "Too many requests from this card or address; try again in a minute.\n",
        )
            .into_response();
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_over_its_limit_is_refused_and_others_are_not() {
        let t = Throttle::new(2, Duration::from_secs(60));
        let a: IpAddr = "10.0.0.1".parse().unwrap();
        let b: IpAddr = "10.0.0.2".parse().unwrap();
        assert!(t.hit(a) && t.hit(a));
        assert!(!t.hit(a));
        assert!(t.blocked(a));
        assert!(!t.blocked(b));
        assert!(t.hit(b));
    }

    #[test]
    fn the_window_forgets() {
        let t = Throttle::new(1, Duration::from_millis(20));
        let a: IpAddr = "::1".parse().unwrap();
        assert!(t.hit(a));
        assert!(!t.hit(a));
        std::thread::sleep(Duration::from_millis(30));
        assert!(t.hit(a));
    }
}
