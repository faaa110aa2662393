//! Moves the card's lead to another stage of its pipeline; closing it (won or
//! lost) needs the form's confirmation.

use crate::contract::ActionOutcome;
use crate::model::EntityKind;
use crate::server::amo::types::{LOST_STATUS_ID as LOST, WON_STATUS_ID as WON};
use crate::server::amo::AmoError;
use crate::server::card::status_options;

use crate::server::amo::record_edit::RecordPatch;

use super::context::{failed, invalid, written, ActionCtx, Step};
use super::idempotency::claim;
use super::subject::Subject;

pub async fn move_status(cx: &ActionCtx, status_id: i64, confirmed: bool) -> Step<ActionOutcome> {
    let (s, lang) = (&cx.session, cx.lang);
    let t = lang.actions();
    if s.entity != EntityKind::Lead {
        return Err(invalid("status", t.stage_leads_only));
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
    let claimed = claim(cx).await?;
    let patch = RecordPatch {
        status_id: Some(status_id),
        pipeline_id: Some(pipeline.id),
        ..RecordPatch::by(s.user_id)
    };
    let result = cx
        .amo
        .update_record(s.account_id, EntityKind::Lead, s.entity_id, &patch)
        .await;
    Ok(claimed.settle(written(result, lang)).await)
}
