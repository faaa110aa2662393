//! What a card links to, loaded in the card's second round trip, all at
//! once: the contacts, the company, the open tasks, the first page of the
//! history, and the record's events and its contacts' chats for the status
//! strip, each skipped when there is none or no right to it.

use crate::contract::page;
use crate::model::{ContactView, EntityKind, HistoryView, OtherDeals, TaskView, Withheld};
use crate::server::amo::events::Event;
use crate::server::amo::types::{Contact, EntityEmbedded, Note, Task};
use crate::server::amo::{AmoClient, AmoError};
use crate::server::auth::session::CardSession;
use crate::server::card::fields::{company_view, contact_order, order_contacts, task_views};
use crate::server::card::history::{self, PhoneScope};
use crate::server::card::rights::{Area, Op, Record};
use crate::server::card::strip::{self, Countable};
use crate::server::card::Ctx;
use crate::server::edit::required::Linked;

/// A part of the card that could not be loaded for a passing reason is left
/// empty (and `unloaded` set); any other failure fails the card.
pub(super) fn degrade<T: Default>(
    result: Result<T, AmoError>,
    unloaded: &mut bool,
) -> Result<T, AmoError> {
    match result {
        Err(AmoError::RateLimited | AmoError::Unavailable) => {
            *unloaded = true;
            Ok(T::default())
        }
        other => other,
    }
}

/// What a card links to, as far as the user may see it.
pub(super) struct Related {
    pub contacts: Vec<ContactView>,
    pub company: Option<ContactView>,
    pub tasks: Vec<TaskView>,
    pub withheld: Withheld,
    pub closest_task: Option<i64>,
    pub history: HistoryView,
    /// The nearest open task's due time, as far as known: `None` when the
    /// tasks could not be loaded (the strip claims nothing about them then).
    pub next_due: Option<Option<i64>>,
    /// The record's events, `None` when not asked or not answered: no strip.
    events: Option<Vec<Event>>,
    /// The history's first page and the numbers the user may read, which
    /// decide whether a call in the feed was with a contact they may see.
    notes: Vec<Note>,
    phones: PhoneScope,
    /// The contacts were not read (refused or lost) though some may be
    /// hidden from the user: no event can be shown to be with a visible one.
    contacts_unknown: bool,
    /// The main contact and the company as a stage's rules see them.
    pub linked_contact: Linked,
    pub linked_company: Linked,
}

impl Related {
    /// The events the strip reads and which of them count, if it shows.
    pub fn strip_events(&self) -> Option<(&[Event], Countable<'_>)> {
        let events = self.events.as_deref()?;
        let countable = match self.withheld.contacts {
            0 if !self.contacts_unknown => Countable::All,
            _ => Countable::CallsFrom {
                notes: &self.notes,
                phones: &self.phones,
            },
        };
        Some((events, countable))
    }
}

/// The record's contacts `ids`, when the user may see any contact at all
/// (otherwise they are not even asked for).
pub(super) async fn contacts_of(
    amo: &AmoClient,
    s: &CardSession,
    ctx: &Ctx<'_>,
    ids: &[i64],
) -> Result<Vec<Contact>, AmoError> {
    if ids.is_empty() || !ctx.access.may_view_some(Area::Contact) {
        return Ok(Vec::new());
    }
    amo.contacts(s.account_id, ids).await
}

pub(super) async fn related(
    amo: &AmoClient,
    s: &CardSession,
    ctx: &Ctx<'_>,
    embedded: &EntityEmbedded,
    has_tasks: bool,
) -> Result<Related, AmoError> {
    let (contact_ids, mains) = contact_order(&embedded.contacts);
    let company_id = embedded.companies.first().map(|c| c.id);
    // A kind of record the user may see none of is not even asked for.
    let contacts_allowed = ctx.access.may_view_some(Area::Contact);
    let company_allowed = ctx.access.may_view_some(Area::Company);
    let contacts = contacts_of(amo, s, ctx, &contact_ids);
    let company = async {
        match company_id.filter(|_| company_allowed) {
            Some(c) => amo.company(s.account_id, c).await,
            None => Ok(None),
        }
    };
    // Unknown rights: neither tasks nor history are shown, so neither is asked for.
    let rights_known = ctx.access.gap().is_none();
    let ask_tasks = has_tasks && rights_known;
    let tasks = async {
        if ask_tasks {
            amo.open_tasks(s.account_id, s.entity, s.entity_id).await
        } else {
            Ok(Vec::new())
        }
    };
    // The history is part of the record the user may see: its first page
    // comes in the same round trip.
    let notes = async {
        if rights_known {
            amo.notes(s.account_id, s.entity, s.entity_id, 1).await
        } else {
            Ok((Vec::new(), false))
        }
    };
    // The status strip's calls: the record's events, and its contacts' chats
    // (chats are events of the contact, see `amo::events`). It is a summary,
    // not the record: when either fails the card shows without the strip and
    // says nothing.
    let strip_part = |read: Result<Vec<Event>, AmoError>, what: &str| match read {
        Ok(events) => Some(events),
        Err(e) => {
            tracing::info!(account_id = s.account_id, entity_id = s.entity_id, error = %e, part = what, "no status strip: not read");
            None
        }
    };
    let events = async {
        if !rights_known {
            return None;
        }
        let types = strip::event_types(s.entity == EntityKind::Lead);
        let read = amo
            .events(s.account_id, s.entity, s.entity_id, &types)
            .await;
        strip_part(read, "events")
    };
    let ask_chats = rights_known && contacts_allowed;
    let chats = async {
        if !ask_chats {
            return Some(Vec::new());
        }
        strip_part(amo.contact_chats(s.account_id, &contact_ids).await, "chats")
    };
    // The round trip's calls take their shared rate-limit slots together:
    // one Postgres statement, not one per call. The same conditions as the
    // loads above (a load without ids or rights makes no call).
    let has_contacts = contacts_allowed && !contact_ids.is_empty();
    let planned = [
        has_contacts,
        company_id.is_some() && company_allowed,
        ask_tasks,
        rights_known,
        rights_known,
        ask_chats && has_contacts,
    ]
    .into_iter()
    .filter(|call| *call)
    .count();
    // A part refused by the rate limit or lost to an outage leaves a gap the
    // card admits to; the record itself was read, so it still shows.
    let (contacts, company, tasks, notes, events, chats) = amo
        // Boxed: six loads side by side make a future too large for a debug
        // build's worker stack.
        .round_trip(
            s.account_id,
            planned,
            Box::pin(async { tokio::join!(contacts, company, tasks, notes, events, chats) }),
        )
        .await?;
    let mut unloaded = false;
    // Without the contacts, a user who may not see every contact cannot be
    // credited with any: the strip then counts only what is provably theirs.
    let contacts_unknown =
        contacts.is_err() && !contact_ids.is_empty() && !ctx.access.may_view_all(Area::Contact);
    let contacts = degrade(contacts, &mut unloaded)?;
    let company = degrade(company, &mut unloaded)?;
    let tasks_lost = tasks.is_err();
    let tasks = degrade(tasks, &mut unloaded)?;
    let (notes, more) = degrade(notes, &mut unloaded)?;
    if unloaded {
        tracing::info!(
            account_id = s.account_id,
            entity_id = s.entity_id,
            "card shown without some of its parts"
        );
    }

    let (shown, hidden) = ctx.visible_contacts(contacts);
    // The main contact comes first in `contact_ids`; one the user may not
    // see, or that was not read, is unknown to the rules.
    let linked_contact = match contact_ids.first() {
        None => Linked::Absent,
        Some(main) => shown
            .iter()
            .find(|c| c.id == *main)
            .map_or(Linked::Unknown, |c| {
                Linked::Values(c.custom_fields_values.clone())
            }),
    };
    // Only chats with a contact the card shows count (one whose contacts
    // could not be read, or are hidden, says nothing of them), and only those
    // of this record or of no deal: a conversation linked to another deal of
    // the same contact is that deal's.
    let events = events.zip(chats).map(|(mut events, chats)| {
        let shown_ids: Vec<i64> = shown.iter().map(|c| c.id).collect();
        events.extend(chats.into_iter().filter(|e| {
            e.chat_contact().is_some_and(|c| shown_ids.contains(&c))
                && e.is_of(s.entity, s.entity_id)
        }));
        events
    });
    let mut contacts = order_contacts(&shown, &contact_ids, &mains);
    mark_other_deals(&mut contacts, &shown, &contact_ids, s, ctx);
    let phones = ctx.phone_scope(&contacts);
    let history = history::view(&notes, 1, more, &ctx.history(phones.clone()));
    let company_hidden = company.as_ref().is_some_and(|c| {
        !ctx.access.may(
            Area::Company,
            Op::View,
            Record::owned_by(c.responsible_user_id),
        )
    });
    let linked_company = match company_id {
        None => Linked::Absent,
        Some(_) => company
            .as_ref()
            .filter(|_| !company_hidden)
            .map_or(Linked::Unknown, |c| {
                Linked::Values(c.custom_fields_values.clone())
            }),
    };
    let withheld = Withheld {
        contacts: if contacts_allowed {
            hidden.len()
        } else {
            contact_ids.len()
        } as u32,
        company: company_id.is_some() && (!company_allowed || company_hidden),
        gap: ctx.access.gap(),
        unloaded,
    };
    let tasks: Vec<Task> = tasks
        .into_iter()
        .filter(|t| t.is_completed != Some(true))
        .collect();
    let closest_task = tasks.first().and_then(|t| t.complete_till);
    Ok(Related {
        contacts,
        company: company
            .filter(|_| !company_hidden)
            .map(|c| company_view(&c)),
        closest_task,
        next_due: (!tasks_lost).then_some(closest_task),
        tasks: task_views(&tasks, ctx),
        withheld,
        history,
        events,
        notes,
        phones,
        contacts_unknown,
        linked_contact,
        linked_company,
    })
}

/// Gives each shown contact with deals besides this card's its line: with
/// the count only for a user who may see every deal (a hidden deal is never
/// counted; amoCRM's own contact card shows that such deals exist).
fn mark_other_deals(
    views: &mut [ContactView],
    shown: &[Contact],
    order: &[i64],
    s: &CardSession,
    ctx: &Ctx<'_>,
) {
    if ctx.access.gap().is_some() || !ctx.access.may_view_some(Area::Lead) {
        return;
    }
    let this = (s.entity == EntityKind::Lead).then_some(s.entity_id);
    let counted = ctx.access.may_view_all(Area::Lead);
    // Views follow `order` (main first), as `order_contacts` made them.
    let ids = order.iter().filter(|id| shown.iter().any(|c| c.id == **id));
    for (view, id) in views.iter_mut().zip(ids) {
        let Some(contact) = shown.iter().find(|c| c.id == *id) else {
            continue;
        };
        let others = contact
            .embedded
            .leads
            .iter()
            .filter(|l| Some(l.id) != this)
            .count();
        if others > 0 {
            view.other_deals = Some(OtherDeals {
                href: format!("{}?contact={id}", page::RELATED_DEALS),
                count: counted.then_some(others),
            });
        }
    }
}
