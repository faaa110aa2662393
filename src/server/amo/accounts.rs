//! Installed accounts and their OAuth tokens. This module installs and
//! forgets accounts; `store` keeps the encrypted token rows, `refresh` renews
//! an access token exactly once across processes. HTTP goes through the
//! shared [`Transport`].

pub mod cipher;
mod idle;
mod refresh;
mod store;

pub use idle::{Sweep, SWEEP_BATCH};
pub use store::AccountRow;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use moka::future::Cache;
use reqwest::Method;
use sqlx::PgPool;

use crate::server::amo::host::AccountHost;
use crate::server::amo::oauth::{OAuthClient, OAuthError};
use crate::server::amo::transport::{map_answer, Transport};
use crate::server::amo::types::Account;
use crate::server::amo::AmoError;
use crate::server::base::metrics::Metrics;
use cipher::TokenCipher;
use store::Backend;

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

pub struct Accounts {
    backend: Backend,
    cipher: TokenCipher,
    oauth: OAuthClient,
    transport: Arc<Transport>,
    allowed_domains: Vec<String>,
    /// One async lock per account: in-process refreshes queue here, not at Postgres.
    locks: Mutex<HashMap<i64, Arc<tokio::sync::Mutex<()>>>>,
    /// Decrypted access tokens for [`TOKEN_CACHE_TTL`]: a card open reads the
    /// account row once, not once per amoCRM call.
    tokens: Cache<i64, Arc<UsableToken>>,
}

/// How long a decrypted access token is kept in memory (it is fresh for hours).
const TOKEN_CACHE_TTL: std::time::Duration = std::time::Duration::from_secs(30);

/// An account's host and access token, decrypted, and when the token expires.
struct UsableToken {
    host: String,
    access: String,
    expires_at: chrono::DateTime<chrono::Utc>,
}

impl Accounts {
    pub fn new(
        pool: Option<PgPool>,
        cipher: TokenCipher,
        oauth: OAuthClient,
        transport: Arc<Transport>,
        allowed_domains: Vec<String>,
    ) -> Self {
        let backend = match pool {
            Some(p) => Backend::Postgres(p),
            None => Backend::Memory(Arc::default()),
        };
        Self {
            backend,
            cipher,
            oauth,
            transport,
            allowed_domains,
            locks: Mutex::default(),
            tokens: Cache::builder()
                .max_capacity(100_000)
                .time_to_live(TOKEN_CACHE_TTL)
                .build(),
        }
    }

    pub fn transport(&self) -> &Arc<Transport> {
        &self.transport
    }

    fn metrics(&self) -> &Metrics {
        self.transport.metrics()
    }

    /// Validates an account host such as `example.amocrm.ru`: the only names
    /// the integration secret is ever posted to (see [`AccountHost`]).
    pub fn validate_host(&self, referer: &str) -> Result<String, InstallError> {
        AccountHost::parse(referer, &self.allowed_domains)
            .map(AccountHost::into_string)
            .map_err(|reason| {
                tracing::warn!(%reason, "install referer refused");
                InstallError::BadReferer(referer.chars().take(100).collect())
            })
    }

    /// Exchanges an install code and stores the account's tokens. A failed
    /// exchange writes nothing, so it never destroys a working grant.
    pub async fn install(&self, referer: &str, code: &str) -> Result<i64, InstallError> {
        let host = self.validate_host(referer)?;
        if code.trim().is_empty() {
            return Err(InstallError::MissingCode);
        }
        let pair = self
            .oauth
            .exchange_code(&self.transport, &host, code.trim())
            .await
            .map_err(|e| match e {
                OAuthError::Rejected { hint, .. } => InstallError::CodeRejected(hint),
                OAuthError::Timeout => InstallError::Timeout,
                OAuthError::Unavailable | OAuthError::ClientRefused => InstallError::Unavailable,
                OAuthError::BadResponse => InstallError::BadResponse,
            })?;
        let account = self.fetch_account(&host, &pair.access_token).await?;
        self.store_pair(account.id, &host, &pair, true)
            .await
            .map_err(|_| InstallError::Store)?;
        self.tokens.invalidate(&account.id).await;
        tracing::info!(account_id = account.id, host = %host, "account installed");
        Ok(account.id)
    }

    /// `GET /api/v4/account` with the fresh token, to learn whose grant this is.
    async fn fetch_account(&self, host: &str, access: &str) -> Result<Account, InstallError> {
        let path = "/api/v4/account";
        let answer = self
            .transport
            .send(host, access, Method::GET, path, None)
            .await
            .and_then(|a| map_answer(path, &a));
        match answer {
            Ok(Some(v)) => serde_json::from_value::<Account>(v)
                .ok()
                .filter(|a| a.id > 0)
                .ok_or(InstallError::BadResponse),
            Ok(None) => Err(InstallError::BadResponse),
            Err(AmoError::RateLimited) => Err(InstallError::RateLimited),
            Err(AmoError::BadResponse) => Err(InstallError::BadResponse),
            Err(e) => {
                tracing::warn!(error = %e, "account lookup after install failed");
                Err(InstallError::Unavailable)
            }
        }
    }
}
