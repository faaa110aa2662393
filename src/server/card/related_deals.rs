//! A contact's other deals (#42): the list the card's line opens, and the
//! check before one of them opens as a card. Only deals the user may see
//! (the leads right, stage rights included) are listed or counted; the
//! contact must be one of this card's, and the deal one of that contact's,
//! as amoCRM says now (contacts-api.md `with=leads`).

use crate::i18n::{fill, Lang};
use crate::model::EntityKind;
use crate::server::amo::types::{Contact, Lead, LOST_STATUS_ID, WON_STATUS_ID};
use crate::server::amo::{AmoClient, AmoError};
use crate::server::auth::session::CardSession;

use super::ctx::Ctx;
use super::lead::lead_record;
use super::load::{Entity, Loaded};
use super::rights::{Area, Op, Record};

/// At most this many deals are listed, newest change first.
pub const SHOWN: usize = 20;

/// Why the list (or a deal of it) is not shown.
#[derive(Debug)]
pub enum NotRelated {
    /// Not a contact of this card, or not a deal of that contact.
    NotLinked,
    /// The user may not see the contact, or that deal.
    NoRights,
    Amo(AmoError),
}

impl From<AmoError> for NotRelated {
    fn from(e: AmoError) -> Self {
        NotRelated::Amo(e)
    }
}

/// One deal of the list, as the page shows it.
pub struct DealEntry {
    pub id: i64,
    pub name: String,
    pub stage: Option<String>,
    pub price: Option<String>,
    pub responsible: Option<String>,
    pub changed: Option<String>,
}

/// A contact's other deals the user may see.
pub struct DealsList {
    pub contact_id: i64,
    pub contact: String,
    /// "Open: 2, won: 5 · 1 250 000 ₽ won in total".
    pub summary: String,
    pub deals: Vec<DealEntry>,
    /// Linked deals not read (an account without list filtering).
    pub more: usize,
}

/// The contact `contact_id` of the card's record, with its deals, read now.
async fn linked_contact(
    amo: &AmoClient,
    s: &CardSession,
    loaded: &Loaded,
    contact_id: i64,
) -> Result<Contact, NotRelated> {
    let refs = match loaded.entity.as_ref() {
        Some(Entity::Lead(l)) => &l.embedded.contacts,
        Some(Entity::Customer(c)) => &c.embedded.contacts,
        None => return Err(NotRelated::NotLinked),
    };
    if !refs.iter().any(|c| c.id == contact_id) {
        return Err(NotRelated::NotLinked);
    }
    let contact = amo
        .contacts(s.account_id, &[contact_id])
        .await?
        .into_iter()
        .find(|c| c.id == contact_id)
        .ok_or(NotRelated::NotLinked)?;
    let record = Record::owned_by(contact.responsible_user_id);
    if !loaded.access.may(Area::Contact, Op::View, record) {
        return Err(NotRelated::NoRights);
    }
    Ok(contact)
}

/// The contact's deals besides the card's own.
fn others(contact: &Contact, s: &CardSession) -> Vec<i64> {
    let this = (s.entity == EntityKind::Lead).then_some(s.entity_id);
    contact
        .embedded
        .leads
        .iter()
        .map(|l| l.id)
        .filter(|id| Some(*id) != this)
        .collect()
}

pub async fn list(
    amo: &AmoClient,
    s: &CardSession,
    loaded: &Loaded,
    contact_id: i64,
    lang: Lang,
) -> Result<DealsList, NotRelated> {
    if loaded.access.gap().is_some() {
        return Err(NotRelated::NoRights);
    }
    let contact = linked_contact(amo, s, loaded, contact_id).await?;
    let (leads, more) = amo.leads_by_ids(s.account_id, &others(&contact, s)).await?;
    let mut visible: Vec<Lead> = leads
        .into_iter()
        .filter(|l| !l.is_deleted.unwrap_or(false))
        .filter(|l| loaded.access.may(Area::Lead, Op::View, lead_record(l)))
        .collect();
    visible.sort_by_key(|l| std::cmp::Reverse(l.updated_at.unwrap_or(0)));
    let ctx = Ctx::of(&loaded.meta, &loaded.access, lang);
    let won: Vec<&Lead> = visible
        .iter()
        .filter(|l| l.status_id == Some(WON_STATUS_ID))
        .collect();
    let open = visible
        .iter()
        .filter(|l| !matches!(l.status_id, Some(WON_STATUS_ID | LOST_STATUS_ID)))
        .count();
    let won_total: f64 = won.iter().filter_map(|l| l.price).sum();
    let summary = fill(
        lang.related().summary,
        &[
            ("o", &open.to_string()),
            ("w", &won.len().to_string()),
            ("total", &ctx.money(won_total)),
        ],
    );
    let stage = |l: &Lead| {
        let p = loaded
            .meta
            .pipelines
            .iter()
            .find(|p| Some(p.id) == l.pipeline_id)?;
        let st = p
            .embedded
            .statuses
            .iter()
            .find(|st| Some(st.id) == l.status_id)?;
        Some(st.name.clone())
    };
    let deals = visible
        .iter()
        .take(SHOWN)
        .map(|l| DealEntry {
            id: l.id,
            name: super::fields::record_name(l.name.as_deref(), l.id),
            stage: stage(l),
            price: l.price.filter(|p| *p > 0.0).map(|p| ctx.money(p)),
            responsible: ctx.user(l.responsible_user_id),
            changed: ctx.date(l.updated_at, false),
        })
        .collect();
    Ok(DealsList {
        contact_id,
        contact: contact
            .name
            .clone()
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| format!("#{contact_id}")),
        summary,
        deals,
        more,
    })
}

/// The deal `lead_id` may open as a card of its own: one of the card's
/// contact's deals, which the user may see, read now.
pub async fn openable(
    amo: &AmoClient,
    s: &CardSession,
    loaded: &Loaded,
    contact_id: i64,
    lead_id: i64,
) -> Result<Lead, NotRelated> {
    let contact = linked_contact(amo, s, loaded, contact_id).await?;
    if !others(&contact, s).contains(&lead_id) {
        return Err(NotRelated::NotLinked);
    }
    let lead = amo.lead(s.account_id, lead_id).await?;
    if !loaded.access.may(Area::Lead, Op::View, lead_record(&lead)) {
        return Err(NotRelated::NoRights);
    }
    Ok(lead)
}
