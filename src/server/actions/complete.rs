//! Completes one of the card's open tasks, with the user's result text or,
//! without one, a default in the user's language.

use crate::contract::ActionOutcome;
use crate::model::{EntityKind, TASK_MAX_CHARS};
use crate::server::amo::types::{LOST_STATUS_ID, WON_STATUS_ID};
use crate::server::amo::AmoError;
use crate::server::card::rights::Op;

use super::context::{failed, invalid, written, ActionCtx, Step};
use super::idempotency::claim;
use super::subject::Subject;

pub async fn complete_task(cx: &ActionCtx, task_id: i64, result: &str) -> Step<ActionOutcome> {
    let (amo, s, lang) = (&cx.amo, &cx.session, cx.lang);
    let result = result.trim();
    if result.chars().count() > TASK_MAX_CHARS {
        return Err(invalid("result", lang.actions().result_too_long));
    }
    let subject = Subject::load(cx, false).await?;
    // Only an open task of this very card may be completed from it. Asked by id:
    // a card's open tasks can run past one page of a list.
    let task = match amo.task(s.account_id, task_id).await {
        Ok(task) => Some(task),
        Err(AmoError::NotFound) => None,
        Err(e) => return Err(failed(&e, lang)),
    };
    let of_this_card = task.as_ref().is_some_and(|t| {
        t.entity_type.as_deref() == Some(s.entity.api_name())
            && t.entity_id == Some(s.entity_id)
            && t.is_completed != Some(true)
    });
    if !of_this_card {
        return Err(invalid("task", lang.actions().task_not_open));
    }
    // Tasks are seen through their record; completing one is the tasks edit right.
    let responsible = task.and_then(|t| t.responsible_user_id);
    let allowed = subject.may(Op::View) && subject.access.may_edit_task(responsible);
    Subject::require(allowed, lang)?;
    let claimed = claim(cx).await?;
    // amoCRM's tasks docs: completing takes `result` with `is_completed`.
    let result = match result {
        "" => lang.actions().task_done_result,
        text => text,
    };
    let result = amo.complete_task(s.account_id, task_id, result).await;
    let outcome = claimed.settle(written(result, lang)).await;
    if outcome == ActionOutcome::Done && left_without_a_task(cx, &subject).await {
        cx.offer_next_step();
    }
    Ok(outcome)
}

/// Whether the completed task was the open deal's last open one: its open
/// tasks read now (and the lead, when the rights check did not need it).
/// Customers and closed deals are not asked; a failed read asks nothing.
async fn left_without_a_task(cx: &ActionCtx, subject: &Subject) -> bool {
    let (amo, s) = (&cx.amo, &cx.session);
    if s.entity != EntityKind::Lead {
        return false;
    }
    let stage = async {
        match subject.lead() {
            Some(lead) => Ok(lead.status_id),
            None => amo
                .lead(s.account_id, s.entity_id)
                .await
                .map(|l| l.status_id),
        }
    };
    let (tasks, stage) = tokio::join!(amo.open_tasks(s.account_id, s.entity, s.entity_id), stage);
    match (tasks, stage) {
        (Ok(tasks), Ok(Some(status))) => {
            !matches!(status, WON_STATUS_ID | LOST_STATUS_ID)
                && tasks.iter().all(|t| t.is_completed == Some(true))
        }
        _ => false,
    }
}
