//! Moves the card's lead to another stage of its pipeline, keeping the
//! account's process as amoCRM's own interface does (its API does not):
//! closing (won or lost) needs the form's confirmation; lost needs one of
//! the account's loss reasons when it has them; a stage's required lead
//! fields (read fresh: a rule changed since the card opened counts) must come
//! with the move, and the contact's and company's required fields must be
//! filled in amoCRM. Everything goes out as one lead update, or nothing does.

use std::collections::BTreeMap;

use crate::contract::{field, ActionOutcome};
use crate::i18n::fill;
use crate::model::{EditField, EntityKind, LinkedField, LinkedKind};
use crate::server::amo::field_defs::{FieldDef, FieldsOf};
use crate::server::amo::record_edit::RecordPatch;
use crate::server::amo::types::{Lead, LOST_STATUS_ID as LOST, WON_STATUS_ID as WON};
use crate::server::amo::AmoError;
use crate::server::card::{format, status_options};
use crate::server::edit::required::Linked;
use crate::server::edit::{self, required};

use super::context::{failed, invalid, written, ActionCtx, Step};
use super::edit::value_message;
use super::idempotency::claim;
use super::subject::Subject;

/// `/api/move_status` as posted: every value as text, checked here.
pub struct MoveForm<'a> {
    pub status_id: &'a str,
    pub confirmed: &'a str,
    pub loss_reason: &'a str,
    /// The other fields of the form: `cf_<field id>` values (others are ignored).
    pub values: &'a BTreeMap<String, String>,
}

/// A move as asked, read before anything is read from amoCRM.
pub(super) struct Move {
    pub status_id: i64,
    confirmed: bool,
    loss_reason: Option<i64>,
}

impl Move {
    pub(super) fn parse(form: &MoveForm<'_>, lang: crate::i18n::Lang) -> Step<Move> {
        let (t, p) = (lang.actions(), lang.process());
        let status_id: i64 = form
            .status_id
            .trim()
            .parse()
            .map_err(|_| invalid("status", t.stage_foreign))?;
        let loss_reason = match form.loss_reason.trim() {
            "" => None,
            raw => Some(
                raw.parse::<i64>()
                    .map_err(|_| invalid(field::LOSS_REASON, p.loss_reason_foreign))?,
            ),
        };
        // amoCRM refuses a reason with any other stage: said before anything is read.
        if loss_reason.is_some() && status_id != LOST {
            return Err(invalid(field::LOSS_REASON, p.loss_reason_not_lost));
        }
        Ok(Move {
            status_id,
            confirmed: form.confirmed.trim() == "true",
            loss_reason,
        })
    }

    /// Won or lost: the deal is closed by it.
    pub(super) fn closes(&self) -> bool {
        matches!(self.status_id, WON | LOST)
    }
}

pub async fn move_status(cx: &ActionCtx, form: &MoveForm<'_>) -> Step<ActionOutcome> {
    let (s, lang) = (&cx.session, cx.lang);
    if s.entity != EntityKind::Lead {
        return Err(invalid("status", lang.actions().stage_leads_only));
    }
    let asked = Move::parse(form, lang)?;
    let subject = Subject::load(cx, true).await?;
    let lead = subject
        .lead()
        .ok_or_else(|| failed(&AmoError::NotFound, lang))?;
    let Some(patch) = plan(cx, &subject, &asked, form.values).await? else {
        return Ok(ActionOutcome::Done);
    };
    let claimed = claim(cx).await?;
    let result = cx
        .amo
        .update_record(s.account_id, EntityKind::Lead, s.entity_id, &patch)
        .await;
    let outcome = claimed.settle(written(result, lang)).await;
    // Moved on with no open task (a move does not touch tasks, and amoCRM
    // names the nearest open one on the lead): the card offers the next step.
    if outcome == ActionOutcome::Done && !asked.closes() && lead.closest_task_at.is_none() {
        cx.offer_next_step();
    }
    Ok(outcome)
}

/// The lead update `asked` makes, checked against the account's process as
/// amoCRM holds it now and the acting user's rights; `None` when the lead
/// is already there. `values`: the form's `cf_<field id>` values.
pub(super) async fn plan(
    cx: &ActionCtx,
    subject: &Subject,
    asked: &Move,
    values: &BTreeMap<String, String>,
) -> Step<Option<RecordPatch>> {
    let (s, lang) = (&cx.session, cx.lang);
    let (t, p) = (lang.actions(), lang.process());
    let status_id = asked.status_id;
    let lead = subject
        .lead()
        .ok_or_else(|| failed(&AmoError::NotFound, lang))?;
    let pipeline = lead
        .pipeline_id
        .and_then(|p| subject.meta.pipelines.iter().find(|x| x.id == p))
        .ok_or_else(|| invalid("status", t.pipeline_missing))?;
    if !status_options(pipeline).iter().any(|o| o.id == status_id) {
        return Err(invalid("status", t.stage_foreign));
    }
    if asked.closes() && !asked.confirmed {
        return Err(invalid("confirm", t.confirm_close));
    }
    let allowed = subject
        .access
        .may_move(subject.record, (pipeline.id, status_id));
    Subject::require(allowed, lang)?;
    if lead.status_id == Some(status_id) {
        return Ok(None);
    }
    if status_id == LOST {
        let reasons = &subject.meta.loss_reasons;
        match asked.loss_reason {
            Some(id) if !reasons.iter().any(|r| r.id == id) => {
                return Err(invalid(field::LOSS_REASON, p.loss_reason_foreign))
            }
            None if !reasons.is_empty() => {
                return Err(invalid(field::LOSS_REASON, p.loss_reason_needed))
            }
            _ => {}
        }
    }

    // The stage's rules as amoCRM holds them now: the lead's fields, then
    // the contact's and the company's (filled in amoCRM only).
    let stage = (pipeline.id, status_id);
    let (defs, gaps) = tokio::join!(
        cx.amo.fresh_custom_fields(s.account_id, EntityKind::Lead),
        linked_gaps(cx, lead, stage)
    );
    let (defs, gaps) = (
        defs.map_err(|e| failed(&e, lang))?,
        gaps.map_err(|e| failed(&e, lang))?,
    );
    if let Some(gap) = gaps.first() {
        let text = match gap.of {
            LinkedKind::Contact => p.fill_contact_first,
            LinkedKind::Company => p.fill_company_first,
        };
        return Err(invalid("status", fill(text, &[("field", &gap.name)])));
    }
    let tz = format::timezone(subject.meta.account.timezone());
    let mut patch = RecordPatch {
        status_id: Some(status_id),
        pipeline_id: Some(pipeline.id),
        loss_reason_id: asked.loss_reason,
        ..RecordPatch::by(s.user_id)
    };
    for need in required::missing(&defs, &lead.custom_fields_values, stage) {
        let name = field::required(need.id);
        let Some(control) = need.control else {
            return Err(invalid(
                &name,
                fill(p.fill_in_amocrm, &[("field", &need.name)]),
            ));
        };
        let raw = values.get(&name).map(|v| v.trim()).unwrap_or_default();
        if raw.is_empty() {
            return Err(invalid(
                &name,
                fill(p.required_missing, &[("field", &need.name)]),
            ));
        }
        let parsed = edit::value::parse(&control, raw, tz)
            .map_err(|e| invalid(&name, format!("{}: {}", need.name, value_message(e, lang))))?;
        let value = edit::patch(EditField::Custom(need.id), &parsed, s.user_id)
            .ok_or_else(|| invalid(&name, fill(p.required_missing, &[("field", &need.name)])))?;
        patch
            .custom_fields_values
            .extend(value.custom_fields_values);
    }
    Ok(Some(patch))
}

/// The fields of the lead's main contact and company that `stage` requires
/// and they leave empty, read now. The definitions first (one round trip);
/// a contact or company only when one of its fields is required here.
async fn linked_gaps(
    cx: &ActionCtx,
    lead: &Lead,
    stage: (i64, i64),
) -> Result<Vec<LinkedField>, AmoError> {
    let (amo, account) = (&cx.amo, cx.session.account_id);
    let (contact_defs, company_defs) = tokio::join!(
        amo.fresh_custom_fields(account, FieldsOf::Contacts),
        amo.fresh_custom_fields(account, FieldsOf::Companies)
    );
    let (contact_defs, company_defs) = (contact_defs?, company_defs?);
    let needed = |defs: &[FieldDef]| defs.iter().any(|d| d.required_for(stage));
    let refs = &lead.embedded;
    let main = refs
        .contacts
        .iter()
        .find(|c| c.is_main == Some(true))
        .or(refs.contacts.first())
        .map(|c| c.id);
    let contact = async {
        match main.filter(|_| needed(&contact_defs)) {
            None => Ok(Linked::Absent),
            Some(id) => Ok(amo
                .contacts(account, &[id])
                .await?
                .into_iter()
                .find(|c| c.id == id)
                .map_or(Linked::Absent, |c| Linked::Values(c.custom_fields_values))),
        }
    };
    let company = async {
        match refs.companies.first().filter(|_| needed(&company_defs)) {
            None => Ok::<_, AmoError>(Linked::Absent),
            Some(c) => Ok(amo
                .company(account, c.id)
                .await?
                .map_or(Linked::Absent, |c| Linked::Values(c.custom_fields_values))),
        }
    };
    let (contact, company) = tokio::join!(contact, company);
    let (contact, company) = (contact?, company?);
    Ok([
        (&contact_defs, LinkedKind::Contact, &contact),
        (&company_defs, LinkedKind::Company, &company),
    ]
    .into_iter()
    .flat_map(|(defs, of, linked)| required::missing_linked(defs, of, linked, stage))
    .collect())
}
