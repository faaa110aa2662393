//! The status strip under the card's header: where the record stands today,
//! as up to three short facts (last contact, days in stage or the next
//! purchase, the next step).

/// Which fact an item is (`data-strip-item`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StripKind {
    Contact,
    Stage,
    Next,
    NextPurchase,
}

impl StripKind {
    pub fn code(self) -> &'static str {
        match self {
            StripKind::Contact => "contact",
            StripKind::Stage => "stage",
            StripKind::Next => "next",
            StripKind::NextPurchase => "next-purchase",
        }
    }
}

/// The picture beside a fact's text: what kind of contact it was, or a
/// warning that replaces the usual one when something is late or missing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StripIcon {
    Call,
    Chat,
    Sms,
    Stage,
    Task,
    Purchase,
    /// No contact yet, no open task, overdue.
    Warning,
}

impl StripIcon {
    pub fn code(self) -> &'static str {
        match self {
            StripIcon::Call => "call",
            StripIcon::Chat => "chat",
            StripIcon::Sms => "sms",
            StripIcon::Stage => "stage",
            StripIcon::Task => "task",
            StripIcon::Purchase => "purchase",
            StripIcon::Warning => "warning",
        }
    }
}

/// One fact: `label` is read to a screen reader before `text` (it says what
/// the fact is about, which the icon says to the eye).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StripItem {
    pub kind: StripKind,
    pub icon: StripIcon,
    pub label: String,
    pub text: String,
    /// Late or missing: shown with the warning icon and in the warning colour.
    pub warn: bool,
    /// Since when the fact holds (the stage: when the lead entered it), for
    /// the stale check once the layout is read.
    pub since: Option<i64>,
    /// The admin's limit in days, when the deal has been in its stage longer
    /// (`data-stale`).
    pub stale_after: Option<u16>,
}
