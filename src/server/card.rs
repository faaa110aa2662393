//! Loads a card from amoCRM and turns it into the view model, showing only
//! what the opening user's amoCRM rights let them see.
//!
//! Two steps. [`open`] reads the record and the account metadata (one round
//! trip) and decides whether the user may see the record at all; the card
//! route does it before the page starts, so a refusal is a 403 page with
//! none of the record in it. [`render`] then loads what the record links to
//! in a second round trip ([`related`]) and builds the card, with its status
//! strip ([`strip`]).

pub mod access;
mod customer;
pub mod editable;
mod fields;
pub mod format;
pub mod history;
pub mod layout;
pub mod layout_store;
mod lead;
mod problem;
mod related;
pub mod rights;
pub mod strip;

pub use lead::{lead_record, status_options};

use customer::customer_card;
use fields::{contact_order, order_contacts};
use lead::lead_card;
use related::contacts_of;

use std::sync::Arc;

use chrono_tz::Tz;

use crate::i18n::Lang;
use crate::model::{
    CardProblem, CardView, ContactView, EntityKind, HistoryView, LayoutScope, Link, Row,
};
use crate::server::amo::client::AccountMeta;
use crate::server::amo::types::{Contact, Customer, Lead, Status};
use crate::server::amo::{AmoClient, AmoError};
use crate::server::auth::session::CardSession;
use crate::server::card::rights::{Area, Op, Record};
use access::Access;
use history::{HistoryCtx, PhoneScope};
use layout_store::LayoutStore;

/// The record behind a card session, which the opening user may view.
#[derive(Clone)]
pub struct Opened {
    meta: Arc<AccountMeta>,
    entity: Arc<Entity>,
    access: Access,
    /// Quick actions may be offered (not a read-only preview).
    writable: bool,
    user_id: i64,
}

enum Entity {
    Lead(Lead),
    Customer(Customer, Arc<Vec<Status>>),
}

impl Entity {
    /// Its custom field values and its `updated_at` (an edit's `seen`).
    fn values_and_seen(&self) -> (&[crate::server::amo::custom_fields::RawCustomField], i64) {
        match self {
            Entity::Lead(l) => (&l.custom_fields_values, l.updated_at.unwrap_or(0)),
            Entity::Customer(c, _) => (&c.custom_fields_values, c.updated_at.unwrap_or(0)),
        }
    }

    /// What the user's rights over it are asked about.
    fn subject(&self) -> (Area, Record) {
        match self {
            Entity::Lead(lead) => (Area::Lead, lead_record(lead)),
            Entity::Customer(c, _) => (Area::Customer, Record::owned_by(c.responsible_user_id)),
        }
    }
}

impl Opened {
    /// Whether the user may add to the record (notes, tasks, logged calls).
    pub fn may_change(&self) -> bool {
        let (area, record) = self.entity.subject();
        self.writable && self.access.may(area, Op::Edit, record)
    }

    /// The layout scope of the record: its pipeline, or customers.
    pub fn scope(&self) -> Option<LayoutScope> {
        match self.entity.as_ref() {
            Entity::Lead(lead) => LayoutScope::of_record(EntityKind::Lead, lead.pipeline_id),
            Entity::Customer(..) => LayoutScope::of_record(EntityKind::Customer, None),
        }
    }

    /// The language the user chose in amoCRM, if we speak it.
    pub fn user_lang(&self) -> Option<Lang> {
        access::user_lang(&self.meta, self.user_id)
    }
}

fn not_shown(s: &CardSession, e: AmoError) -> CardProblem {
    tracing::info!(account_id = s.account_id, entity_id = s.entity_id, error = %e, "card not shown");
    CardProblem::from(&e)
}

/// Reads the session's record and the user's rights; refuses a record they may not view.
pub async fn open(amo: &AmoClient, s: &CardSession, writable: bool) -> Result<Opened, CardProblem> {
    let (meta, entity) = match s.entity {
        EntityKind::Lead => {
            let (meta, lead) =
                tokio::try_join!(amo.meta(s.account_id), amo.lead(s.account_id, s.entity_id))
                    .map_err(|e| not_shown(s, e))?;
            (meta, Entity::Lead(lead))
        }
        EntityKind::Customer => {
            // Settings first: with customers off, the customer endpoints only fail.
            let meta = amo.meta(s.account_id).await.map_err(|e| not_shown(s, e))?;
            if !meta.account.customers_enabled() {
                return Err(not_shown(s, AmoError::CustomersDisabled));
            }
            let (customer, statuses) = tokio::join!(
                amo.customer(s.account_id, s.entity_id),
                amo.customer_statuses_cached(s.account_id)
            );
            let customer = customer.map_err(|e| not_shown(s, e))?;
            (meta, Entity::Customer(customer, statuses))
        }
    };
    let access = Access::of(amo, &meta, s.account_id, s.user_id).await;
    let (area, record) = entity.subject();
    if !access.may(area, Op::View, record) {
        tracing::info!(
            account_id = s.account_id,
            entity_id = s.entity_id,
            user_id = s.user_id,
            "card refused by the user's rights"
        );
        return Err(CardProblem::NoRights);
    }
    Ok(Opened {
        meta,
        entity: Arc::new(entity),
        access,
        writable,
        user_id: s.user_id,
    })
}

/// Loads what the opened record links to and builds the card in `lang`,
/// shaped by the scope's layout when an admin saved one (read alongside, and
/// from this replica's copy when it is fresh: no extra round trip). Without
/// `layouts` the card takes its default shape (the preview's comparison).
pub async fn render(
    amo: &AmoClient,
    layouts: Option<&LayoutStore>,
    s: &CardSession,
    opened: &Opened,
    lang: Lang,
) -> Result<CardView, CardProblem> {
    let ctx = Ctx::new(opened, lang);
    let scope = opened.scope();
    let build = async {
        match opened.entity.as_ref() {
            Entity::Lead(lead) => lead_card(amo, s, &ctx, lead).await,
            Entity::Customer(c, statuses) => customer_card(amo, s, &ctx, c, statuses).await,
        }
    };
    let read_layout = async {
        let (scope, layouts) = (scope?, layouts?);
        match layouts.get(s.account_id, scope).await {
            Ok(found) => found,
            Err(e) => {
                // The card shows in its default shape rather than not at all.
                tracing::warn!(account_id = s.account_id, error = %e, "layout not read");
                None
            }
        }
    };
    // The editable fields' definitions (a select's options) come in the
    // second round trip, and from this replica's copy once loaded.
    let layout_and_defs = async {
        let layout = read_layout.await;
        let wanted = layout
            .as_ref()
            .is_some_and(|l| !l.layout.editable.is_empty() && ctx.may_change);
        let defs = match wanted {
            true => match amo.custom_fields_cached(s.account_id, s.entity).await {
                Ok(defs) => Some(defs),
                Err(e) => {
                    tracing::info!(account_id = s.account_id, error = %e, "no edit sheets: field definitions not read");
                    None
                }
            },
            false => None,
        };
        (layout, defs)
    };
    let (card, (layout, defs)) = tokio::join!(build, layout_and_defs);
    let mut card = card.map_err(|e| not_shown(s, e))?;
    if let Some(stored) = layout {
        layout::apply(&mut card, &stored.layout);
        if let Some(defs) = defs {
            let (values, seen) = opened.entity.values_and_seen();
            editable::mark_custom(&mut card, &stored.layout, &defs, values, seen, ctx.tz, lang);
        }
    }
    if opened.access.is_admin() {
        card.customise = scope.map(editor_href);
    }
    Ok(match opened.access.gap() {
        Some(_) => name_and_stage_only(card),
        None => card,
    })
}

/// The layout editor for `scope` (see `http::handlers::layout`).
pub fn editor_href(scope: LayoutScope) -> String {
    format!("/layout?scope={}", scope.code())
}

/// With the user's rights unknown, the card says which record this is and
/// where it stands, and nothing a right could guard: no amounts, dates,
/// fields, tasks, history or contact data (the notice explains the gap).
fn name_and_stage_only(card: CardView) -> CardView {
    CardView {
        headline: None,
        tags: Vec::new(),
        details: Vec::new(),
        contacts: Vec::new(),
        company: None,
        tasks: Vec::new(),
        header_field: None,
        key_fields: Vec::new(),
        fields: Vec::new(),
        history: HistoryView::default(),
        strip: Vec::new(),
        ..card
    }
}

/// Both steps, in the user's amoCRM language or else `fallback` (the refresh).
pub async fn load_card(
    amo: &AmoClient,
    layouts: &LayoutStore,
    s: &CardSession,
    writable: bool,
    fallback: Lang,
) -> (Result<CardView, CardProblem>, Lang) {
    match open(amo, s, writable).await {
        Ok(opened) => {
            let lang = opened.user_lang().unwrap_or(fallback);
            (render(amo, Some(layouts), s, &opened, lang).await, lang)
        }
        Err(p) => (Err(p), fallback),
    }
}

/// Page `page` (from 2) of the record's history, for "show more": the same
/// rights as the card (the record is read again, so a revoked right holds).
pub async fn history_page(
    amo: &AmoClient,
    s: &CardSession,
    page: u32,
    fallback: Lang,
) -> (Result<HistoryView, CardProblem>, Lang) {
    let opened = match open(amo, s, false).await {
        Ok(o) => o,
        Err(p) => return (Err(p), fallback),
    };
    let lang = opened.user_lang().unwrap_or(fallback);
    // Unknown rights show no history at all (see `name_and_stage_only`).
    if opened.access.gap().is_some() {
        return (Err(CardProblem::NoRights), lang);
    }
    let ctx = Ctx::new(&opened, lang);
    let embedded = match opened.entity.as_ref() {
        Entity::Lead(lead) => &lead.embedded,
        Entity::Customer(c, _) => &c.embedded,
    };
    // The numbers the card's first page showed: those of the contacts the
    // user may see (asked again only when not every contact is theirs to see).
    let phones = async {
        if ctx.access.may_view_all(Area::Contact) {
            return Ok(PhoneScope::All);
        }
        let (ids, _) = contact_order(&embedded.contacts);
        let (shown, _) = ctx.visible_contacts(contacts_of(amo, s, &ctx, &ids).await?);
        Ok(ctx.phone_scope(&order_contacts(&shown, &ids, &[])))
    };
    let notes = amo.notes(s.account_id, s.entity, s.entity_id, page);
    let result = tokio::try_join!(phones, notes)
        .map(|(phones, (notes, more))| history::view(&notes, page, more, &ctx.history(phones)))
        .map_err(|e| not_shown(s, e));
    (result, lang)
}

struct Ctx<'a> {
    meta: &'a AccountMeta,
    access: &'a Access,
    writable: bool,
    /// Notes and new tasks may be added (see [`Opened::may_change`]).
    may_change: bool,
    tz: Tz,
    lang: Lang,
}

impl<'a> Ctx<'a> {
    fn new(opened: &'a Opened, lang: Lang) -> Self {
        Self {
            tz: format::timezone(opened.meta.account.timezone()),
            meta: &opened.meta,
            access: &opened.access,
            writable: opened.writable,
            may_change: opened.may_change(),
            lang,
        }
    }

    /// How history entries are written; numbers in calls as `phones` allows.
    fn history(&self, phones: PhoneScope) -> HistoryCtx<'a> {
        HistoryCtx {
            users: &self.meta.users,
            tz: self.tz,
            lang: self.lang,
            phones,
        }
    }

    /// Which call numbers the user may read: all of them with rights to every
    /// contact, else those of the contacts this card shows.
    fn phone_scope(&self, shown: &[ContactView]) -> PhoneScope {
        if self.access.may_view_all(Area::Contact) {
            return PhoneScope::All;
        }
        PhoneScope::Of(
            shown
                .iter()
                .flat_map(|c| c.phones.iter())
                .filter_map(|(text, _)| format::phone_key(text))
                .collect(),
        )
    }

    /// The record's contacts split into those the user may see and the rest.
    fn visible_contacts(&self, contacts: Vec<Contact>) -> (Vec<Contact>, Vec<Contact>) {
        contacts.into_iter().partition(|c| {
            self.access.may(
                Area::Contact,
                Op::View,
                Record::owned_by(c.responsible_user_id),
            )
        })
    }

    fn user(&self, id: Option<i64>) -> Option<String> {
        let id = id?;
        self.meta
            .users
            .iter()
            .find(|u| u.id == id)
            .map(|u| u.name.clone())
    }
    /// Now, for the status strip's "days ago" and "overdue".
    fn clock(&self) -> strip::Clock {
        strip::Clock {
            now: chrono::Utc::now().timestamp(),
            tz: self.tz,
            lang: self.lang,
        }
    }

    fn date(&self, unix: Option<i64>, with_time: bool) -> Option<String> {
        unix.filter(|u| *u > 0)
            .map(|u| format::datetime(u, self.tz, self.lang, with_time))
    }
    /// A row of the record's own amount or date the user may change.
    fn editable_row(
        &self,
        label: &str,
        shown: Option<String>,
        field: crate::model::EditField,
        value: String,
        seen: Option<i64>,
    ) -> Row {
        let control =
            crate::server::edit::record_control(field).unwrap_or(crate::model::Control::Money);
        Row {
            edit: Some(crate::model::EditSpec {
                field,
                control,
                value,
                seen: seen.unwrap_or(0),
            }),
            ..num_row(
                label.to_owned(),
                shown.unwrap_or_else(|| self.lang.edit().not_set.to_owned()),
            )
        }
    }

    fn money(&self, v: f64) -> String {
        let currency = format::currency_of_country(self.meta.account.country.as_deref());
        format::money(
            v,
            currency.map(|(code, _)| code),
            currency.map(|(_, symbol)| symbol),
            self.lang,
        )
    }
}

fn row(label: String, value: String) -> Row {
    Row {
        field_id: None,
        label,
        value,
        link: Link::None,
        numeric: false,
        edit: None,
    }
}

fn num_row(label: String, value: String) -> Row {
    Row {
        field_id: None,
        label,
        value,
        link: Link::None,
        numeric: true,
        edit: None,
    }
}
