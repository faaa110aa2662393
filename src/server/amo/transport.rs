//! The one way this service talks HTTP to amoCRM. Everything that reaches an
//! account's host goes through [`Transport`]: the HTTP client that never follows
//! redirects, the base URL, the per-account rate limiter, retries of idempotent
//! calls, the request metrics and the mapping of answers to [`AmoError`].
//! Tokens are not its business: callers bring one ([`crate::server::amo::accounts`]
//! stores and refreshes them).

use std::sync::Arc;
use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde_json::Value;
use sqlx::PgPool;
use tokio::time::Instant;
use url::Url;

use crate::server::amo::error::OAuthError;
use crate::server::amo::rate_limit::{RateLimiter, AMOCRM_PER_SECOND, DEFAULT_MAX_WAIT};
use crate::server::amo::{loggable_error, AmoError};
use crate::server::base::metrics::Metrics;

/// How long a GET may take in total, retries included.
const GET_DEADLINE: Duration = Duration::from_secs(8);
const MAX_GET_ATTEMPTS: u32 = 3;

tokio::task_local! {
    /// amoCRM requests sent inside [`counting_calls`], for the card-open log line.
    static CALLS: std::cell::Cell<u32>;
    /// Shared rate-window slots a round trip took at once ([`Transport::round_trip`]),
    /// spent by its requests instead of one Postgres statement each.
    static PREPAID: std::cell::Cell<usize>;
}

/// Runs `f` and returns how many amoCRM requests it sent (on this task).
pub async fn counting_calls<F: std::future::Future>(f: F) -> (F::Output, u32) {
    CALLS
        .scope(std::cell::Cell::new(0), async move {
            let out = f.await;
            (out, CALLS.try_with(std::cell::Cell::get).unwrap_or(0))
        })
        .await
}

/// Builds the one HTTP client the process uses for amoCRM. It never follows
/// redirects: a 307/308 would re-send the body (with the client secret) to
/// wherever an open redirect on an account's host points.
pub fn http_client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(Duration::from_secs(3))
        .timeout(Duration::from_secs(6))
        .user_agent(concat!("amo-mobile-card/", env!("CARGO_PKG_VERSION")))
        .pool_idle_timeout(Duration::from_secs(60))
        .build()
        .unwrap_or_default()
}

/// An answer amoCRM gave: its status and body.
pub struct Answer {
    pub status: StatusCode,
    pub body: String,
}

pub struct Transport {
    http: reqwest::Client,
    /// `AMO_API_BASE_URL`: every account's calls go there (the fake, a proxy).
    api_base: Option<Url>,
    /// amoCRM's per-account request limit, keyed by account host (known before the id).
    limiter: RateLimiter,
    /// Where the limiter's shared window lives, kept to rebuild the limiter.
    pool: Option<PgPool>,
    metrics: Arc<Metrics>,
}

impl Transport {
    /// `pool` shares the rate limit between processes; without it the limit is per process.
    pub fn new(api_base: Option<Url>, pool: Option<PgPool>) -> Self {
        let metrics = Arc::new(Metrics::new());
        Self {
            http: http_client(),
            api_base,
            limiter: RateLimiter::new(AMOCRM_PER_SECOND, DEFAULT_MAX_WAIT, pool.clone())
                .count_statements_in(metrics.rate_window_statements()),
            pool,
            metrics,
        }
    }

    /// Overrides amoCRM's 7 requests per second (benchmarks measure the server
    /// alone) and how long a caller may wait for a slot.
    pub fn with_rate_limit(self, per_second: usize, max_wait: Duration) -> Self {
        Self {
            limiter: RateLimiter::new(per_second, max_wait, self.pool.clone())
                .count_statements_in(self.metrics.rate_window_statements()),
            ..self
        }
    }

    /// Counts limiter waits and amoCRM requests in `metrics`.
    pub fn with_metrics(self, metrics: Arc<Metrics>) -> Self {
        Self {
            limiter: self
                .limiter
                .count_statements_in(metrics.rate_window_statements()),
            metrics,
            ..self
        }
    }

    pub fn metrics(&self) -> &Metrics {
        &self.metrics
    }

    /// Where calls for an account go: `AMO_API_BASE_URL` when set, else the account's own host.
    pub fn base_for(&self, host: &str) -> Option<Url> {
        match &self.api_base {
            Some(base) => Some(base.clone()),
            None => Url::parse(&format!("https://{host}/")).ok(),
        }
    }

    /// Runs `f`, a round trip of about `calls` concurrent requests to `host`,
    /// with their shared rate-window slots taken in one Postgres statement.
    /// A request beyond them (a retry, one more than planned) takes its own.
    pub async fn round_trip<F: std::future::Future>(
        &self,
        host: &str,
        calls: usize,
        f: F,
    ) -> Result<F::Output, AmoError> {
        let taken = match self.limiter.reserve_shared(host, calls).await {
            Ok(n) => n,
            Err(_) => {
                self.metrics.limiter_refused();
                return Err(AmoError::RateLimited);
            }
        };
        Ok(PREPAID.scope(std::cell::Cell::new(taken), f).await)
    }

    /// Waits for the account's rate-limit slot, counting the wait or the refusal.
    async fn acquire_slot(&self, host: &str) -> Result<(), AmoError> {
        let prepaid = PREPAID
            .try_with(|left| {
                let n = left.get();
                left.set(n.saturating_sub(1));
                n > 0
            })
            .unwrap_or(false);
        match self.limiter.acquire(host, prepaid).await {
            Ok(waited) => {
                self.metrics.limiter_waited(waited);
                Ok(())
            }
            Err(_) => {
                self.metrics.limiter_refused();
                Err(AmoError::RateLimited)
            }
        }
    }

    /// One API request with `token`, inside the account's rate limit. Idempotent
    /// GETs are retried on 429/502/503/504 or a connection error, with jittered
    /// backoff inside a total deadline; writes are sent once, and a write that
    /// times out is `WriteUncertain`. A 401 comes back as an answer: only the
    /// caller knows whether a refreshed token is worth one more try.
    pub async fn send(
        &self,
        host: &str,
        token: &str,
        method: Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<Answer, AmoError> {
        let idempotent = method == Method::GET;
        let url = self
            .base_for(host)
            .ok_or(AmoError::Unavailable)?
            .join(path.trim_start_matches('/'))
            .map_err(|_| AmoError::BadResponse)?;
        let started = Instant::now();
        let mut attempt = 0;
        loop {
            attempt += 1;
            self.acquire_slot(host).await?;
            let _ = CALLS.try_with(|c| c.set(c.get() + 1));
            let sent = Instant::now();
            let mut req = self
                .http
                .request(method.clone(), url.clone())
                .bearer_auth(token);
            if let Some(v) = body {
                req = req.json(v);
            }
            let retryable = |attempt: u32| {
                idempotent && attempt < MAX_GET_ATTEMPTS && started.elapsed() < GET_DEADLINE
            };
            let res = match req.send().await {
                Ok(r) => r,
                Err(e) => {
                    self.metrics.amo_request(path, None, sent.elapsed());
                    if retryable(attempt) && (e.is_connect() || e.is_timeout()) {
                        self.metrics.amo_retry(path);
                        backoff(attempt).await;
                        continue;
                    }
                    tracing::warn!(path = %path_only(path), error = %e, "amoCRM request failed");
                    // A write that never connected was never sent; any other
                    // lost write (a timeout, a connection cut after sending)
                    // may have reached amoCRM.
                    return Err(if !idempotent && !e.is_connect() {
                        AmoError::WriteUncertain
                    } else {
                        AmoError::Unavailable
                    });
                }
            };
            let status = res.status();
            self.metrics
                .amo_request(path, Some(status.as_u16()), sent.elapsed());
            if matches!(status.as_u16(), 429 | 502 | 503 | 504) && retryable(attempt) {
                self.metrics.amo_retry(path);
                backoff(attempt).await;
                continue;
            }
            return match res.text().await {
                // A gateway's 502/503/504 (not amoCRM's own problem+json) to a
                // write says nothing of whether amoCRM applied it.
                Ok(body) if !idempotent && gateway_failure(status, &body) => {
                    tracing::warn!(path = %path_only(path), status = status.as_u16(), "a write met a gateway failure: it may be saved");
                    Err(AmoError::WriteUncertain)
                }
                Ok(body) => Ok(Answer { status, body }),
                Err(_) if !idempotent => Err(AmoError::WriteUncertain),
                Err(_) => Err(AmoError::Unavailable),
            };
        }
    }

    /// A POST to the OAuth token endpoint. Sent once: a refresh token is single
    /// use, and a retry of a request amoCRM did receive would burn the grant.
    pub async fn token_endpoint(&self, host: &str, body: &Value) -> Result<Answer, OAuthError> {
        let url = self
            .base_for(host)
            .and_then(|b| b.join("oauth2/access_token").ok())
            .ok_or(OAuthError::Unavailable)?;
        let sent = std::time::Instant::now();
        let res = self.http.post(url).json(body).send().await.map_err(|e| {
            self.metrics
                .amo_request("/oauth2/access_token", None, sent.elapsed());
            if e.is_timeout() {
                OAuthError::Timeout
            } else {
                OAuthError::Unavailable
            }
        })?;
        let status = res.status();
        self.metrics.amo_request(
            "/oauth2/access_token",
            Some(status.as_u16()),
            sent.elapsed(),
        );
        let body = res.text().await.map_err(|_| OAuthError::Unavailable)?;
        Ok(Answer { status, body })
    }
}

async fn backoff(attempt: u32) {
    // 200 ms, 400 ms, ... with up to 50% jitter, so a burst of callers spreads out.
    let base = 200u64 << attempt.saturating_sub(1).min(4);
    let jitter = rand::random::<u64>() % (base / 2 + 1);
    tokio::time::sleep(Duration::from_millis(base + jitter)).await;
}

/// A 502, 503 or 504 whose body is not amoCRM's own problem JSON (a
/// `status` and `title`): a proxy or balancer in front of amoCRM answered.
fn gateway_failure(status: StatusCode, body: &str) -> bool {
    if !matches!(status.as_u16(), 502..=504) {
        return false;
    }
    let amocrm_problem = serde_json::from_str::<Value>(body)
        .is_ok_and(|v| v.get("status").is_some() && v.get("title").is_some());
    !amocrm_problem
}

pub fn path_only(path: &str) -> &str {
    path.split('?').next().unwrap_or(path)
}

/// What an answer means for the card: its JSON (`None` for 204 or an empty
/// body) or the typed failure. Logs what may be logged of an error body.
pub fn map_answer(path: &str, answer: &Answer) -> Result<Option<Value>, AmoError> {
    let (status, text) = (answer.status, answer.body.as_str());
    let log = |kind: &str| {
        tracing::warn!(path = %path_only(path), status = status.as_u16(), body = %loggable_error(text), "amoCRM {kind}");
    };
    match status.as_u16() {
        204 => Ok(None),
        200..=299 => {
            if text.trim().is_empty() {
                return Ok(None);
            }
            serde_json::from_str(text).map(Some).map_err(|_| {
                log("sent invalid JSON");
                AmoError::BadResponse
            })
        }
        404 => Err(AmoError::NotFound),
        401 => Err(AmoError::NeedsReinstall),
        // Every page of amoCRM's docs lists 402 as "the account is not paid";
        // the customers endpoints also answer it when customers are off.
        402 if path_only(path).starts_with("/api/v4/customers") => Err(AmoError::CustomersDisabled),
        402 => {
            log("says the account is not paid");
            Err(AmoError::AccountUnpaid)
        }
        403 => {
            log("refused access");
            Err(AmoError::NoAccess)
        }
        422 if path_only(path).starts_with("/api/v4/customers") => Err(AmoError::CustomersDisabled),
        400 | 422 => {
            log("rejected the request");
            // Title, status and each validation error's code and path travel
            // with the error into every log line that names it; `detail`
            // texts and values never (they may echo personal data).
            Err(AmoError::Rejected(loggable_error(text)))
        }
        429 => Err(AmoError::RateLimited),
        _ => {
            log("failed");
            Err(AmoError::Unavailable)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_amocrms_own_problem_says_a_write_failed() {
        let problem =
            r#"{"title":"Service Unavailable","type":"https://httpstatus.es/503","status":503}"#;
        assert!(!gateway_failure(StatusCode::SERVICE_UNAVAILABLE, problem));
        assert!(gateway_failure(
            StatusCode::BAD_GATEWAY,
            "<html>502 Bad Gateway</html>"
        ));
        assert!(gateway_failure(StatusCode::GATEWAY_TIMEOUT, ""));
        assert!(gateway_failure(
            StatusCode::SERVICE_UNAVAILABLE,
            r#"{"message":"busy"}"#
        ));
        assert!(!gateway_failure(
            StatusCode::INTERNAL_SERVER_ERROR,
            "<html>"
        ));
        assert!(!gateway_failure(StatusCode::BAD_REQUEST, ""));
    }

    #[test]
    fn a_rejection_keeps_amocrms_validation_codes_and_paths_but_no_values() {
        let body = r#"{"title":"Bad Request","status":400,"validation-errors":[{"request_id":"0",
            "errors":[{"code":"NotSupportedChoice","path":"custom_fields_values.0.values.0.enum_id",
            "detail":"Иван Петров +7 900"}]}]}"#;
        let answer = Answer {
            status: StatusCode::BAD_REQUEST,
            body: body.to_owned(),
        };
        let Err(AmoError::Rejected(why)) = map_answer("/api/v4/leads/1", &answer) else {
            panic!("a 400 is a rejection");
        };
        assert!(
            why.contains("NotSupportedChoice@custom_fields_values.0.values.0.enum_id"),
            "{why}"
        );
        assert!(!why.contains("Иван") && !why.contains("900"), "{why}");
        // 402: the account is not paid, except where customers are off.
        let unpaid = Answer {
            status: StatusCode::PAYMENT_REQUIRED,
            body: String::new(),
        };
        assert_eq!(
            map_answer("/api/v4/leads/1", &unpaid),
            Err(AmoError::AccountUnpaid)
        );
        assert_eq!(
            map_answer("/api/v4/customers/1", &unpaid),
            Err(AmoError::CustomersDisabled)
        );
    }
}
