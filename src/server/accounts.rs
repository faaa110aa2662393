//! Installed accounts and their OAuth tokens: install, the token cache,
//! exactly-once refresh, disconnect.
//!
//! amoCRM refresh tokens are single use: two racing refreshes revoke the
//! grant. Within a process, a per-account mutex makes concurrent callers wait
//! for one refresh; across processes, the account row is locked
//! (`SELECT … FOR UPDATE`) for the duration of the refresh and re-read after
//! the lock is taken, so a waiter that finds a fresh token uses it instead of
//! refreshing again. The new pair is committed before anyone uses it.

pub mod cipher;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};
use sqlx::PgPool;
use url::Url;

use crate::server::amo::oauth::{OAuthClient, OAuthError};
use crate::server::amo::rate_limit::{RateLimiter, AMOCRM_PER_SECOND, DEFAULT_MAX_WAIT};
use crate::server::amo::types::{Account, TokenPair};
use crate::server::amo::{base_url, AmoError};
use crate::server::metrics::Metrics;
use cipher::TokenCipher;

/// Refresh this long before amoCRM would reject the access token.
pub const REFRESH_MARGIN_SECS: i64 = 300;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccountStatus {
    Active,
    NeedsReinstall,
}

impl AccountStatus {
    fn as_str(self) -> &'static str {
        match self {
            AccountStatus::Active => "active",
            AccountStatus::NeedsReinstall => "needs_reinstall",
        }
    }
    fn parse(s: &str) -> Self {
        if s == "active" {
            AccountStatus::Active
        } else {
            AccountStatus::NeedsReinstall
        }
    }
}

/// One row of the token cache, tokens still encrypted.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AccountRow {
    pub account_id: i64,
    pub host: String,
    pub key_id: String,
    pub access_token: Vec<u8>,
    pub refresh_token: Vec<u8>,
    pub access_expires_at: DateTime<Utc>,
    pub status: String,
    pub installed_at: DateTime<Utc>,
    pub refreshed_at: Option<DateTime<Utc>>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum InstallError {
    #[error("the account address {0:?} is not an amoCRM account")]
    BadReferer(String),
    #[error("the authorization code is missing")]
    MissingCode,
    #[error("the request is for another integration")]
    WrongClient,
    #[error("amoCRM did not accept the authorization code: {0}")]
    CodeRejected(String),
    #[error("amoCRM did not answer in time")]
    Timeout,
    #[error("too many requests to this amoCRM account right now")]
    RateLimited,
    #[error("amoCRM is unavailable")]
    Unavailable,
    #[error("amoCRM sent a response we cannot read")]
    BadResponse,
    #[error("our database is unavailable")]
    Store,
}

#[derive(Clone)]
enum Backend {
    Postgres(PgPool),
    Memory(Arc<Mutex<HashMap<i64, AccountRow>>>),
}

pub struct Accounts {
    backend: Backend,
    cipher: TokenCipher,
    oauth: OAuthClient,
    api_base: Option<Url>,
    allowed_domains: Vec<String>,
    /// One async lock per account: in-process waiters queue here, not at Postgres.
    locks: Mutex<HashMap<i64, Arc<tokio::sync::Mutex<()>>>>,
    /// amoCRM's per-account request limit, keyed by account host (known before the id).
    limiter: RateLimiter,
    metrics: Arc<Metrics>,
}

fn store_err(e: sqlx::Error) -> AmoError {
    tracing::error!(error = %e, "token store query failed");
    AmoError::Store
}

impl Accounts {
    pub fn new(
        pool: Option<PgPool>,
        cipher: TokenCipher,
        oauth: OAuthClient,
        api_base: Option<Url>,
        allowed_domains: Vec<String>,
    ) -> Self {
        let limiter = RateLimiter::new(AMOCRM_PER_SECOND, DEFAULT_MAX_WAIT, pool.clone());
        let backend = match pool {
            Some(p) => Backend::Postgres(p),
            None => Backend::Memory(Arc::default()),
        };
        Self {
            backend,
            cipher,
            oauth,
            api_base,
            allowed_domains,
            locks: Mutex::default(),
            limiter,
            metrics: Arc::new(Metrics::new()),
        }
    }

    /// Counts refreshes, limiter waits and amoCRM requests in `metrics`.
    pub fn with_metrics(self, metrics: Arc<Metrics>) -> Self {
        Self { metrics, ..self }
    }

    pub fn metrics(&self) -> &Metrics {
        &self.metrics
    }

    /// Overrides amoCRM's 7 requests per second (benchmarks measure the server
    /// alone) and how long a caller may wait for a slot.
    pub fn with_rate_limit(self, per_second: usize, max_wait: std::time::Duration) -> Self {
        let pool = match &self.backend {
            Backend::Postgres(p) => Some(p.clone()),
            Backend::Memory(_) => None,
        };
        Self {
            limiter: RateLimiter::new(per_second, max_wait, pool),
            ..self
        }
    }

    pub fn http(&self) -> &reqwest::Client {
        &self.oauth.http
    }

    pub fn limiter(&self) -> &RateLimiter {
        &self.limiter
    }

    /// Waits for the account's rate-limit slot, counting the wait or the refusal.
    pub async fn acquire_slot(&self, host: &str) -> Result<(), AmoError> {
        match self.limiter.acquire(host).await {
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

    /// Validates an account host such as `example.amocrm.ru` against the allowed domains.
    pub fn validate_host(&self, referer: &str) -> Result<String, InstallError> {
        let host = referer
            .trim()
            .trim_start_matches("https://")
            .trim_end_matches('/')
            .to_ascii_lowercase();
        let ok = host.split_once('.').is_some_and(|(sub, domain)| {
            !sub.is_empty()
                && sub.len() <= 63
                && sub.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && self.allowed_domains.iter().any(|d| d == domain)
        });
        if ok {
            Ok(host)
        } else {
            Err(InstallError::BadReferer(
                referer.chars().take(100).collect(),
            ))
        }
    }

    pub fn base_for(&self, host: &str) -> Option<Url> {
        base_url(self.api_base.as_ref(), host)
    }

    /// Exchanges an install code and stores the account's tokens. A failed
    /// exchange writes nothing, so it never destroys a working grant.
    pub async fn install(&self, referer: &str, code: &str) -> Result<i64, InstallError> {
        let host = self.validate_host(referer)?;
        if code.trim().is_empty() {
            return Err(InstallError::MissingCode);
        }
        let base = self
            .base_for(&host)
            .ok_or(InstallError::BadReferer(host.clone()))?;
        let pair = self
            .oauth
            .exchange_code(&base, code.trim())
            .await
            .map_err(|e| match e {
                OAuthError::Rejected { hint, .. } => InstallError::CodeRejected(hint),
                OAuthError::Timeout => InstallError::Timeout,
                OAuthError::Unavailable => InstallError::Unavailable,
                OAuthError::BadResponse => InstallError::BadResponse,
            })?;
        let account = self.fetch_account(&base, &host, &pair.access_token).await?;
        self.store_pair(account.id, &host, &pair, true)
            .await
            .map_err(|_| InstallError::Store)?;
        tracing::info!(account_id = account.id, host = %host, "account installed");
        Ok(account.id)
    }

    /// `GET /api/v4/account` with a fresh token, to learn whose grant this is.
    async fn fetch_account(
        &self,
        base: &Url,
        host: &str,
        access: &str,
    ) -> Result<Account, InstallError> {
        let url = base
            .join("api/v4/account")
            .map_err(|_| InstallError::Unavailable)?;
        self.acquire_slot(host)
            .await
            .map_err(|_| InstallError::RateLimited)?;
        let res = self
            .oauth
            .http
            .get(url)
            .bearer_auth(access)
            .send()
            .await
            .map_err(|e| {
                if e.is_timeout() {
                    InstallError::Timeout
                } else {
                    InstallError::Unavailable
                }
            })?;
        if !res.status().is_success() {
            tracing::warn!(
                status = res.status().as_u16(),
                "account lookup after install failed"
            );
            return Err(InstallError::Unavailable);
        }
        res.json::<Account>()
            .await
            .ok()
            .filter(|a| a.id > 0)
            .ok_or(InstallError::BadResponse)
    }

    async fn store_pair(
        &self,
        account_id: i64,
        host: &str,
        pair: &TokenPair,
        install: bool,
    ) -> Result<(), AmoError> {
        let now = Utc::now();
        let row = AccountRow {
            account_id,
            host: host.to_owned(),
            key_id: self.cipher.key_id().to_owned(),
            access_token: self
                .cipher
                .encrypt(account_id, "access", &pair.access_token),
            refresh_token: self
                .cipher
                .encrypt(account_id, "refresh", &pair.refresh_token),
            access_expires_at: now + Duration::seconds(pair.expires_in.clamp(60, 90 * 86_400)),
            status: AccountStatus::Active.as_str().to_owned(),
            installed_at: now,
            refreshed_at: (!install).then_some(now),
        };
        match &self.backend {
            Backend::Postgres(pool) => {
                sqlx::query(
                    "INSERT INTO accounts (account_id, host, key_id, access_token, refresh_token, \
                     access_expires_at, status, installed_at, refreshed_at) \
                     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) \
                     ON CONFLICT (account_id) DO UPDATE SET host = EXCLUDED.host, key_id = EXCLUDED.key_id, \
                     access_token = EXCLUDED.access_token, refresh_token = EXCLUDED.refresh_token, \
                     access_expires_at = EXCLUDED.access_expires_at, status = EXCLUDED.status, \
                     installed_at = EXCLUDED.installed_at, refreshed_at = NULL",
                )
                .bind(row.account_id)
                .bind(&row.host)
                .bind(&row.key_id)
                .bind(&row.access_token)
                .bind(&row.refresh_token)
                .bind(row.access_expires_at)
                .bind(&row.status)
                .bind(row.installed_at)
                .bind(row.refreshed_at)
                .execute(pool)
                .await
                .map_err(store_err)?;
            }
            Backend::Memory(map) => {
                map.lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .insert(account_id, row);
            }
        }
        Ok(())
    }

    async fn load(&self, account_id: i64) -> Result<Option<AccountRow>, AmoError> {
        match &self.backend {
            Backend::Postgres(pool) => sqlx::query_as::<_, AccountRow>(
                "SELECT account_id, host, key_id, access_token, refresh_token, access_expires_at, status, \
                 installed_at, refreshed_at FROM accounts WHERE account_id = $1",
            )
            .bind(account_id)
            .fetch_optional(pool)
            .await
            .map_err(store_err),
            Backend::Memory(map) => Ok(map
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .get(&account_id)
                .cloned()),
        }
    }

    fn decrypt(&self, row: &AccountRow, field: &str) -> Result<String, AmoError> {
        let blob = if field == "access" {
            &row.access_token
        } else {
            &row.refresh_token
        };
        self.cipher
            .decrypt(row.account_id, field, &row.key_id, blob)
            .map_err(|e| {
                // A row written under a retired key cannot be used: the admin must reinstall.
                tracing::error!(account_id = row.account_id, error = %e, "cannot decrypt stored token");
                AmoError::NeedsReinstall
            })
    }

    /// The account's host and a usable access token, refreshing it shortly before expiry.
    pub async fn access_token(&self, account_id: i64) -> Result<(String, String), AmoError> {
        let row = self.load(account_id).await?.ok_or(AmoError::NotInstalled)?;
        if AccountStatus::parse(&row.status) != AccountStatus::Active {
            return Err(AmoError::NeedsReinstall);
        }
        let access = self.decrypt(&row, "access")?;
        if row.access_expires_at > Utc::now() + Duration::seconds(REFRESH_MARGIN_SECS) {
            return Ok((row.host, access));
        }
        let fresh = self.refresh(account_id, &access).await?;
        Ok((row.host, fresh))
    }

    /// Replaces `stale_access` with a fresh access token, refreshing at most once
    /// across all processes; callers that lost the race get the winner's token.
    pub async fn refresh(&self, account_id: i64, stale_access: &str) -> Result<String, AmoError> {
        let lock = {
            let mut locks = self.locks.lock().unwrap_or_else(|p| p.into_inner());
            locks.entry(account_id).or_default().clone()
        };
        let _guard = lock.lock().await;
        match &self.backend {
            Backend::Postgres(pool) => {
                let mut tx = pool.begin().await.map_err(store_err)?;
                let row = sqlx::query_as::<_, AccountRow>(
                    "SELECT account_id, host, key_id, access_token, refresh_token, access_expires_at, status, \
                     installed_at, refreshed_at FROM accounts WHERE account_id = $1 FOR UPDATE",
                )
                .bind(account_id)
                .fetch_optional(&mut *tx)
                .await
                .map_err(store_err)?
                .ok_or(AmoError::NotInstalled)?;
                let outcome = self.refresh_row(&row, stale_access).await;
                match &outcome {
                    RefreshOutcome::AlreadyFresh(_) => {}
                    RefreshOutcome::Refreshed(pair) => {
                        let now = Utc::now();
                        sqlx::query(
                            "UPDATE accounts SET key_id = $2, access_token = $3, refresh_token = $4, \
                             access_expires_at = $5, refreshed_at = $6 WHERE account_id = $1",
                        )
                        .bind(account_id)
                        .bind(self.cipher.key_id())
                        .bind(self.cipher.encrypt(account_id, "access", &pair.access_token))
                        .bind(self.cipher.encrypt(account_id, "refresh", &pair.refresh_token))
                        .bind(now + Duration::seconds(pair.expires_in.clamp(60, 90 * 86_400)))
                        .bind(now)
                        .execute(&mut *tx)
                        .await
                        .map_err(store_err)?;
                    }
                    RefreshOutcome::Revoked => {
                        sqlx::query(
                            "UPDATE accounts SET status = 'needs_reinstall' WHERE account_id = $1",
                        )
                        .bind(account_id)
                        .execute(&mut *tx)
                        .await
                        .map_err(store_err)?;
                    }
                    RefreshOutcome::Failed(_) => {}
                }
                tx.commit().await.map_err(store_err)?;
                outcome.into_result(account_id)
            }
            Backend::Memory(map) => {
                let row = map
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .get(&account_id)
                    .cloned()
                    .ok_or(AmoError::NotInstalled)?;
                let outcome = self.refresh_row(&row, stale_access).await;
                match &outcome {
                    RefreshOutcome::Refreshed(pair) => {
                        self.store_pair(account_id, &row.host, pair, false).await?;
                    }
                    RefreshOutcome::Revoked => {
                        if let Some(r) = map
                            .lock()
                            .unwrap_or_else(|p| p.into_inner())
                            .get_mut(&account_id)
                        {
                            r.status = AccountStatus::NeedsReinstall.as_str().to_owned();
                        }
                    }
                    _ => {}
                }
                outcome.into_result(account_id)
            }
        }
    }

    /// The decision inside the lock: reuse a token someone else refreshed, or refresh.
    async fn refresh_row(&self, row: &AccountRow, stale_access: &str) -> RefreshOutcome {
        if AccountStatus::parse(&row.status) != AccountStatus::Active {
            return RefreshOutcome::Failed(AmoError::NeedsReinstall);
        }
        let current = match self.decrypt(row, "access") {
            Ok(a) => a,
            Err(e) => return RefreshOutcome::Failed(e),
        };
        let fresh_enough =
            row.access_expires_at > Utc::now() + Duration::seconds(REFRESH_MARGIN_SECS);
        if current != stale_access && fresh_enough {
            self.metrics.refresh("reused");
            return RefreshOutcome::AlreadyFresh(current);
        }
        let refresh_token = match self.decrypt(row, "refresh") {
            Ok(r) => r,
            Err(e) => return RefreshOutcome::Failed(e),
        };
        let Some(base) = self.base_for(&row.host) else {
            return RefreshOutcome::Failed(AmoError::Unavailable);
        };
        let started = std::time::Instant::now();
        let answer = self.oauth.refresh(&base, &refresh_token).await;
        self.metrics.amo_request(
            "/oauth2/access_token",
            oauth_status(&answer),
            started.elapsed(),
        );
        match answer {
            Ok(pair) => {
                tracing::info!(account_id = row.account_id, "access token refreshed");
                self.metrics.refresh("refreshed");
                RefreshOutcome::Refreshed(pair)
            }
            Err(OAuthError::Rejected { status, hint }) => {
                tracing::warn!(account_id = row.account_id, status, hint = %hint, "refresh token rejected; account needs reinstall");
                self.metrics.refresh("revoked");
                RefreshOutcome::Revoked
            }
            Err(e) => {
                tracing::warn!(account_id = row.account_id, error = %e, "refresh failed; will retry on the next request");
                self.metrics.refresh("failed");
                RefreshOutcome::Failed(AmoError::Unavailable)
            }
        }
    }

    /// Forgets an account's tokens (disconnect hook). Returns whether a row existed.
    pub async fn forget(&self, account_id: i64) -> Result<bool, AmoError> {
        match &self.backend {
            Backend::Postgres(pool) => {
                Ok(sqlx::query("DELETE FROM accounts WHERE account_id = $1")
                    .bind(account_id)
                    .execute(pool)
                    .await
                    .map_err(store_err)?
                    .rows_affected()
                    > 0)
            }
            Backend::Memory(map) => Ok(map
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .remove(&account_id)
                .is_some()),
        }
    }

    /// The host the account was installed from, if it is installed.
    pub async fn installed_host(&self, account_id: i64) -> Result<Option<String>, AmoError> {
        Ok(self.load(account_id).await?.map(|r| r.host))
    }

    /// The account's status, for admin-facing states and tests.
    pub async fn status(&self, account_id: i64) -> Result<Option<AccountStatus>, AmoError> {
        Ok(self
            .load(account_id)
            .await?
            .map(|r| AccountStatus::parse(&r.status)))
    }
}

/// The status class the token endpoint answered with, for the metrics.
fn oauth_status<T>(answer: &Result<T, OAuthError>) -> Option<u16> {
    match answer {
        Ok(_) => Some(200),
        Err(OAuthError::Rejected { status, .. }) => Some(*status),
        Err(OAuthError::BadResponse) => Some(200),
        Err(OAuthError::Unavailable | OAuthError::Timeout) => None,
    }
}

enum RefreshOutcome {
    AlreadyFresh(String),
    Refreshed(TokenPair),
    Revoked,
    Failed(AmoError),
}

impl RefreshOutcome {
    fn into_result(self, _account_id: i64) -> Result<String, AmoError> {
        match self {
            RefreshOutcome::AlreadyFresh(a) => Ok(a),
            RefreshOutcome::Refreshed(p) => Ok(p.access_token),
            RefreshOutcome::Revoked => Err(AmoError::NeedsReinstall),
            RefreshOutcome::Failed(e) => Err(e),
        }
    }
}
