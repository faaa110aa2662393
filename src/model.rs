//! The view models the server renders from, split by concern. None of them
//! crosses to the wasm: the client reads the server's HTML and the names in
//! [`crate::contract`], so only what a server function takes or answers
//! (`CallForm`, `HistoryMore`, `CardProblem` inside an action's outcome) is
//! serialisable.

mod actions;
mod card;
mod edit;
mod field_type;
mod history;
mod layout;
mod link;
mod stale;
mod state;
mod strip;

pub use actions::{
    ActionChoices, CallForm, CallStatus, LinkedField, LinkedKind, LossReasonOption, RequiredField,
    StatusKind, StatusOption, TaskTypeOption, WrapStart, CALL_COMMENT_MAX_CHARS, NOTE_MAX_CHARS,
    TASK_MAX_CHARS,
};
pub use card::{Allowed, CardView, ContactView, OtherDeals, Row, StatusPill, TaskView, Withheld};
pub use edit::{
    Choice, Control, EditField, EditSpec, TEXTAREA_MAX_CHARS, TEXT_MAX_CHARS, URL_MAX_CHARS,
};
pub use field_type::FieldType;
pub use history::{CallInfo, HistoryEntry, HistoryKind, HistoryMore, HistoryView};
pub use layout::{Layout, LayoutError, LayoutOp, LayoutScope, Section, SectionError, SectionOrder};
pub use link::Link;
pub use stale::{StaleDays, StaleError};
pub use state::{
    BlockedState, CardProblem, CardSessionInfo, EntityKind, OtherEntityKind, RightsGap,
};
pub use strip::{StripIcon, StripItem, StripKind};
