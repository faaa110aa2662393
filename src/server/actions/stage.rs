//! Moves the card's lead to another stage of its pipeline, keeping the
//! account's process as amoCRM's own interface does (its API does not):
//! closing (won or lost) needs the form's confirmation; lost needs one of
//! the account's loss reasons when it has them; a stage's required lead
//! fields (read fresh: a rule changed since the card opened counts) must come
//! with the move. Everything goes out as one lead update, or nothing does.

use std::collections::BTreeMap;

use crate::contract::{field, ActionOutcome};
use crate::i18n::fill;
use crate::model::{EditField, EntityKind};
use crate::server::amo::record_edit::RecordPatch;
use crate::server::amo::types::{LOST_STATUS_ID as LOST, WON_STATUS_ID as WON};
use crate::server::amo::AmoError;
use crate::server::card::{format, status_options};
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

pub async fn move_status(cx: &ActionCtx, form: &MoveForm<'_>) -> Step<ActionOutcome> {
    let (s, lang) = (&cx.session, cx.lang);
    let (t, p) = (lang.actions(), lang.process());
    if s.entity != EntityKind::Lead {
        return Err(invalid("status", t.stage_leads_only));
    }
    let status_id: i64 = form
        .status_id
        .trim()
        .parse()
        .map_err(|_| invalid("status", t.stage_foreign))?;
    let confirmed = form.confirmed.trim() == "true";
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

    let subject = Subject::load(cx, true).await?;
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
    if matches!(status_id, WON | LOST) && !confirmed {
        return Err(invalid("confirm", t.confirm_close));
    }
    let allowed = subject
        .access
        .may_move(subject.record, (pipeline.id, status_id));
    Subject::require(allowed, lang)?;
    if lead.status_id == Some(status_id) {
        return Ok(ActionOutcome::Done);
    }
    if status_id == LOST {
        let reasons = &subject.meta.loss_reasons;
        match loss_reason {
            Some(id) if !reasons.iter().any(|r| r.id == id) => {
                return Err(invalid(field::LOSS_REASON, p.loss_reason_foreign))
            }
            None if !reasons.is_empty() => {
                return Err(invalid(field::LOSS_REASON, p.loss_reason_needed))
            }
            _ => {}
        }
    }

    // The stage's rules as amoCRM holds them now.
    let defs = cx
        .amo
        .fresh_custom_fields(s.account_id, EntityKind::Lead)
        .await
        .map_err(|e| failed(&e, lang))?;
    let tz = format::timezone(subject.meta.account.timezone());
    let mut patch = RecordPatch {
        status_id: Some(status_id),
        pipeline_id: Some(pipeline.id),
        loss_reason_id: loss_reason,
        ..RecordPatch::by(s.user_id)
    };
    for need in required::missing(&defs, &lead.custom_fields_values, (pipeline.id, status_id)) {
        let name = field::required(need.id);
        let Some(control) = need.control else {
            return Err(invalid(
                &name,
                fill(p.fill_in_amocrm, &[("field", &need.name)]),
            ));
        };
        let raw = form.values.get(&name).map(|v| v.trim()).unwrap_or_default();
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

    let claimed = claim(cx).await?;
    let result = cx
        .amo
        .update_record(s.account_id, EntityKind::Lead, s.entity_id, &patch)
        .await;
    Ok(claimed.settle(written(result, lang)).await)
}
