//! Page states: what the card is about, and every way it can end other than a
//! card (each with its HTTP status, decided before the page streams).

use serde::{Deserialize, Serialize};

/// Why the card cannot be shown. Each variant is a distinct page state with its
/// own wording and HTTP status; none of them is a server error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
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
/// On the wire (inside an action's outcome) as its [`CardProblem::code`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CardProblem {
    NotFound,
    /// amoCRM refused the integration itself (403, blocked account).
    NoAccess,
    /// The opening user's amoCRM rights do not let them see this record.
    NoRights,
    CustomersDisabled,
    /// amoCRM answered 402: the account's subscription has ended.
    AccountUnpaid,
    NeedsReinstall,
    Unavailable,
    RateLimited,
    SessionExpired,
}

impl CardProblem {
    pub const ALL: [CardProblem; 9] = [
        CardProblem::NotFound,
        CardProblem::NoAccess,
        CardProblem::NoRights,
        CardProblem::CustomersDisabled,
        CardProblem::AccountUnpaid,
        CardProblem::NeedsReinstall,
        CardProblem::Unavailable,
        CardProblem::RateLimited,
        CardProblem::SessionExpired,
    ];

    pub fn code(self) -> &'static str {
        match self {
            CardProblem::NotFound => "not-found",
            CardProblem::NoAccess => "no-access",
            CardProblem::NoRights => "no-rights",
            CardProblem::CustomersDisabled => "customers-disabled",
            CardProblem::AccountUnpaid => "account-unpaid",
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
            CardProblem::AccountUnpaid => 402,
            CardProblem::NeedsReinstall => 502,
            CardProblem::Unavailable => 503,
            CardProblem::RateLimited => 429,
            CardProblem::SessionExpired => 401,
        }
    }
}

/// Why the opening user's rights are unknown. The card then fails closed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
