//! Response headers that limit what a page may do: Content-Security-Policy,
//! framing and HSTS. Card pages carry a per-response script nonce; every other
//! HTML response gets a policy that allows no script at all.

use axum::body::Body;
use axum::extract::State;
use axum::middleware::Next;
use http::header::{
    HeaderValue, CONTENT_SECURITY_POLICY, CONTENT_TYPE, STRICT_TRANSPORT_SECURITY,
    X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use http::Request;

/// The card: scripts only with this response's nonce or from our origin (the
/// wasm glue), wasm compiled in place, styles inline (status colours are
/// `style` attributes), framed only by our own preview.
pub fn card_csp(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'self'"
    )
}

/// The preview page: its one script by nonce, the card in a same-origin frame,
/// never framed itself.
pub fn preview_csp(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; \
         frame-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

/// The layout editor: no scripts, forms to our own server functions, framed
/// only by our preview.
pub const EDITOR_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; \
     base-uri 'none'; form-action 'self'; frame-ancestors 'self'";

/// Any other HTML (the install result page): no scripts, no framing.
const DEFAULT_HTML_CSP: &str =
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; \
     base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// A fresh random nonce for a hand-built page.
pub fn nonce() -> String {
    crate::server::auth::cookies::random_token(16)
}

/// Fills in what a response did not set itself: the strict default CSP and
/// `X-Frame-Options: DENY` on HTML, `nosniff`, and HSTS when we are served
/// over https (`hsts` comes from the redirect URI's scheme).
pub async fn headers(
    State(hsts): State<bool>,
    req: Request<Body>,
    next: Next,
) -> axum::response::Response {
    let mut res = next.run(req).await;
    let headers = res.headers_mut();
    let html = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if html {
        headers
            .entry(CONTENT_SECURITY_POLICY)
            .or_insert(HeaderValue::from_static(DEFAULT_HTML_CSP));
        headers
            .entry(X_FRAME_OPTIONS)
            .or_insert(HeaderValue::from_static("DENY"));
    }
    headers
        .entry(X_CONTENT_TYPE_OPTIONS)
        .or_insert(HeaderValue::from_static("nosniff"));
    if hsts {
        headers.insert(
            STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    res
}
