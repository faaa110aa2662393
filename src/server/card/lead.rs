//! A lead's card: stage, pipeline, price, its dates and fields.

use super::fields::{field_rows, record_name, tag_names, task_types};
use super::related::related;
use super::{num_row, row, strip, Ctx};
use std::sync::Arc;

use crate::model::{
    ActionChoices, Allowed, CardView, EditField, EntityKind, LinkedKind, LossReasonOption, Section,
    StatusKind, StatusOption, StatusPill,
};
use crate::server::amo::field_defs::{FieldDef, FieldsOf};
use crate::server::amo::types::{Lead, Pipeline, LOST_STATUS_ID as LOST, WON_STATUS_ID as WON};
use crate::server::amo::{AmoClient, AmoError};
use crate::server::auth::session::CardSession;
use crate::server::card::format;
use crate::server::card::rights::Record;
use crate::server::edit::required;

/// What a lead's rights depend on: its responsible user and its stage.
pub fn lead_record(lead: &Lead) -> Record {
    Record {
        responsible: lead.responsible_user_id,
        stage: lead.pipeline_id.zip(lead.status_id),
    }
}

pub(super) async fn lead_card(
    amo: &AmoClient,
    s: &CardSession,
    ctx: &Ctx<'_>,
    lead: &Lead,
) -> Result<CardView, AmoError> {
    let lang = ctx.lang;
    // A stage's rules on the contact's and the company's fields: their
    // definitions from this replica's copy, beside the related loads.
    let rules = async {
        match ctx.may_change && lead.pipeline_id.is_some() {
            true => Some(linked_defs(amo, s.account_id).await),
            false => None,
        }
    };
    let (related, rules) = tokio::join!(
        related(amo, s, ctx, &lead.embedded, lead.closest_task_at.is_some()),
        rules
    );
    let related = related?;
    let record = lead_record(lead);

    let pipeline = lead
        .pipeline_id
        .and_then(|p| ctx.meta.pipelines.iter().find(|x| x.id == p));
    let status = lead.status_id.and_then(|sid| {
        let st = pipeline?.embedded.statuses.iter().find(|x| x.id == sid)?;
        Some(StatusPill {
            name: st.name.clone(),
            color: format::color(st.color.as_deref()),
            kind: status_kind(sid),
        })
    });

    let edit = ctx.may_change;
    let mut details = Vec::new();
    if edit {
        // The budget shows in the headline; its row is the way to change it.
        details.push(ctx.editable_row(
            lang.edit().budget,
            lead.price.map(|p| ctx.money(p)),
            EditField::Price,
            crate::server::edit::start::amount_code(lead.price),
            lead.updated_at,
        ));
    }
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

    // The stage picker lists where this user may move the lead (and where it is).
    let statuses: Vec<StatusOption> = match pipeline {
        Some(p) if edit => status_options(p)
            .into_iter()
            .filter(|o| lead.status_id == Some(o.id) || ctx.access.may_move(record, (p.id, o.id)))
            .collect(),
        _ => Vec::new(),
    };
    let mut statuses = statuses;
    if let (Some((contact_defs, company_defs)), Some(p)) = (&rules, lead.pipeline_id) {
        for o in &mut statuses {
            let stage = (p, o.id);
            o.elsewhere = [
                (contact_defs, LinkedKind::Contact, &related.linked_contact),
                (company_defs, LinkedKind::Company, &related.linked_company),
            ]
            .into_iter()
            .flat_map(|(defs, of, linked)| required::missing_linked(defs, of, linked, stage))
            .collect();
        }
    }
    let can_move = statuses.iter().any(|o| lead.status_id != Some(o.id));
    let strip = related
        .strip_events()
        .map(|(events, countable)| {
            let facts = strip::LeadFacts {
                events,
                countable,
                stage: record.stage,
                created_at: lead.created_at,
                closed: lead
                    .status_id
                    .is_some_and(|s| status_kind(s) != StatusKind::Open),
                next_due: related.next_due,
            };
            strip::lead(&facts, &ctx.clock())
        })
        .unwrap_or_default();

    Ok(CardView {
        kind: EntityKind::Lead,
        id: lead.id,
        name: record_name(lead.name.as_deref(), lead.id),
        headline: lead.price.filter(|p| *p > 0.0).map(|p| ctx.money(p)),
        header_field: None,
        status,
        pipeline: pipeline.map(|p| p.name.clone()),
        pipeline_id: lead.pipeline_id,
        tags: tag_names(&lead.embedded),
        details,
        contacts: related.contacts,
        company: related.company,
        tasks: related.tasks,
        fields: field_rows(&lead.custom_fields_values, ctx),
        key_fields: Vec::new(),
        sections: Section::ALL.to_vec(),
        choices: ActionChoices {
            statuses,
            current_status: lead.status_id,
            task_types: task_types(ctx.meta, ctx.lang),
            loss_reasons: ctx
                .meta
                .loss_reasons
                .iter()
                .map(|r| LossReasonOption {
                    id: r.id,
                    name: r.name.clone(),
                })
                .collect(),
            wrap: ctx.wrap_start(lead.updated_at, lead.price, None),
        },
        allowed: Allowed {
            note: edit,
            task: edit,
            stage: can_move,
        },
        withheld: related.withheld,
        history: related.history,
        strip,
        customise: None,
        products: Some(lead.embedded.catalog_elements.len()).filter(|n| *n > 0),
    })
}

/// The contacts' and the companies' field definitions, from this replica's
/// copy; one that cannot be read is none (the move checks again).
pub async fn linked_defs(
    amo: &AmoClient,
    account_id: i64,
) -> (Arc<Vec<FieldDef>>, Arc<Vec<FieldDef>>) {
    let read = |of: FieldsOf| async move {
        amo.custom_fields_cached(account_id, of)
            .await
            .unwrap_or_else(|e| {
                tracing::info!(account_id, error = %e, of = of.api_name(), "stage rules of linked fields not read");
                Arc::default()
            })
    };
    tokio::join!(read(FieldsOf::Contacts), read(FieldsOf::Companies))
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
            kind: status_kind(s.id),
            requires: Vec::new(),
            guidance: None,
            elsewhere: Vec::new(),
        })
        .collect()
}

/// amoCRM's two closing stages have fixed ids in every pipeline.
fn status_kind(status_id: i64) -> StatusKind {
    match status_id {
        WON => StatusKind::Won,
        LOST => StatusKind::Lost,
        _ => StatusKind::Open,
    }
}
