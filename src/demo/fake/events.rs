//! The events list (`GET /api/v4/events`) as amoCRM documents it
//! (events-and-notes.md, "Список событий", "Типы событий", "Особенности
//! фильтрации событий по связанным сущностям"): entity types in the singular,
//! only documented event types, chats found by their contact, `filter[entity_id]` (up to 10) only with exactly one
//! entity type, types as a list or comma-separated, at most 100 a page,
//! newest first, `_links.next` while more follow, 204 when nothing matches.
//! Stage moves and call notes written through the fake add their events,
//! as amoCRM's feed does.

use axum::extract::{RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::Value;

use super::edits::validation;
use super::entities::filter_values;
use super::{now_unix, paged, FakeAmo, FakeState};

/// The entity types the filter takes.
const ENTITIES: [&str; 5] = ["lead", "contact", "company", "customer", "task"];
/// Every event type amoCRM documents ("Типы событий"); a strict reading of
/// the docs refuses any other with a 400. `custom_field_{id}_value_changed`
/// is documented too, alone in its filter.
#[rustfmt::skip]
const TYPES: [&str; 60] = [
    "lead_added", "lead_deleted", "lead_restored", "lead_status_changed", "lead_linked",
    "lead_unlinked", "contact_added", "contact_deleted", "contact_restored", "contact_linked",
    "contact_unlinked", "company_added", "company_deleted", "company_restored", "company_linked",
    "company_unlinked", "customer_added", "customer_deleted", "customer_status_changed",
    "customer_linked", "customer_unlinked", "task_added", "task_deleted", "task_completed",
    "task_type_changed", "task_text_changed", "task_deadline_changed", "task_result_added",
    "incoming_call", "outgoing_call", "incoming_chat_message", "outgoing_chat_message",
    "entity_direct_message", "incoming_sms", "outgoing_sms", "entity_tag_added",
    "entity_tag_deleted", "entity_linked", "entity_unlinked", "sale_field_changed",
    "name_field_changed", "ltv_field_changed", "custom_field_value_changed",
    "entity_responsible_changed", "robot_replied", "intent_identified", "nps_rate_added",
    "link_followed", "transaction_added", "common_note_added", "common_note_deleted",
    "attachment_note_added", "targeting_in_note_added", "targeting_out_note_added",
    "geo_note_added", "service_note_added", "site_visit_note_added",
    "message_to_cashier_note_added", "key_action_completed", "entity_merged",
];
/// Chat messages: the docs say their filter works only by contact.
const CHATS: [&str; 2] = ["incoming_chat_message", "outgoing_chat_message"];

fn documented_type(t: &str) -> bool {
    TYPES.contains(&t)
        || t.strip_prefix("custom_field_")
            .and_then(|r| r.strip_suffix("_value_changed"))
            .is_some_and(|id| id.parse::<i64>().is_ok())
}
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
    if let Some(bad) = types.iter().find(|t| !documented_type(t)) {
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
                // A chat linked to a deal is the deal's event, but only a
                // filter by its contact finds it (the docs' "technical nuance").
                let linked = e["linked_talk_contact_id"].as_i64();
                let (entity, id) = match linked {
                    Some(contact) if CHATS.contains(&of("type").as_str()) => {
                        ("contact".to_owned(), contact)
                    }
                    _ => (of("entity_type"), e["entity_id"].as_i64().unwrap_or(0)),
                };
                (entities.is_empty() || entities.contains(&entity))
                    && (ids.is_empty() || ids.contains(&id))
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
        let e = crate::demo::fixtures::event(
            self.next_id,
            kind,
            entity,
            entity_id,
            now_unix(),
            by,
            after,
        );
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
