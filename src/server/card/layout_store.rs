//! Where admins' card layouts live: Postgres (every replica shares them), or
//! memory in a demo without a database. Each replica keeps what it read for
//! [`CACHE_TTL`], so a warm card open costs no round trip; a save clears this
//! replica's copy at once, and the others see it when theirs expires (30 s).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};
use moka::future::Cache;
use sqlx::PgPool;

use crate::model::{Layout, LayoutScope, SectionOrder, StaleDays};

/// How long a replica trusts its copy of a layout (or of its absence).
pub const CACHE_TTL: Duration = Duration::from_secs(30);

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredLayout {
    pub layout: Layout,
    pub version: i32,
    pub saved_by: i64,
    pub saved_at: DateTime<Utc>,
}

/// What a save came to.
#[derive(Debug, PartialEq, Eq)]
pub enum Saved {
    /// Stored as this version.
    Version(i32),
    /// The layout is no longer at the version the editor showed: the current one.
    Stale(Option<StoredLayout>),
}

#[derive(Debug, thiserror::Error)]
#[error("layout store: {0}")]
pub struct LayoutStoreError(#[from] sqlx::Error);

#[derive(Clone)]
pub struct LayoutStore {
    backend: Backend,
    cache: Cache<(i64, LayoutScope), Option<Arc<StoredLayout>>>,
}

type Memory = Arc<Mutex<HashMap<(i64, LayoutScope), StoredLayout>>>;

#[derive(Clone)]
enum Backend {
    Postgres(PgPool),
    Memory(Memory),
}

type Row = (
    String,
    Option<i64>,
    String,
    String,
    String,
    i32,
    i64,
    DateTime<Utc>,
);

fn from_row(
    (fields, header, sections, editable, stale_days, version, saved_by, saved_at): Row,
) -> StoredLayout {
    // What the store holds was parsed on the way in; anything unreadable
    // since (a hand edit) falls back to the default shape, never an error.
    let header = header.map(|h| h.to_string()).unwrap_or_default();
    let mut layout = Layout::parse(&fields, &header, &sections, &editable).unwrap_or_else(|e| {
        tracing::warn!(error = %e, "a stored layout does not parse; the card uses the default");
        Layout {
            sections: SectionOrder::default(),
            ..Layout::default()
        }
    });
    layout.stale_days = StaleDays::parse(&stale_days).unwrap_or_else(|e| {
        tracing::warn!(error = %e, "stored stale days do not parse; none apply");
        StaleDays::default()
    });
    StoredLayout {
        layout,
        version,
        saved_by,
        saved_at,
    }
}

impl LayoutStore {
    fn with(backend: Backend) -> Self {
        Self {
            backend,
            cache: Cache::builder()
                .time_to_live(CACHE_TTL)
                .max_capacity(10_000)
                .build(),
        }
    }

    pub fn postgres(pool: PgPool) -> Self {
        Self::with(Backend::Postgres(pool))
    }

    pub fn memory() -> Self {
        Self::with(Backend::Memory(Memory::default()))
    }

    /// Deletes every layout of an account (the integration was disconnected:
    /// nothing of the account is kept); how many there were.
    pub async fn forget_account(&self, account_id: i64) -> Result<u64, LayoutStoreError> {
        let gone = match &self.backend {
            Backend::Postgres(pool) => {
                sqlx::query("DELETE FROM card_layouts WHERE account_id = $1")
                    .bind(account_id)
                    .execute(pool)
                    .await?
                    .rows_affected()
            }
            Backend::Memory(m) => {
                let mut m = m.lock().unwrap_or_else(|p| p.into_inner());
                let before = m.len();
                m.retain(|(account, _), _| *account != account_id);
                (before - m.len()) as u64
            }
        };
        self.cache.invalidate_all();
        Ok(gone)
    }

    /// The layout of `scope`, from this replica's copy when it is fresh.
    pub async fn get(
        &self,
        account_id: i64,
        scope: LayoutScope,
    ) -> Result<Option<Arc<StoredLayout>>, LayoutStoreError> {
        let key = (account_id, scope);
        if let Some(hit) = self.cache.get(&key).await {
            return Ok(hit);
        }
        let found = self.read(account_id, scope).await?.map(Arc::new);
        self.cache.insert(key, found.clone()).await;
        Ok(found)
    }

    /// Reads the stored layout, bypassing the cache.
    pub async fn read(
        &self,
        account_id: i64,
        scope: LayoutScope,
    ) -> Result<Option<StoredLayout>, LayoutStoreError> {
        match &self.backend {
            Backend::Postgres(pool) => {
                let row: Option<Row> = sqlx::query_as(
                    "SELECT fields, header_field, sections, editable, stale_days, version, saved_by, saved_at \
                     FROM card_layouts WHERE account_id = $1 AND scope = $2",
                )
                .bind(account_id)
                .bind(scope.code())
                .fetch_optional(pool)
                .await?;
                Ok(row.map(from_row))
            }
            Backend::Memory(m) => Ok(m
                .lock()
                .map(|m| m.get(&(account_id, scope)).cloned())
                .unwrap_or_default()),
        }
    }

    /// Stores `layout` whatever version is there (the demo's shipped layout);
    /// `None` removes the scope's layout.
    pub async fn replace(
        &self,
        account_id: i64,
        scope: LayoutScope,
        layout: Option<&Layout>,
        user_id: i64,
    ) -> Result<(), LayoutStoreError> {
        match (&self.backend, layout) {
            (Backend::Postgres(pool), Some(layout)) => {
                sqlx::query(
                    "INSERT INTO card_layouts \
                     (account_id, scope, fields, header_field, sections, saved_by, editable, \
                     stale_days, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1) \
                     ON CONFLICT (account_id, scope) DO UPDATE SET fields = $3, \
                     header_field = $4, sections = $5, saved_by = $6, editable = $7, \
                     stale_days = $8, version = card_layouts.version + 1, saved_at = now()",
                )
                .bind(account_id)
                .bind(scope.code())
                .bind(layout.fields_code())
                .bind(layout.header)
                .bind(layout.sections.code())
                .bind(user_id)
                .bind(layout.editable_code())
                .bind(layout.stale_days.code())
                .execute(pool)
                .await?;
            }
            (Backend::Postgres(pool), None) => {
                sqlx::query("DELETE FROM card_layouts WHERE account_id = $1 AND scope = $2")
                    .bind(account_id)
                    .bind(scope.code())
                    .execute(pool)
                    .await?;
            }
            (Backend::Memory(m), layout) => {
                if let Ok(mut m) = m.lock() {
                    let key = (account_id, scope);
                    let version = m.get(&key).map_or(0, |l| l.version) + 1;
                    match layout {
                        Some(layout) => m.insert(
                            key,
                            StoredLayout {
                                layout: layout.clone(),
                                version,
                                saved_by: user_id,
                                saved_at: Utc::now(),
                            },
                        ),
                        None => m.remove(&key),
                    };
                }
            }
        }
        self.cache.invalidate(&(account_id, scope)).await;
        Ok(())
    }

    /// Stores `layout` if the scope is still at `seen` (0: none saved yet).
    pub async fn save(
        &self,
        account_id: i64,
        scope: LayoutScope,
        layout: &Layout,
        seen: i32,
        user_id: i64,
    ) -> Result<Saved, LayoutStoreError> {
        let saved = match &self.backend {
            Backend::Postgres(pool) => {
                let (fields, sections) = (layout.fields_code(), layout.sections.code());
                // Both statements take the layout as $1..$8; the update also
                // names the version it replaces ($9), so a stale save matches no row.
                let sql = if seen == 0 {
                    "INSERT INTO card_layouts \
                     (account_id, scope, fields, header_field, sections, saved_by, editable, \
                     stale_days, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1) \
                     ON CONFLICT (account_id, scope) DO NOTHING RETURNING version"
                } else {
                    "UPDATE card_layouts SET fields = $3, header_field = $4, sections = $5, \
                     saved_by = $6, editable = $7, stale_days = $8, version = version + 1, \
                     saved_at = now() \
                     WHERE account_id = $1 AND scope = $2 AND version = $9 RETURNING version"
                };
                let mut query = sqlx::query_scalar::<_, i32>(sql)
                    .bind(account_id)
                    .bind(scope.code())
                    .bind(&fields)
                    .bind(layout.header)
                    .bind(&sections)
                    .bind(user_id)
                    .bind(layout.editable_code())
                    .bind(layout.stale_days.code());
                if seen != 0 {
                    query = query.bind(seen);
                }
                query.fetch_optional(pool).await?
            }
            Backend::Memory(m) => {
                let Ok(mut m) = m.lock() else {
                    return Ok(Saved::Stale(None));
                };
                let current = m.get(&(account_id, scope)).map_or(0, |l| l.version);
                (current == seen).then(|| {
                    m.insert(
                        (account_id, scope),
                        StoredLayout {
                            layout: layout.clone(),
                            version: seen + 1,
                            saved_by: user_id,
                            saved_at: Utc::now(),
                        },
                    );
                    seen + 1
                })
            }
        };
        self.cache.invalidate(&(account_id, scope)).await;
        match saved {
            Some(version) => Ok(Saved::Version(version)),
            None => Ok(Saved::Stale(self.read(account_id, scope).await?)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(fields: &str) -> Layout {
        Layout::parse(fields, "", "", "").unwrap()
    }

    /// The demo without a database keeps layouts in memory, by the same rules.
    #[tokio::test]
    async fn memory_saves_compare_versions_like_postgres() {
        let store = LayoutStore::memory();
        let scope = LayoutScope::Pipeline(1);
        assert_eq!(store.get(7, scope).await.unwrap(), None);
        let first = store.save(7, scope, &layout("101"), 0, 1).await.unwrap();
        assert_eq!(first, Saved::Version(1));
        // A second save from version 0 is stale and learns the current layout.
        match store.save(7, scope, &layout("102"), 0, 2).await.unwrap() {
            Saved::Stale(Some(current)) => {
                assert_eq!(
                    (current.version, current.layout.fields.clone()),
                    (1, vec![101])
                )
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            store.save(7, scope, &layout("102"), 1, 2).await.unwrap(),
            Saved::Version(2)
        );
        // A save clears this replica's copy: the next read sees it at once.
        let got = store.get(7, scope).await.unwrap().expect("saved");
        assert_eq!((got.version, got.saved_by), (2, 2));
        // Another account and scope are untouched; replace and remove work.
        assert_eq!(store.get(8, scope).await.unwrap(), None);
        assert_eq!(store.get(7, LayoutScope::Customers).await.unwrap(), None);
        store
            .replace(7, scope, Some(&layout("103")), 1)
            .await
            .unwrap();
        assert_eq!(store.get(7, scope).await.unwrap().unwrap().version, 3);
        store.replace(7, scope, None, 1).await.unwrap();
        assert_eq!(store.get(7, scope).await.unwrap(), None);
    }
}
