//! Creates a task on the card's record, due at one of the sheet's presets or
//! a chosen time in the account's timezone; responsible: the acting user.

use chrono::{Datelike, Duration, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::contract::ActionOutcome;
use crate::i18n::Lang;
use crate::model::TASK_MAX_CHARS;
use crate::server::amo::client::AccountMeta;
use crate::server::amo::writes::NewTask;
use crate::server::auth::session::CardSession;
use crate::server::card::format;

use super::context::{invalid, text, written, ActionCtx, Step};
use super::idempotency::claim;
use super::subject::Subject;

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
pub fn due_time(due: Option<&Due>, tz: Tz, now: chrono::DateTime<Utc>, lang: Lang) -> Step<i64> {
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
    let t = lang.actions();
    let at = at.ok_or_else(|| invalid("due", t.due_missing))?;
    if at < now.timestamp() - 60 {
        return Err(invalid("due", t.due_past));
    }
    if at > (now + Duration::days(5 * 366)).timestamp() {
        return Err(invalid("due", t.due_too_far));
    }
    Ok(at)
}

/// Whether `id` is one of the account's task types (amoCRM's two built-in
/// ones, 1 and 2, when the account lists none).
pub(super) fn task_type_ok(meta: &AccountMeta, id: i64) -> bool {
    let known = &meta.account.embedded.task_types;
    if known.is_empty() {
        matches!(id, 1 | 2)
    } else {
        known.iter().any(|t| t.id == id)
    }
}

/// A task on the session's record, the acting user's to do and by them.
pub(super) fn new_task(s: &CardSession, text: String, due: i64, task_type_id: i64) -> NewTask {
    NewTask {
        kind: s.entity,
        entity_id: s.entity_id,
        text,
        complete_till: due,
        task_type_id,
        responsible_user_id: s.user_id,
        created_by: s.user_id,
    }
}

pub async fn add_task(cx: &ActionCtx, input: TaskInput) -> Step<ActionOutcome> {
    let (s, lang) = (&cx.session, cx.lang);
    let task_type_id = input.task_type;
    let text = text("text", &input.text, TASK_MAX_CHARS, lang)?;
    let meta = Subject::changeable(cx).await?.meta;
    let tz = format::timezone(meta.account.timezone());
    let due = due_time(input.due.as_ref(), tz, Utc::now(), lang)?;
    if !task_type_ok(&meta, task_type_id) {
        return Err(invalid("type", lang.actions().task_type_missing));
    }
    let claimed = claim(cx).await?;
    let task = new_task(s, text, due, task_type_id);
    let result = cx.amo.add_task(s.account_id, &task).await;
    Ok(claimed.settle(written(result, lang)).await)
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
        let utc = |d, h, m| {
            Utc.with_ymd_and_hms(2026, 1, d, h, m, 0)
                .unwrap()
                .timestamp()
        };
        assert_eq!(at("hour", ""), now.timestamp() + 3600);
        // 23:59 Moscow = 20:59 UTC.
        assert_eq!(at("today", ""), utc(1, 20, 59));
        assert_eq!(at("tomorrow", ""), utc(2, 20, 59));
        // Next Monday.
        assert_eq!(at("week", ""), utc(5, 20, 59));
        assert_eq!(at("custom", "2026-01-10T15:30"), utc(10, 12, 30));
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
}
