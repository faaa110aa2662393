//! Demo mode only: control of the in-process fake amoCRM (used by the
//! end-to-end suite to inject failures) and a way to mint a card link.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Extension;
use axum::{Json, Router};
use serde::Deserialize;

use crate::demo::fake::{FakeAmo, Faults};
use crate::demo::fixtures;
use crate::model::EntityKind;
use crate::server::auth::token;
use crate::server::state::AppState;

/// `/__demo/*`, mounted in demo mode only (see `Demo::routes`).
pub fn router(fake: FakeAmo) -> Router<AppState> {
    Router::new()
        .route("/__demo/open", get(open))
        .route("/__demo/faults", post(set_faults))
        .route("/__demo/stats", get(stats))
        .route("/__demo/reset", post(reset))
        .layer(Extension(fake))
}

pub async fn set_faults(
    State(state): State<AppState>,
    Extension(fake): Extension<FakeAmo>,
    Json(faults): Json<Faults>,
) -> StatusCode {
    fake.set_faults(faults);
    state.amo.invalidate_meta(fixtures::ACCOUNT_ID).await;
    StatusCode::NO_CONTENT
}

/// Restores the demo data (end-to-end tests start each case from the fixtures).
pub async fn reset(
    State(state): State<AppState>,
    Extension(fake): Extension<FakeAmo>,
) -> StatusCode {
    fake.reset();
    state.amo.invalidate_meta(fixtures::ACCOUNT_ID).await;
    if let Err(e) = crate::demo::Demo::ship_layout(&state.layouts).await {
        tracing::error!(error = %e, "demo layout not restored");
        return StatusCode::SERVICE_UNAVAILABLE;
    }
    StatusCode::NO_CONTENT
}

pub async fn stats(Extension(fake): Extension<FakeAmo>) -> Response {
    Json(serde_json::json!({
        "api_calls": fake.api_calls(),
        "peak_per_second": fake.peak_per_second(),
        "notes": fake.notes().len(),
        // Record updates (field edits and stage moves) that reached amoCRM.
        "record_updates": fake.count("PATCH /api/v4/leads/{id}")
            + fake.count("PATCH /api/v4/customers/{id}"),
        "tasks_added": fake.count("POST /api/v4/tasks"),
    }))
    .into_response()
}

#[derive(Deserialize)]
pub struct OpenQuery {
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub id: Option<i64>,
    /// One of the demo accounts (`DEMO_ACCOUNTS`); the sample account by default.
    #[serde(default)]
    pub account: Option<i64>,
    /// Who opens it (the demo's users differ by rights); Anna, an admin, by default.
    #[serde(default)]
    pub user: Option<i64>,
}

/// `GET /__demo/open?kind=leads&id=1001[&user=…]`: mints a card token for the demo account and redirects to the card.
pub async fn open(State(state): State<AppState>, Query(q): Query<OpenQuery>) -> Response {
    let kind = q
        .kind
        .as_deref()
        .and_then(|k| k.parse().ok())
        .unwrap_or(EntityKind::Lead);
    let id = q.id.unwrap_or(fixtures::sample_record(kind));
    let now = chrono::Utc::now().timestamp();
    let account = q.account.unwrap_or(fixtures::ACCOUNT_ID);
    let mut claims = token::sample_claims(
        &state.settings,
        "demo",
        account,
        q.user.unwrap_or(fixtures::USER_ANNA),
        kind,
        id,
        now,
    );
    if let Ok(Some(host)) = state.amo.accounts().installed_host(account).await {
        token::point_at_host(&mut claims, &host);
    }
    let jwt = token::mint(&claims, state.settings.integration.client_secret.expose());
    Redirect::to(&format!("/?token={jwt}&from=demo")).into_response()
}
