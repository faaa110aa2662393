//! What the card writes to amoCRM besides notes and stage moves: the inputs
//! of the task and call-note calls, each attributed to the acting user.

use crate::model::EntityKind;

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
