//! Card sessions: a verified one-time token becomes a short session, kept in a
//! first-party cookie (HttpOnly, SameSite=Lax) plus a per-session CSRF value in
//! the page that every server function must echo. The cookies themselves:
//! [`super::cookies`].

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, TimeZone, Utc};
use sha2::{Digest, Sha256};
use sqlx::PgPool;

use crate::model::{CardSessionInfo, EntityKind};
use crate::server::auth::cookies::random_token;
use crate::server::auth::token::{CardToken, LEEWAY_SECS};
use crate::server::base::metrics::Metrics;

mod keys;

pub use keys::{KeyClaim, KeyState};

/// However long a token claims to live, a card session ends after this. amoCRM's
/// tokens live about 30 minutes; the card is reopened with a new one.
pub const MAX_SESSION_SECS: i64 = 35 * 60;

/// A live card session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CardSession {
    pub jti: String,
    pub csrf: String,
    pub account_id: i64,
    pub account_host: String,
    pub user_id: i64,
    pub entity: EntityKind,
    pub entity_id: i64,
    pub is_admin: bool,
    pub from: String,
    pub expires_at: DateTime<Utc>,
}

impl CardSession {
    /// What a render of the card needs; the CSRF value masked afresh each time.
    pub fn info(&self) -> CardSessionInfo {
        CardSessionInfo {
            csrf: crate::server::auth::csrf::mask(&self.csrf),
            entity: self.entity,
            entity_id: self.entity_id,
            can_log_calls: false,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
}

/// Where sessions and used token ids live: Postgres, or memory for a demo
/// without a database. Every operation is counted in the metrics.
#[derive(Clone)]
pub struct SessionStore {
    backend: Backend,
    metrics: Arc<Metrics>,
}

#[derive(Clone)]
enum Backend {
    Postgres(PgPool),
    Memory(Arc<Mutex<MemoryState>>),
}

#[derive(Default)]
pub struct MemoryState {
    used: HashMap<String, DateTime<Utc>>,
    sessions: HashMap<String, CardSession>,
    actions: HashMap<(String, String), (DateTime<Utc>, KeyState)>,
}

fn hash_id(id: &str) -> String {
    hex::encode(Sha256::digest(id.as_bytes()))
}

impl SessionStore {
    pub fn postgres(pool: PgPool, metrics: Arc<Metrics>) -> Self {
        Self {
            backend: Backend::Postgres(pool),
            metrics,
        }
    }

    pub fn memory(metrics: Arc<Metrics>) -> Self {
        Self {
            backend: Backend::Memory(Arc::default()),
            metrics,
        }
    }

    fn counted<T>(&self, op: &'static str, r: Result<T, StoreError>) -> Result<T, StoreError> {
        self.metrics.store_op(op, r.is_ok());
        r
    }

    /// Exchanges a verified token for a new session. `None` when the token's `jti`
    /// was already used (here or by another process sharing the database).
    /// Returns the session secret for the cookie.
    pub async fn open(
        &self,
        token: &CardToken,
        from: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<(String, CardSession)>, StoreError> {
        self.counted("open", self.backend.open(token, from, now).await)
    }

    /// The live session behind a cookie secret, if any.
    pub async fn find(
        &self,
        secret: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<CardSession>, StoreError> {
        // Ours are 32 random bytes in base64url: anything else is forged or stale,
        // and costs no query.
        let well_formed = secret.len() == 43
            && secret
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !well_formed {
            return Ok(None);
        }
        self.counted("find", self.backend.find(secret, now).await)
    }

    /// Records a quick-action submission key for the session of token `jti`
    /// as `Pending`, or tells what the key already stands at.
    pub async fn claim_action(
        &self,
        jti: &str,
        key: &str,
        expires_at: DateTime<Utc>,
    ) -> Result<KeyClaim, StoreError> {
        self.counted(
            "claim",
            self.backend.claim_action(jti, key, expires_at).await,
        )
    }

    /// Records what a claimed key's write came to; `None` (the write failed,
    /// nothing was saved) forgets the key so that a retry really retries.
    pub async fn settle_action(
        &self,
        jti: &str,
        key: &str,
        state: Option<KeyState>,
    ) -> Result<(), StoreError> {
        self.counted("settle", self.backend.settle_action(jti, key, state).await)
    }

    /// Forgets expired sessions and used token ids; returns how many rows went.
    pub async fn cleanup(&self, now: DateTime<Utc>) -> Result<u64, StoreError> {
        self.counted("cleanup", self.backend.cleanup(now).await)
    }
}

impl Backend {
    /// Exchanges a verified token for a new session. `None` when the token's `jti`
    /// was already used (here or by another process sharing the database).
    /// Returns the session secret for the cookie.
    async fn open(
        &self,
        token: &CardToken,
        from: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<(String, CardSession)>, StoreError> {
        // The verifier accepts a token until `exp` + leeway: its id must stay
        // recorded at least that long, or a cleanup would let it be replayed.
        let usable_until = Utc
            .timestamp_opt(token.expires_at + LEEWAY_SECS, 0)
            .single()
            .unwrap_or(now);
        let expires_at = usable_until.min(now + chrono::Duration::seconds(MAX_SESSION_SECS));
        let session = CardSession {
            jti: token.jti.clone(),
            csrf: random_token(18),
            account_id: token.account_id,
            account_host: token.account_host.clone(),
            user_id: token.user_id,
            entity: token.entity,
            entity_id: token.entity_id,
            is_admin: token.is_admin,
            from: from.to_owned(),
            expires_at,
        };
        let secret = random_token(32);
        let id_hash = hash_id(&secret);
        match self {
            Backend::Postgres(pool) => {
                // One statement, one round trip: the session row is written only
                // when the token id was not used before.
                let fresh = sqlx::query(
                    "WITH used AS (INSERT INTO used_tokens (jti, expires_at) VALUES ($2, $12) \
                     ON CONFLICT (jti) DO NOTHING RETURNING jti) \
                     INSERT INTO card_sessions (id_hash, jti, csrf, account_id, account_host, user_id, entity_kind, \
                     entity_id, is_admin, from_platform, expires_at) \
                     SELECT $1, jti, $3, $4, $5, $6, $7, $8, $9, $10, $11 FROM used",
                )
                .bind(&id_hash)
                .bind(&session.jti)
                .bind(&session.csrf)
                .bind(session.account_id)
                .bind(&session.account_host)
                .bind(session.user_id)
                .bind(session.entity.api_name())
                .bind(session.entity_id)
                .bind(session.is_admin)
                .bind(&session.from)
                .bind(session.expires_at)
                .bind(usable_until.max(session.expires_at))
                .execute(pool)
                .await?
                .rows_affected()
                    == 1;
                if !fresh {
                    return Ok(None);
                }
            }
            Backend::Memory(state) => {
                let mut state = state.lock().unwrap_or_else(|p| p.into_inner());
                if state.used.contains_key(&session.jti) {
                    return Ok(None);
                }
                state
                    .used
                    .insert(session.jti.clone(), usable_until.max(session.expires_at));
                state.sessions.insert(id_hash, session.clone());
            }
        }
        Ok(Some((secret, session)))
    }

    /// The live session behind a cookie secret, if any.
    async fn find(
        &self,
        secret: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<CardSession>, StoreError> {
        let id_hash = hash_id(secret);
        match self {
            Backend::Postgres(pool) => {
                let row: Option<SessionRow> = sqlx::query_as(
                    "SELECT jti, csrf, account_id, account_host, user_id, entity_kind, entity_id, is_admin, \
                     from_platform, expires_at FROM card_sessions WHERE id_hash = $1 AND expires_at > $2",
                )
                .bind(&id_hash)
                .bind(now)
                .fetch_optional(pool)
                .await?;
                Ok(row.map(Into::into))
            }
            Backend::Memory(state) => {
                let state = state.lock().unwrap_or_else(|p| p.into_inner());
                Ok(state
                    .sessions
                    .get(&id_hash)
                    .filter(|s| s.expires_at > now)
                    .cloned())
            }
        }
    }

    /// Forgets expired sessions and used token ids; returns how many rows went.
    async fn cleanup(&self, now: DateTime<Utc>) -> Result<u64, StoreError> {
        match self {
            Backend::Postgres(pool) => {
                // Sessions go with their token row (ON DELETE CASCADE).
                let done = sqlx::query("DELETE FROM used_tokens WHERE expires_at <= $1")
                    .bind(now)
                    .execute(pool)
                    .await?;
                Ok(done.rows_affected())
            }
            Backend::Memory(state) => {
                let mut state = state.lock().unwrap_or_else(|p| p.into_inner());
                let before = state.used.len();
                state.used.retain(|_, exp| *exp > now);
                state.sessions.retain(|_, s| s.expires_at > now);
                state.actions.retain(|_, (exp, _)| *exp > now);
                Ok((before - state.used.len()) as u64)
            }
        }
    }
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    jti: String,
    csrf: String,
    account_id: i64,
    account_host: String,
    user_id: i64,
    entity_kind: String,
    entity_id: i64,
    is_admin: bool,
    from_platform: String,
    expires_at: DateTime<Utc>,
}

impl From<SessionRow> for CardSession {
    fn from(r: SessionRow) -> Self {
        CardSession {
            jti: r.jti,
            csrf: r.csrf,
            account_id: r.account_id,
            account_host: r.account_host,
            user_id: r.user_id,
            // The column's CHECK allows only `leads` and `customers`.
            entity: r.entity_kind.parse().unwrap_or(EntityKind::Lead),
            entity_id: r.entity_id,
            is_admin: r.is_admin,
            from: r.from_platform,
            expires_at: r.expires_at,
        }
    }
}
