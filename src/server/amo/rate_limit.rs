//! At most N requests per account in any sliding window, process-wide.
//!
//! A token bucket with burst N lets 2N requests through across a window
//! boundary; amoCRM counts per second, so this keeps the send times of the last
//! N requests and waits until the oldest leaves the window. The window is a
//! little longer than a second to absorb network jitter between us and amoCRM.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

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

    /// amoCRM's documented 7 requests per second per integration and account.
    /// The extra 150 ms absorb a slow first connection that lands a request
    /// later than it was sent, bunching it with the next window's.
    pub fn amocrm() -> Self {
        Self::per_second(7)
    }

    /// `limit` requests per second, with the same jitter margin as [`Self::amocrm`].
    pub fn per_second(limit: usize) -> Self {
        Self::new(limit, Duration::from_millis(1_150))
    }

    /// Waits until a request for `account` (its host) may be sent, and records it.
    pub async fn acquire(&self, account: &str) {
        loop {
            let wait = {
                let mut sent = self.sent.lock().unwrap_or_else(|p| p.into_inner());
                let now = Instant::now();
                let q = sent.entry(account.to_owned()).or_default();
                while q
                    .front()
                    .is_some_and(|t| now.duration_since(*t) >= self.window)
                {
                    q.pop_front();
                }
                if q.len() < self.limit {
                    q.push_back(now);
                    return;
                }
                // Full: the oldest send leaves the window first.
                q.front()
                    .map(|t| self.window.saturating_sub(now.duration_since(*t)))
            };
            tokio::time::sleep(wait.unwrap_or(self.window)).await;
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
