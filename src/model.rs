//! Types shared by the server and the hydrated islands.

use serde::{Deserialize, Serialize};

/// Why the card cannot be shown. Each variant is a distinct page state with its
/// own wording and HTTP status; none of them is a server error.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BlockedState {
    /// Opened without a token: not from the amoCRM app.
    NoToken,
    /// The token's lifetime is over.
    Expired,
    /// The token's `nbf`/`iat` lies in the future beyond the allowed clock skew.
    NotYetValid,
    /// Malformed, tampered or signed with another key.
    Invalid,
    /// Valid signature but issued for another integration or audience.
    WrongIntegration,
    /// The one-time token was already exchanged for a session elsewhere.
    AlreadyUsed,
    /// A card of an entity type this service does not render (contacts, companies, ...).
    Unsupported,
    /// A request that needed a card session came without a live one.
    SessionExpired,
}

impl BlockedState {
    /// The HTTP status the page is served with.
    pub fn status(self) -> u16 {
        match self {
            BlockedState::NoToken
            | BlockedState::Expired
            | BlockedState::NotYetValid
            | BlockedState::Invalid
            | BlockedState::SessionExpired => 401,
            BlockedState::WrongIntegration | BlockedState::AlreadyUsed => 403,
            BlockedState::Unsupported => 422,
        }
    }

    /// A stable machine-readable code, used in `data-state` attributes and logs.
    pub fn code(self) -> &'static str {
        match self {
            BlockedState::NoToken => "no-token",
            BlockedState::Expired => "expired",
            BlockedState::NotYetValid => "not-yet-valid",
            BlockedState::Invalid => "invalid",
            BlockedState::WrongIntegration => "wrong-integration",
            BlockedState::AlreadyUsed => "already-used",
            BlockedState::Unsupported => "unsupported",
            BlockedState::SessionExpired => "session-expired",
        }
    }

    pub const ALL: [BlockedState; 8] = [
        BlockedState::NoToken,
        BlockedState::Expired,
        BlockedState::NotYetValid,
        BlockedState::Invalid,
        BlockedState::WrongIntegration,
        BlockedState::AlreadyUsed,
        BlockedState::Unsupported,
        BlockedState::SessionExpired,
    ];
}

/// The kind of amoCRM entity a card shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EntityKind {
    Lead,
    Customer,
}

impl EntityKind {
    /// The path segment amoCRM's API uses for this kind.
    pub fn api_name(self) -> &'static str {
        match self {
            EntityKind::Lead => "leads",
            EntityKind::Customer => "customers",
        }
    }
}

/// Not a lead or a customer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OtherEntityKind;

/// Every spelling amoCRM and this service use: API names (`leads`), singulars
/// (`lead`) and amoCRM's numeric type ids (`2`, `12`), in any case.
impl std::str::FromStr for EntityKind {
    type Err = OtherEntityKind;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "leads" | "lead" | "2" => Ok(EntityKind::Lead),
            "customers" | "customer" | "12" => Ok(EntityKind::Customer),
            _ => Err(OtherEntityKind),
        }
    }
}

/// What the page knows about its card session. The CSRF value is echoed by
/// every server function; the entity is informational only, the server takes
/// it from the session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CardSessionInfo {
    pub csrf: String,
    pub entity: EntityKind,
    pub entity_id: i64,
    /// The user may log calls on this record (edit right, not read-only).
    pub can_log_calls: bool,
}

/// Why card data could not be shown after the session was opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CardProblem {
    NotFound,
    /// amoCRM refused the integration itself (403, blocked account).
    NoAccess,
    /// The opening user's amoCRM rights do not let them see this record.
    NoRights,
    CustomersDisabled,
    NeedsReinstall,
    Unavailable,
    RateLimited,
    SessionExpired,
}

impl CardProblem {
    pub fn code(self) -> &'static str {
        match self {
            CardProblem::NotFound => "not-found",
            CardProblem::NoAccess => "no-access",
            CardProblem::NoRights => "no-rights",
            CardProblem::CustomersDisabled => "customers-disabled",
            CardProblem::NeedsReinstall => "needs-reinstall",
            CardProblem::Unavailable => "unavailable",
            CardProblem::RateLimited => "rate-limited",
            CardProblem::SessionExpired => "session-expired",
        }
    }

    /// The HTTP status of a card page that ends in this state.
    pub fn status(self) -> u16 {
        match self {
            CardProblem::NotFound => 404,
            CardProblem::NoAccess | CardProblem::NoRights => 403,
            CardProblem::CustomersDisabled => 409,
            CardProblem::NeedsReinstall => 502,
            CardProblem::Unavailable => 503,
            CardProblem::RateLimited => 429,
            CardProblem::SessionExpired => 401,
        }
    }
}

/// Why the opening user's rights are unknown. The card then fails closed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RightsGap {
    /// The users call failed.
    UsersUnreadable,
    /// The users came without rights: the grant's user is not an account admin.
    GrantNotAdmin,
    /// The opening user is not among the account's users.
    UserUnknown,
}

impl RightsGap {
    pub fn code(self) -> &'static str {
        match self {
            RightsGap::UsersUnreadable => "users-unreadable",
            RightsGap::GrantNotAdmin => "grant-not-admin",
            RightsGap::UserUnknown => "user-unknown",
        }
    }
}

/// The quick actions the opening user may use on this card (their amoCRM
/// rights, and not a read-only preview). Completing a task is per task.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Allowed {
    pub note: bool,
    pub task: bool,
    pub stage: bool,
}

impl Allowed {
    pub fn any(self) -> bool {
        self.note || self.task || self.stage
    }
}

/// What the card leaves out because of the user's rights (counts only: no
/// name, phone or e-mail of a withheld record reaches the page).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Withheld {
    pub contacts: u32,
    pub company: bool,
    /// Set when rights could not be read at all.
    pub gap: Option<RightsGap>,
    /// Contacts, company, tasks or history could not be loaded (amoCRM's rate
    /// limit or an outage): the card shows what did load and says so.
    pub unloaded: bool,
}

/// How a value row links out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Link {
    None,
    Web(String),
    Tel(String),
    Mail(String),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    pub label: String,
    pub value: String,
    pub link: Link,
    /// Money and dates get tabular digits.
    pub numeric: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    Open,
    Won,
    Lost,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusPill {
    pub name: String,
    /// A validated `#rrggbb`.
    pub color: String,
    pub outcome: Outcome,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactView {
    pub name: String,
    pub position: Option<String>,
    pub main: bool,
    /// (display text, link)
    pub phones: Vec<(String, Link)>,
    pub emails: Vec<(String, Link)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskView {
    pub id: i64,
    pub text: String,
    pub due: String,
    pub overdue: bool,
    pub responsible: Option<String>,
    /// The user may complete it (tasks edit right, not read-only).
    pub can_complete: bool,
}

/// Everything the card shows, already formatted for the user's language,
/// the account's currency and timezone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardView {
    pub kind: EntityKind,
    pub id: i64,
    pub name: String,
    pub headline: Option<String>,
    pub status: Option<StatusPill>,
    pub pipeline: Option<String>,
    pub tags: Vec<String>,
    pub details: Vec<Row>,
    pub contacts: Vec<ContactView>,
    pub company: Option<ContactView>,
    pub tasks: Vec<TaskView>,
    pub fields: Vec<Row>,
    pub choices: ActionChoices,
    pub allowed: Allowed,
    pub withheld: Withheld,
    pub history: HistoryView,
}

/// The latest entries of the record's history (its notes), newest first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryView {
    pub entries: Vec<HistoryEntry>,
    /// The page "show more" loads, when there is one.
    pub next_page: Option<u32>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
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

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub id: i64,
    pub kind: HistoryKind,
    /// Already in the account's timezone and the user's language.
    pub when: String,
    pub author: Option<String>,
    pub text: String,
    pub call: Option<CallInfo>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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

/// amoCRM's call statuses (`call_status` of a call note).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
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

/// What a quick action ended with, for the island to show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
    /// The write timed out: it may or may not have been saved.
    Uncertain,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusOption {
    pub id: i64,
    pub name: String,
    pub color: String,
    pub outcome: Outcome,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskTypeOption {
    pub id: i64,
    pub name: String,
}

/// What the quick actions need to offer choices; part of the rendered card.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionChoices {
    /// Statuses of the lead's pipeline the user may move it to, and its
    /// current one (empty for customers).
    pub statuses: Vec<StatusOption>,
    pub current_status: Option<i64>,
    pub task_types: Vec<TaskTypeOption>,
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
