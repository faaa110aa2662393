//! Loads a card from amoCRM and turns it into the view model.
//!
//! A warm card (metadata cached) costs at most two sequential round trips:
//! the entity, then concurrently its contacts (one batch call), its company
//! and its open tasks, each skipped when the entity has none.

use std::sync::Arc;

use chrono::Utc;
use chrono_tz::Tz;

use crate::i18n::Lang;
use crate::model::{
    ActionChoices, CardProblem, CardView, ContactView, EntityKind, Link, Outcome, Row,
    StatusOption, StatusPill, TaskTypeOption, TaskView,
};
use crate::server::amo::client::AccountMeta;
use crate::server::amo::types::{
    Company, Contact, CustomField, FieldValue, IdRef, Pipeline, RawCustomField, Task,
};
use crate::server::amo::{AmoClient, AmoError};
use crate::server::format;
use crate::server::session::CardSession;

use crate::server::amo::types::{LOST_STATUS_ID as LOST, WON_STATUS_ID as WON};

fn t(lang: Lang, ru: &'static str, en: &'static str) -> String {
    match lang {
        Lang::Ru => ru.to_owned(),
        Lang::En => en.to_owned(),
    }
}

pub async fn load_card(
    amo: &AmoClient,
    session: &CardSession,
    lang: Lang,
) -> Result<CardView, CardProblem> {
    let result = match session.entity {
        EntityKind::Lead => load_lead(amo, session, lang).await,
        EntityKind::Customer => load_customer(amo, session, lang).await,
    };
    result.map_err(|e| {
        tracing::info!(account_id = session.account_id, entity_id = session.entity_id, error = %e, "card not shown");
        e.problem()
    })
}

struct Ctx {
    meta: Arc<AccountMeta>,
    tz: Tz,
    lang: Lang,
}

impl Ctx {
    fn new(meta: Arc<AccountMeta>, lang: Lang) -> Self {
        Self {
            tz: format::timezone(meta.account.timezone()),
            meta,
            lang,
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

async fn related(
    amo: &AmoClient,
    account_id: i64,
    kind: EntityKind,
    id: i64,
    contact_ids: Vec<i64>,
    company_id: Option<i64>,
    has_tasks: bool,
) -> Result<(Vec<Contact>, Option<Company>, Vec<Task>), AmoError> {
    let contacts = async {
        if contact_ids.is_empty() {
            Ok(Vec::new())
        } else {
            amo.contacts(account_id, &contact_ids).await
        }
    };
    let company = async {
        match company_id {
            Some(c) => amo.company(account_id, c).await,
            None => Ok(None),
        }
    };
    let tasks = async {
        if has_tasks {
            amo.open_tasks(account_id, kind, id).await
        } else {
            Ok(Vec::new())
        }
    };
    tokio::try_join!(contacts, company, tasks)
}

async fn load_lead(amo: &AmoClient, s: &CardSession, lang: Lang) -> Result<CardView, AmoError> {
    let (meta, lead) =
        tokio::try_join!(amo.meta(s.account_id), amo.lead(s.account_id, s.entity_id))?;
    let ctx = Ctx::new(meta, lang);
    let (contact_ids, mains) = contact_order(&lead.embedded.contacts);
    let company_id = lead.embedded.companies.first().map(|c| c.id);
    let (contacts, company, tasks) = related(
        amo,
        s.account_id,
        EntityKind::Lead,
        lead.id,
        contact_ids.clone(),
        company_id,
        lead.closest_task_at.is_some(),
    )
    .await?;

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
        details.push(row(t(lang, "Ответственный", "Responsible"), r));
    }
    if let Some(d) = tasks.first().and_then(|t| ctx.date(t.complete_till, true)) {
        details.push(num_row(t(lang, "Ближайшая задача", "Closest task"), d));
    }
    if let Some(d) = ctx.date(lead.created_at, true) {
        details.push(num_row(t(lang, "Создана", "Created"), d));
    }
    if let Some(d) = ctx.date(lead.updated_at, true) {
        details.push(num_row(t(lang, "Изменена", "Updated"), d));
    }
    if let Some(d) = ctx.date(lead.closed_at, true) {
        details.push(num_row(t(lang, "Закрыта", "Closed"), d));
    }

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
        tags: lead
            .embedded
            .tags
            .iter()
            .map(|t| t.name.clone())
            .filter(|n| !n.is_empty())
            .collect(),
        details,
        contacts: order_contacts(&contacts, &contact_ids, &mains, &ctx),
        company: company.map(|c| company_view(&c, &ctx)),
        tasks: task_views(&tasks, &ctx),
        fields: field_rows(&lead.custom_fields_values, &ctx),
        choices: ActionChoices {
            statuses: pipeline.map(status_options).unwrap_or_default(),
            current_status: lead.status_id,
            task_types: task_types(&ctx.meta),
        },
        actions: true,
    })
}

async fn load_customer(amo: &AmoClient, s: &CardSession, lang: Lang) -> Result<CardView, AmoError> {
    // Settings first: with customers off, the customer endpoints only fail.
    let meta = amo.meta(s.account_id).await?;
    if !meta.account.customers_enabled() {
        return Err(AmoError::CustomersDisabled);
    }
    let (customer, statuses) = tokio::join!(
        amo.customer(s.account_id, s.entity_id),
        amo.customer_statuses_cached(s.account_id)
    );
    let customer = customer?;
    let ctx = Ctx::new(meta, lang);
    let (contact_ids, mains) = contact_order(&customer.embedded.contacts);
    let (contacts, company, tasks) = related(
        amo,
        s.account_id,
        EntityKind::Customer,
        customer.id,
        contact_ids.clone(),
        customer.embedded.companies.first().map(|c| c.id),
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
        details.push(num_row(t(lang, "Следующая покупка", "Next purchase"), d));
    }
    if let Some(p) = customer.periodicity.filter(|p| *p > 0) {
        let unit = lang.plural(p as u64, "день", "дня", "дней");
        let unit = if lang == Lang::En {
            if p == 1 {
                "day"
            } else {
                "days"
            }
        } else {
            unit
        };
        details.push(num_row(
            t(lang, "Периодичность", "Periodicity"),
            format!("{p} {unit}"),
        ));
    }
    if let Some(v) = customer.ltv {
        details.push(num_row(t(lang, "LTV", "LTV"), ctx.money(v)));
    }
    if let Some(n) = customer.purchases_count {
        details.push(num_row(t(lang, "Покупок", "Purchases"), n.to_string()));
    }
    if let Some(v) = customer.average_check {
        details.push(num_row(
            t(lang, "Средний чек", "Average check"),
            ctx.money(v),
        ));
    }
    if let Some(r) = ctx.user(customer.responsible_user_id) {
        details.push(row(t(lang, "Ответственный", "Responsible"), r));
    }
    if let Some(d) = ctx.date(customer.created_at, true) {
        details.push(num_row(t(lang, "Создан", "Created"), d));
    }
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
        tags: customer
            .embedded
            .tags
            .iter()
            .map(|t| t.name.clone())
            .filter(|n| !n.is_empty())
            .collect(),
        details,
        contacts: order_contacts(&contacts, &contact_ids, &mains, &ctx),
        company: company.map(|c| company_view(&c, &ctx)),
        tasks: task_views(&tasks, &ctx),
        fields: field_rows(&customer.custom_fields_values, &ctx),
        choices: ActionChoices {
            statuses: Vec::new(),
            current_status: customer.status_id,
            task_types: task_types(&ctx.meta),
        },
        actions: true,
    })
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

fn order_contacts(
    contacts: &[Contact],
    order: &[i64],
    mains: &[i64],
    ctx: &Ctx,
) -> Vec<ContactView> {
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
            person_view(name, &c.custom_fields_values, mains.contains(&c.id), ctx)
        })
        .collect();
    out.sort_by_key(|c| !c.main);
    out
}

fn company_view(c: &Company, ctx: &Ctx) -> ContactView {
    person_view(
        c.name.clone().unwrap_or_else(|| format!("#{}", c.id)),
        &c.custom_fields_values,
        false,
        ctx,
    )
}

fn person_view(name: String, fields: &[RawCustomField], main: bool, _ctx: &Ctx) -> ContactView {
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

fn task_views(tasks: &[Task], ctx: &Ctx) -> Vec<TaskView> {
    let now = Utc::now().timestamp();
    tasks
        .iter()
        .filter(|t| t.is_completed != Some(true))
        .map(|t| TaskView {
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
                FieldValue::Checkbox(b) => match (b, lang) {
                    (true, Lang::Ru) => "Да".into(),
                    (false, Lang::Ru) => "Нет".into(),
                    (true, Lang::En) => "Yes".into(),
                    (false, Lang::En) => "No".into(),
                },
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
