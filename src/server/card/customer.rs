//! A customer's card: status or periodicity, next purchase, LTV, fields.

use super::fields::{field_rows, record_name, tag_names, task_types};
use super::related::related;
use super::{num_row, row, strip, Ctx};
use crate::model::{
    ActionChoices, Allowed, CardView, EditField, EntityKind, Section, StatusKind, StatusPill,
};
use crate::server::amo::types::Customer;
use crate::server::amo::{AmoClient, AmoError};
use crate::server::auth::session::CardSession;
use crate::server::card::format;

pub(super) async fn customer_card(
    amo: &AmoClient,
    s: &CardSession,
    ctx: &Ctx<'_>,
    customer: &Customer,
) -> Result<CardView, AmoError> {
    let lang = ctx.lang;
    // The stages come from this replica's copy, alongside the linked records.
    let (related, statuses) = tokio::join!(
        related(
            amo,
            s,
            ctx,
            &customer.embedded,
            customer.closest_task_at.is_some(),
        ),
        amo.customer_statuses_cached(s.account_id)
    );
    let related = related?;

    let status = customer.status_id.and_then(|sid| {
        let st = statuses.iter().find(|x| x.id == sid)?;
        Some(StatusPill {
            name: st.name.clone(),
            color: format::color(st.color.as_deref()),
            kind: StatusKind::Open,
        })
    });
    let edit = ctx.may_change;
    let mut details = Vec::new();
    if edit {
        details.push(ctx.editable_row(
            lang.card().next_purchase,
            ctx.date(customer.next_date, false),
            EditField::NextDate,
            crate::server::edit::start::record_date_code(customer.next_date, ctx.tz),
            customer.updated_at,
        ));
        details.push(ctx.editable_row(
            lang.edit().next_amount,
            customer.next_price.map(|p| ctx.money(p)),
            EditField::NextPrice,
            crate::server::edit::start::amount_code(customer.next_price),
            customer.updated_at,
        ));
    } else if let Some(d) = ctx.date(customer.next_date, false) {
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
    let strip = related
        .strip_events()
        .map(|(events, countable)| {
            let facts = strip::CustomerFacts {
                events,
                countable,
                next_date: customer.next_date,
                next_due: related.next_due,
            };
            strip::customer(&facts, &ctx.clock())
        })
        .unwrap_or_default();
    Ok(CardView {
        kind: EntityKind::Customer,
        id: customer.id,
        name: record_name(customer.name.as_deref(), customer.id),
        headline: customer
            .next_price
            .filter(|p| *p > 0.0)
            .map(|p| ctx.money(p)),
        header_field: None,
        status,
        pipeline: None,
        pipeline_id: None,
        tags: tag_names(&customer.embedded),
        details,
        contacts: related.contacts,
        company: related.company,
        tasks: related.tasks,
        fields: field_rows(&customer.custom_fields_values, ctx),
        key_fields: Vec::new(),
        sections: Section::ALL.to_vec(),
        choices: ActionChoices {
            statuses: Vec::new(),
            current_status: customer.status_id,
            task_types: task_types(ctx.meta, ctx.lang),
            loss_reasons: Vec::new(),
            wrap: ctx.wrap_start(
                customer.updated_at,
                customer.next_price,
                Some(customer.next_date),
            ),
        },
        allowed: Allowed {
            note: edit,
            task: edit,
            stage: false,
        },
        withheld: related.withheld,
        history: related.history,
        strip,
        customise: None,
        products: None,
    })
}
