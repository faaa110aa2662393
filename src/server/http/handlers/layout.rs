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
use crate::model::{BlockedState, Layout, LayoutOp, LayoutScope, StaleDays};
use crate::server::amo::types::{LOST_STATUS_ID, WON_STATUS_ID};
use crate::server::auth::cookies::session_secret;
use crate::server::base::request::device_lang;
use crate::server::card::access::session_lang;
use crate::server::card::layout::account_scope;
use crate::server::card::load::{load, Purpose, Refusal};
use crate::server::http::pages::document;
use crate::server::http::pages::install::InstallResult;
use crate::server::http::pages::layout::{EditorView, LayoutEditor};
use crate::server::http::security;
use crate::server::state::AppState;

/// The editor's page: never cached, never a referrer, framed only by the
/// preview (`security::headers` adds `nosniff`).
fn page(status: StatusCode, html: String) -> Response {
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
    // Until the session names the account: the device's language, else English.
    let device = device_lang(&headers);
    let early = LangSources {
        device,
        ..LangSources::default()
    }
    .choose();
    let expired = || {
        let (title, text, _) = early.blocked(BlockedState::SessionExpired);
        refusal(StatusCode::UNAUTHORIZED, early, title, text)
    };
    let Some(secret) = session_secret(&headers, state.settings.secure_cookies()) else {
        return expired();
    };
    let session = match state.sessions.find(&secret, Utc::now()).await {
        Ok(Some(s)) => s,
        Ok(None) => return expired(),
        Err(e) => {
            tracing::error!(error = %e, "session lookup failed");
            let (title, text) = early.unavailable();
            return refusal(StatusCode::SERVICE_UNAVAILABLE, early, title, text);
        }
    };
    let amo = &state.amo;
    let lang = session_lang(amo, &session, device).await;
    let t = lang.layout();
    let unavailable = |e: crate::server::amo::AmoError| {
        let problem = crate::model::CardProblem::from(&e);
        let (title, text) = lang.problem(problem);
        let status = StatusCode::from_u16(problem.status()).unwrap_or(StatusCode::BAD_GATEWAY);
        refusal(status, lang, title, text)
    };
    let meta = match load(amo, &session, Purpose::Administer).await {
        Ok(loaded) => loaded.meta,
        Err(Refusal::Amo(e)) => return unavailable(e),
        Err(Refusal::NoRights(_)) => {
            return refusal(StatusCode::FORBIDDEN, lang, t.title, t.admins_only)
        }
    };
    let Some(scope) = account_scope(&meta, get("scope")) else {
        return refusal(StatusCode::BAD_REQUEST, lang, t.title, t.bad_scope);
    };
    let (stored, defs) = tokio::join!(
        state.layouts.read(session.account_id, scope),
        // The editor's steps read this replica's copy: stepping costs no call.
        amo.custom_fields_cached(session.account_id, scope.entity())
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
    // The draft: what the editor's last step left in the query, else what is
    // stored. Only from the editor itself (a same-origin navigation): a link
    // from elsewhere must not put a layout of someone else's making in front
    // of the admin's Save button.
    let same_origin = headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("same-origin"));
    let from_query = (get("draft") == "1" && same_origin)
        .then(|| {
            let mut draft = Layout::parse(
                get("fields"),
                get("header"),
                get("sections"),
                get("editable"),
            )
            .ok()?;
            draft.stale_days = StaleDays::parse(get("stale_days")).ok()?;
            Some(draft)
        })
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
    draft.editable.retain(|id| draft.fields.contains(id));
    draft.header = draft.header.filter(|id| defs.iter().any(|d| d.id == *id));
    // The stages that may go stale: the pipeline's open ones; a limit on a
    // stage deleted in amoCRM since is dropped from the draft.
    let stages: Vec<(i64, String)> = match scope {
        LayoutScope::Pipeline(id) => meta
            .pipelines
            .iter()
            .filter(|p| p.id == id)
            .flat_map(|p| p.embedded.statuses.iter())
            .filter(|s| ![WON_STATUS_ID, LOST_STATUS_ID].contains(&s.id))
            .map(|s| (s.id, s.name.clone()))
            .collect(),
        LayoutScope::Customers => Vec::new(),
    };
    draft
        .stale_days
        .retain(|id| stages.iter().any(|(s, _)| *s == id));
    let view = EditorView {
        lang,
        scope: scope.code(),
        version,
        draft,
        defs: defs.to_vec(),
        stages,
        csrf: session.info().csrf,
        key: uuid::Uuid::new_v4().to_string(),
    };
    page(
        StatusCode::OK,
        document(|| view! { <LayoutEditor page=view /> }),
    )
}
