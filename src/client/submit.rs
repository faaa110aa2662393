//! A form marked `send`, sent in place: the same fields the plain form would
//! post, the server function's JSON answer read by its tag (no serde in the
//! wasm), and the outcome shown where the form is. A failed write keeps what
//! the user typed.
//!
//! The idempotency key (its whole life: `src/server/actions/idempotency.rs`):
//! a send uses the form's current key; only an answer that settles the write
//! (saved, refused, invalid) gives the form a new one. After no answer, or an
//! `uncertain` one, the key stays, so sending again cannot write twice.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, FormData, HtmlElement, HtmlFormElement, UrlSearchParams};

use super::dom::{self, attr, field, one, up};
use super::fetch::post_reply;
use super::sheets;
use crate::contract::{
    after, attr as mark, class, field as name, optimistic, role, ActionOutcome, Answer, AFTER,
    OPTIMISTIC,
};

pub fn send(form: Element, submitter: Option<HtmlElement>) {
    if dom::is_busy(&form) {
        return;
    }
    let Ok(form) = form.dyn_into::<HtmlFormElement>() else {
        return;
    };
    let Some(body) = body(&form, submitter.as_ref()) else {
        return;
    };
    let host = up(&form, role::HOST);
    let error = up(&form, role::PANEL)
        .or_else(|| host.clone())
        .and_then(|scope| one(&scope, role::ERROR));
    dom::set_text(error.clone(), "");
    // The clicked button may sit outside its form (`form=`), as a closing stage's does.
    let mut buttons = dom::select_all(&form, "[type=submit]");
    buttons.extend(submitter.clone().map(Element::from));
    busy(&form, &buttons, true);
    let undo = optimistic(&form, submitter.as_ref());
    let url = attr(&form, "action");
    let ticket = sheets::offer_ticket();
    leptos::task::spawn_local(async move {
        let reply = post_reply(&url, &body).await;
        let next_step = reply.as_ref().is_some_and(|r| r.next_step);
        let answer = reply.map(|r| r.json);
        busy(&form, &buttons, false);
        let (tag, message) = read(answer.as_ref());
        if tag == ActionOutcome::CONFLICT {
            // The record changed in amoCRM: the form now names its current
            // version, so Save again applies the same edit to it.
            let seen = answer
                .as_ref()
                .and_then(|a| js_sys::Reflect::get(a, &ActionOutcome::SEEN.into()).ok())
                .and_then(|v| v.as_f64());
            if let Some(seen) = seen {
                dom::set_value(field(&form, name::SEEN), &(seen as i64).to_string());
            }
        }
        let answer = Answer::from_tag(&tag);
        // Part saved (a wrap-up): the same key again writes only the rest.
        if matches!(answer, Answer::Saved | Answer::Refused) {
            // Settled: the next send from this form is a new write.
            dom::set_value(field(&form, name::KEY), &dom::new_key());
        }
        if answer == Answer::Saved {
            if next_step {
                sheets::offer_next_step(ticket);
            }
            return done(&form, host.as_ref(), &undo);
        }
        undo.roll_back();
        let uncertain = host.as_ref().map(|h| attr(h, mark::UNCERTAIN));
        let text = message.or(uncertain).unwrap_or_default();
        dom::set_text(error, &text);
    });
}

/// The form's fields (and the clicked button's name and value), URL-encoded
/// as the server function decodes them.
fn body(form: &HtmlFormElement, submitter: Option<&HtmlElement>) -> Option<UrlSearchParams> {
    let data = FormData::new_with_form(form).ok()?;
    if let Some(button) = submitter {
        let name = attr(button, "name");
        if !name.is_empty() {
            let _ = data.append_with_str(&name, &dom::value(button));
        }
    }
    UrlSearchParams::new_with_str_sequence_sequence(&data).ok()
}

fn busy(form: &Element, buttons: &[Element], on: bool) {
    dom::set_busy(form, on);
    for button in buttons {
        dom::set_busy(button, on);
    }
    if !on {
        sheets::update_buttons(form);
    }
}

/// What a send showed before its answer came, to take back on failure.
enum Undo {
    Nothing,
    /// The stage pill's text and class before a stage change, and the stage chosen.
    Pill {
        text: String,
        class: String,
        status: String,
    },
    /// A completed task marked done at once.
    Task(Element),
}

impl Undo {
    fn roll_back(&self) {
        match self {
            Undo::Nothing => {}
            Undo::Pill { text, class, .. } => set_pill(text, class),
            Undo::Task(task) => {
                let _ = task.class_list().remove_1(class::DONE);
            }
        }
    }
}

/// Shows at once what the form's `data-optimistic` mark names.
fn optimistic(form: &Element, submitter: Option<&HtmlElement>) -> Undo {
    match attr(form, OPTIMISTIC).as_str() {
        optimistic::COMPLETE => {
            let Some(task) = up(form, role::HOST) else {
                return Undo::Nothing;
            };
            let _ = task.class_list().add_1(class::DONE);
            Undo::Task(task)
        }
        optimistic::STAGE => {
            // An open stage's button names the stage; a closing stage's form does.
            let source: &Element = match submitter {
                Some(b) if b.has_attribute(mark::STATUS) => b,
                _ => form,
            };
            let Some(pill) = dom::in_document(role::PILL) else {
                return Undo::Nothing;
            };
            let undo = Undo::Pill {
                text: pill.text_content().unwrap_or_default(),
                class: pill.class_name(),
                status: attr(source, mark::STATUS),
            };
            set_pill(
                &attr(source, mark::STAGE_NAME),
                &attr(source, mark::STAGE_PILL),
            );
            undo
        }
        _ => Undo::Nothing,
    }
}

fn set_pill(text: &str, class: &str) {
    if let Some(pill) = dom::in_document(role::PILL) {
        pill.set_text_content(Some(text));
        pill.set_class_name(class);
    }
}

fn done(form: &HtmlFormElement, host: Option<&Element>, undo: &Undo) {
    sheets::reset(form);
    let Some(host) = host else {
        return;
    };
    if let Undo::Pill { status, .. } = undo {
        for option in dom::all(host, role::STAGE) {
            let pressed = attr(&option, mark::STATUS) == *status;
            let _ = option.set_attribute("aria-pressed", if pressed { "true" } else { "false" });
        }
    }
    sheets::close_sheet(host);
    let done = attr(form, mark::DONE);
    if attr(form, AFTER) == after::REFRESH {
        // The card comes back with the value amoCRM now holds.
        return super::load::refresh_saying(Some(done));
    }
    dom::set_text(one(host, role::TOAST), &done);
}

/// An [`ActionOutcome`]'s tag and message, read from its pinned wire shape.
fn read(answer: Option<&JsValue>) -> (String, Option<String>) {
    let get = |key: &str| {
        answer
            .and_then(|a| js_sys::Reflect::get(a, &key.into()).ok())
            .and_then(|v| v.as_string())
    };
    (
        get(ActionOutcome::TAG).unwrap_or_default(),
        get(ActionOutcome::MESSAGE),
    )
}
