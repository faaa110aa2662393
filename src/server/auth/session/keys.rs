//! Quick actions' idempotency keys, kept beside the session they belong to
//! (and going with it): a key is claimed before amoCRM is called and settled
//! by what amoCRM answered, in both of the store's backends.

use chrono::{DateTime, Utc};

use super::{Backend, StoreError};

/// What a quick action's idempotency key has come to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyState {
    /// Claimed; amoCRM is being called (or the process died while it was).
    Pending,
    /// amoCRM confirmed the write.
    Done,
    /// amoCRM never answered the write: it may or may not have been saved.
    Uncertain,
}

impl KeyState {
    pub(super) fn as_str(self) -> &'static str {
        match self {
            KeyState::Pending => "pending",
            KeyState::Done => "done",
            KeyState::Uncertain => "uncertain",
        }
    }
    pub(super) fn parse(s: &str) -> Self {
        match s {
            "done" => KeyState::Done,
            "uncertain" => KeyState::Uncertain,
            _ => KeyState::Pending,
        }
    }
}

/// The answer to claiming a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyClaim {
    /// The key is new: this request makes the write.
    New,
    /// The key was seen before and stands at this state.
    Seen(KeyState),
}

impl Backend {
    pub(super) async fn claim_action(
        &self,
        jti: &str,
        key: &str,
        expires_at: DateTime<Utc>,
    ) -> Result<KeyClaim, StoreError> {
        match self {
            Backend::Postgres(pool) => {
                // Two statements, not one: a row a concurrent request commits
                // while this insert waits is invisible to the insert's own
                // snapshot, but the SELECT after it sees it. A key released in
                // between (its write failed) is claimed once more.
                for _ in 0..2 {
                    let inserted = sqlx::query(
                        "INSERT INTO action_keys (jti, key) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                    )
                    .bind(jti)
                    .bind(key)
                    .execute(pool)
                    .await?
                    .rows_affected()
                        == 1;
                    if inserted {
                        return Ok(KeyClaim::New);
                    }
                    let seen: Option<String> = sqlx::query_scalar(
                        "SELECT state FROM action_keys WHERE jti = $1 AND key = $2",
                    )
                    .bind(jti)
                    .bind(key)
                    .fetch_optional(pool)
                    .await?;
                    if let Some(state) = seen {
                        return Ok(KeyClaim::Seen(KeyState::parse(&state)));
                    }
                }
                Ok(KeyClaim::Seen(KeyState::Pending))
            }
            Backend::Memory(state) => {
                let mut state = state.lock().unwrap_or_else(|p| p.into_inner());
                let slot = (jti.to_owned(), key.to_owned());
                Ok(match state.actions.get(&slot) {
                    Some((_, seen)) => KeyClaim::Seen(*seen),
                    None => {
                        state.actions.insert(slot, (expires_at, KeyState::Pending));
                        KeyClaim::New
                    }
                })
            }
        }
    }

    pub(super) async fn settle_action(
        &self,
        jti: &str,
        key: &str,
        settled: Option<KeyState>,
    ) -> Result<(), StoreError> {
        match self {
            Backend::Postgres(pool) => {
                let query = match settled {
                    Some(state) => {
                        sqlx::query("UPDATE action_keys SET state = $3 WHERE jti = $1 AND key = $2")
                            .bind(jti)
                            .bind(key)
                            .bind(state.as_str())
                    }
                    None => sqlx::query("DELETE FROM action_keys WHERE jti = $1 AND key = $2")
                        .bind(jti)
                        .bind(key),
                };
                query.execute(pool).await?;
                Ok(())
            }
            Backend::Memory(state) => {
                let mut state = state.lock().unwrap_or_else(|p| p.into_inner());
                let slot = (jti.to_owned(), key.to_owned());
                match settled {
                    Some(settled) => {
                        if let Some((_, current)) = state.actions.get_mut(&slot) {
                            *current = settled;
                        }
                    }
                    None => {
                        state.actions.remove(&slot);
                    }
                }
                Ok(())
            }
        }
    }
}
