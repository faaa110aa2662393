//! What the quick actions offer (stages, task types, call outcomes) and take
//! (a logged call), with the limits of their texts.

use serde::{Deserialize, Serialize};

use super::Control;

/// Open, or one of amoCRM's two closing stages (won, lost).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusKind {
    Open,
    Won,
    Lost,
}

/// amoCRM's call statuses (`call_status` of a call note).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallStatus {
    LeftMessage = 1,
    CallBackLater = 2,
    NotAvailable = 3,
    Talked = 4,
    WrongNumber = 5,
    NoAnswer = 6,
    Busy = 7,
}

impl CallStatus {
    /// In the order the call sheet offers them.
    pub const ALL: [CallStatus; 7] = [
        CallStatus::Talked,
        CallStatus::LeftMessage,
        CallStatus::CallBackLater,
        CallStatus::NotAvailable,
        CallStatus::WrongNumber,
        CallStatus::NoAnswer,
        CallStatus::Busy,
    ];

    pub fn from_code(code: i64) -> Option<Self> {
        Self::ALL.into_iter().find(|s| *s as i64 == code)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusOption {
    pub id: i64,
    pub name: String,
    pub color: String,
    pub kind: StatusKind,
    /// Lead fields the account requires for this stage that the lead lacks.
    pub requires: Vec<RequiredField>,
    /// What the admin wrote about working a deal in this stage.
    pub guidance: Option<String>,
    /// Fields of the lead's contact or company the stage requires that are
    /// empty: filled in amoCRM only, so they block the move, named.
    pub elsewhere: Vec<LinkedField>,
}

/// Whose field a stage needs besides the lead's own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkedKind {
    Contact,
    Company,
}

/// A field of the lead's contact or company that a stage requires.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkedField {
    pub of: LinkedKind,
    pub name: String,
}

/// A field a stage requires, asked for with its edit control (`None`: the
/// card cannot fill it, and the move waits for amoCRM).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequiredField {
    pub id: i64,
    pub name: String,
    pub control: Option<Control>,
}

/// One of the account's reasons a lead is lost.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LossReasonOption {
    pub id: i64,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskTypeOption {
    pub id: i64,
    pub name: String,
}

/// What the quick actions need to offer choices; part of the rendered card.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActionChoices {
    /// Statuses of the lead's pipeline the user may move it to, and its
    /// current one (empty for customers).
    pub statuses: Vec<StatusOption>,
    pub current_status: Option<i64>,
    pub task_types: Vec<TaskTypeOption>,
    /// Offered when closing as lost; the account's order.
    pub loss_reasons: Vec<LossReasonOption>,
    /// What the after-meeting sheet starts from.
    pub wrap: WrapStart,
}

/// The after-meeting sheet's starting values (#41).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WrapStart {
    /// The record's `updated_at` as the card shows it.
    pub seen: i64,
    /// The budget (a customer's next purchase amount), as the form writes it.
    pub amount: String,
    /// A customer's next purchase date (`YYYY-MM-DD`); `None` for a lead.
    pub next_date: Option<String>,
    /// The due chips' days in the account's timezone (`YYYY-MM-DD`):
    /// tomorrow, in three days, next Monday.
    pub dues: [String; 3],
}

/// A call the user logs after tapping a contact's number, as the sheet sends it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallForm {
    pub phone: String,
    /// Who was called: only for the follow-up task's text.
    pub name: String,
    /// Seconds away from the card: an estimate of the call's length.
    pub duration: i64,
    /// amoCRM's `call_status` code (see [`CallStatus`]).
    pub status: i64,
    pub comment: String,
    /// `none`, or a due preset (`hour`, `today`, `tomorrow`, `week`).
    pub follow_up: String,
}

/// Longest comment of a logged call.
pub const CALL_COMMENT_MAX_CHARS: usize = 1000;

/// Longest note amoCRM gets from the card.
pub const NOTE_MAX_CHARS: usize = 2000;
/// Longest task text or task result.
pub const TASK_MAX_CHARS: usize = 500;
