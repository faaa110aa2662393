//! Logging and request ids. Request spans carry the method, the path and the
//! request id only: the disposable token travels in the query string and must
//! never reach a log line.

use std::time::Duration;

use axum::body::Body;
use axum::extract::State;
use axum::middleware::Next;
use http::{HeaderName, Request, Response};
use tower_http::classify::{ServerErrorsAsFailures, SharedClassifier};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;
use tracing::Span;
use tracing_subscriber::{fmt, EnvFilter};

pub const DEFAULT_FILTER: &str = "info,sqlx=warn,hyper=warn,tower_http=warn";

/// Installs the global subscriber once; later calls (tests) are no-ops.
pub fn init() {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER));
    let json = std::env::var("LOG_FORMAT").is_ok_and(|v| v.eq_ignore_ascii_case("json"));
    let builder = fmt().with_env_filter(filter).with_target(false);
    let _ = if json {
        builder.json().flatten_event(true).try_init()
    } else {
        builder.compact().try_init()
    };
}

type MakeSpan = fn(&Request<Body>) -> Span;
type OnResponse = fn(&Response<Body>, Duration, &Span);

pub fn trace_layer(
) -> TraceLayer<SharedClassifier<ServerErrorsAsFailures>, MakeSpan, (), OnResponse> {
    TraceLayer::new_for_http()
        .make_span_with(make_span as MakeSpan)
        .on_request(())
        .on_response(on_response as OnResponse)
}

pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Gives every request an id (kept from a trusted proxy's `X-Request-Id`,
/// otherwise a new UUID) and echoes it in the response.
pub fn set_request_id() -> SetRequestIdLayer<MakeRequestUuid> {
    SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid)
}

pub fn propagate_request_id() -> PropagateRequestIdLayer {
    PropagateRequestIdLayer::new(REQUEST_ID)
}

/// Runs before [`set_request_id`]: an incoming id is kept only from a trusted
/// proxy, and only when it is short and plain (it goes into every log line).
pub async fn screen_request_id(
    State(trust_proxy): State<bool>,
    mut req: Request<Body>,
    next: Next,
) -> axum::response::Response {
    let keep = trust_proxy
        && req
            .headers()
            .get(&REQUEST_ID)
            .is_some_and(|v| is_plain_id(v.as_bytes()));
    if !keep {
        req.headers_mut().remove(&REQUEST_ID);
    }
    next.run(req).await
}

fn is_plain_id(v: &[u8]) -> bool {
    (1..=128).contains(&v.len())
        && v.iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
}

fn make_span(request: &Request<Body>) -> Span {
    let request_id = request
        .headers()
        .get(&REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    tracing::info_span!(
        "http",
        method = %request.method(),
        path = %request.uri().path(),
        request_id = %request_id,
    )
}

fn on_response(response: &Response<Body>, latency: Duration, _span: &Span) {
    tracing::info!(
        status = response.status().as_u16(),
        latency_ms = latency.as_secs_f64() * 1000.0,
        "response"
    );
}

#[cfg(test)]
mod tests {
    use super::is_plain_id;

    #[test]
    fn only_plain_request_ids_reach_the_logs() {
        assert!(is_plain_id(b"0b6c1c2e-5a1f-4d3e-9f61-3f1a2b3c4d5e"));
        assert!(is_plain_id(b"nginx_4f1e.2:7"));
        assert!(!is_plain_id(b""));
        assert!(!is_plain_id(b"id with spaces"));
        assert!(!is_plain_id(b"id\nforged=line"));
        assert!(!is_plain_id(&[b'a'; 129]));
    }
}
