//! `GET /layout?scope=…`: the layout editor, for an active admin of the card
//! session's account (`data-customise` on the card links here). The draft
//! travels in the query (`draft=1&fields=…&header=…&sections=…&op=…`), so
//! each step is a page load and works without script.

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use leptos::prelude::*;

use crate::model::{Layout, LayoutOp, LayoutScope, StaleDays};
use crate::server::amo::types::{LOST_STATUS_ID, WON_STATUS_ID};
use crate::server::card::layout::account_scope;
use crate::server::card::load::{load, Purpose, Refusal};
use crate::server::http::pages::document;
use crate::server::http::pages::layout::{EditorView, LayoutEditor};
use crate::server::state::AppState;

use super::side_page::{self, page, refusal};

pub async fn editor(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let get = |k: &str| q.get(k).map(String::as_str).unwrap_or_default();
    let (session, lang) = match side_page::session(&state, &headers).await {
        Ok(found) => found,
        Err(page) => return page,
    };
    let amo = &state.amo;
    let t = lang.layout();
    let unavailable = |e: crate::server::amo::AmoError| side_page::unavailable(&e, lang);
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
