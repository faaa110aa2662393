//! The throttle in front of the card and the server functions (the limits
//! themselves live in `server/base/throttle.rs`).

use axum::body::Body;
use axum::extract::State;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::header::RETRY_AFTER;
use http::{Request, StatusCode};

use crate::server::auth::cookies::session_secret;
use crate::server::base::request::client_ip;
use crate::server::base::throttle::session_key;
use crate::server::state::AppState;

/// In front of the card and the server functions: per client address, then
/// per session cookie. Past either limit: 429 before any Postgres or amoCRM work.
pub async fn requests(State(state): State<AppState>, req: Request<Body>, next: Next) -> Response {
    let throttles = &state.throttles;
    let client = client_ip(
        req.headers(),
        req.extensions(),
        state.settings.trust_proxy_headers,
    );
    // A loopback peer is a local proxy (or benchmark) speaking for many clients:
    // behind a proxy, per-client limits need TRUST_PROXY_HEADERS.
    let over_client = client.is_some_and(|ip| !ip.is_loopback() && !throttles.per_client.hit(ip));
    let session = session_secret(req.headers(), state.settings.secure_cookies())
        .map(|secret| session_key(&secret));
    let over_session = !over_client && session.is_some_and(|k| !throttles.per_session.hit_known(k));
    if over_client || over_session {
        tracing::warn!(
            per = if over_client { "client" } else { "session" },
            "requests throttled"
        );
        return (
            StatusCode::TOO_MANY_REQUESTS,
            [(RETRY_AFTER, "60")],
            "Too many requests from this card or address; try again in a minute.\n",
        )
            .into_response();
    }
    next.run(req).await
}
