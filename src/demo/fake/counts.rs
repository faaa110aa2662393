//! What the fake amoCRM saw: requests per endpoint, refused ones, and the
//! busiest second per account. Tests and the benchmark assert on these.

use std::collections::HashMap;
use std::time::Duration;

use tokio::time::Instant;

use super::{FakeAmo, TOO_MANY_REQUESTS};

impl FakeAmo {
    /// Requests seen for one endpoint, named like `GET /api/v4/leads/{id}`.
    pub fn count(&self, endpoint: &str) -> u64 {
        self.with(|s| s.counts.get(endpoint).copied().unwrap_or(0))
    }

    /// API requests answered 429 because the account sent more than 7 in a second.
    pub fn too_many_requests(&self) -> u64 {
        self.count(TOO_MANY_REQUESTS)
    }

    /// Refresh grants seen at the token endpoint.
    pub fn refresh_calls(&self) -> u64 {
        self.count("POST /oauth2/access_token refresh_token")
    }

    /// Requests to `/api/v4/...` in total.
    pub fn api_calls(&self) -> u64 {
        self.with(|s| {
            s.counts
                .iter()
                .filter(|(k, _)| k.contains("/api/v4/"))
                .map(|(_, v)| v)
                .sum()
        })
    }

    pub fn reset_counts(&self) {
        self.with(|s| {
            s.counts.clear();
            s.all_sends.clear();
        });
    }

    /// The waves of API requests since the counts were reset: requests more
    /// than `gap` after the one before start a new wave. With the fake's
    /// latency above `gap`, each wave is one round trip of the card.
    pub fn round_trips(&self, gap: Duration) -> usize {
        self.with(|s| {
            let mut times: Vec<Instant> = s.all_sends.iter().map(|(t, _)| *t).collect();
            times.sort();
            let starts = times.windows(2).filter(|w| w[1] - w[0] > gap).count();
            if times.is_empty() {
                0
            } else {
                starts + 1
            }
        })
    }

    /// The most API requests any account made within any one-second window.
    pub fn peak_per_second(&self) -> usize {
        self.with(|s| {
            let mut by_account: HashMap<i64, Vec<Instant>> = HashMap::new();
            for (t, a) in &s.all_sends {
                by_account.entry(*a).or_default().push(*t);
            }
            by_account
                .values()
                .map(|times| {
                    times
                        .iter()
                        .enumerate()
                        .map(|(i, t)| {
                            times[i..]
                                .iter()
                                .take_while(|u| u.duration_since(*t) < Duration::from_secs(1))
                                .count()
                        })
                        .max()
                        .unwrap_or(0)
                })
                .max()
                .unwrap_or(0)
        })
    }
}
