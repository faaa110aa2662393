//! A record's events (`GET /api/v4/events`): the feed the status strip reads
//! its last contact and stage entry from.
//!
//! Follows amoCRM's "События и примечания" page (events-and-notes.md; Kommo:
//! "Events and notes"). The events list has filters of its own, not the paid
//! "Filtering (Alpha)" of leads and contacts: `filter[entity_id][]` (up to 10)
//! only together with exactly one `filter[entity]` (in the singular: `lead`,
//! `contact`, `customer`), event types as `filter[type][]`, at most 100 a
//! page, newest first, 204 when nothing matches. Only the documented types
//! are asked for: the list has no e-mail type (amoCRM's mail is not in the
//! API v4 feed), so the strip does not claim e-mails.
//!
//! Chat messages are events of the contact: the docs say their filter works
//! correctly only with `filter[entity]=contact`, and an event of a chat that
//! is linked to a deal comes back with that deal as its entity and the
//! contact in `linked_talk_contact_id`. So chats are a second call, on the
//! record's contacts, in the same round trip as the record's own events.

use serde::Deserialize;
use serde_json::Value;

use super::{AmoClient, AmoError};
use crate::model::EntityKind;

/// The most events one page holds, and what the strip asks for.
pub const EVENTS_PAGE: usize = 100;

/// The event types that are a contact with the client, by what they were.
pub const CALLS: [&str; 2] = ["incoming_call", "outgoing_call"];
pub const CHATS: [&str; 2] = ["incoming_chat_message", "outgoing_chat_message"];
pub const SMS: [&str; 2] = ["incoming_sms", "outgoing_sms"];
/// A lead entering a stage: `value_after: [{"lead_status": {"id", "pipeline_id"}}]`.
pub const LEAD_STATUS_CHANGED: &str = "lead_status_changed";

/// The most contacts one chats call asks about (amoCRM's cap on `filter[entity_id]`).
pub const MAX_ENTITY_IDS: usize = 10;

/// One event as the strip needs it.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Event {
    #[serde(rename = "type", default)]
    pub kind: String,
    #[serde(default)]
    pub entity_id: Option<i64>,
    #[serde(default)]
    pub entity_type: Option<String>,
    /// A chat linked to a deal: the contact the conversation is with.
    #[serde(default)]
    pub linked_talk_contact_id: Option<i64>,
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

    /// The contact a chat event is with: the linked talk's contact, or the
    /// event's own entity when that is a contact.
    pub fn chat_contact(&self) -> Option<i64> {
        self.linked_talk_contact_id.or_else(|| {
            (self.entity_type.as_deref() == Some("contact"))
                .then_some(self.entity_id)
                .flatten()
        })
    }

    /// Whether the event belongs to record `id` of `kind`, or to a contact
    /// (a chat with no deal linked).
    pub fn is_of(&self, kind: EntityKind, id: i64) -> bool {
        match self.entity_type.as_deref() {
            Some("contact") => true,
            Some(t) => t == entity_filter(kind) && self.entity_id == Some(id),
            None => false,
        }
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
        self.events_of(account_id, entity_filter(kind), &[id], types)
            .await
    }

    /// The newest chat messages with `contacts` (the first
    /// [`MAX_ENTITY_IDS`]), whichever deal their conversation is linked to.
    pub async fn contact_chats(
        &self,
        account_id: i64,
        contacts: &[i64],
    ) -> Result<Vec<Event>, AmoError> {
        let ids = &contacts[..contacts.len().min(MAX_ENTITY_IDS)];
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        self.events_of(account_id, "contact", ids, &CHATS).await
    }

    async fn events_of(
        &self,
        account_id: i64,
        entity: &str,
        ids: &[i64],
        types: &[&str],
    ) -> Result<Vec<Event>, AmoError> {
        let ids: String = ids
            .iter()
            .map(|id| format!("&filter[entity_id][]={id}"))
            .collect();
        let types: String = types
            .iter()
            .map(|t| format!("&filter[type][]={t}"))
            .collect();
        let path =
            format!("/api/v4/events?filter[entity]={entity}{ids}{types}&limit={EVENTS_PAGE}");
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
        // A chat linked to a deal names its contact; one on the contact is the contact's.
        let linked: Event = serde_json::from_value(json!({"type": "incoming_chat_message",
            "entity_type": "lead", "entity_id": 7, "linked_talk_contact_id": 2001}))
        .unwrap();
        assert_eq!(linked.chat_contact(), Some(2001));
        let own: Event = serde_json::from_value(
            json!({"type": "outgoing_chat_message", "entity_type": "contact", "entity_id": 2002}),
        )
        .unwrap();
        assert_eq!(own.chat_contact(), Some(2002));
        // A chat linked to deal 7 is deal 7's, not another deal's; one of no deal is anyone's.
        assert!(linked.is_of(EntityKind::Lead, 7));
        assert!(!linked.is_of(EntityKind::Lead, 8));
        assert!(!linked.is_of(EntityKind::Customer, 7));
        assert!(own.is_of(EntityKind::Lead, 8));
        // A shape this client does not know is nothing, not a failure.
        let odd: Event =
            serde_json::from_value(json!({"type": "x", "value_after": {"a": 1}})).unwrap();
        assert_eq!((odd.lead_status(), odd.note_id()), (None, None));
    }
}
