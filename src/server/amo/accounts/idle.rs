//! Grants no card used for weeks. amoCRM revokes a refresh token unused for
//! three months (its OAuth docs), so an account whose card nobody opens for a
//! quarter would need a reinstall. A sweep refreshes every active grant whose
//! last refresh is older than `AMO_IDLE_REFRESH_DAYS`.
//!
//! One replica sweeps at a time: it holds a Postgres advisory lock for the
//! sweep (no new service), and each refresh still takes the account row's lock
//! as every refresh does (`refresh`), so a card refreshing the same account
//! meanwhile is not raced.

use chrono::{DateTime, Utc};

use super::store::Backend;
use super::{AccountStatus, Accounts};
use crate::server::amo::AmoError;

/// The sweep's advisory lock key ("amo-idle" as bytes).
const SWEEP_LOCK: i64 = 0x616d_6f2d_6964_6c65;
/// Grants one sweep refreshes at most: the rest wait for the next sweep, so
/// the token endpoint sees a trickle, not a burst.
pub const SWEEP_BATCH: i64 = 100;

/// What one sweep did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Sweep {
    pub refreshed: u32,
    pub revoked: u32,
    /// amoCRM refused our client settings: the grants stay, the operator is told.
    pub config: u32,
    pub failed: u32,
    /// Another replica held the sweep.
    pub skipped: bool,
}

impl Accounts {
    /// Refreshes the active grants last refreshed before `idle_since`.
    pub async fn refresh_idle(&self, idle_since: DateTime<Utc>) -> Result<Sweep, AmoError> {
        match &self.backend {
            Backend::Postgres(pool) => {
                // A session-level lock on one connection held for the sweep:
                // if this process dies, Postgres frees it with the connection.
                let mut conn = pool.acquire().await.map_err(super::store::store_err)?;
                let locked: bool = sqlx::query_scalar("SELECT pg_try_advisory_lock($1)")
                    .bind(SWEEP_LOCK)
                    .fetch_one(&mut *conn)
                    .await
                    .map_err(super::store::store_err)?;
                if !locked {
                    return Ok(Sweep {
                        skipped: true,
                        ..Sweep::default()
                    });
                }
                let due: Result<Vec<i64>, _> = sqlx::query_scalar(
                    "SELECT account_id FROM accounts WHERE status = 'active' \
                     AND COALESCE(refreshed_at, installed_at) < $1 \
                     ORDER BY COALESCE(refreshed_at, installed_at) LIMIT $2",
                )
                .bind(idle_since)
                .bind(SWEEP_BATCH)
                .fetch_all(&mut *conn)
                .await;
                let sweep = match due {
                    Ok(due) => Ok(self.refresh_each(&due).await),
                    Err(e) => Err(super::store::store_err(e)),
                };
                let _ = sqlx::query("SELECT pg_advisory_unlock($1)")
                    .bind(SWEEP_LOCK)
                    .execute(&mut *conn)
                    .await;
                sweep
            }
            Backend::Memory(map) => {
                let due: Vec<i64> = map
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .values()
                    .filter(|r| AccountStatus::parse(&r.status) == AccountStatus::Active)
                    .filter(|r| r.refreshed_at.unwrap_or(r.installed_at) < idle_since)
                    .map(|r| r.account_id)
                    .take(SWEEP_BATCH as usize)
                    .collect();
                Ok(self.refresh_each(&due).await)
            }
        }
    }

    async fn refresh_each(&self, due: &[i64]) -> Sweep {
        let mut sweep = Sweep::default();
        for &account_id in due {
            let outcome = self.refresh_now(account_id).await;
            let label = match outcome {
                Ok(()) => {
                    sweep.refreshed += 1;
                    "refreshed"
                }
                Err(AmoError::NeedsReinstall) => {
                    sweep.revoked += 1;
                    "revoked"
                }
                Err(AmoError::ClientRefused) => {
                    sweep.config += 1;
                    "config"
                }
                Err(_) => {
                    sweep.failed += 1;
                    "failed"
                }
            };
            self.metrics().idle_refresh(label);
        }
        if due.is_empty() {
            return sweep;
        }
        tracing::info!(
            refreshed = sweep.refreshed,
            revoked = sweep.revoked,
            config = sweep.config,
            failed = sweep.failed,
            "idle grants refreshed"
        );
        sweep
    }

    /// Refreshes the account's grant now, whatever its access token's age:
    /// the current access token is handed in as the stale one.
    async fn refresh_now(&self, account_id: i64) -> Result<(), AmoError> {
        let row = self.load(account_id).await?.ok_or(AmoError::NotInstalled)?;
        let access = self.decrypt(&row, "access")?;
        self.refresh(account_id, &access).await.map(|_| ())
    }
}
