//! The events list (`GET /api/v4/events`) as amoCRM documents it: entity
//! types in the singular, `filter[entity_id]` (up to 10) only with exactly one
//! entity type, types as a list or comma-separated, at most 100 a page,
//! newest first, `_links.next` while more follow, 204 when nothing matches.
//! Stage moves and call notes written through the fake add their events,
//! as amoCRM's feed does.

use axum::extract::{RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::{json, Value};

use super::edits::validation;
use super::entities::filter_values;
use super::{now_unix, paged, FakeAmo, FakeState};

/// The entity types the filter takes.
const ENTITIES: [&str; 5] = ["lead", "contact", "company", "customer", "task"];
/// The event types this fake knows (amoCRM has more; these are the ones the
/// card asks for and the fixtures hold).
const TYPES: [&str; 13] = [
    "lead_added",
    "lead_status_changed",
    "incoming_call",
    "outgoing_call",
    "incoming_chat_message",
    "outgoing_chat_message",
    "incoming_mail",
    "outgoing_mail",
    "incoming_sms",
    "outgoing_sms",
    "common_note_added",
    "task_added",
    "task_completed",
];
const MAX_LIMIT: usize = 100;
const MAX_IDS: usize = 10;

/// A filter's values, given as `key[]=a&key[]=b` or `key=a,b`.
fn list(query: &str, key: &str) -> Vec<String> {
    filter_values(query, key)
        .into_iter()
        .chain(filter_values(query, &format!("{key}[]")))
        .flat_map(|v| {
            v.split(',')
                .map(|p| p.trim().to_owned())
                .collect::<Vec<_>>()
        })
        .filter(|v| !v.is_empty())
        .collect()
}

pub(super) async fn events(
    State(fake): State<FakeAmo>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> Response {
    if let Err(r) = fake.guard("GET /api/v4/events", &headers).await {
        return r;
    }
    let q = q.unwrap_or_default();
    let entities = list(&q, "filter[entity]");
    if let Some(bad) = entities.iter().find(|e| !ENTITIES.contains(&e.as_str())) {
        return validation(&format!("filter.entity.{bad}"), "NotSupportedChoice");
    }
    let raw_ids = list(&q, "filter[entity_id]");
    let Ok(ids) = raw_ids
        .iter()
        .map(|v| v.parse::<i64>())
        .collect::<Result<Vec<_>, _>>()
    else {
        return validation("filter.entity_id", "InvalidType");
    };
    if !ids.is_empty() && entities.len() != 1 {
        return validation("filter.entity_id", "EntityTypeRequired");
    }
    if ids.len() > MAX_IDS {
        return validation("filter.entity_id", "TooManyValues");
    }
    let types = list(&q, "filter[type]");
    if let Some(bad) = types.iter().find(|t| !TYPES.contains(&t.as_str())) {
        return validation(&format!("filter.type.{bad}"), "NotSupportedChoice");
    }
    let limit = match filter_values(&q, "limit").pop().map(|v| v.parse::<usize>()) {
        None => 50,
        Some(Ok(n)) if (1..=MAX_LIMIT).contains(&n) => n,
        Some(_) => return validation("limit", "InvalidLimit"),
    };
    let page = filter_values(&q, "page")
        .pop()
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(1)
        .max(1);
    let mut found: Vec<Value> = fake.with(|s| {
        s.events
            .iter()
            .filter(|e| {
                let of = |k: &str| e[k].as_str().unwrap_or_default().to_owned();
                (entities.is_empty() || entities.contains(&of("entity_type")))
                    && (ids.is_empty() || ids.contains(&e["entity_id"].as_i64().unwrap_or(0)))
                    && (types.is_empty() || types.contains(&of("type")))
            })
            .cloned()
            .collect()
    });
    // Newest first; the id (rising with time) breaks a tie within a second.
    found.sort_by(|a, b| {
        let key = |e: &Value| {
            (
                e["created_at"].as_i64(),
                e["id"].as_str().map(str::to_owned),
            )
        };
        key(b).cmp(&key(a))
    });
    paged(&found, page, limit, "/api/v4/events", "events")
}

/// One event as amoCRM lists it.
pub fn event(
    id: i64,
    kind: &str,
    entity: &str,
    entity_id: i64,
    at: i64,
    by: i64,
    after: Value,
) -> Value {
    json!({"id": format!("01fakeevent{id:015}"), "type": kind, "entity_id": entity_id,
        "entity_type": entity, "created_by": by, "created_at": at, "value_after": after,
        "value_before": [], "account_id": crate::demo::fixtures::ACCOUNT_ID,
        "_embedded": {"entity": {"id": entity_id}}})
}

impl FakeState {
    /// Adds an event now, as amoCRM's feed records a change.
    pub(super) fn record_event(
        &mut self,
        kind: &str,
        entity: &str,
        entity_id: i64,
        by: i64,
        after: Value,
    ) {
        self.next_id += 1;
        let e = event(self.next_id, kind, entity, entity_id, now_unix(), by, after);
        self.events.push(e);
    }
}

impl FakeAmo {
    /// Adds an event as if it happened in amoCRM (see [`event`] for the shape).
    pub fn insert_event(&self, event: Value) {
        self.with(|s| s.events.push(event));
    }

    /// Forgets every event (a record with an empty feed).
    pub fn clear_events(&self) {
        self.with(|s| s.events.clear());
    }
}
