//! "After the meeting" (#41): the one sheet for the update a salesperson
//! makes walking back from a meeting. Four optional parts, top to bottom:
//! what happened (the keyboard opens here), the stage (chips, with the
//! account's rules: a stage's required fields, the loss reason, the
//! confirmation of a close), the budget (prefilled, numeric keypad), the
//! next step (a task type chip names it; due chips, tomorrow chosen). One
//! Save posts it all to `/api/wrap_up`; a plain form without script.

use leptos::prelude::*;

use crate::components::edit::{control, Target};
use crate::components::forms::{FormAuth, SheetFooter};
use crate::contract::{after, endpoint, field, role, roles, sheet};
use crate::i18n::Lang;
use crate::model::{
    EntityKind, LossReasonOption, StatusKind, StatusOption, TaskTypeOption, WrapStart,
    NOTE_MAX_CHARS, TASK_MAX_CHARS,
};

/// What the sheet offers: the stages only where the user may move the lead.
pub struct WrapChoices {
    pub kind: EntityKind,
    pub statuses: Vec<StatusOption>,
    pub current_status: Option<i64>,
    pub loss_reasons: Vec<LossReasonOption>,
    pub task_types: Vec<TaskTypeOption>,
    pub start: WrapStart,
}

#[component]
pub fn WrapUpForm(csrf: String, lang: Lang, choices: WrapChoices) -> impl IntoView {
    let (w, t) = (lang.wrap(), lang.actions());
    let WrapChoices {
        kind,
        statuses,
        current_status,
        loss_reasons,
        task_types,
        start,
    } = choices;
    let lead = kind == EntityKind::Lead;
    let targets: Vec<StatusOption> = statuses
        .into_iter()
        .filter(|o| Some(o.id) != current_status)
        .collect();
    let closes = targets.iter().any(|o| o.kind != StatusKind::Open);
    // The fields a stage needs that the card can fill, under the chips.
    let needs: Vec<_> = targets
        .iter()
        .flat_map(|o| {
            o.requires.iter().filter_map(move |f| {
                Some((o.name.clone(), f.id, f.name.clone(), f.control.clone()?))
            })
        })
        .collect();
    let stage = (lead && !targets.is_empty()).then(|| {
        view! {
            <fieldset class="presets wrap-stages">
                <legend>{t.stage}</legend>
                <label class="preset">
                    <input type="radio" name="status_id" value="" checked />
                    <span>{w.no_change}</span>
                </label>
                {targets.into_iter().map(|o| {
                    // A stage waiting for the contact's or company's fields
                    // cannot be chosen here; the stage sheet says why.
                    let blocked = !o.elsewhere.is_empty() || o.requires.iter().any(|f| f.control.is_none());
                    view! {
                        <label class="preset stage-chip" data-stage=o.id data-closes=closes_as(o.kind)>
                            <input type="radio" name="status_id" value=o.id disabled=blocked />
                            <span>{o.name}</span>
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            {needs.into_iter().map(|(stage, id, name, c)| {
                // The field, and the stage that asks for it (the account's words both).
                let to = Target { name: field::required(id), many: field::required(id), form: None };
                view! {
                    <label class="field-label wrap-need">
                        <span>{name.clone()}" "<span class="wrap-need-stage">"("{stage}")"</span></span>
                        {control(&c, "", &name, lang, to)}
                    </label>
                }
            }).collect_view()}
            {(!loss_reasons.is_empty()).then(|| view! {
                <label class="field-label wrap-loss">
                    <span>{lang.process().loss_reason}</span>
                    <select name=field::LOSS_REASON>
                        <option value="" selected>{lang.process().choose_reason}</option>
                        {loss_reasons.into_iter().map(|r| view! {
                            <option value=r.id>{r.name}</option>
                        }).collect_view()}
                    </select>
                </label>
            })}
            {closes.then(|| view! {
                <label class="wrap-confirm">
                    <input type="checkbox" name="confirmed" value="true" />
                    <span>{w.confirm_close}</span>
                </label>
            })}
        }
    });
    let amount_label = if lead {
        lang.edit().budget
    } else {
        lang.edit().next_amount
    };
    let dues = [t.tomorrow, w.in_3_days, t.next_week];
    view! {
        <form id="sheet-wrap-up" class="sheet-form wrap-form" data-sheet=sheet::WRAP_UP
            data-done=w.saved method="post" action=endpoint::WRAP_UP hidden
            data-enhance=roles(&[role::SEND, role::PANEL]) data-after=after::REFRESH>
            <FormAuth csrf />
            <input type="hidden" name="seen" value=start.seen />
            <h2 class="sheet-title">{w.open}</h2>
            <textarea name="note" aria-label=w.what_happened placeholder=w.what_happened rows="3"
                maxlength=NOTE_MAX_CHARS.to_string()></textarea>
            {stage}
            <label class="field-label">
                <span>{amount_label}</span>
                <input type="text" name="price" inputmode="decimal" value=start.amount autocomplete="off" />
            </label>
            {start.next_date.map(|d| view! {
                <label class="field-label">
                    <span>{lang.card().next_purchase}</span>
                    <input type="date" name="next_date" value=d />
                </label>
            })}
            <fieldset class="presets wrap-next">
                <legend>{w.next_step}</legend>
                {task_types.into_iter().map(|tt| view! {
                    <label class="preset">
                        <input type="radio" name="task_type" value=tt.id />
                        <span>{tt.name}</span>
                    </label>
                }).collect_view()}
            </fieldset>
            <input type="text" name="task_text" aria-label=t.what_to_do placeholder=t.what_to_do
                maxlength=TASK_MAX_CHARS.to_string() />
            <fieldset class="presets wrap-due">
                <legend>{t.due}</legend>
                {start.dues.into_iter().zip(dues).enumerate().map(|(i, (day, label))| view! {
                    <label class="preset">
                        <input type="radio" name="task_due" value=day checked=i == 0 />
                        <span>{label}</span>
                    </label>
                }).collect_view()}
            </fieldset>
            <SheetFooter save=t.save saving=t.saving cancel=t.cancel />
        </form>
    }
}

/// `data-closes` of a chip that closes the deal: the sheet then asks for the
/// confirmation (and, for lost, the reason), by CSS alone.
fn closes_as(kind: StatusKind) -> Option<&'static str> {
    match kind {
        StatusKind::Won => Some("won"),
        StatusKind::Lost => Some("lost"),
        StatusKind::Open => None,
    }
}
