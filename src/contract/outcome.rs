//! What a quick action answers, and how the client takes the answer.

use serde::{Deserialize, Serialize};

use crate::model::CardProblem;

/// What a quick action ended with. On the wire (the JSON answer to `fetch`):
/// `{"outcome": "done"}`, `{"outcome": "invalid", "field": …, "message": …}`,
/// `{"outcome": "failed", "problem": "no-rights", "message": …}`; pinned by a test.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
pub enum ActionOutcome {
    Done,
    /// The same submission was already handled (double tap): nothing sent twice.
    Duplicate,
    /// A field failed validation; nothing was sent to amoCRM.
    Invalid {
        field: String,
        message: String,
    },
    /// amoCRM (or the session) refused; nothing was saved.
    Failed {
        problem: CardProblem,
        message: String,
    },
    /// The write got no answer: it may or may not have been saved.
    Uncertain,
    /// The record changed in amoCRM after the card showed it; nothing was
    /// written. `seen` is its `updated_at` now: the same edit sent again with
    /// it applies to the record as it is (`/api/edit_field`).
    Conflict {
        message: String,
        seen: i64,
    },
    /// Some parts of a multi-part write were saved and some were not
    /// (`/api/wrap_up`): the message says which. The same key sent again
    /// writes only the parts not yet confirmed.
    Partial {
        message: String,
    },
}

impl ActionOutcome {
    /// The field of the JSON answer that names the outcome.
    pub const TAG: &'static str = "outcome";
    pub const DONE: &'static str = "done";
    pub const DUPLICATE: &'static str = "duplicate";
    pub const INVALID: &'static str = "invalid";
    pub const FAILED: &'static str = "failed";
    pub const UNCERTAIN: &'static str = "uncertain";
    pub const CONFLICT: &'static str = "conflict";
    pub const PARTIAL: &'static str = "partial";
    /// The field of an invalid, failed, conflict or partial answer that carries the text to show.
    pub const MESSAGE: &'static str = "message";
    /// The field of a conflict answer with the record's `updated_at` now.
    pub const SEEN: &'static str = "seen";

    /// This outcome's tag on the wire.
    pub fn tag(&self) -> &'static str {
        match self {
            ActionOutcome::Done => Self::DONE,
            ActionOutcome::Duplicate => Self::DUPLICATE,
            ActionOutcome::Invalid { .. } => Self::INVALID,
            ActionOutcome::Failed { .. } => Self::FAILED,
            ActionOutcome::Uncertain => Self::UNCERTAIN,
            ActionOutcome::Conflict { .. } => Self::CONFLICT,
            ActionOutcome::Partial { .. } => Self::PARTIAL,
        }
    }
}

/// How the client takes an answer, from its tag alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// Saved (now or by an earlier send of the same key).
    Saved,
    /// Refused or invalid: nothing was written; the answer carries a message.
    Refused,
    /// No answer, or an unanswered write: it may have been saved.
    Unknown,
    /// Part saved, part not: the form keeps its key and what was typed.
    Partial,
}

impl Answer {
    pub fn from_tag(tag: &str) -> Self {
        match tag {
            ActionOutcome::DONE | ActionOutcome::DUPLICATE => Answer::Saved,
            ActionOutcome::INVALID | ActionOutcome::FAILED | ActionOutcome::CONFLICT => {
                Answer::Refused
            }
            ActionOutcome::PARTIAL => Answer::Partial,
            _ => Answer::Unknown,
        }
    }
}
