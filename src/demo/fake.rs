//! A faithful fake of the parts of amoCRM the card uses, served over real HTTP.
//!
//! Used by the integration tests, the end-to-end suite and demo mode. Faithful
//! where it matters: HAL JSON and problem+json, 204 for a missing entity,
//! single-use rotating refresh tokens ("Token has been revoked" on reuse), 401
//! for expired access tokens, 429 with a plain-text body above 7 requests per
//! second (or the configured `AMO_RATE_LIMIT_PER_SECOND`), and switches for
//! latency, 5xx, hangs, the HTML 403 "blocked" page and malformed JSON. It
//! counts requests per endpoint.
//!
//! Split by concern: the state and its controls here; the token endpoint in
//! `oauth`, records in `entities` (their updates in `edits`), `tasks`, `notes`,
//! `events`; failure switches in `faults`.

mod controls;
mod counts;
mod edits;
mod entities;
mod events;
mod faults;
mod fields;
mod leads;
mod links;
mod loss_reasons;
mod notes;
mod oauth;
mod statuses;
mod tasks;

pub use crate::demo::fixtures::event;
pub use faults::Faults;

use std::collections::{HashMap, HashSet, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Value};
use tokio::time::Instant;

use crate::demo::fixtures;

/// amoCRM's own limit: requests a second per integration and account.
const AMO_REQUESTS_PER_SECOND: usize = 7;
/// The counter of 429 answers (not an endpoint).
const TOO_MANY_REQUESTS: &str = "429 Too Many Requests";
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
    /// Requests a second per account before 429 (amoCRM's 7; the demo follows
    /// `AMO_RATE_LIMIT_PER_SECOND` so that a load test measures our side).
    rate_limit: usize,
    /// Writes (POST, PATCH) still to fail with 503 before they reach the data.
    failing_writes: u32,
    /// Writes to one endpoint (`POST /api/v4/tasks`) still to fail with 503.
    failing_writes_to: HashMap<String, u32>,
    /// Writes still to go unanswered (the client's timeout fires; nothing saved).
    hanging_writes: u32,
    /// Writes still to be saved and then answered by a gateway's HTML 502,
    /// as a balancer in front of amoCRM does when the answer is lost.
    gateway_after_writes: u32,
    leads: Vec<Value>,
    customers: Vec<Value>,
    /// Custom field definitions by entity (`leads`, `customers`).
    custom_fields: HashMap<String, Vec<Value>>,
    users: Vec<Value>,
    tasks: Vec<Value>,
    /// The records' history from the fixtures.
    history: Vec<Value>,
    /// Notes posted through the API.
    notes: Vec<Value>,
    /// The accounts' events (the records' feeds), oldest first.
    events: Vec<Value>,
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
        let fake = Self {
            state: Arc::new(Mutex::new(FakeState {
                access_ttl: 86_400,
                rate_limit: AMO_REQUESTS_PER_SECOND,
                next_id: 100_000,
                ..Default::default()
            })),
        };
        // The data: the same as after a reset.
        fake.reset();
        fake
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
            .route("/oauth2/access_token", post(oauth::token))
            .route("/api/v4/account", get(entities::account))
            .route("/api/v4/leads", get(leads::leads))
            .route("/api/v4/leads/pipelines", get(entities::pipelines))
            .route(
                "/api/v4/leads/pipelines/{id}/statuses",
                get(statuses::pipeline_statuses),
            )
            .route(
                "/api/v4/leads/loss_reasons",
                get(loss_reasons::loss_reasons),
            )
            .route(
                "/api/v4/leads/{id}",
                get(entities::lead).patch(edits::update_lead),
            )
            .route("/api/v4/leads/{id}/link", post(links::link))
            .route("/api/v4/leads/{id}/unlink", post(links::unlink))
            .route(
                "/api/v4/customers/statuses",
                get(entities::customer_statuses),
            )
            .route(
                "/api/v4/customers/{id}",
                get(entities::customer).patch(edits::update_customer),
            )
            .route("/api/v4/leads/custom_fields", get(fields::lead_fields))
            .route(
                "/api/v4/customers/custom_fields",
                get(fields::customer_fields),
            )
            .route(
                "/api/v4/contacts/custom_fields",
                get(fields::contact_fields),
            )
            .route(
                "/api/v4/companies/custom_fields",
                get(fields::company_fields),
            )
            .route(
                "/api/v4/catalogs/{id}/elements",
                get(entities::catalog_elements),
            )
            .route("/api/v4/contacts", get(entities::contacts))
            .route("/api/v4/contacts/{id}", get(entities::contact))
            .route("/api/v4/events", get(events::events))
            .route("/api/v4/companies/{id}", get(entities::company))
            .route("/api/v4/users", get(entities::users))
            .route("/api/v4/users/{id}", get(entities::user))
            .route("/api/v4/tasks", get(tasks::tasks).post(tasks::add_tasks))
            .route(
                "/api/v4/tasks/{id}",
                get(tasks::task).patch(tasks::update_task),
            )
            .route(
                "/api/v4/{entity}/{id}/notes",
                get(notes::notes).post(notes::add_notes),
            )
            .layer(axum::middleware::from_fn_with_state(
                self.clone(),
                faults::gateway_after_write,
            ))
            .route("/__fake/faults", post(faults::set_faults_http))
            .route("/__fake/reset", post(faults::reset_http))
            .route("/__fake/stats", get(faults::stats_http))
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
            s.custom_fields = ["leads", "customers", "contacts", "companies"]
                .map(|e| (e.to_owned(), fixtures::custom_field_defs(e)))
                .into();
            s.users = fixtures::users();
            s.tasks = fixtures::tasks(now);
            s.history = fixtures::notes(now);
            s.events = fixtures::events(now);
            s.notes.clear();
            s.faults = Faults::default();
            s.counts.clear();
            s.all_sends.clear();
            s.failing_writes_to.clear();
        });
    }

    /// Auth, counting, rate limit and fault injection shared by every API route.
    async fn guard(&self, endpoint: &str, headers: &HeaderMap) -> Result<i64, Response> {
        let (faults, account, fail_write, hang_write) = self.with(|s| {
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
            let write = endpoint.starts_with("POST ") || endpoint.starts_with("PATCH ");
            let take = |left: &mut u32| {
                let hit = write && account.is_ok() && *left > 0;
                if hit {
                    *left -= 1;
                }
                hit
            };
            let fail_write = take(&mut s.failing_writes)
                || s.failing_writes_to.get_mut(endpoint).is_some_and(&take);
            let hang_write = take(&mut s.hanging_writes);
            (s.faults.clone(), account, fail_write, hang_write)
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
            let limited = q.len() > s.rate_limit;
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
        if faults.hang || hang_write {
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
        if let Some((_, status)) = faults
            .endpoint_status
            .as_ref()
            .filter(|(e, _)| e == endpoint)
        {
            let status = StatusCode::from_u16(*status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            return Err(problem(status, "Error", "Injected endpoint failure"));
        }
        if fail_write {
            return Err(problem(
                StatusCode::SERVICE_UNAVAILABLE,
                "Service Unavailable",
                "Injected write failure",
            ));
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

/// Page `page` of `all` (`limit` a page) as amoCRM answers a list: the items
/// under `_embedded.{key}`, `_links.next` while more follow, 204 past the end.
fn paged(all: &[Value], page: usize, limit: usize, path: &str, key: &str) -> Response {
    let items: Vec<&Value> = all.iter().skip((page - 1) * limit).take(limit).collect();
    if items.is_empty() {
        return no_content();
    }
    let href = |p: usize| json!({"href": format!("{path}?page={p}&limit={limit}")});
    let mut links = json!({"self": href(page)});
    if all.len() > page * limit {
        links["next"] = href(page + 1);
    }
    hal(json!({"_page": page, "_links": links, "_embedded": {key: items}}))
}

fn no_content() -> Response {
    StatusCode::NO_CONTENT.into_response()
}
