//! The amoCRM REST API v4 client used by the card: typed calls over the
//! shared [`Transport`], a token from the account cache, one refresh and one
//! retry on a 401, and the account metadata cache.

use std::sync::Arc;
use std::time::{Duration, Instant};

use moka::future::Cache;
use moka::Expiry;
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

use crate::model::EntityKind;
use crate::server::amo::accounts::Accounts;
use crate::server::amo::transport::{map_answer, path_only, Transport};
use crate::server::amo::types::{
    Account, Company, Contact, Customer, Lead, Note, NotesPage, Pipeline, Status, Task, User,
};
use crate::server::amo::writes::{CallNote, NewTask};
use crate::server::amo::AmoError;
use crate::server::base::config::DEFAULT_RIGHTS_RECHECK;

/// Account metadata (pipelines, users, settings) changes rarely. Users' rights
/// are part of it: a change of rights in amoCRM reaches the card within this.
pub const META_TTL: Duration = Duration::from_secs(600);
/// Metadata whose users (and so rights) could not be read is kept this long
/// only: the card fails closed meanwhile and asks again soon.
const META_WITHOUT_USERS_TTL: Duration = Duration::from_secs(30);
/// Accounts whose metadata one process keeps at most (a few KB each).
const META_CAPACITY: u64 = 10_000;

/// Everything about an account the card needs besides the entity itself.
#[derive(Clone, Debug)]
pub struct AccountMeta {
    pub account: Account,
    pub pipelines: Vec<Pipeline>,
    pub users: Vec<User>,
    /// The users call failed: names and rights are unknown (the card fails closed).
    pub users_failed: bool,
    /// amoCRM answered the users call 403: users-api.md gives the list to an
    /// admin's grant only, so the integration was installed by a non-admin.
    /// Kept as long as complete metadata: it lasts until an admin reinstalls.
    pub grant_not_admin: bool,
    /// When this copy was read from amoCRM (writes re-read an older user).
    pub loaded_at: std::time::Instant,
}

/// Contacts read one by one when the account's list filter cannot be used
/// (main first): the card's second round trip grows by at most this many.
pub const SINGLE_READS: usize = 3;
/// How long an account whose lists came back unfiltered is read without them.
pub const FILTERS_OFF_TTL: Duration = Duration::from_secs(3_600);

/// users-api.md: at most 250 users a page; 20 pages is 5 000 users.
const USERS_PAGE: u32 = 250;
const USERS_MAX_PAGES: u32 = 20;

/// Open tasks one card reads: the nearest this many (amoCRM's default page).
pub const OPEN_TASKS_PAGE: u32 = 50;

/// The `source` of the calls the card logs (amoCRM shows it on the call).
pub const CALL_SOURCE: &str = "amo-mobile-card";

/// History entries per page: the card shows this many, "show more" the next as many.
pub const HISTORY_PAGE: u32 = 5;

/// Metadata without users expires sooner than complete metadata.
struct MetaExpiry;

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

pub struct AmoClient {
    accounts: Arc<Accounts>,
    transport: Arc<Transport>,
    /// One load per account at a time: concurrent card opens wait for it.
    meta: Cache<i64, Arc<AccountMeta>>,
    customer_statuses: Cache<i64, Arc<Vec<Status>>>,
    /// Accounts whose list filter was seen ignored (no paid filtering).
    filters_off: Cache<i64, ()>,
    /// Custom field definitions, for the card's edit sheets (`field_defs`).
    pub(super) field_defs: super::field_defs::DefsCache,
    rights_recheck: std::time::Duration,
}

impl AmoClient {
    pub fn new(accounts: Arc<Accounts>) -> Self {
        Self {
            transport: accounts.transport().clone(),
            accounts,
            meta: Cache::builder()
                .max_capacity(META_CAPACITY)
                .expire_after(MetaExpiry)
                .build(),
            customer_statuses: Cache::builder()
                .max_capacity(META_CAPACITY)
                .time_to_live(META_TTL)
                .build(),
            filters_off: Cache::builder()
                .max_capacity(META_CAPACITY)
                .time_to_live(FILTERS_OFF_TTL)
                .build(),
            field_defs: super::field_defs::cache(META_CAPACITY, META_TTL),
            rights_recheck: DEFAULT_RIGHTS_RECHECK,
        }
    }

    /// Writes re-read the acting user when the cached users are older than this.
    pub fn with_rights_recheck(mut self, after: std::time::Duration) -> Self {
        self.rights_recheck = after;
        self
    }

    pub fn rights_recheck(&self) -> std::time::Duration {
        self.rights_recheck
    }

    fn metrics(&self) -> &crate::server::base::metrics::Metrics {
        self.transport.metrics()
    }

    pub fn accounts(&self) -> &Arc<Accounts> {
        &self.accounts
    }

    /// Sends one request with the account's token; `Ok(None)` is amoCRM's 204.
    /// A 401 refreshes the token once and sends once more.
    pub(super) async fn call(
        &self,
        account_id: i64,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> Result<Option<Value>, AmoError> {
        let (host, token) = self.accounts.access_token(account_id).await?;
        let send = |token: String| {
            let (host, method, body) = (host.clone(), method.clone(), body.clone());
            async move {
                self.transport
                    .send(&host, &token, method, path, body.as_ref())
                    .await
            }
        };
        let mut answer = send(token.clone()).await?;
        if answer.status == StatusCode::UNAUTHORIZED {
            let fresh = self.accounts.refresh(account_id, &token).await?;
            answer = send(fresh).await?;
        }
        map_answer(path, &answer)
    }

    async fn get<T: DeserializeOwned>(
        &self,
        account_id: i64,
        path: &str,
    ) -> Result<Option<T>, AmoError> {
        match self.call(account_id, Method::GET, path, None).await? {
            None => Ok(None),
            Some(v) => parse(path, v).map(Some),
        }
    }

    pub(super) async fn get_list<T: DeserializeOwned>(
        &self,
        account_id: i64,
        path: &str,
        key: &str,
    ) -> Result<Vec<T>, AmoError> {
        let Some(v) = self.call(account_id, Method::GET, path, None).await? else {
            return Ok(Vec::new());
        };
        embedded(path, &v, key)
    }

    /// Every item of a paged list (`limit` a page, `_links.next` while more
    /// follow, 204 past the end), up to `max_pages` pages.
    pub(super) async fn get_all_pages<T: DeserializeOwned>(
        &self,
        account_id: i64,
        path: &str,
        key: &str,
        limit: u32,
        max_pages: u32,
    ) -> Result<Vec<T>, AmoError> {
        let mut all = Vec::new();
        for page in 1..=max_pages {
            let paged = format!("{path}?limit={limit}&page={page}");
            let Some(v) = self.call(account_id, Method::GET, &paged, None).await? else {
                break;
            };
            all.extend(embedded::<T>(&paged, &v, key)?);
            if v.pointer("/_links/next").is_none() {
                break;
            }
        }
        Ok(all)
    }

    /// Runs `f`, one round trip of about `calls` concurrent requests for the
    /// account, with their shared rate-limit slots taken in one statement.
    pub async fn round_trip<F: std::future::Future>(
        &self,
        account_id: i64,
        calls: usize,
        f: F,
    ) -> Result<F::Output, AmoError> {
        if calls < 2 {
            return Ok(f.await);
        }
        let (host, _) = self.accounts.access_token(account_id).await?;
        self.transport.round_trip(&host, calls, f).await
    }

    pub async fn lead(&self, account_id: i64, id: i64) -> Result<Lead, AmoError> {
        let lead: Lead = self
            .get(account_id, &format!("/api/v4/leads/{id}?with=contacts"))
            .await?
            .ok_or(AmoError::NotFound)?;
        if lead.is_deleted == Some(true) {
            return Err(AmoError::NotFound);
        }
        Ok(lead)
    }

    pub async fn customer(&self, account_id: i64, id: i64) -> Result<Customer, AmoError> {
        let c: Customer = self
            .get(
                account_id,
                &format!("/api/v4/customers/{id}?with=contacts,companies"),
            )
            .await?
            .ok_or(AmoError::NotFound)?;
        if c.is_deleted == Some(true) {
            return Err(AmoError::NotFound);
        }
        Ok(c)
    }

    /// Contacts by id (`ids` main first). `filter[id]` is amoCRM's paid list
    /// filtering (filters-api.md, "Filtering (Alpha)"): an account without it
    /// gets the list unfiltered. So the filter is used only where the account
    /// says it has it and the answer holds nothing that was not asked; else the
    /// first [`SINGLE_READS`] contacts are read one by one (`/contacts/{id}`,
    /// contacts-api.md) in the same round trip, and the account is remembered
    /// as unfiltered for [`FILTERS_OFF_TTL`].
    pub async fn contacts(&self, account_id: i64, ids: &[i64]) -> Result<Vec<Contact>, AmoError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        if self.filters_work(account_id).await {
            let filter: Vec<String> = ids.iter().map(|id| format!("filter[id][]={id}")).collect();
            let path = format!(
                "/api/v4/contacts?{}&limit={}",
                filter.join("&"),
                ids.len().min(250)
            );
            let listed: Vec<Contact> = self.get_list(account_id, &path, "contacts").await?;
            if listed.iter().all(|c| ids.contains(&c.id)) {
                return Ok(listed);
            }
            tracing::warn!(
                account_id,
                "amoCRM ignored filter[id] (no paid filtering): reading contacts one by one"
            );
            self.metrics().filter_ignored();
            self.filters_off.insert(account_id, ()).await;
        }
        self.contacts_one_by_one(account_id, ids).await
    }

    /// Whether list filters can be trusted for the account, as far as known
    /// without a call.
    async fn filters_work(&self, account_id: i64) -> bool {
        if self.filters_off.contains_key(&account_id) {
            return false;
        }
        let flag = self
            .cached_meta(account_id)
            .await
            .and_then(|m| m.account.is_api_filter_enabled);
        flag != Some(false)
    }

    async fn contacts_one_by_one(
        &self,
        account_id: i64,
        ids: &[i64],
    ) -> Result<Vec<Contact>, AmoError> {
        let reads = ids.iter().take(SINGLE_READS).map(|id| async move {
            match self
                .get::<Contact>(account_id, &format!("/api/v4/contacts/{id}"))
                .await
            {
                Err(AmoError::NotFound) | Ok(None) => Ok(None),
                other => other,
            }
        });
        let read = futures::future::join_all(reads).await;
        let mut contacts = Vec::new();
        for contact in read {
            contacts.extend(contact?);
        }
        if ids.len() > SINGLE_READS {
            tracing::info!(
                account_id,
                shown = SINGLE_READS,
                linked = ids.len(),
                "without list filtering only the first contacts are read"
            );
        }
        Ok(contacts)
    }

    pub async fn company(&self, account_id: i64, id: i64) -> Result<Option<Company>, AmoError> {
        match self
            .get(account_id, &format!("/api/v4/companies/{id}"))
            .await
        {
            Err(AmoError::NotFound) => Ok(None),
            other => other,
        }
    }

    pub async fn open_tasks(
        &self,
        account_id: i64,
        kind: EntityKind,
        id: i64,
    ) -> Result<Vec<Task>, AmoError> {
        // tasks-api.md: the tasks list has filters of its own (entity, done),
        // not the paid list filtering of leads and contacts. An explicit page
        // size: the card shows the nearest ones, amoCRM allows 250.
        let path = format!(
            "/api/v4/tasks?filter[entity_type]={}&filter[entity_id]={id}&filter[is_completed]=0&order[complete_till]=asc&limit={OPEN_TASKS_PAGE}",
            kind.api_name()
        );
        self.get_list(account_id, &path, "tasks").await
    }

    /// One task by id (any entity's); `NotFound` when it does not exist.
    pub async fn task(&self, account_id: i64, task_id: i64) -> Result<Task, AmoError> {
        self.get(account_id, &format!("/api/v4/tasks/{task_id}"))
            .await?
            .ok_or(AmoError::NotFound)
    }

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
        let (account, pipelines, users) = tokio::join!(
            self.account(account_id),
            self.pipelines(account_id),
            self.users(account_id)
        );
        let (account, pipelines) = (account?, pipelines?);
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
    }

    pub async fn add_note(
        &self,
        account_id: i64,
        kind: EntityKind,
        id: i64,
        text: &str,
        created_by: i64,
    ) -> Result<(), AmoError> {
        let body =
            json!([{"note_type": "common", "params": {"text": text}, "created_by": created_by}]);
        let path = format!("/api/v4/{}/{id}/notes", kind.api_name());
        self.call(account_id, Method::POST, &path, Some(body))
            .await
            .map(|_| ())
    }

    /// One page (from 1) of the record's notes, newest first, and whether more follow.
    pub async fn notes(
        &self,
        account_id: i64,
        kind: EntityKind,
        id: i64,
        page: u32,
    ) -> Result<(Vec<Note>, bool), AmoError> {
        // events-and-notes.md: a record's notes are its own list (no paid filter).
        let path = format!(
            "/api/v4/{}/{id}/notes?limit={HISTORY_PAGE}&page={page}&order[id]=desc",
            kind.api_name()
        );
        // An empty list is a 204.
        Ok(match self.get::<NotesPage>(account_id, &path).await? {
            Some(p) => (p.embedded.notes, p.links.next.is_some()),
            None => (Vec::new(), false),
        })
    }

    /// Logs a call: a `call_out` note with exactly the params amoCRM's notes
    /// docs list for it (events-and-notes.md, "Типы примечаний": `uniq`,
    /// `duration`, `source`, `phone`, `call_responsible`; `link` only with a
    /// recording, which the card has none of). `call_status` and `call_result`
    /// belong to the Calls API, which files a call by the phone number, not on
    /// this record; so the user's outcome and comment go as a common note in
    /// the same request (one write, both or neither).
    pub async fn add_call_note(
        &self,
        account_id: i64,
        kind: EntityKind,
        id: i64,
        call: &CallNote,
    ) -> Result<(), AmoError> {
        // `created_by` equal to `responsible_user_id`: the docs' condition for
        // the call to count in the user's analytics.
        let body = json!([
            {
                "note_type": "call_out",
                "params": {
                    "uniq": call.uniq,
                    "duration": call.duration,
                    "source": CALL_SOURCE,
                    "phone": call.phone,
                    "call_responsible": call.created_by,
                },
                "created_by": call.created_by,
                "responsible_user_id": call.created_by,
            },
            {
                "note_type": "common",
                "params": {"text": call.result},
                "created_by": call.created_by,
            }
        ]);
        let path = format!("/api/v4/{}/{id}/notes", kind.api_name());
        self.call(account_id, Method::POST, &path, Some(body))
            .await
            .map(|_| ())
    }

    pub async fn add_task(&self, account_id: i64, task: &NewTask) -> Result<(), AmoError> {
        let body = json!([{
            "text": task.text,
            "complete_till": task.complete_till,
            "entity_id": task.entity_id,
            "entity_type": task.kind.api_name(),
            "task_type_id": task.task_type_id,
            "responsible_user_id": task.responsible_user_id,
            "created_by": task.created_by,
        }]);
        self.call(account_id, Method::POST, "/api/v4/tasks", Some(body))
            .await
            .map(|_| ())
    }

    pub async fn complete_task(
        &self,
        account_id: i64,
        task_id: i64,
        result: &str,
    ) -> Result<(), AmoError> {
        // tasks-api.md: "to complete a task, pass `result` and `is_completed`".
        let body = json!({"is_completed": true, "result": {"text": result}});
        let path = format!("/api/v4/tasks/{task_id}");
        self.call(account_id, Method::PATCH, &path, Some(body))
            .await
            .map(|_| ())
    }
}

/// A list answer's items under `_embedded.{key}` (none when it has none).
fn embedded<T: DeserializeOwned>(path: &str, v: &Value, key: &str) -> Result<Vec<T>, AmoError> {
    let items = v
        .get("_embedded")
        .and_then(|e| e.get(key))
        .cloned()
        .unwrap_or(Value::Array(Vec::new()));
    parse(path, items)
}

pub(super) fn parse<T: DeserializeOwned>(path: &str, v: Value) -> Result<T, AmoError> {
    serde_json::from_value(v).map_err(|e| {
        tracing::warn!(path = %path_only(path), error = %e, "unexpected amoCRM response shape");
        AmoError::BadResponse
    })
}
