//! Logs an outgoing call note on the card's record after the user tapped a
//! number and came back, and, if asked, a follow-up task.

use chrono::Utc;

use crate::contract::ActionOutcome;
use crate::i18n::fill;
use crate::model::{CallForm, CallStatus, Link, CALL_COMMENT_MAX_CHARS};
use crate::server::amo::writes::CallNote;
use crate::server::card::format;

use super::context::{failed, invalid, written, ActionCtx, Step};
use super::idempotency::claim;
use super::subject::Subject;
use super::task::{due_time, Due};

/// The longest call the card records; more means the user simply left the app.
const MAX_CALL_SECS: i64 = 4 * 3600;

pub async fn log_call(cx: &ActionCtx, call: CallForm) -> Step<ActionOutcome> {
    let (amo, s, lang) = (&cx.amo, &cx.session, cx.lang);
    let phone = call.phone.trim();
    if !matches!(format::tel(phone), Link::Tel(_)) {
        return Err(invalid("phone", lang.actions().phone_invalid));
    }
    let status = CallStatus::from_code(call.status)
        .ok_or_else(|| invalid("status", lang.actions().call_status_missing))?;
    let comment = call.comment.trim();
    if comment.chars().count() > CALL_COMMENT_MAX_CHARS {
        let max = CALL_COMMENT_MAX_CHARS.to_string();
        let message = fill(lang.calls().comment_too_long, &[("max", &max)]);
        return Err(invalid("comment", message));
    }
    let meta = Subject::changeable(cx).await?.meta;
    let follow_up = match call.follow_up.trim() {
        "" | "none" => None,
        preset => {
            let tz = format::timezone(meta.account.timezone());
            // A follow-up is one of the presets: the call sheet has no date field.
            let due = Due::from_form(preset, "").filter(|d| !matches!(d, Due::Custom(_)));
            let at = due.and_then(|d| due_time(Some(&d), tz, Utc::now(), lang).ok());
            Some(at.ok_or_else(|| invalid("follow_up", lang.actions().follow_up_missing))?)
        }
    };
    let claimed = claim(cx).await?;
    let estimate = lang.actions().duration_estimated;
    let result = [lang.call_status(status), comment, estimate]
        .iter()
        .filter(|p| !p.is_empty())
        .map(|p| p.trim_end_matches('.'))
        .collect::<Vec<_>>()
        .join(". ")
        + ".";
    let note = CallNote {
        uniq: cx.key.clone(),
        phone: phone.to_owned(),
        duration: call.duration.clamp(0, MAX_CALL_SECS),
        result,
        created_by: s.user_id,
    };
    let result = amo
        .add_call_note(s.account_id, s.entity, s.entity_id, &note)
        .await;
    // The key follows the call note: once it is saved, a resend must not log
    // the call twice, whatever becomes of the follow-up task.
    let logged = claimed.settle(written(result, lang)).await;
    let (ActionOutcome::Done, Some(due)) = (&logged, follow_up) else {
        return Ok(logged);
    };
    // The task is seen by everyone who may see the record, some of whom may
    // not see the contact: it names neither the person nor the number (the
    // call note above it does, under the contact rules).
    let task_type = meta.account.embedded.task_types.first().map_or(1, |t| t.id);
    let task = super::task::new_task(s, lang.calls().call_back_task.to_owned(), due, task_type);
    Ok(match amo.add_task(s.account_id, &task).await {
        Ok(()) => ActionOutcome::Done,
        Err(e) => match failed(&e, lang) {
            ActionOutcome::Failed { problem, message } => ActionOutcome::Failed {
                problem,
                message: fill(lang.calls().logged_without_task, &[("message", &message)]),
            },
            other => other,
        },
    })
}
