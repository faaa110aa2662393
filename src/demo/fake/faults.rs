//! Failure switches and the HTTP controls tests and the demo use.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::FakeAmo;

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
    /// Answer the token endpoint as amoCRM answers a `redirect_uri` that no
    /// longer matches the integration's: 400 "Некорректный запрос" with no hint.
    pub token_bad_redirect: bool,
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
    /// An account without amoCRM's paid filtering (filters-api.md): list
    /// filters of contacts are ignored, and the account says so when asked
    /// `with=is_api_filter_enabled`.
    pub unfiltered_lists: bool,
    /// With `unfiltered_lists`: the account does not say so (an older answer,
    /// or a flag that is wrong), so only the list's answer can tell.
    pub filter_flag_missing: bool,
    /// Answer one endpoint (as counted, e.g. `GET /api/v4/tasks`) with a status.
    pub endpoint_status: Option<(String, u16)>,
}

/// A write that reached the data, answered by a gateway's HTML 502 instead
/// of amoCRM's answer (see [`FakeAmo::lose_answers_to_next_writes`]).
pub(super) async fn gateway_after_write(
    State(fake): State<FakeAmo>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let write = matches!(req.method().as_str(), "POST" | "PATCH")
        && req.uri().path().starts_with("/api/v4/");
    let res = next.run(req).await;
    let lose = write
        && res.status().is_success()
        && fake.with(|s| {
            let hit = s.gateway_after_writes > 0;
            s.gateway_after_writes = s.gateway_after_writes.saturating_sub(1);
            hit
        });
    if !lose {
        return res;
    }
    (
        StatusCode::BAD_GATEWAY,
        [(axum::http::header::CONTENT_TYPE, "text/html")],
        "<html><body><h1>502 Bad Gateway</h1></body></html>",
    )
        .into_response()
}

pub(super) async fn set_faults_http(
    State(fake): State<FakeAmo>,
    Json(faults): Json<Faults>,
) -> StatusCode {
    fake.set_faults(faults);
    StatusCode::NO_CONTENT
}

pub(super) async fn reset_http(State(fake): State<FakeAmo>) -> StatusCode {
    fake.reset();
    StatusCode::NO_CONTENT
}

#[derive(Deserialize)]
pub(super) struct StatsQuery {
    #[serde(default)]
    endpoint: Option<String>,
}

pub(super) async fn stats_http(
    State(fake): State<FakeAmo>,
    Query(q): Query<StatsQuery>,
) -> Json<Value> {
    Json(json!({
        "api_calls": fake.api_calls(),
        "refresh_calls": fake.refresh_calls(),
        "peak_per_second": fake.peak_per_second(),
        "endpoint": q.endpoint.as_deref().map(|e| fake.count(e)),
        "notes": fake.notes().len(),
    }))
}
