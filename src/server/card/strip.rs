//! The status strip's rules: from the record's events, its nearest open task
//! and its dates to up to three short facts, at a given moment (pure: the
//! tests fix the clock).
//!
//! - **Last contact**: the newest call or SMS in the record's feed, or chat
//!   message with one of its contacts, that the user may learn of. Chats come
//!   only for the contacts the card shows (the caller keeps no others). When
//!   some of the record's contacts are hidden from the user, only a call
//!   whose number belongs to a contact the card shows counts besides them,
//!   and with none such the fact is left out rather than saying "no
//!   contact": an absence would tell of the hidden ones too. amoCRM's events
//!   have no e-mail type, so e-mails are not claimed.
//! - **Days in stage**: since the newest `lead_status_changed` into the stage
//!   the lead is in; since its creation when it never moved. Left out when
//!   the events page is full and holds no stage change (it may be older).
//! - **Next step**: the nearest open task; "overdue" when it is late, "no
//!   next step" when none is open. A closed deal needs none and shows none.
//! - **Next purchase** (customers): a countdown to `next_date`, or overdue.

use chrono_tz::Tz;

use crate::i18n::{fill, Lang};
use crate::model::{StripIcon, StripItem, StripKind};
use crate::server::amo::events::{self, Event, EVENTS_PAGE};
use crate::server::amo::types::Note;
use crate::server::card::format;
use crate::server::card::history::PhoneScope;

/// When "now" is and how dates read.
#[derive(Clone, Copy, Debug)]
pub struct Clock {
    pub now: i64,
    pub tz: Tz,
    pub lang: Lang,
}

/// Which contact events the user may learn of.
pub enum Countable<'a> {
    /// None of the record's contacts is hidden from the user: every one.
    All,
    /// Some are: chats (kept only for shown contacts) and calls whose note
    /// (from the history already read) has a number `phones` shows.
    CallsFrom {
        notes: &'a [Note],
        phones: &'a PhoneScope,
    },
}

impl Countable<'_> {
    fn counts(&self, e: &Event) -> bool {
        match self {
            Countable::All => true,
            // Chats reach the strip only for contacts the card shows.
            Countable::CallsFrom { .. } if events::CHATS.contains(&e.kind.as_str()) => true,
            Countable::CallsFrom { notes, phones } => {
                events::CALLS.contains(&e.kind.as_str())
                    && e.note_id()
                        .and_then(|id| notes.iter().find(|n| n.id == id))
                        .and_then(|n| n.params.get("phone")?.as_str())
                        .is_some_and(|raw| phones.shows(raw))
            }
        }
    }
}

/// The event types the strip asks amoCRM for on the record itself: calls
/// and SMS, and stage moves for a lead (chats are asked of the contacts).
pub fn event_types(lead: bool) -> Vec<&'static str> {
    let mut types: Vec<&str> = [events::CALLS, events::SMS].concat().to_vec();
    if lead {
        types.push(events::LEAD_STATUS_CHANGED);
    }
    types
}

/// What a lead's strip is made of.
pub struct LeadFacts<'a> {
    pub events: &'a [Event],
    pub countable: Countable<'a>,
    /// Its pipeline and stage.
    pub stage: Option<(i64, i64)>,
    pub created_at: Option<i64>,
    /// Won or lost: no next step is asked of it.
    pub closed: bool,
    /// The nearest open task's due time; `None` with the outer `Some`: none
    /// is open. The outer `None`: the tasks are not known (not loaded).
    pub next_due: Option<Option<i64>>,
}

pub fn lead(f: &LeadFacts, c: &Clock) -> Vec<StripItem> {
    let mut items = Vec::new();
    items.extend(last_contact(f.events, &f.countable, c));
    if let Some(stage) = f.stage {
        items.extend(in_stage(f.events, stage, f.created_at, c));
    }
    if !f.closed {
        items.extend(f.next_due.map(|due| next_step(due, c)));
    }
    items
}

/// What a customer's strip is made of.
pub struct CustomerFacts<'a> {
    pub events: &'a [Event],
    pub countable: Countable<'a>,
    pub next_date: Option<i64>,
    pub next_due: Option<Option<i64>>,
}

pub fn customer(f: &CustomerFacts, c: &Clock) -> Vec<StripItem> {
    let mut items = Vec::new();
    items.extend(last_contact(f.events, &f.countable, c));
    items.extend(f.next_date.filter(|d| *d > 0).map(|d| next_purchase(d, c)));
    items.extend(f.next_due.map(|due| next_step(due, c)));
    items
}

fn item(kind: StripKind, icon: StripIcon, label: &str, text: String, warn: bool) -> StripItem {
    StripItem {
        kind,
        icon,
        label: label.to_owned(),
        text,
        warn,
        since: None,
        stale_after: None,
    }
}

/// "12 days ago", "Yesterday": the relative words, starting a sentence.
fn relative(unix: i64, c: &Clock) -> String {
    capitalised(&format::relative_day(unix, c.now, c.tz, c.lang))
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn last_contact(events: &[Event], countable: &Countable, c: &Clock) -> Option<StripItem> {
    let t = c.lang.strip();
    let newest = events
        .iter()
        .filter(|e| countable.counts(e))
        .filter_map(|e| Some((e.created_at?, contact_icon(&e.kind)?)))
        .max_by_key(|(at, _)| *at);
    match newest {
        Some((at, icon)) => {
            let label = match icon {
                StripIcon::Call => t.last_call,
                StripIcon::Chat => t.last_chat,
                _ => t.last_sms,
            };
            Some(item(
                StripKind::Contact,
                icon,
                label,
                relative(at, c),
                false,
            ))
        }
        // "No contact" only when nothing at all was hidden from the count.
        None if matches!(countable, Countable::All) => Some(item(
            StripKind::Contact,
            StripIcon::Warning,
            t.last_contact,
            t.no_contact.to_owned(),
            true,
        )),
        None => None,
    }
}

/// The kind of contact an event type is, as its icon; `None`: not a contact.
fn contact_icon(kind: &str) -> Option<StripIcon> {
    [
        (events::CALLS, StripIcon::Call),
        (events::CHATS, StripIcon::Chat),
        (events::SMS, StripIcon::Sms),
    ]
    .into_iter()
    .find(|(types, _)| types.contains(&kind))
    .map(|(_, icon)| icon)
}

/// Since when the lead has been in `stage` (pipeline, status).
pub fn stage_since(events: &[Event], stage: (i64, i64), created_at: Option<i64>) -> Option<i64> {
    let newest_move = events
        .iter()
        .filter(|e| e.kind == events::LEAD_STATUS_CHANGED)
        .filter_map(|e| Some((e.created_at?, e.lead_status())))
        .max_by_key(|(at, _)| *at);
    match newest_move {
        Some((at, Some(into))) if into == stage => Some(at),
        // The newest move led elsewhere: the feed disagrees with the lead.
        Some(_) => None,
        None if events.len() < EVENTS_PAGE => created_at.filter(|t| *t > 0),
        None => None,
    }
}

fn in_stage(
    events: &[Event],
    stage: (i64, i64),
    created_at: Option<i64>,
    c: &Clock,
) -> Option<StripItem> {
    let since = stage_since(events, stage, created_at)?;
    let t = c.lang.strip();
    let days = (c.now - since).max(0) / 86_400;
    let text = match days {
        0 => t.in_stage_new.to_owned(),
        n => fill(t.in_stage, &[("days", &c.lang.days(n as u64))]),
    };
    Some(StripItem {
        since: Some(since),
        ..item(StripKind::Stage, StripIcon::Stage, t.stage, text, false)
    })
}

/// Turns the stage fact into a warning when the lead has been in its stage
/// longer than `limit` days (the admin's, from the layout): "21 days in
/// stage — stale after 14", the warning icon, words and `data-stale`.
pub fn mark_stale(items: &mut [StripItem], limit: u16, c: &Clock) {
    let Some(fact) = items.iter_mut().find(|i| i.kind == StripKind::Stage) else {
        return;
    };
    let Some(since) = fact.since else { return };
    let elapsed = c.now - since;
    if elapsed <= i64::from(limit) * 86_400 {
        return;
    }
    let days = c.lang.days((elapsed / 86_400) as u64);
    let limit_text = limit.to_string();
    fact.text = fill(
        c.lang.strip().stale,
        &[("days", &days), ("limit", &limit_text)],
    );
    fact.icon = StripIcon::Warning;
    fact.warn = true;
    fact.stale_after = Some(limit);
}

/// "2 days overdue", or "Overdue since 10:00" the same day.
fn overdue(due: i64, c: &Clock) -> String {
    let t = c.lang.strip();
    match -format::calendar_days(due, c.now, c.tz) {
        n if n <= 0 => fill(
            t.overdue_since,
            &[("time", &format::time_of_day(due, c.tz, c.lang))],
        ),
        n => fill(t.overdue_by, &[("days", &c.lang.days(n as u64))]),
    }
}

fn next_step(due: Option<i64>, c: &Clock) -> StripItem {
    let t = c.lang.strip();
    let (icon, text, warn) = match due {
        None => (StripIcon::Warning, t.no_next_step.to_owned(), true),
        Some(due) if due < c.now => (StripIcon::Warning, overdue(due, c), true),
        Some(due) => {
            // Today and tomorrow say when in the day; later ones the day only.
            let text = match format::calendar_days(due, c.now, c.tz) {
                0 | 1 => format!(
                    "{} {}",
                    relative(due, c),
                    format::time_of_day(due, c.tz, c.lang)
                ),
                _ => relative(due, c),
            };
            (StripIcon::Task, text, false)
        }
    };
    item(StripKind::Next, icon, t.next_step, text, warn)
}

fn next_purchase(date: i64, c: &Clock) -> StripItem {
    let t = c.lang.strip();
    // A purchase is due on a day: late once that day has passed.
    let (icon, text, warn) = match format::calendar_days(date, c.now, c.tz) {
        n if n < 0 => (
            StripIcon::Warning,
            fill(t.overdue_by, &[("days", &c.lang.days(n.unsigned_abs()))]),
            true,
        ),
        _ => (StripIcon::Purchase, relative(date, c), false),
    };
    item(StripKind::NextPurchase, icon, t.next_purchase, text, warn)
}

#[cfg(test)]
mod tests;
