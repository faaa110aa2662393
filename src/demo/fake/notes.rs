//! Notes: paged history and new notes, validated like amoCRM does.

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use super::{hal, now_unix, paged, problem, FakeAmo};

#[derive(Deserialize)]
pub(super) struct NotesQuery {
    page: Option<usize>,
    limit: Option<usize>,
}

/// A record's notes, newest first (by id), paged like amoCRM: `_links.next`
/// while more follow, 204 for an empty page.
pub(super) async fn notes(
    State(fake): State<FakeAmo>,
    headers: HeaderMap,
    Path((entity, id)): Path<(String, i64)>,
    Query(q): Query<NotesQuery>,
) -> Response {
    if let Err(r) = fake
        .guard("GET /api/v4/{entity}/{id}/notes", &headers)
        .await
    {
        return r;
    }
    // amoCRM's defaults: page 1, 50 per page, at most 250.
    let limit = q.limit.unwrap_or(50).clamp(1, 250);
    let page = q.page.unwrap_or(1).max(1);
    let mut all: Vec<Value> = fake.with(|s| {
        s.history
            .iter()
            .chain(s.notes.iter())
            .filter(|n| n["entity_type"] == json!(entity) && n["entity_id"] == json!(id))
            .cloned()
            .collect()
    });
    all.sort_by_key(|n| std::cmp::Reverse(n["id"].as_i64().unwrap_or(0)));
    paged(
        &all,
        page,
        limit,
        &format!("/api/v4/{entity}/{id}/notes"),
        "notes",
    )
}

/// What amoCRM requires of a note it accepts; `None` when valid.
fn note_error(n: &Value) -> Option<&'static str> {
    let params = &n["params"];
    match n["note_type"].as_str() {
        Some("common") => params["text"].as_str().is_none().then_some("params.text"),
        Some("call_in" | "call_out") => {
            if params["uniq"].as_str().is_none_or(str::is_empty) {
                Some("params.uniq")
            } else if params["duration"].as_i64().is_none_or(|d| d < 0) {
                Some("params.duration")
            } else if params["source"].as_str().is_none_or(str::is_empty) {
                Some("params.source")
            } else if params["phone"].as_str().is_none_or(str::is_empty) {
                Some("params.phone")
            } else if !params["call_status"].is_null()
                && params["call_status"]
                    .as_i64()
                    .is_none_or(|s| !(1..=7).contains(&s))
            {
                Some("params.call_status")
            } else {
                None
            }
        }
        _ => Some("note_type"),
    }
}

pub(super) async fn add_notes(
    State(fake): State<FakeAmo>,
    headers: HeaderMap,
    Path((entity, id)): Path<(String, i64)>,
    body: Option<Json<Vec<Value>>>,
) -> Response {
    if let Err(r) = fake
        .guard("POST /api/v4/{entity}/{id}/notes", &headers)
        .await
    {
        return r;
    }
    let Some(Json(items)) = body else {
        return problem(StatusCode::BAD_REQUEST, "Bad Request", "Malformed JSON");
    };
    if let Some(path) = items.iter().find_map(note_error) {
        return (
            StatusCode::BAD_REQUEST,
            [(header::CONTENT_TYPE, "application/problem+json")],
            Json(json!({"title": "Bad Request", "status": 400,
                "validation-errors": [{"request_id": "0", "errors": [{"code": "NotSupportedChoice", "path": path}]}]})),
        )
            .into_response();
    }
    let mut created = Vec::new();
    for mut n in items {
        fake.with(|s| {
            s.next_id += 1;
            n["id"] = json!(s.next_id);
            n["entity_id"] = json!(id);
            n["entity_type"] = json!(entity);
            n["created_at"] = json!(now_unix());
            created.push(json!({"id": s.next_id, "entity_id": id}));
            // A call note is a call in the record's feed.
            let call = match n["note_type"].as_str() {
                Some("call_in") => Some("incoming_call"),
                Some("call_out") => Some("outgoing_call"),
                _ => None,
            };
            // The events filter names entity types in the singular.
            let singular = match entity.as_str() {
                "companies" => "company".to_owned(),
                plural => plural.trim_end_matches('s').to_owned(),
            };
            let (note_id, by) = (s.next_id, n["created_by"].as_i64().unwrap_or(0));
            s.notes.push(n);
            if let Some(kind) = call {
                s.record_event(kind, &singular, id, by, json!([{"note": {"id": note_id}}]));
            }
        });
    }
    hal(json!({"_embedded": {"notes": created}}))
}
