//! Loads a card from amoCRM and turns it into the view model, showing only
//! what the opening user's amoCRM rights let them see.
//!
//! Two steps. [`open`] reads the record and the account metadata (one round
//! trip) and decides whether the user may see the record at all; the card
//! route does it before the page starts, so a refusal is a 403 page with
//! none of the record in it. [`render`] then loads, concurrently, the
//! contacts (one batch call), the company and the open tasks the user may see,
//! and the first page of the history (a second round trip), each skipped
//! when there is none or no right to it.

use std::sync::Arc;

use chrono::Utc;
use chrono_tz::Tz;

use crate::i18n::Lang;
use crate::model::{
    ActionChoices, Allowed, CardProblem, CardView, ContactView, EntityKind, HistoryView, Link,
    Outcome, Row, StatusOption, StatusPill, TaskTypeOption, TaskView, Withheld,
};
use crate::server::access::{self, Access};
use crate::server::amo::client::AccountMeta;
use crate::server::amo::types::{
    Company, Contact, CustomField, Customer, FieldValue, IdRef, Lead, Pipeline, RawCustomField,
    Status, Task,
};
use crate::server::amo::{AmoClient, AmoError};
use crate::server::format;
use crate::server::history::{self, HistoryCtx};
use crate::server::rights::{Area, Op, Record};
use crate::server::session::CardSession;

use crate::server::amo::types::{LOST_STATUS_ID as LOST, WON_STATUS_ID as WON};

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

    /// The language the user chose in amoCRM, if we speak it.
    pub fn user_lang(&self) -> Option<Lang> {
        access::user_lang(&self.meta, self.user_id)
    }
}

/// What a lead's rights depend on: its responsible user and its stage.
pub fn lead_record(lead: &Lead) -> Record {
    Record {
        responsible: lead.responsible_user_id,
        stage: lead.pipeline_id.zip(lead.status_id),
    }
}

fn not_shown(s: &CardSession, e: AmoError) -> CardProblem {
    tracing::info!(account_id = s.account_id, entity_id = s.entity_id, error = %e, "card not shown");
    e.problem()
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

/// Loads what the opened record links to and builds the card in `lang`.
pub async fn render(
    amo: &AmoClient,
    s: &CardSession,
    opened: &Opened,
    lang: Lang,
) -> Result<CardView, CardProblem> {
    let ctx = Ctx::new(opened, lang);
    let card = match opened.entity.as_ref() {
        Entity::Lead(lead) => lead_card(amo, s, &ctx, lead).await,
        Entity::Customer(c, statuses) => customer_card(amo, s, &ctx, c, statuses).await,
    };
    card.map_err(|e| not_shown(s, e))
}

/// Both steps, in the user's amoCRM language or else `fallback` (the refresh).
pub async fn load_card(
    amo: &AmoClient,
    s: &CardSession,
    writable: bool,
    fallback: Lang,
) -> (Result<CardView, CardProblem>, Lang) {
    match open(amo, s, writable).await {
        Ok(opened) => {
            let lang = opened.user_lang().unwrap_or(fallback);
            (render(amo, s, &opened, lang).await, lang)
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
    let ctx = Ctx::new(&opened, lang);
    let result = amo
        .notes(s.account_id, s.entity, s.entity_id, page)
        .await
        .map(|(notes, more)| history::view(&notes, page, more, &ctx.history()))
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

    /// How history entries are written; phone numbers in calls are contact
    /// details, shown only to users who may see contacts.
    fn history(&self) -> HistoryCtx<'a> {
        HistoryCtx {
            users: &self.meta.users,
            tz: self.tz,
            lang: self.lang,
            show_phones: self.access.may_view_some(Area::Contact),
        }
    }

    fn user(&self, id: Option<i64>) -> Option<String> {
        let id = id?;
        self.meta
            .users
            .iter()
            .find(|u| u.id == id)
            .map(|u| u.name.clone())
    }
    fn date(&self, unix: Option<i64>, with_time: bool) -> Option<String> {
        unix.filter(|u| *u > 0)
            .map(|u| format::datetime(u, self.tz, self.lang, with_time))
    }
    fn money(&self, v: f64) -> String {
        let a = &self.meta.account;
        format::money(
            v,
            a.currency.as_deref(),
            a.currency_symbol.as_deref(),
            self.lang,
        )
    }
}

fn row(label: String, value: String) -> Row {
    Row {
        label,
        value,
        link: Link::None,
        numeric: false,
    }
}

fn num_row(label: String, value: String) -> Row {
    Row {
        label,
        value,
        link: Link::None,
        numeric: true,
    }
}

/// What a card links to, as far as the user may see it.
struct Related {
    contacts: Vec<ContactView>,
    company: Option<ContactView>,
    tasks: Vec<TaskView>,
    withheld: Withheld,
    closest_task: Option<i64>,
    history: HistoryView,
}

async fn related(
    amo: &AmoClient,
    s: &CardSession,
    ctx: &Ctx<'_>,
    embedded: &crate::server::amo::types::EntityEmbedded,
    has_tasks: bool,
) -> Result<Related, AmoError> {
    let (contact_ids, mains) = contact_order(&embedded.contacts);
    let company_id = embedded.companies.first().map(|c| c.id);
    // A kind of record the user may see none of is not even asked for.
    let contacts_allowed = ctx.access.may_view_some(Area::Contact);
    let company_allowed = ctx.access.may_view_some(Area::Company);
    let contacts = async {
        if contact_ids.is_empty() || !contacts_allowed {
            Ok(Vec::new())
        } else {
            amo.contacts(s.account_id, &contact_ids).await
        }
    };
    let company = async {
        match company_id.filter(|_| company_allowed) {
            Some(c) => amo.company(s.account_id, c).await,
            None => Ok(None),
        }
    };
    let tasks = async {
        if has_tasks {
            amo.open_tasks(s.account_id, s.entity, s.entity_id).await
        } else {
            Ok(Vec::new())
        }
    };
    // The history is part of the record the user may see: its first page
    // comes in the same round trip.
    let notes = amo.notes(s.account_id, s.entity, s.entity_id, 1);
    let (contacts, company, tasks, (notes, more)) =
        tokio::try_join!(contacts, company, tasks, notes)?;
    let history = history::view(&notes, 1, more, &ctx.history());

    let viewable = |area, responsible| {
        ctx.access
            .may(area, Op::View, Record::owned_by(responsible))
    };
    let (shown, hidden): (Vec<Contact>, Vec<Contact>) = contacts
        .into_iter()
        .partition(|c| viewable(Area::Contact, c.responsible_user_id));
    let company_hidden = company
        .as_ref()
        .is_some_and(|c| !viewable(Area::Company, c.responsible_user_id));
    let withheld = Withheld {
        contacts: if contacts_allowed {
            hidden.len()
        } else {
            contact_ids.len()
        } as u32,
        company: company_id.is_some() && (!company_allowed || company_hidden),
        gap: ctx.access.gap(),
    };
    let tasks: Vec<Task> = tasks
        .into_iter()
        .filter(|t| t.is_completed != Some(true))
        .collect();
    Ok(Related {
        contacts: order_contacts(&shown, &contact_ids, &mains),
        company: company
            .filter(|_| !company_hidden)
            .map(|c| company_view(&c)),
        closest_task: tasks.first().and_then(|t| t.complete_till),
        tasks: task_views(&tasks, ctx),
        withheld,
        history,
    })
}

async fn lead_card(
    amo: &AmoClient,
    s: &CardSession,
    ctx: &Ctx<'_>,
    lead: &Lead,
) -> Result<CardView, AmoError> {
    let lang = ctx.lang;
    let related = related(amo, s, ctx, &lead.embedded, lead.closest_task_at.is_some()).await?;
    let record = lead_record(lead);

    let pipeline = lead
        .pipeline_id
        .and_then(|p| ctx.meta.pipelines.iter().find(|x| x.id == p));
    let status = lead.status_id.and_then(|sid| {
        let st = pipeline?.embedded.statuses.iter().find(|x| x.id == sid)?;
        Some(StatusPill {
            name: st.name.clone(),
            color: format::color(st.color.as_deref()),
            outcome: match sid {
                WON => Outcome::Won,
                LOST => Outcome::Lost,
                _ => Outcome::Open,
            },
        })
    });

    let mut details = Vec::new();
    if let Some(r) = ctx.user(lead.responsible_user_id) {
        details.push(row(lang.card().responsible.to_owned(), r));
    }
    if let Some(d) = ctx.date(related.closest_task, true) {
        details.push(num_row(lang.card().closest_task.to_owned(), d));
    }
    if let Some(d) = ctx.date(lead.created_at, true) {
        details.push(num_row(lang.card().created.to_owned(), d));
    }
    if let Some(d) = ctx.date(lead.updated_at, true) {
        details.push(num_row(lang.card().updated.to_owned(), d));
    }
    if let Some(d) = ctx.date(lead.closed_at, true) {
        details.push(num_row(lang.card().closed.to_owned(), d));
    }

    let edit = ctx.may_change;
    // The stage picker lists where this user may move the lead (and where it is).
    let statuses: Vec<StatusOption> = match pipeline {
        Some(p) if edit => status_options(p)
            .into_iter()
            .filter(|o| lead.status_id == Some(o.id) || ctx.access.may_move(record, (p.id, o.id)))
            .collect(),
        _ => Vec::new(),
    };
    let can_move = statuses.iter().any(|o| lead.status_id != Some(o.id));

    Ok(CardView {
        kind: EntityKind::Lead,
        id: lead.id,
        name: lead
            .name
            .clone()
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| format!("#{}", lead.id)),
        headline: lead.price.filter(|p| *p > 0.0).map(|p| ctx.money(p)),
        status,
        pipeline: pipeline.map(|p| p.name.clone()),
        tags: tag_names(&lead.embedded),
        details,
        contacts: related.contacts,
        company: related.company,
        tasks: related.tasks,
        fields: field_rows(&lead.custom_fields_values, ctx),
        choices: ActionChoices {
            statuses,
            current_status: lead.status_id,
            task_types: task_types(ctx.meta),
        },
        allowed: Allowed {
            note: edit,
            task: edit,
            stage: can_move,
        },
        withheld: related.withheld,
        history: related.history,
    })
}

async fn customer_card(
    amo: &AmoClient,
    s: &CardSession,
    ctx: &Ctx<'_>,
    customer: &Customer,
    statuses: &[Status],
) -> Result<CardView, AmoError> {
    let lang = ctx.lang;
    let related = related(
        amo,
        s,
        ctx,
        &customer.embedded,
        customer.closest_task_at.is_some(),
    )
    .await?;

    let status = customer.status_id.and_then(|sid| {
        let st = statuses.iter().find(|x| x.id == sid)?;
        Some(StatusPill {
            name: st.name.clone(),
            color: format::color(st.color.as_deref()),
            outcome: Outcome::Open,
        })
    });
    let mut details = Vec::new();
    if let Some(d) = ctx.date(customer.next_date, false) {
        details.push(num_row(lang.card().next_purchase.to_owned(), d));
    }
    if let Some(p) = customer.periodicity.filter(|p| *p > 0) {
        details.push(num_row(
            lang.card().periodicity.to_owned(),
            lang.days(p as u64),
        ));
    }
    if let Some(v) = customer.ltv {
        details.push(num_row(lang.card().ltv.to_owned(), ctx.money(v)));
    }
    if let Some(n) = customer.purchases_count {
        details.push(num_row(lang.card().purchases.to_owned(), n.to_string()));
    }
    if let Some(v) = customer.average_check {
        details.push(num_row(lang.card().average_check.to_owned(), ctx.money(v)));
    }
    if let Some(r) = ctx.user(customer.responsible_user_id) {
        details.push(row(lang.card().responsible.to_owned(), r));
    }
    if let Some(d) = ctx.date(customer.created_at, true) {
        details.push(num_row(lang.card().created_customer.to_owned(), d));
    }
    let edit = ctx.may_change;
    Ok(CardView {
        kind: EntityKind::Customer,
        id: customer.id,
        name: customer
            .name
            .clone()
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| format!("#{}", customer.id)),
        headline: customer
            .next_price
            .filter(|p| *p > 0.0)
            .map(|p| ctx.money(p)),
        status,
        pipeline: None,
        tags: tag_names(&customer.embedded),
        details,
        contacts: related.contacts,
        company: related.company,
        tasks: related.tasks,
        fields: field_rows(&customer.custom_fields_values, ctx),
        choices: ActionChoices {
            statuses: Vec::new(),
            current_status: customer.status_id,
            task_types: task_types(ctx.meta),
        },
        allowed: Allowed {
            note: edit,
            task: edit,
            stage: false,
        },
        withheld: related.withheld,
        history: related.history,
    })
}

fn tag_names(embedded: &crate::server::amo::types::EntityEmbedded) -> Vec<String> {
    embedded
        .tags
        .iter()
        .map(|t| t.name.clone())
        .filter(|n| !n.is_empty())
        .collect()
}

/// The statuses a lead can move to, in pipeline order.
pub fn status_options(pipeline: &Pipeline) -> Vec<StatusOption> {
    let mut statuses: Vec<_> = pipeline.embedded.statuses.iter().collect();
    statuses.sort_by_key(|s| (s.sort.unwrap_or(0), s.id));
    statuses
        .into_iter()
        // "Unsorted" (type 1) is where amoCRM puts incoming leads; leads are not moved there.
        .filter(|s| s.kind != Some(1))
        .map(|s| StatusOption {
            id: s.id,
            name: s.name.clone(),
            color: format::color(s.color.as_deref()),
            outcome: match s.id {
                WON => Outcome::Won,
                LOST => Outcome::Lost,
                _ => Outcome::Open,
            },
        })
        .collect()
}

fn task_types(meta: &AccountMeta) -> Vec<TaskTypeOption> {
    let types: Vec<TaskTypeOption> = meta
        .account
        .embedded
        .task_types
        .iter()
        .map(|t| TaskTypeOption {
            id: t.id,
            name: t.name.clone(),
        })
        .collect();
    if types.is_empty() {
        // amoCRM's built-in types, when the account answer did not list them.
        vec![
            TaskTypeOption {
                id: 1,
                name: "Связаться / Follow-up".into(),
            },
            TaskTypeOption {
                id: 2,
                name: "Встреча / Meeting".into(),
            },
        ]
    } else {
        types
    }
}

/// Linked contact ids, main contact first, and the ids marked main.
fn contact_order(refs: &[IdRef]) -> (Vec<i64>, Vec<i64>) {
    let mut refs = refs.to_vec();
    refs.sort_by_key(|c| !c.is_main.unwrap_or(false));
    let mains = refs
        .iter()
        .filter(|c| c.is_main == Some(true))
        .map(|c| c.id)
        .collect();
    (refs.iter().map(|c| c.id).collect(), mains)
}

fn order_contacts(contacts: &[Contact], order: &[i64], mains: &[i64]) -> Vec<ContactView> {
    let mut out: Vec<ContactView> = order
        .iter()
        .filter_map(|id| contacts.iter().find(|c| c.id == *id))
        .map(|c| {
            let name = c
                .name
                .clone()
                .filter(|n| !n.trim().is_empty())
                .or_else(|| {
                    let full = format!(
                        "{} {}",
                        c.first_name.clone().unwrap_or_default(),
                        c.last_name.clone().unwrap_or_default()
                    );
                    Some(full.trim().to_owned()).filter(|f| !f.is_empty())
                })
                .unwrap_or_else(|| format!("#{}", c.id));
            person_view(name, &c.custom_fields_values, mains.contains(&c.id))
        })
        .collect();
    out.sort_by_key(|c| !c.main);
    out
}

fn company_view(c: &Company) -> ContactView {
    person_view(
        c.name.clone().unwrap_or_else(|| format!("#{}", c.id)),
        &c.custom_fields_values,
        false,
    )
}

fn person_view(name: String, fields: &[RawCustomField], main: bool) -> ContactView {
    let mut phones = Vec::new();
    let mut emails = Vec::new();
    let mut position = None;
    for f in fields.iter().map(RawCustomField::parse) {
        match f.code.as_deref() {
            Some("PHONE") => phones.extend(labeled(&f).map(|v| (v.clone(), format::tel(&v)))),
            Some("EMAIL") => emails.extend(labeled(&f).map(|v| (v.clone(), format::mail(&v)))),
            Some("POSITION") => position = labeled(&f).next(),
            _ => {}
        }
    }
    ContactView {
        name,
        position,
        main,
        phones,
        emails,
    }
}

fn labeled(f: &CustomField) -> impl Iterator<Item = String> + '_ {
    f.values.iter().filter_map(|v| match v {
        FieldValue::Labeled { value, .. } | FieldValue::Text(value) => Some(value.clone()),
        _ => None,
    })
}

/// Open tasks; each may be completed if the user may edit that task.
fn task_views(tasks: &[Task], ctx: &Ctx) -> Vec<TaskView> {
    let now = Utc::now().timestamp();
    tasks
        .iter()
        .map(|t| TaskView {
            can_complete: ctx.writable && ctx.access.may_edit_task(t.responsible_user_id),
            id: t.id,
            text: t.text.clone().unwrap_or_default(),
            due: ctx.date(t.complete_till, true).unwrap_or_default(),
            overdue: t.complete_till.is_some_and(|d| d < now),
            responsible: ctx.user(t.responsible_user_id),
        })
        .collect()
}

/// Custom fields as rows: typed formatting, empty ones hidden.
fn field_rows(fields: &[RawCustomField], ctx: &Ctx) -> Vec<Row> {
    let lang = ctx.lang;
    let mut rows = Vec::new();
    for f in fields.iter().map(RawCustomField::parse) {
        let mut texts = Vec::new();
        let mut link = Link::None;
        let mut numeric = false;
        for v in &f.values {
            let text = match v {
                FieldValue::Text(s) | FieldValue::Choice(s) | FieldValue::Address(s) => s.clone(),
                FieldValue::Labeled { value, .. } => value.clone(),
                FieldValue::Number(n) => {
                    numeric = true;
                    format::number(*n, lang)
                }
                FieldValue::Money(n) => {
                    numeric = true;
                    ctx.money(*n)
                }
                FieldValue::Checkbox(b) => {
                    let t = lang.card();
                    (if *b { t.yes } else { t.no }).to_owned()
                }
                FieldValue::Date { at, date_only } => {
                    numeric = true;
                    format::datetime(*at, ctx.tz, lang, !date_only)
                }
                FieldValue::Url(u) => {
                    link = format::web(u);
                    u.clone()
                }
                // An unknown type has no agreed display; showing raw JSON would confuse.
                FieldValue::Unknown(_) => continue,
            };
            if !text.trim().is_empty() {
                texts.push(text);
            }
        }
        if texts.is_empty() {
            continue;
        }
        if texts.len() > 1 {
            link = Link::None;
        }
        rows.push(Row {
            label: f.name.clone(),
            value: texts.join(", "),
            link,
            numeric,
        });
    }
    rows
}
