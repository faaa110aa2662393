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
mod ctx;
mod customer;
pub mod editable;
mod fields;
pub mod format;
pub mod history;
pub mod layout;
pub mod layout_store;
mod lead;
pub mod load;
pub mod opening;
mod problem;
pub mod products;
mod related;
pub mod related_deals;
pub mod rights;
mod stages;
pub mod strip;

pub use lead::{lead_record, status_options};

use ctx::{num_row, row, Ctx};
use customer::customer_card;
use fields::{contact_order, order_contacts};
use lead::lead_card;
use related::contacts_of;

use std::sync::Arc;

use crate::i18n::Lang;
use crate::model::{CardProblem, CardView, EntityKind, HistoryView, LayoutScope};
use crate::server::amo::client::AccountMeta;
use crate::server::amo::{AmoClient, AmoError};
use crate::server::auth::session::CardSession;
use crate::server::card::rights::{Area, Op};
use access::Access;
use history::PhoneScope;
use layout_store::LayoutStore;
use load::{Entity, Purpose, Refusal};

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
    let loaded = match load::load(amo, s, Purpose::View).await {
        Ok(loaded) => loaded,
        Err(Refusal::Amo(e)) => return Err(not_shown(s, e)),
        Err(refusal) => return Err(CardProblem::from(&refusal)),
    };
    // `Purpose::View` always reads the record.
    let entity = loaded.entity.ok_or(CardProblem::Unavailable)?;
    Ok(Opened {
        meta: loaded.meta,
        entity: Arc::new(entity),
        access: loaded.access,
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
            Entity::Customer(c) => customer_card(amo, s, &ctx, c).await,
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
    // The field definitions (an edit sheet's options, a stage's required
    // fields) and the stages' guidance come in the second round trip, and
    // from this replica's copy once loaded.
    let layout_and_defs = async {
        let layout = read_layout.await;
        let editable = layout
            .as_ref()
            .is_some_and(|l| !l.layout.editable.is_empty());
        let moves = match opened.entity.as_ref() {
            Entity::Lead(lead) if ctx.may_change => lead.pipeline_id,
            _ => None,
        };
        let defs = async {
            match ctx.may_change && (editable || moves.is_some()) {
                true => match amo.custom_fields_cached(s.account_id, s.entity).await {
                    Ok(defs) => Some(defs),
                    Err(e) => {
                        tracing::info!(account_id = s.account_id, error = %e, "no edit sheets: field definitions not read");
                        None
                    }
                },
                false => None,
            }
        };
        let guides = async {
            match moves {
                Some(pipeline) => Some(amo.stage_guides(s.account_id, pipeline).await),
                None => None,
            }
        };
        let (defs, guides) = tokio::join!(defs, guides);
        (layout, defs, guides)
    };
    let (card, (layout, defs, guides)) = tokio::join!(build, layout_and_defs);
    let mut card = card.map_err(|e| not_shown(s, e))?;
    let (values, seen) = opened.entity.values_and_seen();
    if let (Entity::Lead(lead), Some(defs)) = (opened.entity.as_ref(), &defs) {
        stages::mark_required(&mut card, lead, defs);
    }
    if let Some(guides) = &guides {
        stages::mark_guidance(&mut card, guides);
    }
    if let Some(stored) = layout {
        layout::apply(&mut card, &stored.layout);
        let limit = match opened.entity.as_ref() {
            Entity::Lead(lead) => lead.status_id.and_then(|s| stored.layout.stale_days.get(s)),
            Entity::Customer(_) => None,
        };
        if let Some(limit) = limit {
            strip::mark_stale(&mut card.strip, limit, &ctx.clock());
        }
        if let Some(defs) = defs {
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
        products: None,
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
        Entity::Customer(c) => &c.embedded,
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
