//! The amoCRM REST API v4 client used by the card: typed calls over the
//! shared [`Transport`], a token from the account cache, one refresh and one
//! retry on a 401; the reads of a record and its neighbours. The account
//! metadata and its cache are in `client/meta.rs`.

use std::sync::Arc;
use std::time::Duration;

use moka::future::Cache;
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::model::EntityKind;
use crate::server::amo::accounts::Accounts;
use crate::server::amo::transport::{map_answer, path_only, Transport};
use crate::server::amo::types::{Company, Contact, Customer, Lead, Note, NotesPage, Status, Task};
use crate::server::amo::AmoError;
use crate::server::base::config::DEFAULT_RIGHTS_RECHECK;

mod guides;
mod leads;
mod meta;
mod products;
pub use guides::StageGuides;
pub use meta::{AccountMeta, META_TTL};
use meta::{MetaExpiry, META_CAPACITY};
pub use products::ProductLine;

/// Contacts read one by one when the account's list filter cannot be used
/// (main first): the card's second round trip grows by at most this many.
pub const SINGLE_READS: usize = 3;
/// How long an account whose lists came back unfiltered is read without them.
pub const FILTERS_OFF_TTL: Duration = Duration::from_secs(3_600);

/// Open tasks one card reads: the nearest this many (amoCRM's default page).
pub const OPEN_TASKS_PAGE: u32 = 50;

/// History entries per page: the card shows this many, "show more" the next as many.
pub const HISTORY_PAGE: u32 = 5;

pub struct AmoClient {
    accounts: Arc<Accounts>,
    transport: Arc<Transport>,
    /// One load per account at a time: concurrent card opens wait for it.
    meta: Cache<i64, Arc<AccountMeta>>,
    customer_statuses: Cache<i64, Arc<Vec<Status>>>,
    /// Each lead pipeline's stage guidance, by (account, pipeline).
    stage_guides: Cache<(i64, i64), StageGuides>,
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
            stage_guides: guides::cache(META_CAPACITY),
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
            // leads-api.md: contacts and the products (catalog elements) ride along.
            .get(
                account_id,
                &format!("/api/v4/leads/{id}?with=contacts,catalog_elements"),
            )
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
            // `with=leads`: each contact's deals, as ids (contacts-api.md).
            let path = format!(
                "/api/v4/contacts?{}&limit={}&with=leads",
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
            self.note_filters_off(account_id).await;
        }
        self.contacts_one_by_one(account_id, ids).await
    }

    /// Remembers that the account's list filters are ignored (and counts it).
    async fn note_filters_off(&self, account_id: i64) {
        self.metrics().filter_ignored();
        self.filters_off.insert(account_id, ()).await;
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
                .get::<Contact>(account_id, &format!("/api/v4/contacts/{id}?with=leads"))
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
