//! The token cache: encrypted rows in Postgres (or in memory for a demo
//! without a database), written at install and refresh, read on every call.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};
use sqlx::PgPool;

use super::{AccountStatus, Accounts};
use crate::server::amo::types::TokenPair;
use crate::server::amo::AmoError;

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

#[derive(Clone)]
pub(super) enum Backend {
    Postgres(PgPool),
    Memory(Arc<Mutex<HashMap<i64, AccountRow>>>),
}

pub(super) fn store_err(e: sqlx::Error) -> AmoError {
    tracing::error!(error = %e, "token store query failed");
    AmoError::Store
}

impl Accounts {
    pub(super) async fn store_pair(
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

    pub(super) async fn load(&self, account_id: i64) -> Result<Option<AccountRow>, AmoError> {
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

    pub(super) fn decrypt(&self, row: &AccountRow, field: &str) -> Result<String, AmoError> {
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

    /// Forgets an account's tokens (disconnect hook). Returns whether a row existed.
    pub async fn forget(&self, account_id: i64) -> Result<bool, AmoError> {
        // The row goes first: a token cached in between would outlive it.
        let existed = match &self.backend {
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
        };
        self.tokens.invalidate(&account_id).await;
        existed
    }

    /// The host the account was installed from, if it is installed.
    pub async fn installed_host(&self, account_id: i64) -> Result<Option<String>, AmoError> {
        if let Some(t) = self.tokens.get(&account_id).await {
            return Ok(Some(t.host.clone()));
        }
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
