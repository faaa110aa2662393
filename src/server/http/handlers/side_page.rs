//! What the pages beside the card share (the layout editor, a contact's
//! other deals): the card session behind the cookie, the user's language,
//! and answers that are never cached, never a referrer, framed only by the
//! preview, with no script.

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use chrono::Utc;
use leptos::prelude::*;

use crate::i18n::choice::LangSources;
use crate::i18n::Lang;
use crate::model::BlockedState;
use crate::server::auth::cookies::session_secret;
use crate::server::auth::notice;
use crate::server::auth::session::CardSession;
use crate::server::base::request::device_lang;
use crate::server::card::access::session_lang;
use crate::server::http::pages::document;
use crate::server::http::pages::install::InstallResult;
use crate::server::http::security;
use crate::server::state::AppState;

/// The page: never cached, never a referrer, framed only by the preview
/// (`security::headers` adds `nosniff`).
pub fn page(status: StatusCode, html: String) -> Response {
    let mut res = (status, Html(html)).into_response();
    let headers = res.headers_mut();
    for (name, value) in [
        (header::CACHE_CONTROL, "no-store"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "SAMEORIGIN"),
        (header::CONTENT_SECURITY_POLICY, security::EDITOR_CSP),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    res
}

/// A refusal, said in a sentence.
pub fn refusal(
    status: StatusCode,
    lang: Lang,
    title: &'static str,
    text: &'static str,
) -> Response {
    page(
        status,
        document(|| view! { <InstallResult lang title text /> }),
    )
}

/// The live card session behind the request's cookie and the user's
/// language, or the page that says why there is none.
pub async fn session(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<(CardSession, Lang), Response> {
    // Until the session names the account: the device's language, else English.
    let device = device_lang(headers);
    let early = LangSources {
        device,
        ..LangSources::default()
    }
    .choose();
    let expired = || {
        let (title, text, _) = early.blocked(BlockedState::SessionExpired);
        refusal(StatusCode::UNAUTHORIZED, early, title, text)
    };
    let Some(secret) = session_secret(headers, state.settings.secure_cookies()) else {
        return Err(expired());
    };
    let session = match state.sessions.find(&secret, Utc::now()).await {
        Ok(Some(s)) => s,
        Ok(None) => return Err(expired()),
        Err(e) => {
            tracing::error!(error = %e, "session lookup failed");
            let (title, text) = early.unavailable();
            return Err(refusal(StatusCode::SERVICE_UNAVAILABLE, early, title, text));
        }
    };
    let lang = session_lang(&state.amo, &session, device).await;
    Ok((session, lang))
}

/// An amoCRM error as the page's refusal, with its card state's status.
pub fn unavailable(e: &crate::server::amo::AmoError, lang: Lang) -> Response {
    let problem = crate::model::CardProblem::from(e);
    let (title, text) = lang.problem(problem);
    let status = StatusCode::from_u16(problem.status()).unwrap_or(StatusCode::BAD_GATEWAY);
    refusal(status, lang, title, text)
}

/// The notice a form sent without script left for this page (signed with
/// the session's secret, as on the card), and the cookie that clears it.
pub fn notice(headers: &HeaderMap, secure: bool) -> (Option<String>, Option<String>) {
    let secret = session_secret(headers, secure);
    let (said, clear) = notice::take(headers, secret.as_deref(), secure);
    (said.map(|n| n.message), clear)
}

/// Adds `cookie` (when there is one) to the page's answer.
pub fn append_cookie(res: &mut Response, cookie: Option<String>) {
    if let Some(Ok(value)) = cookie.map(|c| HeaderValue::from_str(&c)) {
        res.headers_mut().append(header::SET_COOKIE, value);
    }
}
