//! A record's events (`GET /api/v4/events`): the feed the status strip reads
//! its last contact and stage entry from, in one call.
//!
//! amoCRM takes `filter[entity_id][]` only together with exactly one
//! `filter[entity]` (in the singular: `lead`, `customer`), event types as
//! `filter[type][]`, at most 100 a page, newest first, and answers 204 when
//! nothing matches.

use serde::Deserialize;
use serde_json::Value;

use super::{AmoClient, AmoError};
use crate::model::EntityKind;

/// The most events one page holds, and what the strip asks for.
pub const EVENTS_PAGE: usize = 100;

/// The event types that are a contact with the client, by what they were.
pub const CALLS: [&str; 2] = ["incoming_call", "outgoing_call"];
pub const CHATS: [&str; 2] = ["incoming_chat_message", "outgoing_chat_message"];
pub const MAILS: [&str; 2] = ["incoming_mail", "outgoing_mail"];
pub const SMS: [&str; 2] = ["incoming_sms", "outgoing_sms"];
/// A lead entering a stage: `value_after: [{"lead_status": {"id", "pipeline_id"}}]`.
pub const LEAD_STATUS_CHANGED: &str = "lead_status_changed";

/// One event as the strip needs it.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Event {
    #[serde(rename = "type", default)]
    pub kind: String,
    #[serde(default)]
    pub created_at: Option<i64>,
    /// Type-specific: a call's `[{"note": {"id"}}]`, a stage's `[{"lead_status": …}]`.
    #[serde(default)]
    pub value_after: Value,
}

impl Event {
    /// The stage a `lead_status_changed` event moved the lead into.
    pub fn lead_status(&self) -> Option<(i64, i64)> {
        self.after("lead_status")
            .and_then(|s| Some((s.get("pipeline_id")?.as_i64()?, s.get("id")?.as_i64()?)))
    }

    /// The note a call event wrote (its number is in the note).
    pub fn note_id(&self) -> Option<i64> {
        self.after("note")?.get("id")?.as_i64()
    }

    fn after(&self, key: &str) -> Option<&Value> {
        self.value_after.as_array()?.iter().find_map(|v| v.get(key))
    }
}

/// The event filter's name for a kind of record.
fn entity_filter(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Lead => "lead",
        EntityKind::Customer => "customer",
    }
}

impl AmoClient {
    /// The newest events of `types` on one record (one page of
    /// [`EVENTS_PAGE`]), newest first; empty for amoCRM's 204.
    pub async fn events(
        &self,
        account_id: i64,
        kind: EntityKind,
        id: i64,
        types: &[&str],
    ) -> Result<Vec<Event>, AmoError> {
        let types: String = types
            .iter()
            .map(|t| format!("&filter[type][]={t}"))
            .collect();
        let path = format!(
            "/api/v4/events?filter[entity]={}&filter[entity_id][]={id}{types}&limit={EVENTS_PAGE}",
            entity_filter(kind)
        );
        self.get_list(account_id, &path, "events").await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_the_stage_and_the_note_an_event_points_to() {
        let stage: Event =
            serde_json::from_value(json!({"id": "01h", "type": "lead_status_changed",
            "entity_id": 1, "entity_type": "lead", "created_at": 5,
            "value_after": [{"lead_status": {"id": 11, "pipeline_id": 1}}],
            "value_before": [{"lead_status": {"id": 10, "pipeline_id": 1}}]}))
            .unwrap();
        assert_eq!(stage.lead_status(), Some((1, 11)));
        assert_eq!(stage.note_id(), None);
        let call: Event = serde_json::from_value(
            json!({"type": "incoming_call", "value_after": [{"note": {"id": 42}}]}),
        )
        .unwrap();
        assert_eq!(call.note_id(), Some(42));
        // A shape this client does not know is nothing, not a failure.
        let odd: Event =
            serde_json::from_value(json!({"type": "x", "value_after": {"a": 1}})).unwrap();
        assert_eq!((odd.lead_status(), odd.note_id()), (None, None));
    }
}
