//! What the card writes to amoCRM besides record updates (`record_edit.rs`):
//! notes, call notes, tasks and their completion, each attributed to the
//! acting user, with their inputs.

use reqwest::Method;
use serde_json::json;

use super::{AmoClient, AmoError};
use crate::model::EntityKind;

/// The `source` of the calls the card logs (amoCRM shows it on the call).
pub const CALL_SOURCE: &str = "amo-mobile-card";

/// A logged outgoing call, attributed to the acting user.
#[derive(Clone, Debug)]
pub struct CallNote {
    /// The submission's idempotency key: amoCRM's `uniq` of the call.
    pub uniq: String,
    pub phone: String,
    /// Seconds; an estimate (the time the user was away from the card).
    pub duration: i64,
    /// The user's outcome and comment, as a sentence (a common note beside the call).
    pub result: String,
    pub created_by: i64,
}

/// A task to create, attributed to the acting user.
#[derive(Clone, Debug)]
pub struct NewTask {
    pub kind: EntityKind,
    pub entity_id: i64,
    pub text: String,
    /// Unix seconds.
    pub complete_till: i64,
    pub task_type_id: i64,
    pub responsible_user_id: i64,
    pub created_by: i64,
}

impl AmoClient {
    pub async fn add_note(
        &self,
        account_id: i64,
        kind: EntityKind,
        id: i64,
        text: &str,
        created_by: i64,
    ) -> Result<(), AmoError> {
        let body =
            json!([{"note_type": "common", "params": {"text": text}, "created_by": created_by}]);
        let path = format!("/api/v4/{}/{id}/notes", kind.api_name());
        self.call(account_id, Method::POST, &path, Some(body))
            .await
            .map(|_| ())
    }

    /// Logs a call: a `call_out` note with exactly the params amoCRM's notes
    /// docs list for it (events-and-notes.md, "Типы примечаний": `uniq`,
    /// `duration`, `source`, `phone`, `call_responsible`; `link` only with a
    /// recording, which the card has none of). `call_status` and `call_result`
    /// belong to the Calls API, which files a call by the phone number, not on
    /// this record; so the user's outcome and comment go as a common note in
    /// the same request (one write, both or neither).
    pub async fn add_call_note(
        &self,
        account_id: i64,
        kind: EntityKind,
        id: i64,
        call: &CallNote,
    ) -> Result<(), AmoError> {
        // `created_by` equal to `responsible_user_id`: the docs' condition for
        // the call to count in the user's analytics.
        let body = json!([
            {
                "note_type": "call_out",
                "params": {
                    "uniq": call.uniq,
                    "duration": call.duration,
                    "source": CALL_SOURCE,
                    "phone": call.phone,
                    "call_responsible": call.created_by,
                },
                "created_by": call.created_by,
                "responsible_user_id": call.created_by,
            },
            {
                "note_type": "common",
                "params": {"text": call.result},
                "created_by": call.created_by,
            }
        ]);
        let path = format!("/api/v4/{}/{id}/notes", kind.api_name());
        self.call(account_id, Method::POST, &path, Some(body))
            .await
            .map(|_| ())
    }

    pub async fn add_task(&self, account_id: i64, task: &NewTask) -> Result<(), AmoError> {
        let body = json!([{
            "text": task.text,
            "complete_till": task.complete_till,
            "entity_id": task.entity_id,
            "entity_type": task.kind.api_name(),
            "task_type_id": task.task_type_id,
            "responsible_user_id": task.responsible_user_id,
            "created_by": task.created_by,
        }]);
        self.call(account_id, Method::POST, "/api/v4/tasks", Some(body))
            .await
            .map(|_| ())
    }

    pub async fn complete_task(
        &self,
        account_id: i64,
        task_id: i64,
        result: &str,
    ) -> Result<(), AmoError> {
        // tasks-api.md: "to complete a task, pass `result` and `is_completed`".
        let body = json!({"is_completed": true, "result": {"text": result}});
        let path = format!("/api/v4/tasks/{task_id}");
        self.call(account_id, Method::PATCH, &path, Some(body))
            .await
            .map(|_| ())
    }
}
