//! `GET /layout?scope=…`: the layout editor, for an active admin of the card
//! session's account (`data-customise` on the card links here). The draft
//! travels in the query (`draft=1&fields=…&header=…&sections=…&op=…`), so
//! each step is a page load and works without script.

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use chrono::Utc;
use leptos::prelude::*;

use crate::i18n::choice::LangSources;
use crate::i18n::Lang;
use crate::model::{BlockedState, EntityKind, Layout, LayoutOp, LayoutScope};
use crate::server::app::request::device_lang;
use crate::server::app::state::AppState;
use crate::server::auth::cookies::session_secret;
use crate::server::card::access::{cached_user_lang, Access};
use crate::server::http::pages::document;
use crate::server::http::pages::install::InstallResult;
use crate::server::http::pages::layout::{EditorView, LayoutEditor};

const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; \
                   base-uri 'none'; frame-ancestors 'self'";

fn page(status: StatusCode, html: String) -> Response {
    let mut res = (status, Html(html)).into_response();
    let headers = res.headers_mut();
    for (name, value) in [
        (header::CACHE_CONTROL, "no-store"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "SAMEORIGIN"),
        (header::CONTENT_SECURITY_POLICY, CSP),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    res
}

/// A refusal, said in a sentence.
fn refusal(status: StatusCode, lang: Lang, title: &'static str, text: &'static str) -> Response {
    page(
        status,
        document(|| view! { <InstallResult lang title text /> }),
    )
}

pub async fn editor(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let get = |k: &str| q.get(k).map(String::as_str).unwrap_or_default();
    let mut sources = LangSources {
        device: device_lang(&headers),
        ..LangSources::default()
    };
    let expired = |lang: Lang| {
        let (title, text, _) = lang.blocked(BlockedState::SessionExpired);
        refusal(StatusCode::UNAUTHORIZED, lang, title, text)
    };
    let Some(secret) = session_secret(&headers, state.settings.secure_cookies()) else {
        return expired(sources.choose());
    };
    let session = match state.sessions.find(&secret, Utc::now()).await {
        Ok(Some(s)) => s,
        Ok(None) => return expired(sources.choose()),
        Err(e) => {
            tracing::error!(error = %e, "session lookup failed");
            let lang = sources.choose();
            let (title, text) = lang.unavailable();
            return refusal(StatusCode::SERVICE_UNAVAILABLE, lang, title, text);
        }
    };
    let amo = &state.amo;
    sources.profile = cached_user_lang(amo, &session).await;
    sources.account_host = Some(&session.account_host);
    let lang = sources.choose();
    let t = lang.layout();
    let unavailable = |e: crate::server::amo::AmoError| {
        let (title, text) = lang.problem(e.problem());
        let status = StatusCode::from_u16(e.problem().status()).unwrap_or(StatusCode::BAD_GATEWAY);
        refusal(status, lang, title, text)
    };
    let meta = match amo.meta(session.account_id).await {
        Ok(m) => m,
        Err(e) => return unavailable(e),
    };
    let access = Access::acting(amo, &meta, session.account_id, session.user_id).await;
    if !access.is_admin() {
        return refusal(StatusCode::FORBIDDEN, lang, t.title, t.admins_only);
    }
    let scope = LayoutScope::parse(get("scope")).filter(|scope| match scope {
        LayoutScope::Pipeline(id) => meta.pipelines.iter().any(|p| p.id == *id),
        LayoutScope::Customers => meta.account.customers_enabled(),
    });
    let Some(scope) = scope else {
        return refusal(StatusCode::BAD_REQUEST, lang, t.title, t.bad_scope);
    };
    let entity = match scope {
        LayoutScope::Pipeline(_) => EntityKind::Lead,
        LayoutScope::Customers => EntityKind::Customer,
    };
    let (stored, defs) = tokio::join!(
        state.layouts.read(session.account_id, scope),
        amo.custom_fields(session.account_id, entity)
    );
    let defs = match defs {
        Ok(d) => d,
        Err(e) => return unavailable(e),
    };
    let stored = match stored {
        Ok(s) => s,
        Err(e) => {
            tracing::error!(error = %e, "layout not read");
            let (title, text) = lang.unavailable();
            return refusal(StatusCode::SERVICE_UNAVAILABLE, lang, title, text);
        }
    };
    // The draft: what the editor's last step left in the query, else what is stored.
    let from_query = (get("draft") == "1")
        .then(|| Layout::parse(get("fields"), get("header"), get("sections")).ok())
        .flatten();
    let version = match (&from_query, &stored) {
        (Some(_), _) => get("version").parse::<i32>().unwrap_or(0).max(0),
        (None, Some(s)) => s.version,
        (None, None) => 0,
    };
    let mut draft = from_query
        .or_else(|| stored.map(|s| s.layout))
        .unwrap_or_default();
    if let Some(op) = LayoutOp::parse(get("op")) {
        draft.apply(op);
    }
    // A field deleted in amoCRM is no longer offered, nor kept in the draft.
    draft.fields.retain(|id| defs.iter().any(|d| d.id == *id));
    draft.header = draft.header.filter(|id| defs.iter().any(|d| d.id == *id));
    let view = EditorView {
        lang,
        scope: scope.code(),
        version,
        draft,
        defs,
        csrf: session.info().csrf,
        key: uuid::Uuid::new_v4().to_string(),
    };
    page(
        StatusCode::OK,
        document(|| view! { <LayoutEditor page=view /> }),
    )
}
