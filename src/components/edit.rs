//! A row the user may change (#29): its value opens a sheet with the control
//! the field's type needs (the numeric keypad for money, the native date
//! picker, a list of options) and Save/Cancel. Like the quick actions it is a
//! plain form: without script the sheet opens as the page's `#target` and the
//! server redirects back with a notice; with the wasm it goes in place, the
//! sheet stays above the keyboard, and the card reloads once amoCRM confirmed
//! the change (`data-after="refresh"`), so the row shows amoCRM's value.

use leptos::prelude::*;

use crate::components::forms::{FormAuth, SheetFooter};
use crate::contract::{after, endpoint, field, role, roles};
use crate::i18n::{fill, Lang};
use crate::model::{Choice, Control, EditSpec, Row};

/// Where a control's value goes: its input name (and a multiselect's) and,
/// for a control outside its form, the form's id.
pub(crate) struct Target {
    pub name: String,
    pub many: String,
    pub form: Option<String>,
}

impl Target {
    /// `value` (and `choices[]`) of the form it sits in, as `/api/edit_field` takes it.
    fn edit() -> Self {
        Self {
            name: field::VALUE.to_owned(),
            many: field::CHOICES.to_owned(),
            form: None,
        }
    }
}

/// The control of one field, named as `to` says (for an edit sheet `value`,
/// a multiselect's options `choices[]`, which the server joins).
pub(crate) fn control(c: &Control, value: &str, label: &str, lang: Lang, to: Target) -> AnyView {
    let value = value.to_owned();
    let label = label.to_owned();
    let max = c.max_chars().map(|m| m.to_string());
    let Target { name, many, form } = to;
    match c {
        Control::Money => view! {
            <input type="text" name=name form=form value=value aria-label=label required
                inputmode="numeric" pattern="[0-9 ]*" autocomplete="off" class="num" />
        }
        .into_any(),
        Control::Number => view! {
            <input type="text" name=name form=form value=value aria-label=label
                inputmode="decimal" autocomplete="off" class="num" />
        }
        .into_any(),
        Control::Text => view! {
            <input type="text" name=name form=form value=value aria-label=label maxlength=max />
        }
        .into_any(),
        Control::Url => view! {
            <input type="url" name=name form=form value=value aria-label=label maxlength=max
                inputmode="url" autocomplete="off" />
        }
        .into_any(),
        Control::Textarea => view! {
            <textarea name=name form=form aria-label=label rows="4" maxlength=max>{value}</textarea>
        }
        .into_any(),
        Control::Date => view! {
            <input type="date" name=name form=form value=value aria-label=label />
        }
        .into_any(),
        Control::DateTime => view! {
            <input type="datetime-local" name=name form=form value=value aria-label=label />
        }
        .into_any(),
        Control::Checkbox => {
            let t = lang.card();
            let on = value == "true";
            let options = [("true", t.yes, on), ("false", t.no, !on)];
            let options = options.map(|(v, l, c)| (v.to_owned(), l.to_owned(), c));
            choice_list(&label, "radio", name, form, options.to_vec())
        }
        Control::One(choices) => choice_list(&label, "radio", name, form, picked(choices, &value)),
        Control::Many(choices) => {
            choice_list(&label, "checkbox", many, form, picked(choices, &value))
        }
    }
}

/// The options with whether each is the current value (`1,3` for several).
fn picked(choices: &[Choice], value: &str) -> Vec<(String, String, bool)> {
    let chosen: Vec<&str> = value.split(',').map(str::trim).collect();
    choices
        .iter()
        .map(|c| {
            let id = c.id.to_string();
            let on = chosen.contains(&id.as_str());
            (id, c.label.clone(), on)
        })
        .collect()
}

fn choice_list(
    legend: &str,
    kind: &'static str,
    name: String,
    form: Option<String>,
    options: Vec<(String, String, bool)>,
) -> AnyView {
    view! {
        <fieldset class="choices">
            <legend class="visually-hidden">{legend.to_owned()}</legend>
            {options.into_iter().map(|(value, label, on)| view! {
                <label class="choice">
                    <input type=kind name=name.clone() form=form.clone() value=value checked=on />
                    <span>{label}</span>
                </label>
            }).collect_view()}
        </fieldset>
    }
    .into_any()
}

/// A row with its edit sheet; `class` is the value's (tabular digits or not).
#[component]
pub fn EditableRow(
    row: Row,
    spec: EditSpec,
    csrf: String,
    lang: Lang,
    class: &'static str,
) -> impl IntoView {
    let t = lang.actions();
    let code = spec.field.code();
    let sheet = format!("edit-{code}");
    let title_id = format!("{sheet}-title");
    let open_label = format!(
        "{}: {}",
        fill(lang.edit().edit_field, &[("field", &row.label)]),
        row.value
    );
    let (field_code, labelled_by) = (code.clone(), title_id.clone());
    view! {
        <li class="row editable" data-field-id=row.field_id data-editable=field_code
            data-uncertain=t.write_uncertain data-enhance=role::HOST>
            <span class="row-label">{row.label.clone()}</span>
            <a class=format!("{class} edit-open") role="button" href=format!("#{sheet}") data-sheet=sheet.clone()
                aria-label=open_label data-enhance=role::OPEN_SHEET>
                {row.value}
                <span class="edit-mark" aria-hidden="true">"›"</span>
            </a>
            <a class="sheet-backdrop" href="#" tabindex="-1" aria-hidden="true" data-enhance=role::CLOSE></a>
            <div class="sheet" role="dialog" aria-modal="true" aria-labelledby=labelled_by hidden
                data-enhance=role::SHEET>
                <form id=sheet.clone() class="sheet-form edit-form" data-sheet=sheet method="post"
                    action=endpoint::EDIT_FIELD data-done=lang.edit().saved hidden
                    data-enhance=roles(&[role::SEND, role::PANEL]) data-after=after::REFRESH>
                    <FormAuth csrf />
                    <input type="hidden" name=field::FIELD value=code />
                    <input type="hidden" name=field::SEEN value=spec.seen />
                    <h2 class="sheet-title" id=title_id>{row.label.clone()}</h2>
                    {control(&spec.control, &spec.value, &row.label, lang, Target::edit())}
                    <SheetFooter save=t.save saving=t.saving cancel=t.cancel />
                </form>
            </div>
        </li>
    }
}
