//! The amoCRM REST API v4 client used by the card.
//!
//! Every call: token from the account cache → wait for the rate limiter →
//! send → on 401 refresh once and retry once → on 429/502/503/504 or a
//! connection error retry idempotent GETs with jittered backoff inside a
//! total deadline. Writes are sent once.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use tokio::time::Instant;

use crate::model::EntityKind;
use crate::server::accounts::Accounts;
use crate::server::amo::types::{
    Account, Company, Contact, Customer, Lead, Note, NotesPage, Pipeline, Status, Task, User,
};
use crate::server::amo::{loggable_error, truncate_for_log, AmoError};

tokio::task_local! {
    /// amoCRM requests sent inside [`counting_calls`], for the card-open log line.
    static CALLS: std::cell::Cell<u32>;
}

/// Runs `f` and returns how many amoCRM requests it sent (on this task).
pub async fn counting_calls<F: std::future::Future>(f: F) -> (F::Output, u32) {
    CALLS
        .scope(std::cell::Cell::new(0), async move {
            let out = f.await;
            (out, CALLS.try_with(std::cell::Cell::get).unwrap_or(0))
        })
        .await
}

/// How long a GET may take in total, retries included.
const GET_DEADLINE: Duration = Duration::from_secs(8);
const MAX_GET_ATTEMPTS: u32 = 3;
/// Account metadata (pipelines, users, settings) changes rarely. Users' rights
/// are part of it: a change of rights in amoCRM reaches the card within this.
pub const META_TTL: Duration = Duration::from_secs(600);
/// Metadata whose users (and so rights) could not be read is kept this long
/// only: the card fails closed meanwhile and asks again soon.
const META_WITHOUT_USERS_TTL: Duration = Duration::from_secs(30);

/// Builds the one HTTP client the process uses for amoCRM. It never follows
/// redirects: a 307/308 would re-send the body (with the client secret) to
/// wherever an open redirect on an account's host points.
pub fn http_client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(Duration::from_secs(3))
        .timeout(Duration::from_secs(6))
        .user_agent(concat!("amo-mobile-card/", env!("CARGO_PKG_VERSION")))
        .pool_idle_timeout(Duration::from_secs(60))
        .build()
        .unwrap_or_default()
}

/// Everything about an account the card needs besides the entity itself.
#[derive(Clone, Debug, Default)]
pub struct AccountMeta {
    pub account: Account,
    pub pipelines: Vec<Pipeline>,
    pub users: Vec<User>,
    /// The users call failed: names and rights are unknown (the card fails closed).
    pub users_failed: bool,
}

/// A cached value and when it was loaded.
type Cached<T> = (Instant, Arc<T>);

/// History entries per page: the card shows this many, "show more" the next as many.
pub const HISTORY_PAGE: u32 = 5;

/// A logged outgoing call, attributed to the acting user.
#[derive(Clone, Debug)]
pub struct CallNote {
    /// The submission's idempotency key: amoCRM's `uniq` of the call.
    pub uniq: String,
    pub phone: String,
    /// Seconds; an estimate (the time the user was away from the card).
    pub duration: i64,
    pub status: i64,
    pub result: String,
    pub created_by: i64,
}

/// A task to create, attributed to the acting user.
#[derive(Clone, Debug)]
pub struct NewTask {
    pub kind: EntityKind,
    pub entity_id: i64,
    pub text: String,
    /// Unix seconds.
    pub complete_till: i64,
    pub task_type_id: i64,
    pub responsible_user_id: i64,
    pub created_by: i64,
}

struct CachedMeta {
    at: Instant,
    meta: Arc<AccountMeta>,
}

pub struct AmoClient {
    accounts: Arc<Accounts>,
    meta: Mutex<HashMap<i64, CachedMeta>>,
    customer_statuses: Mutex<HashMap<i64, Cached<Vec<Status>>>>,
    meta_loads: Mutex<HashMap<i64, Arc<tokio::sync::Mutex<()>>>>,
}

enum Body {
    None,
    Json(Value),
}

impl AmoClient {
    pub fn new(accounts: Arc<Accounts>) -> Self {
        Self {
            accounts,
            meta: Mutex::default(),
            customer_statuses: Mutex::default(),
            meta_loads: Mutex::default(),
        }
    }

    pub fn accounts(&self) -> &Arc<Accounts> {
        &self.accounts
    }

    /// Sends one request; `Ok(None)` is amoCRM's 204 No Content.
    async fn call(
        &self,
        account_id: i64,
        method: Method,
        path: &str,
        body: Body,
    ) -> Result<Option<Value>, AmoError> {
        let idempotent = method == Method::GET;
        let (host, mut token) = self.accounts.access_token(account_id).await?;
        let base = self.accounts.base_for(&host).ok_or(AmoError::Unavailable)?;
        let url = base
            .join(path.trim_start_matches('/'))
            .map_err(|_| AmoError::BadResponse)?;
        let started = Instant::now();
        let mut attempt = 0;
        let mut refreshed = false;
        loop {
            attempt += 1;
            self.accounts.acquire_slot(&host).await?;
            let _ = CALLS.try_with(|c| c.set(c.get() + 1));
            let metrics = self.accounts.metrics();
            let sent = Instant::now();
            let mut req = self
                .accounts
                .http()
                .request(method.clone(), url.clone())
                .bearer_auth(&token);
            if let Body::Json(v) = &body {
                req = req.json(v);
            }
            let retryable = |attempt: u32| {
                idempotent && attempt < MAX_GET_ATTEMPTS && started.elapsed() < GET_DEADLINE
            };
            let res = match req.send().await {
                Ok(r) => r,
                Err(e) => {
                    metrics.amo_request(path, None, sent.elapsed());
                    if retryable(attempt) && (e.is_connect() || e.is_timeout()) {
                        metrics.amo_retry(path);
                        backoff(attempt).await;
                        continue;
                    }
                    tracing::warn!(path, error = %e, "amoCRM request failed");
                    return Err(if !idempotent && e.is_timeout() {
                        AmoError::WriteUncertain
                    } else {
                        AmoError::Unavailable
                    });
                }
            };
            let status = res.status();
            metrics.amo_request(path, Some(status.as_u16()), sent.elapsed());
            if status == StatusCode::UNAUTHORIZED && !refreshed {
                refreshed = true;
                token = self.accounts.refresh(account_id, &token).await?;
                continue;
            }
            if matches!(status.as_u16(), 429 | 502 | 503 | 504) && retryable(attempt) {
                metrics.amo_retry(path);
                backoff(attempt).await;
                continue;
            }
            let text = match res.text().await {
                Ok(t) => t,
                Err(e) if !idempotent && e.is_timeout() => return Err(AmoError::WriteUncertain),
                Err(_) => return Err(AmoError::Unavailable),
            };
            return map_response(path, status, &text);
        }
    }

    async fn get<T: DeserializeOwned>(
        &self,
        account_id: i64,
        path: &str,
    ) -> Result<Option<T>, AmoError> {
        match self.call(account_id, Method::GET, path, Body::None).await? {
            None => Ok(None),
            Some(v) => parse(path, v).map(Some),
        }
    }

    async fn get_list<T: DeserializeOwned>(
        &self,
        account_id: i64,
        path: &str,
        key: &str,
    ) -> Result<Vec<T>, AmoError> {
        let Some(v) = self.call(account_id, Method::GET, path, Body::None).await? else {
            return Ok(Vec::new());
        };
        let items = v
            .get("_embedded")
            .and_then(|e| e.get(key))
            .cloned()
            .unwrap_or(Value::Array(Vec::new()));
        parse(path, items)
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

    /// Contacts by id in one call.
    pub async fn contacts(&self, account_id: i64, ids: &[i64]) -> Result<Vec<Contact>, AmoError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let filter: Vec<String> = ids.iter().map(|id| format!("filter[id][]={id}")).collect();
        let path = format!(
            "/api/v4/contacts?{}&limit={}",
            filter.join("&"),
            ids.len().min(250)
        );
        self.get_list(account_id, &path, "contacts").await
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
        let path = format!(
            "/api/v4/tasks?filter[entity_type]={}&filter[entity_id]={id}&filter[is_completed]=0&order[complete_till]=asc",
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
            "/api/v4/account?with=datetime_settings,task_types",
        )
        .await?
        .ok_or(AmoError::BadResponse)
    }

    pub async fn pipelines(&self, account_id: i64) -> Result<Vec<Pipeline>, AmoError> {
        self.get_list(account_id, "/api/v4/leads/pipelines", "pipelines")
            .await
    }

    pub async fn users(&self, account_id: i64) -> Result<Vec<User>, AmoError> {
        self.get_list(account_id, "/api/v4/users?limit=250", "users")
            .await
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
    /// callers) when missing or older than [`META_TTL`].
    pub async fn meta(&self, account_id: i64) -> Result<Arc<AccountMeta>, AmoError> {
        if let Some(m) = self.cached_meta(account_id) {
            return Ok(m);
        }
        let lock = {
            let mut loads = self.meta_loads.lock().unwrap_or_else(|p| p.into_inner());
            loads.entry(account_id).or_default().clone()
        };
        let _guard = lock.lock().await;
        if let Some(m) = self.cached_meta(account_id) {
            return Ok(m);
        }
        let (account, pipelines, users) = tokio::join!(
            self.account(account_id),
            self.pipelines(account_id),
            self.users(account_id)
        );
        let (account, pipelines) = (account?, pipelines?);
        // Without users the card still shows the record, but not what rights guard.
        let users_failed = users.is_err();
        if let Err(e) = &users {
            tracing::warn!(account_id, error = %e, "users (and their rights) not readable");
        }
        let meta = Arc::new(AccountMeta {
            account,
            pipelines,
            users: users.unwrap_or_default(),
            users_failed,
        });
        self.meta.lock().unwrap_or_else(|p| p.into_inner()).insert(
            account_id,
            CachedMeta {
                at: Instant::now(),
                meta: meta.clone(),
            },
        );
        Ok(meta)
    }

    /// Metadata only if it is cached: for choices that must not cost a call.
    pub fn cached_meta(&self, account_id: i64) -> Option<Arc<AccountMeta>> {
        let cache = self.meta.lock().unwrap_or_else(|p| p.into_inner());
        cache
            .get(&account_id)
            .filter(|c| {
                let ttl = if c.meta.users_failed {
                    META_WITHOUT_USERS_TTL
                } else {
                    META_TTL
                };
                c.at.elapsed() < ttl
            })
            .map(|c| c.meta.clone())
    }

    /// Customer statuses, cached like [`Self::meta`] but loaded only for customer
    /// cards. Periodicity mode has none and may answer an error: that is an empty list.
    pub async fn customer_statuses_cached(&self, account_id: i64) -> Arc<Vec<Status>> {
        let cached = {
            let cache = self
                .customer_statuses
                .lock()
                .unwrap_or_else(|p| p.into_inner());
            cache
                .get(&account_id)
                .filter(|(at, _)| at.elapsed() < META_TTL)
                .map(|(_, s)| s.clone())
        };
        if let Some(s) = cached {
            return s;
        }
        let statuses = Arc::new(self.customer_statuses(account_id).await.unwrap_or_default());
        self.customer_statuses
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(account_id, (Instant::now(), statuses.clone()));
        statuses
    }

    /// Drops the cached metadata (e.g. a status the cache does not know appeared).
    pub fn invalidate_meta(&self, account_id: i64) {
        self.meta
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&account_id);
        self.customer_statuses
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&account_id);
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
        self.call(account_id, Method::POST, &path, Body::Json(body))
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

    pub async fn add_call_note(
        &self,
        account_id: i64,
        kind: EntityKind,
        id: i64,
        call: &CallNote,
    ) -> Result<(), AmoError> {
        let body = json!([{
            "note_type": "call_out",
            "params": {
                "uniq": call.uniq,
                "duration": call.duration,
                "source": "amo-mobile-card",
                "phone": call.phone,
                "call_status": call.status,
                "call_result": call.result,
            },
            "created_by": call.created_by,
            "responsible_user_id": call.created_by,
        }]);
        let path = format!("/api/v4/{}/{id}/notes", kind.api_name());
        self.call(account_id, Method::POST, &path, Body::Json(body))
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
        self.call(account_id, Method::POST, "/api/v4/tasks", Body::Json(body))
            .await
            .map(|_| ())
    }

    /// Moves a lead to `status_id` of `pipeline_id`, attributed to `updated_by`.
    pub async fn move_lead(
        &self,
        account_id: i64,
        lead_id: i64,
        pipeline_id: i64,
        status_id: i64,
        updated_by: i64,
    ) -> Result<(), AmoError> {
        let body =
            json!({"status_id": status_id, "pipeline_id": pipeline_id, "updated_by": updated_by});
        let path = format!("/api/v4/leads/{lead_id}");
        self.call(account_id, Method::PATCH, &path, Body::Json(body))
            .await
            .map(|_| ())
    }

    pub async fn complete_task(
        &self,
        account_id: i64,
        task_id: i64,
        result: &str,
    ) -> Result<(), AmoError> {
        let mut body = json!({"is_completed": true});
        if !result.trim().is_empty() {
            body["result"] = json!({"text": result});
        }
        let path = format!("/api/v4/tasks/{task_id}");
        self.call(account_id, Method::PATCH, &path, Body::Json(body))
            .await
            .map(|_| ())
    }
}

async fn backoff(attempt: u32) {
    // 200 ms, 400 ms, ... with up to 50% jitter, so a burst of callers spreads out.
    let base = 200u64 << attempt.saturating_sub(1).min(4);
    let jitter = rand::random::<u64>() % (base / 2 + 1);
    tokio::time::sleep(Duration::from_millis(base + jitter)).await;
}

fn parse<T: DeserializeOwned>(path: &str, v: Value) -> Result<T, AmoError> {
    serde_json::from_value(v).map_err(|e| {
        tracing::warn!(path = %path_only(path), error = %e, "unexpected amoCRM response shape");
        AmoError::BadResponse
    })
}

fn path_only(path: &str) -> &str {
    path.split('?').next().unwrap_or(path)
}

fn map_response(path: &str, status: StatusCode, text: &str) -> Result<Option<Value>, AmoError> {
    let log = |kind: &str| {
        tracing::warn!(path = %path_only(path), status = status.as_u16(), body = %loggable_error(text), "amoCRM {kind}");
    };
    match status.as_u16() {
        204 => Ok(None),
        200..=299 => {
            if text.trim().is_empty() {
                return Ok(None);
            }
            serde_json::from_str(text).map(Some).map_err(|_| {
                log("sent invalid JSON");
                AmoError::BadResponse
            })
        }
        404 => Err(AmoError::NotFound),
        401 => Err(AmoError::NeedsReinstall),
        402 => Err(AmoError::CustomersDisabled),
        403 => {
            log("refused access");
            Err(AmoError::NoAccess)
        }
        422 if path_only(path).starts_with("/api/v4/customers") => Err(AmoError::CustomersDisabled),
        400 | 422 => {
            log("rejected the request");
            let detail = serde_json::from_str::<Value>(text)
                .ok()
                // The title only: `detail` may echo the submitted personal data.
                .and_then(|v| v.get("title").and_then(|d| d.as_str().map(str::to_owned)))
                .unwrap_or_else(|| "validation failed".into());
            Err(AmoError::Rejected(truncate_for_log(&detail)))
        }
        429 => Err(AmoError::RateLimited),
        _ => {
            log("failed");
            Err(AmoError::Unavailable)
        }
    }
}
