//! The update after a meeting (#41): one submission with up to four parts
//! (what happened, the stage, the budget, the next step) and at most three
//! writes, in this order: the record's update (stage with its required
//! fields and loss reason, budget; a customer's next purchase) as one PATCH,
//! the note, the task. Every part is read and checked before the first
//! write: one that fails, or a record changed in amoCRM since the card
//! showed it (`seen`), stops the whole submission with nothing written.
//! Each write claims its own idempotency key (`<key>-lead|note|task`), so
//! the same key sent again writes only the parts not yet confirmed; the
//! answer names what was saved, what was not and why, and what may have
//! been saved.

use std::collections::BTreeMap;

use chrono::{NaiveDate, Utc};

use crate::contract::ActionOutcome;
use crate::i18n::{fill, Lang};
use crate::model::{EditField, EntityKind, NOTE_MAX_CHARS, TASK_MAX_CHARS};
use crate::server::amo::record_edit::RecordPatch;
use crate::server::amo::AmoError;
use crate::server::card::format;
use crate::server::card::rights::Op;
use crate::server::edit;

use super::context::{failed, invalid, no_rights, text, written, ActionCtx, Step};
use super::edit::value_message;
use super::idempotency::claim_part;
use super::stage::{plan, Move, MoveForm};
use super::subject::Subject;
use super::task::{due_time, new_task, Due};

/// `/api/wrap_up` as posted; every part optional, at least one given.
pub struct WrapForm<'a> {
    pub note: &'a str,
    pub status_id: &'a str,
    pub confirmed: &'a str,
    pub loss_reason: &'a str,
    pub price: &'a str,
    pub next_date: &'a str,
    pub task_text: &'a str,
    pub task_due: &'a str,
    pub task_type: &'a str,
    pub seen: &'a str,
    /// The rest of the form: `cf_<field id>` values for the stage.
    pub values: &'a BTreeMap<String, String>,
}

/// The parts that write, in the order they are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    Record,
    Note,
    Task,
}

impl Part {
    fn code(self) -> &'static str {
        match self {
            Part::Record => "lead",
            Part::Note => "note",
            Part::Task => "task",
        }
    }

    /// The `kind` label of the quick-actions counter for this part.
    fn label(self) -> &'static str {
        match self {
            Part::Record => "wrap-up-record",
            Part::Note => "wrap-up-note",
            Part::Task => "wrap-up-task",
        }
    }

    fn name(self, kind: EntityKind, lang: Lang) -> &'static str {
        let w = lang.wrap();
        match (self, kind) {
            (Part::Record, EntityKind::Lead) => w.part_lead,
            (Part::Record, EntityKind::Customer) => w.part_customer,
            (Part::Note, _) => w.part_note,
            (Part::Task, _) => w.part_task,
        }
    }
}

/// A date-only due (`YYYY-MM-DD`) is the end of that day, as amoCRM's
/// all-day tasks are; `YYYY-MM-DDTHH:MM` is that minute; empty: tomorrow.
fn due_of(raw: &str) -> Option<Due> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Some(Due::Tomorrow);
    }
    if NaiveDate::parse_from_str(raw, "%Y-%m-%d").is_ok() {
        return Some(Due::Custom(format!("{raw}T23:59")));
    }
    Some(Due::Custom(raw.to_owned()))
}

pub async fn wrap_up(cx: &ActionCtx, form: &WrapForm<'_>) -> Step<ActionOutcome> {
    let (amo, s, lang) = (&cx.amo, &cx.session, cx.lang);
    let (w, t) = (lang.wrap(), lang.actions());
    let lead = s.entity == EntityKind::Lead;

    // Every part read and checked first; nothing written until all pass.
    let note = match form.note.trim() {
        "" => None,
        raw => Some(text("note", raw, NOTE_MAX_CHARS, lang)?),
    };
    let asked = match form.status_id.trim() {
        "" => None,
        _ if !lead => return Err(invalid("status", t.stage_leads_only)),
        _ => Some(Move::parse(
            &MoveForm {
                status_id: form.status_id,
                confirmed: form.confirmed,
                loss_reason: form.loss_reason,
                values: form.values,
            },
            lang,
        )?),
    };
    if asked.is_none() && !form.loss_reason.trim().is_empty() {
        return Err(invalid("loss_reason", lang.process().loss_reason_not_lost));
    }
    let meta = amo.meta(s.account_id).await.map_err(|e| failed(&e, lang))?;
    let tz = format::timezone(meta.account.timezone());
    let amount_field = if lead {
        EditField::Price
    } else {
        EditField::NextPrice
    };
    let parse = |field: EditField, name: &str, raw: &str| -> Step<Option<RecordPatch>> {
        if raw.trim().is_empty() {
            return Ok(None);
        }
        let control = edit::record_control(field).ok_or_else(|| invalid(name, w.empty))?;
        let parsed = edit::value::parse(&control, raw, tz)
            .map_err(|e| invalid(name, value_message(e, lang)))?;
        Ok(edit::patch(field, &parsed, s.user_id))
    };
    let price = parse(amount_field, "price", form.price)?;
    let next_date = match (lead, form.next_date.trim()) {
        (_, "") => None,
        (true, _) => return Err(invalid("next_date", lang.edit().not_editable)),
        (false, raw) => parse(EditField::NextDate, "next_date", raw)?,
    };
    let task_type = match form.task_type.trim() {
        "" => None,
        raw => Some(
            raw.parse::<i64>()
                .ok()
                .filter(|id| {
                    meta.account
                        .embedded
                        .task_types
                        .iter()
                        .any(|tt| tt.id == *id)
                })
                .ok_or_else(|| invalid("task_type", t.task_type_missing))?,
        ),
    };
    let task = match (form.task_text.trim(), task_type) {
        ("", None) => None,
        (raw, _) => {
            // Only a type chosen: the task says what the type is ("Call").
            let named = task_type
                .and_then(|id| {
                    meta.account
                        .embedded
                        .task_types
                        .iter()
                        .find(|tt| tt.id == id)
                })
                .map(|tt| tt.name.clone())
                .unwrap_or_default();
            let words = if raw.is_empty() { named.as_str() } else { raw };
            let text = text("task_text", words, TASK_MAX_CHARS, lang)?;
            let due = due_time(due_of(form.task_due).as_ref(), tz, Utc::now(), lang)
                .map_err(|_| invalid("task_due", t.due_past))?;
            Some((text, due, task_type.unwrap_or(1)))
        }
    };
    let touches_record = asked.is_some() || price.is_some() || next_date.is_some();
    if note.is_none() && task.is_none() && !touches_record {
        return Err(invalid("note", w.empty));
    }
    let seen = match touches_record {
        true => Some(
            form.seen
                .trim()
                .parse::<i64>()
                .ok()
                .filter(|v| *v >= 0)
                .ok_or_else(|| invalid("seen", lang.edit().stale_card))?,
        ),
        false => None,
    };

    // The record and the user's rights as they are now; a part the user may
    // not do refuses the whole submission (the sheet offers only what they may).
    let subject = Subject::load(cx, true).await?;
    if !(subject.may(Op::View) && subject.may(Op::Edit)) {
        return Err(no_rights(lang, None));
    }
    let mut patch = match &asked {
        Some(asked) => plan(cx, &subject, asked, form.values).await?,
        None => None,
    };
    let (current_price, current_next, updated_at) = match (subject.lead(), subject.customer()) {
        (Some(l), _) => (l.price, None, l.updated_at),
        (_, Some(c)) => (c.next_price, c.next_date, c.updated_at),
        _ => return Err(failed(&AmoError::NotFound, lang)),
    };
    // A budget sent as it already is (the sheet comes prefilled) is no change.
    let same = |new: Option<i64>, now: Option<f64>| new.is_some_and(|n| now == Some(n as f64));
    for part in [price, next_date].into_iter().flatten() {
        if same(part.price, current_price) || same(part.next_price, current_price) {
            continue;
        }
        // A date is the same day as the card wrote it, whatever its time.
        let day = |unix: Option<i64>| edit::start::record_date_code(unix, tz);
        if part.next_date.is_some() && day(part.next_date) == day(current_next) {
            continue;
        }
        let p = patch.get_or_insert_with(|| RecordPatch::by(s.user_id));
        p.price = part.price.or(p.price);
        p.next_price = part.next_price.or(p.next_price);
        p.next_date = part.next_date.or(p.next_date);
    }
    if let (Some(seen), Some(_)) = (seen, &patch) {
        if updated_at.unwrap_or(0) != seen {
            return Err(ActionOutcome::Conflict {
                message: w.changed.to_owned(),
                seen: updated_at.unwrap_or(0),
            });
        }
    }

    // The writes, each under its own key; a write not yet started is only
    // run once its key is claimed.
    let mut results: Vec<(Part, ActionOutcome)> = Vec::new();
    if let Some(patch) = &patch {
        let write = amo.update_record(s.account_id, s.entity, s.entity_id, patch);
        results.push(write_part(cx, Part::Record, write).await);
    }
    if let Some(note) = &note {
        let write = amo.add_note(s.account_id, s.entity, s.entity_id, note, s.user_id);
        results.push(write_part(cx, Part::Note, write).await);
    }
    if let Some((text, due, task_type_id)) = task {
        let new = new_task(s, text, due, task_type_id);
        let write = amo.add_task(s.account_id, &new);
        results.push(write_part(cx, Part::Task, write).await);
    }
    for (part, outcome) in &results {
        cx.metrics
            .action(part.label(), super::metric_label(outcome));
    }
    Ok(answer(&results, s.entity, lang))
}

/// Claims `part`'s key, then runs `write` under it; a key already seen
/// answers for the part without a write (saved, or maybe saved).
async fn write_part(
    cx: &ActionCtx,
    part: Part,
    write: impl std::future::Future<Output = Result<(), AmoError>>,
) -> (Part, ActionOutcome) {
    let outcome = match claim_part(cx, part.code()).await {
        Ok(claimed) => claimed.settle(written(write.await, cx.lang)).await,
        Err(stop) => stop,
    };
    (part, outcome)
}

/// One answer for the parts: done when all were saved (now or before),
/// else what was saved, what was not and why, and what may have been.
fn answer(results: &[(Part, ActionOutcome)], kind: EntityKind, lang: Lang) -> ActionOutcome {
    let saved = |o: &ActionOutcome| matches!(o, ActionOutcome::Done | ActionOutcome::Duplicate);
    if results.iter().all(|(_, o)| saved(o)) {
        return ActionOutcome::Done;
    }
    if results.iter().all(|(_, o)| !saved(o)) {
        if let [(_, only)] = results {
            return only.clone();
        }
    }
    let w = lang.wrap();
    let names = |keep: &dyn Fn(&ActionOutcome) -> bool| -> Vec<&str> {
        results
            .iter()
            .filter(|(_, o)| keep(o))
            .map(|(p, _)| p.name(kind, lang))
            .collect()
    };
    let mut said = Vec::new();
    let done = names(&saved);
    if !done.is_empty() {
        said.push(fill(w.saved_parts, &[("parts", &done.join(", "))]));
    }
    for (part, outcome) in results {
        let why = match outcome {
            ActionOutcome::Failed { message, .. }
            | ActionOutcome::Invalid { message, .. }
            | ActionOutcome::Conflict { message, .. }
            | ActionOutcome::Partial { message } => message.clone(),
            _ => continue,
        };
        let part = part.name(kind, lang);
        said.push(fill(w.not_saved, &[("parts", part), ("why", &why)]));
    }
    let unsure = names(&|o| *o == ActionOutcome::Uncertain);
    if !unsure.is_empty() {
        said.push(fill(w.maybe_saved, &[("parts", &unsure.join(", "))]));
    }
    ActionOutcome::Partial {
        message: said.join(" "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_answer_names_each_part_by_what_became_of_it() {
        let busy = ActionOutcome::Failed {
            problem: crate::model::CardProblem::RateLimited,
            message: "amoCRM is busy, try again".into(),
        };
        let lead = EntityKind::Lead;
        let all = [
            (Part::Record, ActionOutcome::Done),
            (Part::Note, ActionOutcome::Duplicate),
        ];
        assert_eq!(answer(&all, lead, Lang::En), ActionOutcome::Done);
        let mixed = [
            (Part::Record, busy.clone()),
            (Part::Note, ActionOutcome::Done),
            (Part::Task, ActionOutcome::Done),
        ];
        assert_eq!(
            answer(&mixed, lead, Lang::En),
            ActionOutcome::Partial {
                message:
                    "Saved: note, task. Not saved: stage and budget — amoCRM is busy, try again"
                        .into()
            }
        );
        let unsure = [
            (Part::Note, ActionOutcome::Done),
            (Part::Task, ActionOutcome::Uncertain),
        ];
        match answer(&unsure, lead, Lang::En) {
            ActionOutcome::Partial { message } => {
                assert!(message.contains("May have been saved: task"), "{message}")
            }
            other => panic!("{other:?}"),
        }
        // One part, refused: its own answer.
        assert_eq!(answer(&[(Part::Task, busy.clone())], lead, Lang::En), busy);
        assert!(due_of("2026-12-09") == Some(Due::Custom("2026-12-09T23:59".into())));
        assert_eq!(due_of(""), Some(Due::Tomorrow));
    }
}
