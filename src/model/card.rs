//! The card's view model: everything it shows, already formatted for the
//! user's language and the account's currency and timezone.

use super::actions::{ActionChoices, StatusKind};
use super::history::HistoryView;
use super::layout::Section;
use super::link::Link;
use super::state::{EntityKind, RightsGap};

/// The quick actions the opening user may use on this card (their amoCRM
/// rights, and not a read-only preview). Completing a task is per task.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
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
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Withheld {
    pub contacts: u32,
    pub company: bool,
    /// Set when rights could not be read at all.
    pub gap: Option<RightsGap>,
    /// Contacts, company, tasks or history could not be loaded (amoCRM's rate
    /// limit or an outage): the card shows what did load and says so.
    pub unloaded: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// The amoCRM custom field the row shows (`data-field-id`); `None` for
    /// the record's own details (price, dates, responsible).
    pub field_id: Option<i64>,
    pub label: String,
    pub value: String,
    pub link: Link,
    /// Money and dates get tabular digits.
    pub numeric: bool,
    /// Set when the user may change it from the card (`data-editable`).
    pub edit: Option<super::edit::EditSpec>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusPill {
    pub name: String,
    /// A validated `#rrggbb`.
    pub color: String,
    pub kind: StatusKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContactView {
    pub name: String,
    pub position: Option<String>,
    pub main: bool,
    /// (display text, link)
    pub phones: Vec<(String, Link)>,
    pub emails: Vec<(String, Link)>,
    /// The contact's other deals (`data-related="deals"`); none for a company.
    pub other_deals: Option<OtherDeals>,
}

/// A contact's deals besides this card's, as the card's line says them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OtherDeals {
    /// Where the list opens (`/related/deals?contact=<id>`).
    pub href: String,
    /// How many, when the user may see every deal; `None` otherwise (the
    /// line then names no number: hidden ones are never counted).
    pub count: Option<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
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
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CardView {
    pub kind: EntityKind,
    pub id: i64,
    pub name: String,
    pub headline: Option<String>,
    /// The layout's header field, shown under the stage beside the price.
    pub header_field: Option<Row>,
    pub status: Option<StatusPill>,
    pub pipeline: Option<String>,
    /// A lead's pipeline (`data-pipeline`: a layout's scope is `pipeline:<id>`).
    pub pipeline_id: Option<i64>,
    pub tags: Vec<String>,
    pub details: Vec<Row>,
    pub contacts: Vec<ContactView>,
    pub company: Option<ContactView>,
    pub tasks: Vec<TaskView>,
    /// The layout's key fields, shown first, in the admin's order.
    pub key_fields: Vec<Row>,
    /// The other custom fields (the `fields` section).
    pub fields: Vec<Row>,
    /// The sections that show, in order.
    pub sections: Vec<Section>,
    pub choices: ActionChoices,
    pub allowed: Allowed,
    pub withheld: Withheld,
    pub history: HistoryView,
    /// The status strip's facts (`data-strip`); empty: no strip.
    pub strip: Vec<super::strip::StripItem>,
    /// The layout editor's address, for an account admin only (`data-customise`).
    pub customise: Option<String>,
    /// How many products the deal has (`data-related="products"`); `None`
    /// for a customer or a deal without any.
    pub products: Option<usize>,
}
