//! The record's history (its notes) as the card shows it.

use serde::{Deserialize, Serialize};

use super::link::Link;

/// The latest entries of the record's history (its notes), newest first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HistoryView {
    pub entries: Vec<HistoryEntry>,
    /// The page "show more" loads, when there is one.
    pub next_page: Option<u32>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HistoryKind {
    Text,
    CallIn,
    CallOut,
    Service,
    /// Any other note type amoCRM has (stage changes, mail, SMS, …), shown by its text.
    Other,
}

impl HistoryKind {
    pub fn code(self) -> &'static str {
        match self {
            HistoryKind::Text => "text",
            HistoryKind::CallIn => "call-in",
            HistoryKind::CallOut => "call-out",
            HistoryKind::Service => "service",
            HistoryKind::Other => "other",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryEntry {
    pub id: i64,
    pub kind: HistoryKind,
    /// Already in the account's timezone and the user's language.
    pub when: String,
    pub author: Option<String>,
    pub text: String,
    pub call: Option<CallInfo>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallInfo {
    /// The number, linked only when safe to dial and the user may see contact details.
    pub phone: Option<(String, Link)>,
    pub duration: Option<String>,
    pub outcome: Option<String>,
    /// The recording, only as an http(s) link.
    pub recording: Option<Link>,
}

/// A further page of history for "show more": the entries as server-rendered
/// HTML (no rendering code in the wasm) and the page after it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryMore {
    pub html: String,
    pub next_page: Option<u32>,
}
