//! Who may use the preview: everyone in demo mode; in production nobody
//! without `PREVIEW_SECRET`, and then only with it as the Basic password,
//! failed logins counted per client address.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use subtle::ConstantTimeEq;

use crate::server::base::request::client_ip;
use crate::server::state::AppState;

/// Why the preview refused a request.
pub enum Denied {
    /// Production without `PREVIEW_SECRET`: the preview does not exist.
    Off,
    Unauthorized,
    /// Too many failed logins from this address.
    Throttled,
}

impl IntoResponse for Denied {
    fn into_response(self) -> Response {
        match self {
            Denied::Off => StatusCode::NOT_FOUND.into_response(),
            Denied::Throttled => (
                StatusCode::TOO_MANY_REQUESTS,
                [(header::RETRY_AFTER, "300")],
                "preview: too many failed logins, try again later",
            )
                .into_response(),
            Denied::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                [(
                    header::WWW_AUTHENTICATE,
                    "Basic realm=\"amo-mobile-card preview\", charset=\"UTF-8\"",
                )],
                "preview: authorization required",
            )
                .into_response(),
        }
    }
}

/// Proof that the caller may use the preview: a handler that takes it cannot
/// forget the check, and one that does not take it is not behind it.
pub struct PreviewAccess;

impl FromRequestParts<AppState> for PreviewAccess {
    type Rejection = Denied;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Denied> {
        authorize(state, &parts.headers, &parts.extensions).map(|()| PreviewAccess)
    }
}

/// `Ok(())` when the caller may use the preview. Failed logins are counted per
/// client address; past the limit even the right password waits.
fn authorize(
    state: &AppState,
    headers: &HeaderMap,
    extensions: &http::Extensions,
) -> Result<(), Denied> {
    if state.settings.is_demo() {
        return Ok(());
    }
    let Some(secret) = &state.settings.preview_secret else {
        return Err(Denied::Off);
    };
    let client = client_ip(headers, extensions, state.settings.trust_proxy_headers);
    let failures = &state.throttles.preview_failures;
    let all = &state.throttles.unauthenticated;
    if client.is_some_and(|ip| failures.blocked(ip)) || all.blocked(()) {
        return Err(Denied::Throttled);
    }
    let password = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Basic "))
        .and_then(|b| {
            base64::engine::general_purpose::STANDARD
                .decode(b.trim())
                .ok()
        })
        .and_then(|raw| String::from_utf8(raw).ok())
        .and_then(|pair| pair.split_once(':').map(|(_, p)| p.to_owned()));
    match password {
        Some(p) if bool::from(p.as_bytes().ct_eq(secret.expose().as_bytes())) => Ok(()),
        _ => {
            if let Some(ip) = client {
                failures.hit(ip);
            }
            all.hit(());
            tracing::warn!("preview login refused");
            Err(Denied::Unauthorized)
        }
    }
}
