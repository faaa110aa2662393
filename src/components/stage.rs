//! The stage sheet: the stages of the lead's pipeline, and the account's
//! rules for them. An open stage with nothing to ask is one tap. One that
//! needs lead fields the lead lacks (`data-requires`) opens in place with
//! those fields, each with its edit control; closing the lead (won or lost)
//! asks first, and lost offers the account's loss reasons
//! (`data-loss-reason`). Each of those has its own small form that the
//! controls join through `form=`, so it all works without script.

use leptos::prelude::*;

use crate::components::edit::{control, Target};
use crate::components::forms::FormAuth;
use crate::contract::{endpoint, field, optimistic, role, sheet};
use crate::i18n::{fill, Lang};
use crate::model::{LinkedKind, LossReasonOption, RequiredField, StatusKind, StatusOption};

/// The form id of a stage that asks before it moves.
fn confirm_id(status_id: i64) -> String {
    format!("stage-confirm-{status_id}")
}

/// The CSS class of the status pill for a kind of stage.
pub fn pill_class(kind: StatusKind) -> &'static str {
    match kind {
        StatusKind::Won => "pill pill-won",
        StatusKind::Lost => "pill pill-lost",
        StatusKind::Open => "pill",
    }
}

#[component]
pub fn StatusForm(
    csrf: String,
    lang: Lang,
    statuses: Vec<StatusOption>,
    current_status: Option<i64>,
    loss_reasons: Vec<LossReasonOption>,
) -> impl IntoView {
    let t = lang.actions();
    let pressed = move |id: i64| {
        if current_status == Some(id) {
            "true"
        } else {
            "false"
        }
    };
    // Stages that ask first get a form of their own, outside the one-tap form.
    let asking: Vec<StatusOption> = statuses.iter().filter(|o| asks(o)).cloned().collect();
    view! {
        <div id="sheet-stage" class="sheet-form status-form" data-sheet=sheet::STAGE hidden
            data-enhance=role::PANEL>
            <h2 class="sheet-title">{t.lead_stage}</h2>
            <form class="status-choose" method="post" action=endpoint::MOVE_STATUS data-done=t.stage_changed
                data-enhance=role::SEND data-optimistic=optimistic::STAGE>
                <FormAuth csrf=csrf.clone() />
                <input type="hidden" name="confirmed" value="false" />
                <ul class="group status-list">
                    {statuses.into_iter().map(|o| {
                        let style = format!("--status: {}", o.color);
                        let dot = view! { <span class="pill-dot" aria-hidden="true"></span> };
                        let guide = o.guidance.clone().map(|text| guidance(o.id, text, lang));
                        let described = o.guidance.as_ref().map(|_| guide_id(o.id));
                        if !asks(&o) {
                            let name = o.name.clone();
                            view! {
                                <li class="row stage-row">
                                    <button type="submit" name="status_id" value=o.id class="status-option"
                                        aria-pressed=pressed(o.id) style=style data-status=o.id
                                        data-stage=o.id data-name=name data-pill=pill_class(o.kind)
                                        data-enhance=role::STAGE aria-describedby=described>
                                        {dot}{o.name}
                                    </button>
                                    {guide}
                                </li>
                            }.into_any()
                        } else {
                            view! {
                                <li class="row stage-row">
                                    <details class="status-close">
                                        <summary class="status-option" aria-pressed=pressed(o.id) style=style
                                            data-status=o.id data-stage=o.id data-requires=requires(&o.requires)
                                            data-enhance=role::STAGE aria-describedby=described>
                                            {dot}{o.name.clone()}
                                        </summary>
                                        {guide}
                                        <StageAsks option=o lang loss_reasons=loss_reasons.clone() />
                                    </details>
                                </li>
                            }.into_any()
                        }
                    }).collect_view()}
                </ul>
            </form>
            {asking.into_iter().map(|o| view! {
                <form id=confirm_id(o.id) class="status-confirm" method="post"
                    action=endpoint::MOVE_STATUS data-done=t.stage_changed data-status=o.id
                    data-name=o.name data-pill=pill_class(o.kind)
                    data-enhance=role::SEND data-optimistic=optimistic::STAGE>
                    <FormAuth csrf=csrf.clone() />
                    <input type="hidden" name="status_id" value=o.id />
                    <input type="hidden" name="confirmed" value="true" />
                </form>
            }).collect_view()}
            <p class="field-error" role="alert" data-enhance=role::ERROR></p>
            <a class="link-button" role="button" href="#" data-enhance=role::CLOSE>{t.cancel}</a>
        </div>
    }
}

/// Guidance up to this many characters shows whole; longer folds.
const GUIDE_SHORT: usize = 120;
/// How much of a folded guidance shows before "…".
const GUIDE_START: usize = 80;

fn guide_id(status_id: i64) -> String {
    format!("stage-guide-{status_id}")
}

/// The start of `text`, cut at a word within `max` characters.
fn start_of(text: &str, max: usize) -> &str {
    let cut = text
        .char_indices()
        .nth(max)
        .map_or(text.len(), |(at, _)| at);
    let head = &text[..cut];
    match head.rfind(char::is_whitespace) {
        Some(at) if cut < text.len() && at > 0 => head[..at].trim_end(),
        _ => head,
    }
}

/// What the admin wrote for a stage (`data-guidance`): whole when short,
/// folded to its start when long (a tap unfolds it; no script needed).
fn guidance(status_id: i64, text: String, lang: Lang) -> impl IntoView {
    let id = guide_id(status_id);
    if text.chars().count() <= GUIDE_SHORT {
        return view! { <p class="stage-guide" id=id data-guidance=status_id>{text}</p> }
            .into_any();
    }
    let start = format!("{}…", start_of(&text, GUIDE_START));
    view! {
        <details class="stage-guide" id=id data-guidance=status_id>
            <summary>
                <span class="guide-start">{start}</span>
                <span class="guide-less">{lang.process().guide_less}</span>
            </summary>
            <p>{text}</p>
        </details>
    }
    .into_any()
}

/// Whether a stage opens in place before it moves: it closes the lead,
/// needs lead fields, or waits for the contact's or company's.
fn asks(o: &StatusOption) -> bool {
    o.kind != StatusKind::Open || !o.requires.is_empty() || !o.elsewhere.is_empty()
}

/// `data-requires`: the ids of the lead fields a stage needs, or nothing.
fn requires(fields: &[RequiredField]) -> Option<String> {
    (!fields.is_empty()).then(|| {
        fields
            .iter()
            .map(|f| f.id.to_string())
            .collect::<Vec<_>>()
            .join(",")
    })
}

/// What a stage asks before the move: its required fields (a field the card
/// cannot fill blocks it, named), a loss reason when lost, the confirmation
/// when closing; then the stage's own button.
#[component]
fn StageAsks(
    option: StatusOption,
    lang: Lang,
    loss_reasons: Vec<LossReasonOption>,
) -> impl IntoView {
    let (t, p) = (lang.actions(), lang.process());
    let form = confirm_id(option.id);
    let linked = option.elsewhere.iter().map(|f| {
        let text = match f.of {
            LinkedKind::Contact => p.fill_contact_first,
            LinkedKind::Company => p.fill_company_first,
        };
        fill(text, &[("field", &f.name)])
    });
    let blocked: Vec<String> = option
        .requires
        .iter()
        .filter(|f| f.control.is_none())
        .map(|f| fill(p.fill_in_amocrm, &[("field", &f.name)]))
        .chain(linked)
        .collect();
    let question = match option.kind {
        StatusKind::Won => Some(t.confirm_won),
        StatusKind::Lost => Some(t.confirm_lost),
        StatusKind::Open => None,
    };
    let reasons = (option.kind == StatusKind::Lost && !loss_reasons.is_empty()).then(|| {
        view! {
            <label class="field-label">
                <span>{p.loss_reason}</span>
                // Not `required`: the enhancer keeps a form's Save disabled while
                // a required field inside it is blank, and this select sits inside
                // the one-tap form. The server refuses a lost move without one.
                <select name=field::LOSS_REASON form=form.clone()>
                    <option value="" selected>{p.choose_reason}</option>
                    {loss_reasons.into_iter().map(|r| view! {
                        <option value=r.id data-loss-reason=r.id>{r.name}</option>
                    }).collect_view()}
                </select>
            </label>
        }
    });
    let fields: Vec<RequiredField> = option
        .requires
        .iter()
        .filter(|f| f.control.is_some())
        .cloned()
        .collect();
    let can_move = blocked.is_empty();
    view! {
        {(!option.requires.is_empty() || !option.elsewhere.is_empty()).then(|| view! { <p class="stage-needs">{p.stage_needs}</p> })}
        {fields.into_iter().filter_map(|f| {
            let c = f.control?;
            let to = Target {
                name: field::required(f.id),
                many: field::required(f.id),
                form: Some(form.clone()),
            };
            Some(view! {
                <label class="field-label">
                    <span>{f.name.clone()}</span>
                    {control(&c, "", &f.name, lang, to)}
                </label>
            })
        }).collect_view()}
        {blocked.into_iter().map(|b| view! { <p class="stage-blocked" role="note">{b}</p> }).collect_view()}
        {reasons}
        {question.map(|q| view! { <p class="confirm-question">{q}</p> })}
        {can_move.then(|| view! {
            <button type="submit" form=form.clone() class="button confirm"
                data-enhance=role::KEEP_IN_VIEW>{option.name.clone()}</button>
        })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_requires_lists_the_field_ids() {
        assert_eq!(requires(&[]), None);
        let f = |id| RequiredField {
            id,
            name: String::new(),
            control: None,
        };
        assert_eq!(requires(&[f(114), f(7)]).as_deref(), Some("114,7"));
    }

    #[test]
    fn long_guidance_folds_at_a_word() {
        assert_eq!(start_of("short", 80), "short");
        assert_eq!(start_of("один два три", 7), "один");
        assert_eq!(start_of("одиндватри", 4), "один");
        let long = "слово ".repeat(40);
        let start = start_of(&long, GUIDE_START);
        assert!(start.chars().count() <= GUIDE_START && start.ends_with("слово"));
    }
}
