//! `GET /preview/widget?support_email=…&color=%23rrggbb`: the widget archive
//! for this service, from the preview, checked as the `widget` command checks
//! it. A bad input is a 400 whose body is the one line the command would print.

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::server::http::handlers::preview::PreviewAccess;
use crate::server::state::AppState;
use crate::server::widget::{archive, WidgetSpec, DEFAULT_COLOR};

pub async fn download(
    State(state): State<AppState>,
    _: PreviewAccess,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let frame_url = frame_url(&state, &headers);
    let color = q.get("color").map(String::as_str).unwrap_or(DEFAULT_COLOR);
    let support = q
        .get("support_email")
        .map(String::as_str)
        .unwrap_or_default();
    let built = WidgetSpec::new(&frame_url, color, support)
        .and_then(|spec| Ok((archive(&spec)?, spec.warning)));
    match built {
        Ok((zip, warning)) => {
            let mut res = (
                StatusCode::OK,
                [
                    (header::CONTENT_TYPE, "application/zip"),
                    (
                        header::CONTENT_DISPOSITION,
                        "attachment; filename=\"widget.zip\"",
                    ),
                    (header::CACHE_CONTROL, "no-store"),
                ],
                zip,
            )
                .into_response();
            // The command prints it; here it travels with the file.
            if let Some(Ok(v)) = warning.map(|w| header::HeaderValue::from_str(&w)) {
                res.headers_mut().insert("x-widget-warning", v);
            }
            res
        }
        Err(e) => (
            StatusCode::BAD_REQUEST,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            format!("widget: {e}\n"),
        )
            .into_response(),
    }
}

/// Where the app will open the card: the redirect URI's origin when it is
/// https (production), else this host over https (the demo has no TLS; the
/// archive is what to upload once the service is served over https here).
fn frame_url(state: &AppState, headers: &HeaderMap) -> String {
    let redirect = &state.settings.integration.redirect_uri;
    if redirect.scheme() == "https" {
        return format!("{}/", state.settings.integration.audience());
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    format!("https://{host}/")
}
