//! Quick actions: add a note, create a task, move the lead, complete a task.
//! Server-rendered forms that post to the server functions and work without
//! JavaScript (a sheet opens as the page's `#target`, the server redirects back
//! to the card). Once the wasm arrives, the card's island (`controls`) sends
//! them in place: busy buttons, errors that keep what was typed, a toast.

use leptos::prelude::*;

use crate::components::forms::{FormAuth, SheetFooter};
use crate::components::stage::StatusForm;
use crate::components::wrap_up::{WrapChoices, WrapUpForm};
use crate::contract::{endpoint, optimistic, role, roles, sheet};
use crate::i18n::Lang;
use crate::model::{ActionChoices, Allowed, EntityKind, NOTE_MAX_CHARS, TASK_MAX_CHARS};

#[component]
pub fn QuickActions(
    csrf: String,
    lang: Lang,
    kind: EntityKind,
    choices: ActionChoices,
    allowed: Allowed,
) -> impl IntoView {
    let t = lang.actions();
    let can_move = allowed.stage && kind == EntityKind::Lead && !choices.statuses.is_empty();
    let ActionChoices {
        statuses,
        current_status,
        task_types,
        loss_reasons,
        wrap,
    } = choices;
    // The after-meeting update needs the record's edit rights (note, task, budget).
    let wrap_up = allowed.note && allowed.task;
    let wrap_choices = WrapChoices {
        kind,
        statuses: if can_move {
            statuses.clone()
        } else {
            Vec::new()
        },
        current_status,
        loss_reasons: loss_reasons.clone(),
        task_types: task_types.clone(),
        start: wrap,
    };
    // An open deal the user may plan tasks on can be offered the next step.
    let closed = statuses
        .iter()
        .any(|o| Some(o.id) == current_status && o.kind != crate::model::StatusKind::Open);
    let offers = kind == EntityKind::Lead && allowed.task && !closed;
    let button = |sheet: &'static str, label: &'static str| {
        view! {
            <a class="action" role="button" href=format!("#sheet-{sheet}") data-sheet=sheet
                data-enhance=role::OPEN_SHEET>{label}</a>
        }
    };
    view! {
        <div class="quick-actions" data-uncertain=t.write_uncertain data-enhance=role::HOST>
            {wrap_up.then(|| view! {
                <a class="action wrap-up-open" role="button" href=format!("#sheet-{}", sheet::WRAP_UP)
                    data-sheet=sheet::WRAP_UP data-wrap-up data-enhance=role::OPEN_SHEET>{lang.wrap().open}</a>
            })}
            <div class="action-bar" role="toolbar">
                {allowed.note.then(|| button(sheet::NOTE, t.note))}
                {allowed.task.then(|| button(sheet::TASK, t.task))}
                {can_move.then(|| button(sheet::STAGE, t.stage))}
            </div>
            <p class="toast" role="status" data-enhance=role::TOAST></p>
            {offers.then(|| view! { <NextStepOffer lang /> })}
            <a class="sheet-backdrop" href="#" tabindex="-1" aria-hidden="true" data-enhance=role::CLOSE></a>
            <div class="sheet" role="dialog" aria-modal="true" hidden data-enhance=role::SHEET>
                {wrap_up.then(|| view! { <WrapUpForm csrf=csrf.clone() lang choices=wrap_choices /> })}
                {allowed.note.then(|| view! { <NoteForm csrf=csrf.clone() lang /> })}
                {allowed.task.then(|| view! { <TaskForm csrf=csrf.clone() lang task_types /> })}
                {can_move.then(|| view! { <StatusForm csrf=csrf.clone() lang statuses current_status loss_reasons /> })}
            </div>
        </div>
    }
}

#[component]
fn NoteForm(csrf: String, lang: Lang) -> impl IntoView {
    let t = lang.actions();
    view! {
        <form id="sheet-note" class="sheet-form note-form" data-sheet=sheet::NOTE data-done=t.note_added
            method="post" action=endpoint::ADD_NOTE hidden data-enhance=roles(&[role::SEND, role::PANEL])>
            <FormAuth csrf />
            <h2 class="sheet-title">{t.new_note}</h2>
            <textarea name="text" aria-label=t.note_text rows="5" required data-enhance=role::COUNTED
                maxlength=NOTE_MAX_CHARS.to_string()></textarea>
            <p class="counter num" data-max=NOTE_MAX_CHARS data-enhance=role::COUNTER>{format!("0 / {NOTE_MAX_CHARS}")}</p>
            <SheetFooter save=t.save saving=t.saving cancel=t.cancel />
        </form>
    }
}

#[component]
fn TaskForm(
    csrf: String,
    lang: Lang,
    task_types: Vec<crate::model::TaskTypeOption>,
) -> impl IntoView {
    let t = lang.actions();
    let presets = [
        ("hour", t.in_1_hour),
        ("today", t.today),
        ("tomorrow", t.tomorrow),
        ("week", t.next_week),
        ("custom", t.custom_date),
    ];
    view! {
        <form id="sheet-task" class="sheet-form task-form" data-sheet=sheet::TASK data-done=t.task_created
            method="post" action=endpoint::ADD_TASK hidden data-enhance=roles(&[role::SEND, role::PANEL])>
            <FormAuth csrf />
            <h2 class="sheet-title">{t.new_task}</h2>
            <input type="text" name="text" aria-label=t.what_to_do required
                maxlength=TASK_MAX_CHARS.to_string() placeholder=t.what_to_do />
            <fieldset class="presets">
                <legend>{t.due}</legend>
                {presets.into_iter().map(|(value, label)| view! {
                    <label class="preset">
                        <input type="radio" name="due" value=value checked=value == "tomorrow" />
                        <span>{label}</span>
                    </label>
                }).collect_view()}
            </fieldset>
            // Shown by CSS while "Date…" is checked: no script needed.
            <input type="datetime-local" name="custom_due" class="custom-due" aria-label=t.due />
            <select name="task_type" aria-label=t.task_type>
                {task_types.into_iter().enumerate().map(|(i, tt)| view! {
                    <option value=tt.id selected=i == 0>{tt.name}</option>
                }).collect_view()}
            </select>
            <SheetFooter save=t.save saving=t.saving cancel=t.cancel />
        </form>
    }
}

/// "Complete" on an open task: a `<details>` with the result field. The island
/// hides the task at once and brings it back if amoCRM refuses.
#[component]
pub fn CompleteTask(csrf: String, lang: Lang, task_id: i64) -> impl IntoView {
    let t = lang.actions();
    view! {
        <details class="complete-task" data-uncertain=t.write_uncertain data-enhance=role::HOST>
            <summary class="link-button complete-open">{t.complete}</summary>
            <form class="complete-form" method="post" action=endpoint::COMPLETE_TASK
                data-enhance=role::SEND data-optimistic=optimistic::COMPLETE>
                <FormAuth csrf />
                <input type="hidden" name="task_id" value=task_id />
                <input type="text" name="result" aria-label=t.result
                    maxlength=TASK_MAX_CHARS.to_string() placeholder=t.result_optional />
                <button type="submit" class="button primary">{t.done}</button>
            </form>
            <p class="field-error" role="alert" data-enhance=role::ERROR></p>
        </details>
    }
}

/// "No open task left: plan the next step?" Hidden until an action earns it:
/// the island shows it when a send answers with `NEXT_STEP_HEADER`, a form
/// sent without script comes back with it shown (the notice says so, once).
/// Plan opens the task sheet (due tomorrow, preset); Not now hides it, with
/// or without script (`:target` of the empty anchor before it).
#[component]
fn NextStepOffer(lang: Lang) -> impl IntoView {
    let p = lang.process();
    let shown = use_context::<crate::page::PageContext>().is_some_and(|c| c.next_step);
    view! {
        <span id="next-step-off"></span>
        <div class="next-step" role="status" hidden=!shown data-next-step data-enhance=role::OFFER>
            <p class="next-step-text">{p.next_step_offer}</p>
            <div class="sheet-buttons">
                <a class="link-button" role="button" href="#next-step-off" data-enhance=role::DISMISS>{p.not_now}</a>
                <a class="button primary" role="button" href=format!("#sheet-{}", sheet::TASK) data-sheet=sheet::TASK
                    data-enhance=role::OPEN_SHEET>{p.plan_next_step}</a>
            </div>
        </div>
    }
}
