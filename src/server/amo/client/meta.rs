//! The account's metadata (the account, its pipelines, its loss reasons and
//! users with their rights), read in one round trip and cached per replica: a change of rights
//! in amoCRM reaches the card within [`META_TTL`].

use std::sync::Arc;
use std::time::{Duration, Instant};

use moka::Expiry;
use reqwest::Method;

use super::AmoClient;
use crate::server::amo::types::{Account, LossReason, Pipeline, Status, User};
use crate::server::amo::AmoError;

/// Account metadata (pipelines, users, settings) changes rarely. Users' rights
/// are part of it: a change of rights in amoCRM reaches the card within this.
pub const META_TTL: Duration = Duration::from_secs(600);
/// Metadata whose users (and so rights) could not be read is kept this long
/// only: the card fails closed meanwhile and asks again soon.
const META_WITHOUT_USERS_TTL: Duration = Duration::from_secs(30);
/// Accounts whose metadata one process keeps at most (a few KB each).
pub(super) const META_CAPACITY: u64 = 10_000;

/// Everything about an account the card needs besides the entity itself.
#[derive(Clone, Debug)]
pub struct AccountMeta {
    pub account: Account,
    pub pipelines: Vec<Pipeline>,
    pub users: Vec<User>,
    /// Why a lead may be lost, in amoCRM's order; empty when the account does
    /// not use loss reasons (or they could not be read: then none is offered
    /// and none is accepted).
    pub loss_reasons: Vec<LossReason>,
    /// The users call failed: names and rights are unknown (the card fails closed).
    pub users_failed: bool,
    /// amoCRM answered the users call 403: users-api.md gives the list to an
    /// admin's grant only, so the integration was installed by a non-admin.
    /// Kept as long as complete metadata: it lasts until an admin reinstalls.
    pub grant_not_admin: bool,
    /// When this copy was read from amoCRM (writes re-read an older user).
    pub loaded_at: std::time::Instant,
}

/// users-api.md: at most 250 users a page; 20 pages is 5 000 users.
const USERS_PAGE: u32 = 250;
const USERS_MAX_PAGES: u32 = 20;

/// Metadata without users expires sooner than complete metadata.
pub(super) struct MetaExpiry;

impl Expiry<i64, Arc<AccountMeta>> for MetaExpiry {
    fn expire_after_create(
        &self,
        _account: &i64,
        meta: &Arc<AccountMeta>,
        _created_at: Instant,
    ) -> Option<Duration> {
        Some(if meta.users_failed && !meta.grant_not_admin {
            META_WITHOUT_USERS_TTL
        } else {
            META_TTL
        })
    }
}

impl AmoClient {
    pub async fn account(&self, account_id: i64) -> Result<Account, AmoError> {
        self.get(
            account_id,
            "/api/v4/account?with=datetime_settings,task_types,is_api_filter_enabled",
        )
        .await?
        .ok_or(AmoError::BadResponse)
    }

    pub async fn pipelines(&self, account_id: i64) -> Result<Vec<Pipeline>, AmoError> {
        self.get_list(account_id, "/api/v4/leads/pipelines", "pipelines")
            .await
    }

    /// Every user of the account (users-api.md: 250 a page at most), so that
    /// names and groups are complete on big accounts. An admin grant only:
    /// amoCRM answers 403 to a grant of a non-admin.
    pub async fn users(&self, account_id: i64) -> Result<Vec<User>, AmoError> {
        self.get_all_pages(
            account_id,
            "/api/v4/users",
            "users",
            USERS_PAGE,
            USERS_MAX_PAGES,
        )
        .await
    }

    /// Whether amoCRM refuses the users list to the account's grant (403):
    /// the integration was installed by a non-admin. One small call.
    pub async fn grant_is_not_admin(&self, account_id: i64) -> bool {
        let answer = self
            .call(account_id, Method::GET, "/api/v4/users?limit=1", None)
            .await;
        matches!(answer, Err(AmoError::NoAccess))
    }

    /// One user, for a user the list did not hold (accounts with more than a page of users).
    pub async fn user(&self, account_id: i64, id: i64) -> Result<User, AmoError> {
        self.get(account_id, &format!("/api/v4/users/{id}"))
            .await?
            .ok_or(AmoError::NotFound)
    }

    /// The account's loss reasons (Kommo reference "Get loss reasons"; amoCRM
    /// answers 204, an empty list, where there are none).
    pub async fn loss_reasons(&self, account_id: i64) -> Result<Vec<LossReason>, AmoError> {
        let mut reasons: Vec<LossReason> = self
            .get_list(account_id, "/api/v4/leads/loss_reasons", "loss_reasons")
            .await?;
        reasons.sort_by_key(|r| (r.sort, r.id));
        Ok(reasons)
    }

    pub async fn customer_statuses(&self, account_id: i64) -> Result<Vec<Status>, AmoError> {
        self.get_list(account_id, "/api/v4/customers/statuses", "statuses")
            .await
    }

    /// Account metadata from the cache, loading it (once, for all concurrent
    /// callers) when missing or expired.
    pub async fn meta(&self, account_id: i64) -> Result<Arc<AccountMeta>, AmoError> {
        self.meta
            .try_get_with(account_id, self.load_meta(account_id))
            .await
            .map_err(|e| (*e).clone())
    }

    async fn load_meta(&self, account_id: i64) -> Result<Arc<AccountMeta>, AmoError> {
        let (account, pipelines, users, loss_reasons) = tokio::join!(
            self.account(account_id),
            self.pipelines(account_id),
            self.users(account_id),
            self.loss_reasons(account_id)
        );
        let (account, pipelines) = (account?, pipelines?);
        let loss_reasons = match loss_reasons {
            Ok(reasons) if account.is_loss_reason_enabled => reasons,
            Ok(_) => Vec::new(),
            Err(e) => {
                tracing::warn!(account_id, error = %e, "loss reasons not readable: none offered");
                Vec::new()
            }
        };
        // A users call refused by a rate limit (amoCRM's or ours, which one
        // user's looping card can exhaust) says nothing about the account:
        // caching "rights unknown" would weaken every card for 30 s. The caller
        // gets "too many requests, try again" and nothing is cached.
        if let Err(AmoError::RateLimited) = users {
            return Err(AmoError::RateLimited);
        }
        // Without users the card still shows the record, but not what rights guard.
        let users_failed = users.is_err();
        let grant_not_admin = matches!(users, Err(AmoError::NoAccess));
        if grant_not_admin {
            tracing::warn!(
                account_id,
                "amoCRM refuses the users list (403): the integration was installed by a non-admin; an admin must install it"
            );
        } else if let Err(e) = &users {
            tracing::warn!(account_id, error = %e, "users (and their rights) not readable");
        }
        Ok(Arc::new(AccountMeta {
            account,
            pipelines,
            users: users.unwrap_or_default(),
            loss_reasons,
            users_failed,
            grant_not_admin,
            loaded_at: std::time::Instant::now(),
        }))
    }

    /// Metadata only if it is cached: for choices that must not cost a call.
    pub async fn cached_meta(&self, account_id: i64) -> Option<Arc<AccountMeta>> {
        self.meta.get(&account_id).await
    }

    /// Customer statuses, cached like [`Self::meta`] but loaded only for customer
    /// cards. Periodicity mode has none and may answer an error: that is an empty list.
    pub async fn customer_statuses_cached(&self, account_id: i64) -> Arc<Vec<Status>> {
        self.customer_statuses
            .get_with(account_id, async {
                Arc::new(self.customer_statuses(account_id).await.unwrap_or_default())
            })
            .await
    }

    /// Drops the cached metadata (e.g. a status the cache does not know appeared).
    pub async fn invalidate_meta(&self, account_id: i64) {
        self.meta.invalidate(&account_id).await;
        self.customer_statuses.invalidate(&account_id).await;
        // Keyed by pipeline too; dropping them all is rare (a reset) and cheap.
        self.stage_guides.invalidate_all();
    }
}
