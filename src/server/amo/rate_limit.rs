//! amoCRM's per-account request limit, held across every replica.
//!
//! Two windows, both "at most N sends in any sliding window": a local one in
//! memory, so a process never asks Postgres for a slot it could not get anyway,
//! and the shared one in Postgres (`take_rate_slot`), which all replicas take
//! from. A token bucket with burst N would let 2N through across a window
//! boundary; amoCRM counts per second, so the windows keep send times instead.
//! The window is a little longer than a second to absorb network jitter.
//!
//! Waiting is bounded: a caller that cannot get a slot before its deadline is
//! refused at once (the card shows its rate-limited state) instead of joining
//! an ever-growing queue.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::Duration;

use prometheus_client::metrics::counter::Counter;
use sqlx::PgPool;
use tokio::time::Instant;

/// amoCRM's documented 7 requests per second per integration and account.
pub const AMOCRM_PER_SECOND: usize = 7;
/// One second plus 150 ms for a slow first connection that lands a request
/// later than it was sent, bunching it with the next window's.
pub const WINDOW: Duration = Duration::from_millis(1_150);
/// How long a caller may wait for a slot unless configured otherwise.
pub const DEFAULT_MAX_WAIT: Duration = crate::server::base::config::DEFAULT_RATE_LIMIT_WAIT;

/// No slot could be had before the caller's deadline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("no amoCRM request slot before the deadline")]
pub struct SlotTimeout;

/// The in-process window.
pub struct SlidingWindowLimiter {
    limit: usize,
    window: Duration,
    sent: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl SlidingWindowLimiter {
    pub fn new(limit: usize, window: Duration) -> Self {
        Self {
            limit: limit.max(1),
            window,
            sent: Mutex::default(),
        }
    }

    /// Records a send for `key` and returns `None`, or says how long until one is possible.
    fn try_take(&self, key: &str) -> Option<Duration> {
        let mut sent = self.sent.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        let q = sent.entry(key.to_owned()).or_default();
        while q
            .front()
            .is_some_and(|t| now.duration_since(*t) >= self.window)
        {
            q.pop_front();
        }
        if q.len() < self.limit {
            q.push_back(now);
            return None;
        }
        // Full: the oldest send leaves the window first.
        Some(q.front().map_or(self.window, |t| {
            self.window.saturating_sub(now.duration_since(*t))
        }))
    }

    /// Waits until a send for `key` fits, and records it; refuses when that is past `deadline`.
    pub async fn acquire_until(&self, key: &str, deadline: Instant) -> Result<(), SlotTimeout> {
        loop {
            let Some(wait) = self.try_take(key) else {
                return Ok(());
            };
            sleep_before(wait, deadline).await?;
        }
    }

    /// Waits as long as it takes (tests of the window itself).
    pub async fn acquire(&self, key: &str) {
        let far = Instant::now() + Duration::from_secs(86_400);
        let _ = self.acquire_until(key, far).await;
    }
}

/// Sleeps `wait` unless waking would be past `deadline`: then refuses at once.
async fn sleep_before(wait: Duration, deadline: Instant) -> Result<(), SlotTimeout> {
    if Instant::now() + wait > deadline {
        return Err(SlotTimeout);
    }
    tokio::time::sleep(wait).await;
    Ok(())
}

/// The window every replica shares, in Postgres.
pub struct SharedWindow {
    pool: PgPool,
    limit: usize,
    window: Duration,
    /// Statements sent (`amo_card_rate_window_statements_total`).
    statements: Counter,
}

impl SharedWindow {
    pub fn new(pool: PgPool, limit: usize, window: Duration) -> Self {
        Self {
            pool,
            limit: limit.max(1),
            window,
            statements: Counter::default(),
        }
    }

    /// One statement: `None` when `n` slots (at most the limit) were taken,
    /// all of them, else how long until they fit.
    pub async fn try_take(&self, key: &str, n: usize) -> Result<Option<Duration>, sqlx::Error> {
        self.statements.inc();
        let wait_ms: i32 = sqlx::query_scalar("SELECT take_rate_slots($1, $2, $3, $4)")
            .bind(key)
            .bind(i32::try_from(self.limit).unwrap_or(i32::MAX))
            .bind(i32::try_from(self.window.as_millis()).unwrap_or(i32::MAX))
            .bind(i32::try_from(n.clamp(1, self.limit)).unwrap_or(1))
            .fetch_one(&self.pool)
            .await?;
        Ok((wait_ms > 0).then(|| Duration::from_millis(wait_ms.unsigned_abs().into())))
    }
}

/// What an amoCRM call waits on: the local window, then the shared one.
pub struct RateLimiter {
    local: SlidingWindowLimiter,
    shared: Option<SharedWindow>,
    max_wait: Duration,
}

impl RateLimiter {
    /// `per_second` requests per account; `pool` shares the window with other
    /// replicas (`None`: this process alone, as in a demo without a database).
    pub fn new(per_second: usize, max_wait: Duration, pool: Option<PgPool>) -> Self {
        Self {
            local: SlidingWindowLimiter::new(per_second, WINDOW),
            shared: pool.map(|p| SharedWindow::new(p, per_second, WINDOW)),
            max_wait,
        }
    }

    pub fn max_wait(&self) -> Duration {
        self.max_wait
    }

    /// Counts the shared window's statements in `counter`.
    pub fn count_statements_in(mut self, counter: Counter) -> Self {
        if let Some(shared) = &mut self.shared {
            shared.statements = counter;
        }
        self
    }

    /// Waits for a slot for `key` (the account host) at most the configured
    /// time; returns how long it waited. `prepaid`: the shared slot was
    /// already taken with its round trip's ([`Self::reserve_shared`]).
    pub async fn acquire(&self, key: &str, prepaid: bool) -> Result<Duration, SlotTimeout> {
        let started = Instant::now();
        let deadline = started + self.max_wait;
        self.local.acquire_until(key, deadline).await?;
        if !prepaid {
            self.shared_until(key, 1, deadline).await?;
        }
        Ok(started.elapsed())
    }

    /// Takes `n` shared slots of `key` at once, for the calls of one round
    /// trip (one Postgres statement instead of `n`); all or none, waiting at
    /// most the configured time. How many were taken (0 without Postgres).
    pub async fn reserve_shared(&self, key: &str, n: usize) -> Result<usize, SlotTimeout> {
        let Some(shared) = &self.shared else {
            return Ok(0);
        };
        let n = n.min(shared.limit);
        if n == 0 {
            return Ok(0);
        }
        let deadline = Instant::now() + self.max_wait;
        Ok(if self.shared_until(key, n, deadline).await? {
            n
        } else {
            0
        })
    }

    /// Takes `n` shared slots before `deadline`; `false` when Postgres could
    /// not be asked (the local window still holds then).
    async fn shared_until(
        &self,
        key: &str,
        n: usize,
        deadline: Instant,
    ) -> Result<bool, SlotTimeout> {
        let Some(shared) = &self.shared else {
            return Ok(false);
        };
        loop {
            match shared.try_take(key, n).await {
                Ok(None) => return Ok(true),
                Ok(Some(wait)) => sleep_before(wait, deadline).await?,
                Err(e) => {
                    // Without Postgres no card opens anyway; the local window still holds.
                    tracing::warn!(error = %e, "shared rate window unavailable; local limit only");
                    return Ok(false);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[tokio::test(start_paused = true)]
    async fn never_more_than_the_limit_in_any_window() {
        let limiter = Arc::new(SlidingWindowLimiter::new(7, Duration::from_secs(1)));
        let start = Instant::now();
        let mut handles = Vec::new();
        for _ in 0..30 {
            let l = limiter.clone();
            handles.push(tokio::spawn(async move {
                l.acquire("a").await;
                Instant::now()
            }));
        }
        let mut times = Vec::new();
        for h in handles {
            times.push(h.await.unwrap());
        }
        times.sort();
        for (i, t) in times.iter().enumerate() {
            let in_window = times[i..]
                .iter()
                .take_while(|u| u.duration_since(*t) < Duration::from_secs(1))
                .count();
            assert!(in_window <= 7, "{in_window} sends within a second");
        }
        // 30 sends at 7 per second need at least four full windows.
        assert!(times.last().unwrap().duration_since(start) >= Duration::from_secs(4));
    }

    #[tokio::test(start_paused = true)]
    async fn a_wait_past_the_deadline_is_refused_at_once() {
        let limiter = RateLimiter::new(2, Duration::from_secs(1), None);
        let start = Instant::now();
        limiter.acquire("a", false).await.unwrap();
        limiter.acquire("a", false).await.unwrap();
        // The window frees in 1.15 s, past the 1 s allowed: refused without sleeping.
        assert_eq!(limiter.acquire("a", false).await, Err(SlotTimeout));
        assert_eq!(Instant::now(), start);
        tokio::time::advance(WINDOW).await;
        assert!(limiter.acquire("a", false).await.is_ok());
    }

    #[tokio::test(start_paused = true)]
    async fn a_wait_within_the_deadline_is_served() {
        let limiter = RateLimiter::new(1, Duration::from_secs(2), None);
        let start = Instant::now();
        limiter.acquire("a", false).await.unwrap();
        let waited = limiter.acquire("a", false).await.unwrap();
        assert_eq!(waited, WINDOW);
        assert_eq!(Instant::now() - start, WINDOW);
    }

    #[tokio::test(start_paused = true)]
    async fn accounts_are_limited_independently() {
        let limiter = SlidingWindowLimiter::new(2, Duration::from_secs(1));
        let start = Instant::now();
        for account in ["a", "b", "c", "d", "e"] {
            limiter.acquire(account).await;
            limiter.acquire(account).await;
        }
        assert_eq!(Instant::now(), start);
    }
}
