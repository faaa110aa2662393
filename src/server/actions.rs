//! Quick actions: validated on the server, checked against the acting user's
//! amoCRM rights before amoCRM is called, attributed to the token's user,
//! never retried blindly, and deduplicated by a per-submission key.

use chrono::{Datelike, Duration, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::i18n::{fill, Lang};
use std::sync::Arc;

use crate::model::{
    ActionOutcome, CallForm, CallStatus, CardProblem, EntityKind, Link, RightsGap,
    CALL_COMMENT_MAX_CHARS, NOTE_MAX_CHARS, TASK_MAX_CHARS,
};
use crate::server::access::Access;
use crate::server::amo::client::{AccountMeta, CallNote, NewTask};
use crate::server::amo::types::Lead;
use crate::server::amo::{AmoClient, AmoError};
use crate::server::auth::RequestContext;
use crate::server::card::{lead_record, status_options};
use crate::server::format;
use crate::server::rights::{Area, Op, Record};
use crate::server::session::{CardSession, KeyClaim, KeyState, SessionStore};

use crate::server::amo::types::{LOST_STATUS_ID as LOST, WON_STATUS_ID as WON};

fn invalid(field: &str, message: String) -> ActionOutcome {
    ActionOutcome::Invalid {
        field: field.to_owned(),
        message,
    }
}

fn failed(e: &AmoError, lang: Lang) -> ActionOutcome {
    match e {
        AmoError::WriteUncertain => ActionOutcome::Uncertain,
        other => ActionOutcome::Failed {
            problem: other.problem(),
            message: match other {
                AmoError::Rejected(_) => lang.actions().amo_rejected.to_owned(),
                AmoError::NotFound => lang.actions().record_not_found.to_owned(),
                AmoError::NoAccess => lang.actions().amo_no_access.to_owned(),
                AmoError::RateLimited => lang.actions().rate_limited.to_owned(),
                _ => lang.actions().amo_unavailable.to_owned(),
            },
        },
    }
}

/// What every quick action runs with: the amoCRM client, the session store
/// (idempotency keys), the acting session, the answer's language and the
/// submission's idempotency key.
#[derive(Clone, Copy)]
pub struct ActionCtx<'a> {
    pub amo: &'a AmoClient,
    pub store: &'a SessionStore,
    pub session: &'a CardSession,
    pub lang: Lang,
    pub key: &'a str,
}

impl<'a> ActionCtx<'a> {
    /// The context of a server function's request, for `session` and `key`.
    pub fn new(request: &'a RequestContext, session: &'a CardSession, key: &'a str) -> Self {
        Self {
            amo: &request.state.amo,
            store: &request.state.sessions,
            session,
            lang: request.lang,
            key,
        }
    }
}

/// The refusal of a change the user's amoCRM rights do not allow.
fn no_rights(lang: Lang, gap: Option<RightsGap>) -> ActionOutcome {
    ActionOutcome::Failed {
        problem: CardProblem::NoRights,
        message: match gap {
            None => lang.actions().no_rights.to_owned(),
            Some(_) => lang.actions().rights_unknown.to_owned(),
        },
    }
}

/// The acting user's rights over the session's record, read when the action
/// runs: the record's owner or stage may have changed since the card rendered.
struct Subject {
    meta: Arc<AccountMeta>,
    access: Access,
    area: Area,
    record: Record,
    /// The lead, when it had to be read.
    lead: Option<Lead>,
}

impl Subject {
    async fn load(
        amo: &AmoClient,
        s: &CardSession,
        lang: Lang,
        need_lead: bool,
    ) -> Result<Self, ActionOutcome> {
        let meta = amo.meta(s.account_id).await.map_err(|e| failed(&e, lang))?;
        let access = Access::acting(amo, &meta, s.account_id, s.user_id).await;
        if let Some(gap) = access.gap() {
            return Err(no_rights(lang, Some(gap)));
        }
        let area = Area::from(s.entity);
        let (mut record, mut lead) = (Record::default(), None);
        // An admin's answer does not depend on the record: spare the call.
        if need_lead || !access.is_admin() {
            let fail = |e: AmoError| failed(&e, lang);
            match s.entity {
                EntityKind::Lead => {
                    let l = amo.lead(s.account_id, s.entity_id).await.map_err(fail)?;
                    record = lead_record(&l);
                    lead = Some(l);
                }
                EntityKind::Customer => {
                    let c = amo
                        .customer(s.account_id, s.entity_id)
                        .await
                        .map_err(fail)?;
                    record = Record::owned_by(c.responsible_user_id);
                }
            }
        }
        Ok(Self {
            meta,
            access,
            area,
            record,
            lead,
        })
    }

    /// Loads the subject of a note, a new task or a logged call, refusing it
    /// unless the user sees and may change the record.
    async fn changeable(
        amo: &AmoClient,
        s: &CardSession,
        lang: Lang,
    ) -> Result<Self, ActionOutcome> {
        let subject = Self::load(amo, s, lang, false).await?;
        let may = |op| subject.access.may(subject.area, op, subject.record);
        if may(Op::View) && may(Op::Edit) {
            Ok(subject)
        } else {
            Err(no_rights(lang, None))
        }
    }
}

/// Checks a text field: trimmed, not empty, at most `max` characters.
fn text(field: &str, raw: &str, max: usize, lang: Lang) -> Result<String, ActionOutcome> {
    let value = raw.trim();
    if value.is_empty() {
        return Err(invalid(field, lang.actions().text_empty.to_owned()));
    }
    let len = value.chars().count();
    if len > max {
        return Err(invalid(
            field,
            fill(
                lang.actions().too_long,
                &[("max", &max.to_string()), ("len", &len.to_string())],
            ),
        ));
    }
    Ok(value.to_owned())
}

/// A claimed idempotency key, settled once by what amoCRM answered.
///
/// The key's life: the page (no script) or the island (per submission) makes
/// it; the first request with it claims it as pending before amoCRM is called;
/// a confirmed write settles it `done` (a resend answers `Duplicate`, i.e.
/// saved); a write amoCRM never answered settles it `uncertain` (a resend is
/// told to check the card, and is not sent again); a write that failed forgets
/// it, so the same key retried is really retried.
#[must_use = "a claimed key must be settled with what the write came to"]
struct Claimed<'a> {
    cx: ActionCtx<'a>,
}

impl Claimed<'_> {
    /// Records `outcome` for the key and passes it on.
    async fn settle(self, outcome: ActionOutcome) -> ActionOutcome {
        let state = match &outcome {
            ActionOutcome::Done | ActionOutcome::Duplicate => Some(KeyState::Done),
            ActionOutcome::Uncertain => Some(KeyState::Uncertain),
            ActionOutcome::Invalid { .. } | ActionOutcome::Failed { .. } => None,
        };
        let cx = self.cx;
        if let Err(e) = cx.store.settle_action(&cx.session.jti, cx.key, state).await {
            // The key stays pending: a resend is told to check the card, the
            // honest answer when we cannot remember what happened.
            tracing::error!(error = %e, "idempotency key not settled");
        }
        outcome
    }
}

/// Claims the action's idempotency key for its session. `Err(outcome)` means
/// stop here: a resend of a confirmed write (`Duplicate`), of one still
/// running or never answered (`Uncertain`), a malformed key, or an
/// unavailable store.
async fn claim<'a>(cx: &ActionCtx<'a>) -> Result<Claimed<'a>, ActionOutcome> {
    let ActionCtx {
        store,
        session,
        key,
        ..
    } = *cx;
    let valid = (8..=64).contains(&key.len())
        && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if !valid {
        return Err(invalid("key", "bad idempotency key".into()));
    }
    match store
        .claim_action(&session.jti, key, session.expires_at)
        .await
    {
        Ok(KeyClaim::New) => Ok(Claimed { cx: *cx }),
        Ok(KeyClaim::Seen(KeyState::Done)) => Err(ActionOutcome::Duplicate),
        Ok(KeyClaim::Seen(KeyState::Pending | KeyState::Uncertain)) => {
            Err(ActionOutcome::Uncertain)
        }
        Err(e) => {
            tracing::error!(error = %e, "idempotency store failed");
            Err(ActionOutcome::Failed {
                problem: CardProblem::Unavailable,
                message: "storage unavailable".into(),
            })
        }
    }
}

/// What a single write came to, as the user is told it.
fn written(result: Result<(), AmoError>, lang: Lang) -> ActionOutcome {
    match result {
        Ok(()) => ActionOutcome::Done,
        Err(e) => failed(&e, lang),
    }
}

pub async fn add_note(cx: &ActionCtx<'_>, raw_text: &str) -> ActionOutcome {
    let (amo, s, lang) = (cx.amo, cx.session, cx.lang);
    let note = match text("text", raw_text, NOTE_MAX_CHARS, lang) {
        Ok(n) => n,
        Err(o) => return o,
    };
    if let Err(refused) = Subject::changeable(amo, s, lang).await {
        return refused;
    }
    let claimed = match claim(cx).await {
        Ok(c) => c,
        Err(stop) => return stop,
    };
    let result = amo
        .add_note(s.account_id, s.entity, s.entity_id, &note, s.user_id)
        .await;
    claimed.settle(written(result, lang)).await
}

/// When a new task is due, as the task sheet's presets name it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Due {
    InAnHour,
    /// The end of today, tomorrow or the coming Monday in the account's timezone.
    Today,
    Tomorrow,
    NextWeek,
    /// A `YYYY-MM-DDTHH:MM` in the account's timezone.
    Custom(String),
}

impl Due {
    /// The form's preset (`hour`, `today`, `tomorrow`, `week`, `custom` with
    /// its value); `None` for anything else.
    pub fn from_form(preset: &str, custom: &str) -> Option<Self> {
        Some(match preset.trim() {
            "hour" => Due::InAnHour,
            "today" => Due::Today,
            "tomorrow" => Due::Tomorrow,
            "week" => Due::NextWeek,
            "custom" => Due::Custom(custom.trim().to_owned()),
            _ => return None,
        })
    }
}

/// A task to create, as the task sheet sent it.
pub struct TaskInput {
    pub text: String,
    /// `None`: the form named no known preset.
    pub due: Option<Due>,
    pub task_type: i64,
}

/// When a task is due, in Unix seconds; refused when unknown, past or too far.
pub fn due_time(
    due: Option<&Due>,
    tz: Tz,
    now: chrono::DateTime<Utc>,
    lang: Lang,
) -> Result<i64, ActionOutcome> {
    let local_now = now.with_timezone(&tz);
    let end_of = |days: i64| {
        let date = (local_now + Duration::days(days)).date_naive();
        date.and_hms_opt(23, 59, 0)
            .and_then(|dt| tz.from_local_datetime(&dt).earliest())
            .map(|dt| dt.timestamp())
    };
    let at = match due {
        Some(Due::InAnHour) => Some((now + Duration::hours(1)).timestamp()),
        Some(Due::Today) => end_of(0),
        Some(Due::Tomorrow) => end_of(1),
        Some(Due::NextWeek) => {
            let to_monday = 7 - i64::from(local_now.weekday().num_days_from_monday());
            end_of(to_monday)
        }
        Some(Due::Custom(custom)) => NaiveDateTime::parse_from_str(custom, "%Y-%m-%dT%H:%M")
            .ok()
            .and_then(|dt| tz.from_local_datetime(&dt).earliest())
            .map(|dt| dt.timestamp()),
        None => None,
    };
    let Some(at) = at else {
        return Err(invalid("due", lang.actions().due_missing.to_owned()));
    };
    if at < now.timestamp() - 60 {
        return Err(invalid("due", lang.actions().due_past.to_owned()));
    }
    if at > (now + Duration::days(5 * 366)).timestamp() {
        return Err(invalid("due", lang.actions().due_too_far.to_owned()));
    }
    Ok(at)
}

pub async fn add_task(cx: &ActionCtx<'_>, input: TaskInput) -> ActionOutcome {
    let (amo, s, lang) = (cx.amo, cx.session, cx.lang);
    let task_type_id = input.task_type;
    let text = match text("text", &input.text, TASK_MAX_CHARS, lang) {
        Ok(n) => n,
        Err(o) => return o,
    };
    let meta = match Subject::changeable(amo, s, lang).await {
        Ok(subject) => subject.meta,
        Err(refused) => return refused,
    };
    let tz = format::timezone(meta.account.timezone());
    let due = match due_time(input.due.as_ref(), tz, Utc::now(), lang) {
        Ok(d) => d,
        Err(o) => return o,
    };
    let known = &meta.account.embedded.task_types;
    let type_ok = if known.is_empty() {
        matches!(task_type_id, 1 | 2)
    } else {
        known.iter().any(|t| t.id == task_type_id)
    };
    if !type_ok {
        return invalid("type", lang.actions().task_type_missing.to_owned());
    }
    let claimed = match claim(cx).await {
        Ok(c) => c,
        Err(stop) => return stop,
    };
    let task = NewTask {
        kind: s.entity,
        entity_id: s.entity_id,
        text,
        complete_till: due,
        task_type_id,
        responsible_user_id: s.user_id,
        created_by: s.user_id,
    };
    let result = amo.add_task(s.account_id, &task).await;
    claimed.settle(written(result, lang)).await
}

pub async fn complete_task(cx: &ActionCtx<'_>, task_id: i64, result: &str) -> ActionOutcome {
    let (amo, s, lang) = (cx.amo, cx.session, cx.lang);
    let result = result.trim();
    if result.chars().count() > TASK_MAX_CHARS {
        return invalid("result", lang.actions().result_too_long.to_owned());
    }
    // Only an open task of this very card may be completed from it. Asked by id:
    // a card's open tasks can run past one page of a list.
    let subject = match Subject::load(amo, s, lang, false).await {
        Ok(subject) => subject,
        Err(o) => return o,
    };
    let task = match amo.task(s.account_id, task_id).await {
        Ok(task) => Some(task),
        Err(AmoError::NotFound) => None,
        Err(e) => return failed(&e, lang),
    };
    let of_this_card = task.as_ref().is_some_and(|t| {
        t.entity_type.as_deref() == Some(s.entity.api_name())
            && t.entity_id == Some(s.entity_id)
            && t.is_completed != Some(true)
    });
    if !of_this_card {
        return invalid("task", lang.actions().task_not_open.to_owned());
    }
    // Tasks are seen through their record; completing one is the tasks edit right.
    let responsible = task.and_then(|t| t.responsible_user_id);
    if !subject.access.may(subject.area, Op::View, subject.record)
        || !subject.access.may_edit_task(responsible)
    {
        return no_rights(lang, None);
    }
    let claimed = match claim(cx).await {
        Ok(c) => c,
        Err(stop) => return stop,
    };
    let result = amo.complete_task(s.account_id, task_id, result).await;
    claimed.settle(written(result, lang)).await
}

pub async fn move_status(cx: &ActionCtx<'_>, status_id: i64, confirmed: bool) -> ActionOutcome {
    let (amo, s, lang) = (cx.amo, cx.session, cx.lang);
    if s.entity != EntityKind::Lead {
        return invalid("status", lang.actions().stage_leads_only.to_owned());
    }
    let (meta, access, record, lead) = match Subject::load(amo, s, lang, true).await {
        Ok(Subject {
            meta,
            access,
            record,
            lead: Some(lead),
            ..
        }) => (meta, access, record, lead),
        Ok(_) => return failed(&AmoError::NotFound, lang),
        Err(o) => return o,
    };
    let Some(pipeline) = lead
        .pipeline_id
        .and_then(|p| meta.pipelines.iter().find(|x| x.id == p))
    else {
        return invalid("status", lang.actions().pipeline_missing.to_owned());
    };
    if !status_options(pipeline).iter().any(|o| o.id == status_id) {
        return invalid("status", lang.actions().stage_foreign.to_owned());
    }
    if matches!(status_id, WON | LOST) && !confirmed {
        return invalid("confirm", lang.actions().confirm_close.to_owned());
    }
    if !access.may_move(record, (pipeline.id, status_id)) {
        return no_rights(lang, None);
    }
    if lead.status_id == Some(status_id) {
        return ActionOutcome::Done;
    }
    let claimed = match claim(cx).await {
        Ok(c) => c,
        Err(stop) => return stop,
    };
    let result = amo
        .move_lead(s.account_id, s.entity_id, pipeline.id, status_id, s.user_id)
        .await;
    claimed.settle(written(result, lang)).await
}

/// The longest call the card records; more means the user simply left the app.
const MAX_CALL_SECS: i64 = 4 * 3600;

/// Logs an outgoing call note (and, if asked, a follow-up task) on the card's record.
pub async fn log_call(cx: &ActionCtx<'_>, call: CallForm) -> ActionOutcome {
    let (amo, s, lang) = (cx.amo, cx.session, cx.lang);
    let phone = call.phone.trim();
    if !matches!(format::tel(phone), Link::Tel(_)) {
        return invalid("phone", lang.actions().phone_invalid.to_owned());
    }
    let Some(status) = CallStatus::from_code(call.status) else {
        return invalid("status", lang.actions().call_status_missing.to_owned());
    };
    let comment = call.comment.trim();
    if comment.chars().count() > CALL_COMMENT_MAX_CHARS {
        return invalid(
            "comment",
            fill(
                lang.calls().comment_too_long,
                &[("max", &CALL_COMMENT_MAX_CHARS.to_string())],
            ),
        );
    }
    let meta = match Subject::changeable(amo, s, lang).await {
        Ok(subject) => subject.meta,
        Err(refused) => return refused,
    };
    let follow_up = match call.follow_up.trim() {
        "" | "none" => None,
        preset => {
            let tz = format::timezone(meta.account.timezone());
            // A follow-up is one of the presets: the call sheet has no date field.
            let due = Due::from_form(preset, "").filter(|d| !matches!(d, Due::Custom(_)));
            match due.map(|d| due_time(Some(&d), tz, Utc::now(), lang)) {
                Some(Ok(at)) => Some(at),
                _ => return invalid("follow_up", lang.actions().follow_up_missing.to_owned()),
            }
        }
    };
    let claimed = match claim(cx).await {
        Ok(c) => c,
        Err(stop) => return stop,
    };
    let estimate = lang.actions().duration_estimated.to_owned();
    let result = [lang.call_status(status), comment, &estimate]
        .iter()
        .filter(|p| !p.is_empty())
        .map(|p| p.trim_end_matches('.'))
        .collect::<Vec<_>>()
        .join(". ")
        + ".";
    let note = CallNote {
        uniq: cx.key.to_owned(),
        phone: phone.to_owned(),
        duration: call.duration.clamp(0, MAX_CALL_SECS),
        status: status as i64,
        result,
        created_by: s.user_id,
    };
    let result = amo
        .add_call_note(s.account_id, s.entity, s.entity_id, &note)
        .await;
    // The key follows the call note: once it is saved, a resend must not log
    // the call twice, whatever becomes of the follow-up task.
    let logged = claimed.settle(written(result, lang)).await;
    if logged != ActionOutcome::Done {
        return logged;
    }
    let Some(due) = follow_up else {
        return ActionOutcome::Done;
    };
    // The task is seen by everyone who may see the record, some of whom may
    // not see the contact: it names neither the person nor the number (the
    // call note above it does, under the contact rules).
    let task = NewTask {
        kind: s.entity,
        entity_id: s.entity_id,
        text: lang.calls().call_back_task.to_owned(),
        complete_till: due,
        task_type_id: meta.account.embedded.task_types.first().map_or(1, |t| t.id),
        responsible_user_id: s.user_id,
        created_by: s.user_id,
    };
    match amo.add_task(s.account_id, &task).await {
        Ok(()) => ActionOutcome::Done,
        Err(e) => match failed(&e, lang) {
            ActionOutcome::Failed { problem, message } => ActionOutcome::Failed {
                problem,
                message: fill(lang.calls().logged_without_task, &[("message", &message)]),
            },
            other => other,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_presets_in_the_account_timezone() {
        let tz = format::timezone(Some("Europe/Moscow"));
        // Thursday 2026-01-01 09:00 UTC = 12:00 Moscow.
        let now = Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap();
        let at = |p, c| due_time(Due::from_form(p, c).as_ref(), tz, now, Lang::En).unwrap();
        assert_eq!(at("hour", ""), now.timestamp() + 3600);
        // 23:59 Moscow = 20:59 UTC.
        assert_eq!(
            at("today", ""),
            Utc.with_ymd_and_hms(2026, 1, 1, 20, 59, 0)
                .unwrap()
                .timestamp()
        );
        assert_eq!(
            at("tomorrow", ""),
            Utc.with_ymd_and_hms(2026, 1, 2, 20, 59, 0)
                .unwrap()
                .timestamp()
        );
        // Next Monday.
        assert_eq!(
            at("week", ""),
            Utc.with_ymd_and_hms(2026, 1, 5, 20, 59, 0)
                .unwrap()
                .timestamp()
        );
        assert_eq!(
            at("custom", "2026-01-10T15:30"),
            Utc.with_ymd_and_hms(2026, 1, 10, 12, 30, 0)
                .unwrap()
                .timestamp()
        );
        for (p, c) in [
            ("custom", "2025-12-31T10:00"),
            ("custom", "garbage"),
            ("custom", "2040-01-01T00:00"),
            ("never", ""),
        ] {
            assert!(
                matches!(
                    due_time(Due::from_form(p, c).as_ref(), tz, now, Lang::En),
                    Err(ActionOutcome::Invalid { .. })
                ),
                "{p} {c}"
            );
        }
    }

    #[test]
    fn text_limits() {
        assert!(text("t", "   ", 10, Lang::Ru).is_err());
        assert_eq!(text("t", "  hi ", 10, Lang::Ru).unwrap(), "hi");
        assert!(text("t", &"я".repeat(11), 10, Lang::Ru).is_err());
        assert!(text("t", &"я".repeat(10), 10, Lang::Ru).is_ok());
    }
}
