use axum::extract::State;
use axum::http::StatusCode;

use crate::server::base::db;
use crate::server::state::AppState;

/// Liveness: the process is up.
pub async fn healthz() -> &'static str {
    "ok"
}

/// Readiness: Postgres answers. A demo without a database is ready by definition.
pub async fn readyz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    match &state.db {
        Some(pool) if db::ping(pool).await => (StatusCode::OK, "ok"),
        Some(_) => (StatusCode::SERVICE_UNAVAILABLE, "database unavailable"),
        None => (StatusCode::OK, "ok (demo, no database)"),
    }
}
