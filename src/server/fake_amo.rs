//! A faithful fake of the parts of amoCRM the card uses, served over real HTTP.
//!
//! Used by the integration tests, the end-to-end suite and demo mode. Faithful
//! where it matters: HAL JSON and problem+json, 204 for a missing entity,
//! single-use rotating refresh tokens ("Token has been revoked" on reuse), 401
//! for expired access tokens, 429 with a plain-text body above 7 requests per
//! second, and switches for latency, 5xx, hangs, the HTML 403 "blocked" page
//! and malformed JSON. It counts requests per endpoint.

pub mod fixtures;

use std::collections::{HashMap, HashSet, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{Path, Query, RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use tokio::time::Instant;

/// The counter of 429 answers (not an endpoint).
const TOO_MANY_REQUESTS: &str = "429 Too Many Requests";

/// Failure switches; all off by default.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Faults {
    /// Delay before every API answer.
    pub latency_ms: u64,
    /// Answer every API call with this status (e.g. 500, 503).
    pub status: Option<u16>,
    /// Never answer API calls (the client's timeout fires).
    pub hang: bool,
    /// Answer API calls with amoCRM's HTML 403 "account blocked" page.
    pub html_403: bool,
    /// Answer API calls with a truncated JSON body.
    pub malformed_json: bool,
    /// Answer the token endpoint with this status (200: a truncated JSON body).
    pub token_status: Option<u16>,
    /// Never answer the token endpoint.
    pub token_hang: bool,
    /// Answer the token endpoint with a 307 to this URL (an open redirect on the account's host).
    pub token_redirect: Option<String>,
    /// Turn off the 7 rps limit (the load benchmark measures our side).
    pub no_rate_limit: bool,
    /// Answer the users calls without `rights`, as amoCRM does for a grant
    /// whose user is not an account admin.
    pub users_without_rights: bool,
    /// Answer the users calls with this status.
    pub users_status: Option<u16>,
}

#[derive(Default)]
struct FakeState {
    codes: HashMap<String, i64>,
    access: HashMap<String, (i64, i64)>,
    refresh: HashMap<String, i64>,
    revoked: HashSet<String>,
    access_ttl: i64,
    counts: HashMap<String, u64>,
    sends: HashMap<i64, VecDeque<Instant>>,
    all_sends: Vec<(Instant, i64)>,
    faults: Faults,
    leads: Vec<Value>,
    customers: Vec<Value>,
    users: Vec<Value>,
    tasks: Vec<Value>,
    /// The records' history from the fixtures.
    history: Vec<Value>,
    /// Notes posted through the API.
    notes: Vec<Value>,
    next_id: i64,
}

/// The fake's handle: control and inspection for tests, cheap to clone.
#[derive(Clone)]
pub struct FakeAmo {
    state: Arc<Mutex<FakeState>>,
}

fn now_unix() -> i64 {
    chrono::Utc::now().timestamp()
}

impl Default for FakeAmo {
    fn default() -> Self {
        Self::new()
    }
}

impl FakeAmo {
    pub fn new() -> Self {
        let now = now_unix();
        Self {
            state: Arc::new(Mutex::new(FakeState {
                access_ttl: 86_400,
                leads: fixtures::leads(now),
                customers: fixtures::customers(now),
                users: fixtures::users(),
                tasks: fixtures::tasks(now),
                history: fixtures::notes(now),
                next_id: 100_000,
                ..Default::default()
            })),
        }
    }

    fn with<R>(&self, f: impl FnOnce(&mut FakeState) -> R) -> R {
        f(&mut self.state.lock().unwrap_or_else(|p| p.into_inner()))
    }

    /// Serves the fake on `127.0.0.1:0`; returns its base URL.
    pub async fn spawn(&self) -> std::io::Result<url::Url> {
        let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0))).await?;
        let addr = listener.local_addr()?;
        let router = self.router();
        let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
            let _ = tcp.set_nodelay(true);
        });
        tokio::spawn(async move {
            let _ = axum::serve(listener, router).await;
        });
        url::Url::parse(&format!("http://{addr}/")).map_err(std::io::Error::other)
    }

    pub fn router(&self) -> Router {
        Router::new()
            .route("/oauth2/access_token", post(token))
            .route("/api/v4/account", get(account))
            .route("/api/v4/leads/pipelines", get(pipelines))
            .route("/api/v4/leads/{id}", get(lead).patch(update_lead))
            .route("/api/v4/customers/statuses", get(customer_statuses))
            .route("/api/v4/customers/{id}", get(customer))
            .route("/api/v4/contacts", get(contacts))
            .route("/api/v4/companies/{id}", get(company))
            .route("/api/v4/users", get(users))
            .route("/api/v4/users/{id}", get(user))
            .route("/api/v4/tasks", get(tasks).post(add_tasks))
            .route("/api/v4/tasks/{id}", get(task).patch(update_task))
            .route("/api/v4/{entity}/{id}/notes", get(notes).post(add_notes))
            .route("/__fake/faults", post(set_faults_http))
            .route("/__fake/reset", post(reset_http))
            .route("/__fake/stats", get(stats_http))
            .with_state(self.clone())
    }

    /// An authorization code that installs `account_id` when exchanged.
    pub fn issue_code(&self, account_id: i64) -> String {
        let code = format!("code-{}", uuid::Uuid::new_v4().simple());
        self.with(|s| s.codes.insert(code.clone(), account_id));
        code
    }

    /// Like amoCRM, keeps `closest_task_at` of every lead and customer in step with their open tasks.
    fn sync_closest_tasks(s: &mut FakeState) {
        for (list, kind) in [(&mut s.leads, "leads"), (&mut s.customers, "customers")] {
            for entity in list.iter_mut() {
                let id = entity["id"].clone();
                let closest = s
                    .tasks
                    .iter()
                    .filter(|t| {
                        t["entity_type"] == kind
                            && t["entity_id"] == id
                            && t["is_completed"] == json!(false)
                    })
                    .filter_map(|t| t["complete_till"].as_i64())
                    .min();
                entity["closest_task_at"] = closest.map(Value::from).unwrap_or(Value::Null);
            }
        }
    }

    /// Back to the fixtures: data, faults and counters (tokens stay valid).
    pub fn reset(&self) {
        let now = now_unix();
        self.with(|s| {
            s.leads = fixtures::leads(now);
            s.customers = fixtures::customers(now);
            s.users = fixtures::users();
            s.tasks = fixtures::tasks(now);
            s.history = fixtures::notes(now);
            s.notes.clear();
            s.faults = Faults::default();
            s.counts.clear();
            s.all_sends.clear();
        });
    }

    /// Sets one field of a user (`rights`, `lang`, ...), as an admin editing them would.
    pub fn set_user(&self, user_id: i64, key: &str, value: Value) {
        self.with(|s| {
            if let Some(u) = s.users.iter_mut().find(|u| u["id"] == json!(user_id)) {
                u[key] = value;
            }
        });
    }

    /// Moves a lead to another responsible user.
    pub fn set_lead_responsible(&self, lead_id: i64, user_id: i64) {
        self.with(|s| {
            if let Some(l) = s.leads.iter_mut().find(|l| l["id"] == json!(lead_id)) {
                l["responsible_user_id"] = json!(user_id);
            }
        });
    }

    pub fn set_faults(&self, faults: Faults) {
        self.with(|s| s.faults = faults);
    }

    /// Lifetime of access tokens issued from now on.
    pub fn set_access_ttl(&self, secs: i64) {
        self.with(|s| s.access_ttl = secs);
    }

    /// Makes every issued access token expired (amoCRM answers 401 to them).
    pub fn expire_access_tokens(&self) {
        self.with(|s| s.access.values_mut().for_each(|(_, exp)| *exp = 0));
    }

    /// Revokes every live refresh token (as if the admin revoked the grant).
    pub fn revoke_refresh_tokens(&self) {
        self.with(|s| {
            let live: Vec<String> = s.refresh.drain().map(|(k, _)| k).collect();
            s.revoked.extend(live);
        });
    }

    /// Requests seen for one endpoint, named like `GET /api/v4/leads/{id}`.
    pub fn count(&self, endpoint: &str) -> u64 {
        self.with(|s| s.counts.get(endpoint).copied().unwrap_or(0))
    }

    /// API requests answered 429 because the account sent more than 7 in a second.
    pub fn too_many_requests(&self) -> u64 {
        self.count(TOO_MANY_REQUESTS)
    }

    /// Refresh grants seen at the token endpoint.
    pub fn refresh_calls(&self) -> u64 {
        self.count("POST /oauth2/access_token refresh_token")
    }

    /// Requests to `/api/v4/...` in total.
    pub fn api_calls(&self) -> u64 {
        self.with(|s| {
            s.counts
                .iter()
                .filter(|(k, _)| k.contains("/api/v4/"))
                .map(|(_, v)| v)
                .sum()
        })
    }

    pub fn reset_counts(&self) {
        self.with(|s| {
            s.counts.clear();
            s.all_sends.clear();
        });
    }

    /// The most API requests any account made within any one-second window.
    pub fn peak_per_second(&self) -> usize {
        self.with(|s| {
            let mut by_account: HashMap<i64, Vec<Instant>> = HashMap::new();
            for (t, a) in &s.all_sends {
                by_account.entry(*a).or_default().push(*t);
            }
            by_account
                .values()
                .map(|times| {
                    times
                        .iter()
                        .enumerate()
                        .map(|(i, t)| {
                            times[i..]
                                .iter()
                                .take_while(|u| u.duration_since(*t) < Duration::from_secs(1))
                                .count()
                        })
                        .max()
                        .unwrap_or(0)
                })
                .max()
                .unwrap_or(0)
        })
    }

    /// Notes written so far, newest last.
    pub fn notes(&self) -> Vec<Value> {
        self.with(|s| s.notes.clone())
    }

    /// Adds a task as if someone created it in amoCRM.
    pub fn insert_task(&self, task: Value) {
        self.with(|s| {
            s.tasks.push(task);
            FakeAmo::sync_closest_tasks(s);
        });
    }

    /// Tasks (open and completed).
    pub fn tasks(&self) -> Vec<Value> {
        self.with(|s| s.tasks.clone())
    }

    /// Auth, counting, rate limit and fault injection shared by every API route.
    async fn guard(&self, endpoint: &str, headers: &HeaderMap) -> Result<i64, Response> {
        let (faults, account) = self.with(|s| {
            *s.counts.entry(endpoint.to_owned()).or_default() += 1;
            let token = headers
                .get(header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.strip_prefix("Bearer "))
                .unwrap_or_default();
            let account = match s.access.get(token) {
                Some((account, exp)) if *exp > now_unix() => Ok(*account),
                _ => Err(()),
            };
            (s.faults.clone(), account)
        });
        let Ok(account) = account else {
            return Err(problem(
                StatusCode::UNAUTHORIZED,
                "Unauthorized",
                "Access token is expired or invalid",
            ));
        };
        let limited = self.with(|s| {
            let now = Instant::now();
            s.all_sends.push((now, account));
            if faults.no_rate_limit {
                return false;
            }
            let q = s.sends.entry(account).or_default();
            while q
                .front()
                .is_some_and(|t| now.duration_since(*t) >= Duration::from_secs(1))
            {
                q.pop_front();
            }
            q.push_back(now);
            let limited = q.len() > 7;
            if limited {
                *s.counts.entry(TOO_MANY_REQUESTS.to_owned()).or_default() += 1;
            }
            limited
        });
        if limited {
            return Err((StatusCode::TOO_MANY_REQUESTS, "Too Many Requests").into_response());
        }
        if faults.latency_ms > 0 {
            tokio::time::sleep(Duration::from_millis(faults.latency_ms)).await;
        }
        if faults.hang {
            tokio::time::sleep(Duration::from_secs(3_600)).await;
        }
        if faults.html_403 {
            return Err((
                StatusCode::FORBIDDEN,
                [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                "<!DOCTYPE html><html><body><h1>Доступ к API заблокирован</h1></body></html>",
            )
                .into_response());
        }
        if let Some(status) = faults.status {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            return Err(problem(status, "Error", "Injected failure"));
        }
        if faults.malformed_json {
            return Err(hal_raw(StatusCode::OK, "{\"id\": 1, \"name\": \"trunc"));
        }
        Ok(account)
    }
}

fn problem(status: StatusCode, title: &str, detail: &str) -> Response {
    let body = json!({"title": title, "type": format!("https://httpstatus.es/{}", status.as_u16()), "status": status.as_u16(), "detail": detail});
    (
        status,
        [(header::CONTENT_TYPE, "application/problem+json")],
        body.to_string(),
    )
        .into_response()
}

fn hal_raw(status: StatusCode, body: &str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/hal+json")],
        body.to_owned(),
    )
        .into_response()
}

fn hal(v: Value) -> Response {
    hal_raw(StatusCode::OK, &v.to_string())
}

fn no_content() -> Response {
    StatusCode::NO_CONTENT.into_response()
}

#[derive(Deserialize)]
struct TokenRequest {
    #[serde(default)]
    grant_type: String,
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    refresh_token: Option<String>,
    #[serde(default)]
    client_id: String,
    #[serde(default)]
    client_secret: String,
}

async fn token(State(fake): State<FakeAmo>, body: Option<Json<TokenRequest>>) -> Response {
    let Some(Json(req)) = body else {
        return problem(StatusCode::BAD_REQUEST, "Bad Request", "Malformed JSON");
    };
    let endpoint = format!("POST /oauth2/access_token {}", req.grant_type);
    let (token_status, token_hang, token_redirect) = fake.with(|s| {
        *s.counts.entry(endpoint).or_default() += 1;
        (
            s.faults.token_status,
            s.faults.token_hang,
            s.faults.token_redirect.clone(),
        )
    });
    if let Some(to) = token_redirect {
        return (StatusCode::TEMPORARY_REDIRECT, [(header::LOCATION, to)]).into_response();
    }
    if token_hang {
        tokio::time::sleep(Duration::from_secs(3_600)).await;
    }
    if let Some(status) = token_status {
        if status == 200 {
            return hal_raw(StatusCode::OK, "{\"token_type\": \"Bearer\", \"acc");
        }
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        return problem(status, "Error", "Injected failure");
    }
    if req.client_id.is_empty() || req.client_secret.is_empty() {
        return problem(
            StatusCode::BAD_REQUEST,
            "Bad Request",
            "client_id and client_secret are required",
        );
    }
    let account = fake.with(|s| match req.grant_type.as_str() {
        "authorization_code" => s
            .codes
            .remove(req.code.as_deref().unwrap_or_default())
            .ok_or("Authorization code has been revoked"),
        "refresh_token" => {
            let rt = req.refresh_token.clone().unwrap_or_default();
            if s.revoked.contains(&rt) {
                return Err("Token has been revoked");
            }
            match s.refresh.remove(&rt) {
                Some(a) => {
                    // Single use: the old refresh token dies with this exchange.
                    s.revoked.insert(rt);
                    Ok(a)
                }
                None => Err("Cannot decrypt the refresh token"),
            }
        }
        _ => Err("Unsupported grant type"),
    });
    let account = match account {
        Ok(a) => a,
        Err(hint) => {
            let body = json!({"hint": hint, "title": "Некорректный запрос", "type": "https://developers.amocrm.ru/v3/errors/OAuthProblemJson", "status": 400, "detail": "В запросе отсутствует ряд параметров или параметры невалидны"});
            return (
                StatusCode::BAD_REQUEST,
                [(header::CONTENT_TYPE, "application/problem+json")],
                body.to_string(),
            )
                .into_response();
        }
    };
    let (access, refresh, ttl) = fake.with(|s| {
        let access = format!("fake-access-{}", uuid::Uuid::new_v4().simple());
        let refresh = format!("fake-refresh-{}", uuid::Uuid::new_v4().simple());
        s.access
            .insert(access.clone(), (account, now_unix() + s.access_ttl));
        s.refresh.insert(refresh.clone(), account);
        (access, refresh, s.access_ttl)
    });
    hal(
        json!({"token_type": "Bearer", "expires_in": ttl, "access_token": access, "refresh_token": refresh}),
    )
}

async fn account(State(fake): State<FakeAmo>, headers: HeaderMap) -> Response {
    match fake.guard("GET /api/v4/account", &headers).await {
        Ok(account) => hal(fixtures::account(account)),
        Err(r) => r,
    }
}

async fn pipelines(State(fake): State<FakeAmo>, headers: HeaderMap) -> Response {
    match fake.guard("GET /api/v4/leads/pipelines", &headers).await {
        Ok(_) => hal(fixtures::pipelines()),
        Err(r) => r,
    }
}

async fn customer_statuses(State(fake): State<FakeAmo>, headers: HeaderMap) -> Response {
    match fake.guard("GET /api/v4/customers/statuses", &headers).await {
        Ok(a) if a == fixtures::ACCOUNT_NO_CUSTOMERS => problem(
            StatusCode::PAYMENT_REQUIRED,
            "Payment Required",
            "Customers are disabled",
        ),
        Ok(_) => hal(fixtures::customer_statuses()),
        Err(r) => r,
    }
}

/// The users as the faults allow: without rights for a non-admin grant, or failing.
fn users_answer(fake: &FakeAmo) -> Result<Vec<Value>, StatusCode> {
    let (faults, mut users) = fake.with(|s| (s.faults.clone(), s.users.clone()));
    if let Some(status) = faults.users_status {
        return Err(StatusCode::from_u16(status).unwrap_or(StatusCode::FORBIDDEN));
    }
    if faults.users_without_rights {
        for u in &mut users {
            if let Some(o) = u.as_object_mut() {
                o.remove("rights");
            }
        }
    }
    Ok(users)
}

async fn users(State(fake): State<FakeAmo>, headers: HeaderMap) -> Response {
    if let Err(r) = fake.guard("GET /api/v4/users", &headers).await {
        return r;
    }
    match users_answer(&fake) {
        Ok(users) => hal(json!({"_embedded": {"users": users}})),
        Err(status) => problem(status, "Error", "Injected users failure"),
    }
}

async fn user(State(fake): State<FakeAmo>, headers: HeaderMap, Path(id): Path<i64>) -> Response {
    if let Err(r) = fake.guard("GET /api/v4/users/{id}", &headers).await {
        return r;
    }
    match users_answer(&fake).map(|users| find(&users, id)) {
        Ok(Some(u)) => hal(u),
        Ok(None) => problem(StatusCode::NOT_FOUND, "Not Found", "User not found"),
        Err(status) => problem(status, "Error", "Injected users failure"),
    }
}

fn find(list: &[Value], id: i64) -> Option<Value> {
    list.iter().find(|v| v["id"].as_i64() == Some(id)).cloned()
}

async fn lead(State(fake): State<FakeAmo>, headers: HeaderMap, Path(id): Path<i64>) -> Response {
    if let Err(r) = fake.guard("GET /api/v4/leads/{id}", &headers).await {
        return r;
    }
    match fake.with(|s| find(&s.leads, id)) {
        Some(v) if v["is_deleted"] != json!(true) => hal(v),
        _ => no_content(),
    }
}

async fn update_lead(
    State(fake): State<FakeAmo>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    body: Option<Json<Value>>,
) -> Response {
    if let Err(r) = fake.guard("PATCH /api/v4/leads/{id}", &headers).await {
        return r;
    }
    let Some(Json(patch)) = body else {
        return problem(StatusCode::BAD_REQUEST, "Bad Request", "Malformed JSON");
    };
    let updated = fake.with(|s| {
        let lead = s.leads.iter_mut().find(|l| l["id"].as_i64() == Some(id))?;
        for key in ["status_id", "pipeline_id", "updated_by"] {
            if let Some(v) = patch.get(key) {
                lead[key] = v.clone();
            }
        }
        lead["updated_at"] = json!(now_unix());
        Some(lead["id"].clone())
    });
    match updated {
        Some(id) => hal(json!({"id": id, "updated_at": now_unix()})),
        None => problem(StatusCode::NOT_FOUND, "Not Found", "Lead not found"),
    }
}

async fn customer(
    State(fake): State<FakeAmo>,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Response {
    match fake.guard("GET /api/v4/customers/{id}", &headers).await {
        Ok(a) if a == fixtures::ACCOUNT_NO_CUSTOMERS => problem(
            StatusCode::PAYMENT_REQUIRED,
            "Payment Required",
            "Customers are disabled",
        ),
        Ok(_) => match fake.with(|s| find(&s.customers, id)) {
            Some(v) => hal(v),
            None => problem(StatusCode::NOT_FOUND, "Not Found", "Customer not found"),
        },
        Err(r) => r,
    }
}

/// The `filter[...][]` values of a raw query string.
fn filter_values(query: &str, key: &str) -> Vec<String> {
    url::form_urlencoded::parse(query.as_bytes())
        .filter(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
        .collect()
}

async fn contacts(
    State(fake): State<FakeAmo>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> Response {
    if let Err(r) = fake.guard("GET /api/v4/contacts", &headers).await {
        return r;
    }
    let ids: Vec<i64> = filter_values(q.as_deref().unwrap_or_default(), "filter[id][]")
        .iter()
        .filter_map(|v| v.parse().ok())
        .collect();
    let found: Vec<Value> = fixtures::contacts()
        .into_iter()
        .filter(|c| ids.contains(&c["id"].as_i64().unwrap_or(0)))
        .collect();
    if found.is_empty() {
        return no_content();
    }
    hal(json!({"_page": 1, "_embedded": {"contacts": found}}))
}

async fn company(State(fake): State<FakeAmo>, headers: HeaderMap, Path(id): Path<i64>) -> Response {
    if let Err(r) = fake.guard("GET /api/v4/companies/{id}", &headers).await {
        return r;
    }
    match find(&fixtures::companies(), id) {
        Some(v) => hal(v),
        None => no_content(),
    }
}

async fn tasks(State(fake): State<FakeAmo>, headers: HeaderMap, RawQuery(q): RawQuery) -> Response {
    if let Err(r) = fake.guard("GET /api/v4/tasks", &headers).await {
        return r;
    }
    let q = q.unwrap_or_default();
    let entity_type = filter_values(&q, "filter[entity_type]")
        .pop()
        .unwrap_or_default();
    let entity_id: i64 = filter_values(&q, "filter[entity_id]")
        .pop()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let open_only = filter_values(&q, "filter[is_completed]").pop().as_deref() == Some("0");
    let mut found: Vec<Value> = fake.with(|s| {
        s.tasks
            .iter()
            .filter(|t| {
                t["entity_type"] == json!(entity_type) && t["entity_id"] == json!(entity_id)
            })
            .filter(|t| !open_only || t["is_completed"] == json!(false))
            .cloned()
            .collect()
    });
    found.sort_by_key(|t| t["complete_till"].as_i64());
    // Pages like amoCRM: 50 by default, at most 250.
    let limit = filter_values(&q, "limit")
        .pop()
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(50)
        .clamp(1, 250);
    let page = filter_values(&q, "page")
        .pop()
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(1)
        .max(1);
    let page_items: Vec<Value> = found
        .iter()
        .skip((page - 1) * limit)
        .take(limit)
        .cloned()
        .collect();
    if page_items.is_empty() {
        return no_content();
    }
    hal(json!({"_page": page, "_embedded": {"tasks": page_items}}))
}

async fn add_tasks(
    State(fake): State<FakeAmo>,
    headers: HeaderMap,
    body: Option<Json<Vec<Value>>>,
) -> Response {
    if let Err(r) = fake.guard("POST /api/v4/tasks", &headers).await {
        return r;
    }
    let Some(Json(items)) = body else {
        return problem(StatusCode::BAD_REQUEST, "Bad Request", "Malformed JSON");
    };
    let mut created = Vec::new();
    for mut t in items {
        if t["text"].as_str().is_none_or(|s| s.trim().is_empty())
            || t["complete_till"].as_i64().is_none()
        {
            return problem(
                StatusCode::BAD_REQUEST,
                "Bad Request",
                "text and complete_till are required",
            );
        }
        fake.with(|s| {
            s.next_id += 1;
            t["id"] = json!(s.next_id);
            t["is_completed"] = json!(false);
            created.push(json!({"id": s.next_id}));
            s.tasks.push(t);
            FakeAmo::sync_closest_tasks(s);
        });
    }
    hal(json!({"_embedded": {"tasks": created}}))
}

async fn task(State(fake): State<FakeAmo>, headers: HeaderMap, Path(id): Path<i64>) -> Response {
    if let Err(r) = fake.guard("GET /api/v4/tasks/{id}", &headers).await {
        return r;
    }
    match fake.with(|s| {
        s.tasks
            .iter()
            .find(|t| t["id"].as_i64() == Some(id))
            .cloned()
    }) {
        Some(t) => hal(t),
        None => no_content(),
    }
}

async fn update_task(
    State(fake): State<FakeAmo>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    body: Option<Json<Value>>,
) -> Response {
    if let Err(r) = fake.guard("PATCH /api/v4/tasks/{id}", &headers).await {
        return r;
    }
    let Some(Json(patch)) = body else {
        return problem(StatusCode::BAD_REQUEST, "Bad Request", "Malformed JSON");
    };
    let updated = fake.with(|s| {
        let task = s.tasks.iter_mut().find(|t| t["id"].as_i64() == Some(id))?;
        if let Some(done) = patch.get("is_completed") {
            task["is_completed"] = done.clone();
        }
        if let Some(result) = patch.get("result") {
            task["result"] = result.clone();
        }
        let task = task.clone();
        FakeAmo::sync_closest_tasks(s);
        Some(task)
    });
    match updated {
        Some(t) => hal(json!({"id": t["id"], "updated_at": now_unix()})),
        None => problem(StatusCode::NOT_FOUND, "Not Found", "Task not found"),
    }
}

#[derive(Deserialize)]
struct NotesQuery {
    page: Option<usize>,
    limit: Option<usize>,
}

/// A record's notes, newest first (by id), paged like amoCRM: `_links.next`
/// while more follow, 204 for an empty page.
async fn notes(
    State(fake): State<FakeAmo>,
    headers: HeaderMap,
    Path((entity, id)): Path<(String, i64)>,
    Query(q): Query<NotesQuery>,
) -> Response {
    if let Err(r) = fake
        .guard("GET /api/v4/{entity}/{id}/notes", &headers)
        .await
    {
        return r;
    }
    // amoCRM's defaults: page 1, 50 per page, at most 250.
    let limit = q.limit.unwrap_or(50).clamp(1, 250);
    let page = q.page.unwrap_or(1).max(1);
    let mut all: Vec<Value> = fake.with(|s| {
        s.history
            .iter()
            .chain(s.notes.iter())
            .filter(|n| n["entity_type"] == json!(entity) && n["entity_id"] == json!(id))
            .cloned()
            .collect()
    });
    all.sort_by_key(|n| std::cmp::Reverse(n["id"].as_i64().unwrap_or(0)));
    let items: Vec<Value> = all
        .iter()
        .skip((page - 1) * limit)
        .take(limit)
        .cloned()
        .collect();
    if items.is_empty() {
        return no_content();
    }
    let mut links = json!({"self": {"href": format!("/api/v4/{entity}/{id}/notes?page={page}")}});
    if all.len() > page * limit {
        links["next"] = json!({"href": format!("/api/v4/{entity}/{id}/notes?page={}", page + 1)});
    }
    hal(json!({"_page": page, "_links": links, "_embedded": {"notes": items}}))
}

/// What amoCRM requires of a note it accepts; `None` when valid.
fn note_error(n: &Value) -> Option<&'static str> {
    let params = &n["params"];
    match n["note_type"].as_str() {
        Some("common") => params["text"].as_str().is_none().then_some("params.text"),
        Some("call_in" | "call_out") => {
            if params["uniq"].as_str().is_none_or(str::is_empty) {
                Some("params.uniq")
            } else if params["duration"].as_i64().is_none_or(|d| d < 0) {
                Some("params.duration")
            } else if params["source"].as_str().is_none_or(str::is_empty) {
                Some("params.source")
            } else if params["phone"].as_str().is_none_or(str::is_empty) {
                Some("params.phone")
            } else if !params["call_status"].is_null()
                && params["call_status"]
                    .as_i64()
                    .is_none_or(|s| !(1..=7).contains(&s))
            {
                Some("params.call_status")
            } else {
                None
            }
        }
        _ => Some("note_type"),
    }
}

async fn add_notes(
    State(fake): State<FakeAmo>,
    headers: HeaderMap,
    Path((entity, id)): Path<(String, i64)>,
    body: Option<Json<Vec<Value>>>,
) -> Response {
    if let Err(r) = fake
        .guard("POST /api/v4/{entity}/{id}/notes", &headers)
        .await
    {
        return r;
    }
    let Some(Json(items)) = body else {
        return problem(StatusCode::BAD_REQUEST, "Bad Request", "Malformed JSON");
    };
    if let Some(path) = items.iter().find_map(note_error) {
        return (
            StatusCode::BAD_REQUEST,
            [(header::CONTENT_TYPE, "application/problem+json")],
            Json(json!({"title": "Bad Request", "status": 400,
                "validation-errors": [{"request_id": "0", "errors": [{"code": "NotSupportedChoice", "path": path}]}]})),
        )
            .into_response();
    }
    let mut created = Vec::new();
    for mut n in items {
        fake.with(|s| {
            s.next_id += 1;
            n["id"] = json!(s.next_id);
            n["entity_id"] = json!(id);
            n["entity_type"] = json!(entity);
            n["created_at"] = json!(now_unix());
            created.push(json!({"id": s.next_id, "entity_id": id}));
            s.notes.push(n);
        });
    }
    hal(json!({"_embedded": {"notes": created}}))
}

async fn set_faults_http(State(fake): State<FakeAmo>, Json(faults): Json<Faults>) -> StatusCode {
    fake.set_faults(faults);
    StatusCode::NO_CONTENT
}

async fn reset_http(State(fake): State<FakeAmo>) -> StatusCode {
    fake.reset();
    StatusCode::NO_CONTENT
}

#[derive(Deserialize)]
struct StatsQuery {
    #[serde(default)]
    endpoint: Option<String>,
}

async fn stats_http(State(fake): State<FakeAmo>, Query(q): Query<StatsQuery>) -> Json<Value> {
    Json(json!({
        "api_calls": fake.api_calls(),
        "refresh_calls": fake.refresh_calls(),
        "peak_per_second": fake.peak_per_second(),
        "endpoint": q.endpoint.as_deref().map(|e| fake.count(e)),
        "notes": fake.notes().len(),
    }))
}
