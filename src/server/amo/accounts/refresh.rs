//! Exactly-once refresh. amoCRM refresh tokens are single use: two racing
//! refreshes revoke the grant. Within a process, a per-account mutex makes
//! concurrent callers wait for one refresh; across processes, the account row
//! is locked (`SELECT … FOR UPDATE`) for the duration of the refresh and
//! re-read after the lock is taken, so a waiter that finds a fresh token uses
//! it instead of refreshing again. The new pair is committed before anyone uses it.
//!
//! Both waits are bounded by [`REFRESH_WAIT`]: a refresh stuck elsewhere (a
//! frozen replica holding the row) costs a card "unavailable, try again", not
//! every card of the account hanging. A holder that stops talking inside its
//! transaction is cut off by Postgres after [`HOLD_LIMIT`].

use std::sync::Arc;

use chrono::{Duration, Utc};

use super::store::{store_err, AccountRow, Backend};
use super::{AccountStatus, Accounts, UsableToken, REFRESH_MARGIN_SECS};
use crate::server::amo::oauth::OAuthError;
use crate::server::amo::types::TokenPair;
use crate::server::amo::AmoError;

/// The longest a caller waits for another refresh of the same account (in
/// this process, then for the row lock). A healthy refresh takes one token
/// call, which times out after 6 s.
pub const REFRESH_WAIT: std::time::Duration = std::time::Duration::from_secs(8);
/// Postgres ends a refreshing session idle inside its transaction this long.
const HOLD_LIMIT: &str = "30s";

impl Accounts {
    /// The account's host and a usable access token, refreshing it shortly before expiry.
    /// A token kept in memory is used while it is fresh; one another replica
    /// replaced answers 401, and [`Self::refresh`] then finds the new one.
    pub async fn access_token(&self, account_id: i64) -> Result<(String, String), AmoError> {
        let fresh_until = Utc::now() + Duration::seconds(REFRESH_MARGIN_SECS);
        if let Some(t) = self.tokens.get(&account_id).await {
            if t.expires_at > fresh_until {
                return Ok((t.host.clone(), t.access.clone()));
            }
        }
        let row = self.load(account_id).await?.ok_or(AmoError::NotInstalled)?;
        if AccountStatus::parse(&row.status) != AccountStatus::Active {
            return Err(AmoError::NeedsReinstall);
        }
        let access = self.decrypt(&row, "access")?;
        if row.access_expires_at > fresh_until {
            let usable = UsableToken {
                host: row.host.clone(),
                access: access.clone(),
                expires_at: row.access_expires_at,
            };
            self.tokens.insert(account_id, Arc::new(usable)).await;
            return Ok((row.host, access));
        }
        let fresh = self.refresh(account_id, &access).await?;
        Ok((row.host, fresh))
    }

    /// Replaces `stale_access` with a fresh access token, refreshing at most once
    /// across all processes; callers that lost the race get the winner's token.
    pub async fn refresh(&self, account_id: i64, stale_access: &str) -> Result<String, AmoError> {
        let result = self.refresh_once(account_id, stale_access).await;
        // Whatever happened, the next call reads the row again.
        self.tokens.invalidate(&account_id).await;
        result
    }

    async fn refresh_once(&self, account_id: i64, stale_access: &str) -> Result<String, AmoError> {
        let lock = {
            let mut locks = self.locks.lock().unwrap_or_else(|p| p.into_inner());
            locks.entry(account_id).or_default().clone()
        };
        let Ok(_guard) = tokio::time::timeout(REFRESH_WAIT, lock.lock()).await else {
            return Err(self.waited_too_long(account_id, "this process' refresh"));
        };
        match &self.backend {
            Backend::Postgres(pool) => {
                let mut tx = pool.begin().await.map_err(store_err)?;
                // Both bounds hold for this transaction only (`is_local`).
                sqlx::query(
                    "SELECT set_config('lock_timeout', $1, true), \
                     set_config('idle_in_transaction_session_timeout', $2, true)",
                )
                .bind(format!("{}ms", REFRESH_WAIT.as_millis()))
                .bind(HOLD_LIMIT)
                .execute(&mut *tx)
                .await
                .map_err(store_err)?;
                let row = sqlx::query_as::<_, AccountRow>(
                    "SELECT account_id, host, key_id, access_token, refresh_token, access_expires_at, status, \
                     installed_at, refreshed_at FROM accounts WHERE account_id = $1 FOR UPDATE",
                )
                .bind(account_id)
                .fetch_optional(&mut *tx)
                .await
                .map_err(|e| match e {
                    // 55P03 lock_not_available: another refresh holds the row.
                    sqlx::Error::Database(d) if d.code().as_deref() == Some("55P03") => {
                        self.waited_too_long(account_id, "the account row")
                    }
                    other => store_err(other),
                })?
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

    /// A refresh that waited past [`REFRESH_WAIT`] for `what`: counted, and the
    /// card says "unavailable, try again".
    fn waited_too_long(&self, account_id: i64, what: &str) -> AmoError {
        tracing::warn!(account_id, what, "waited too long for another refresh");
        self.metrics().refresh("lock-timeout");
        AmoError::Unavailable
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
            self.metrics().refresh("reused");
            return RefreshOutcome::AlreadyFresh(current);
        }
        let refresh_token = match self.decrypt(row, "refresh") {
            Ok(r) => r,
            Err(e) => return RefreshOutcome::Failed(e),
        };
        let answer = self
            .oauth
            .refresh(&self.transport, &row.host, &refresh_token)
            .await;
        match answer {
            Ok(pair) => {
                tracing::info!(account_id = row.account_id, "access token refreshed");
                self.metrics().refresh("refreshed");
                RefreshOutcome::Refreshed(pair)
            }
            Err(OAuthError::ClientRefused) => {
                // Our settings, not the grant: every account keeps its grant
                // and the operator is told (the log line above, this metric).
                self.metrics().refresh("config");
                RefreshOutcome::Failed(AmoError::ClientRefused)
            }
            Err(OAuthError::Rejected { status, hint }) => {
                tracing::warn!(account_id = row.account_id, status, hint = %hint, "refresh token rejected; account needs reinstall");
                self.metrics().refresh("revoked");
                RefreshOutcome::Revoked
            }
            Err(e) => {
                tracing::warn!(account_id = row.account_id, error = %e, "refresh failed; will retry on the next request");
                self.metrics().refresh("failed");
                RefreshOutcome::Failed(AmoError::Unavailable)
            }
        }
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
