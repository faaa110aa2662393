//! Notes: paged history and new notes, validated as amoCRM documents them
//! (events-and-notes.md, "Добавление примечаний" and "Типы примечаний").

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

/// The params each note type takes, as events-and-notes.md lists them
/// ("Типы примечаний, для которых обязателен массив params"): the required
/// ones, then the optional ones. Anything else is refused.
const NOTE_PARAMS: [(&str, &[&str], &[&str]); 6] = [
    ("common", &["text"], &[]),
    // Third parties' production logs: `FieldMissing` without duration or source.
    (
        "call_in",
        &["uniq", "duration", "source", "phone"],
        &["link", "call_responsible"],
    ),
    (
        "call_out",
        &["uniq", "duration", "source", "phone"],
        &["link", "call_responsible"],
    ),
    ("service_message", &["service", "text"], &[]),
    ("sms_in", &["text", "phone"], &[]),
    ("sms_out", &["text", "phone"], &[]),
];

/// What amoCRM refuses in a note: `(code, path)`, or `None` when valid.
fn note_error(n: &Value) -> Option<(&'static str, String)> {
    let Some((_, required, optional)) = NOTE_PARAMS
        .iter()
        .find(|(t, _, _)| n["note_type"].as_str() == Some(t))
    else {
        return Some(("NotSupportedChoice", "note_type".into()));
    };
    let params = n["params"].as_object()?;
    if let Some(missing) = required.iter().find(|k| {
        params
            .get(**k)
            .is_none_or(|v| v.is_null() || v.as_str() == Some(""))
    }) {
        return Some(("FieldMissing", format!("params.{missing}")));
    }
    if let Some(extra) = params
        .keys()
        .find(|k| !required.contains(&k.as_str()) && !optional.contains(&k.as_str()))
    {
        return Some(("FieldNotExpected", format!("params.{extra}")));
    }
    let duration = &params.get("duration");
    if duration.is_some_and(|d| d.as_i64().is_none_or(|d| d < 0)) {
        return Some(("InvalidType", "params.duration".into()));
    }
    None
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
    let missing_params = items.iter().any(|n| !n["params"].is_object());
    let refused = if missing_params {
        Some(("FieldMissing", "params".to_owned()))
    } else {
        items.iter().find_map(note_error)
    };
    if let Some((code, path)) = refused {
        return (
            StatusCode::BAD_REQUEST,
            [(header::CONTENT_TYPE, "application/problem+json")],
            Json(json!({"title": "Bad Request", "status": 400,
                "validation-errors": [{"request_id": "0", "errors": [{"code": code, "path": path}]}]})),
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
