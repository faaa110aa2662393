//! A quick-action form sent in place: the same fields the plain form would
//! post, with a fresh idempotency key, the server function's JSON answer read
//! without serde (the wasm stays small), and the outcome shown where the form
//! is. A failed write keeps what the user typed.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, Event, FormData, HtmlFormElement, SubmitEvent, UrlSearchParams};

use super::dom::{self, attr, closest, find, find_all, find_in_document};
use super::sheets;

/// Forms posting to a server function are the island's.
pub fn takes(form: &Element) -> bool {
    form.tag_name() == "FORM" && attr(form, "action").starts_with("/api/")
}

pub fn send(form: Element, ev: Event) {
    if dom::is_busy(&form) {
        return;
    }
    let Ok(form) = form.dyn_into::<HtmlFormElement>() else {
        return;
    };
    let submitter = ev.dyn_ref::<SubmitEvent>().and_then(SubmitEvent::submitter);
    dom::set_value(find(&form, "input[name=key]"), &dom::new_key());
    let Some(body) = body(&form, submitter.as_ref()) else {
        return;
    };
    let root = closest(&form, ".quick-actions, .call-log, .complete-task");
    let error =
        closest(&form, ".sheet-form, .complete-task").and_then(|s| find(&s, ".field-error"));
    dom::set_text(error.clone(), "");
    // The clicked button may sit outside its form (`form=`), as a closing stage's does.
    let mut buttons = find_all(&form, "button[type=submit]");
    buttons.extend(submitter.clone().map(Element::from));
    busy(&form, &buttons, true);
    let undo = optimistic(&form, submitter.as_ref());
    let url = attr(&form, "action");
    leptos::task::spawn_local(async move {
        let result = outcome(post(&url, &body).await);
        busy(&form, &buttons, false);
        match result {
            Ok(()) => done(&form, root.as_ref(), &undo),
            Err(message) => {
                undo.roll_back();
                let uncertain = root.as_ref().map(|r| attr(r, "data-uncertain"));
                let text = message.or(uncertain).unwrap_or_default();
                dom::set_text(error, &text);
            }
        }
    });
}

/// The form's fields (and the clicked button's name and value), URL-encoded
/// as the server function decodes them.
fn body(
    form: &HtmlFormElement,
    submitter: Option<&web_sys::HtmlElement>,
) -> Option<UrlSearchParams> {
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

/// What a submission showed before its answer came, to take back on failure.
enum Undo {
    Nothing,
    /// The status pill's text and class before a stage change.
    Pill {
        text: String,
        class: String,
        status: String,
    },
    /// A completed task hidden at once.
    Task(Element),
}

impl Undo {
    fn roll_back(&self) {
        match self {
            Undo::Nothing => {}
            Undo::Pill { text, class, .. } => set_pill(text, class),
            Undo::Task(task) => {
                let _ = task.class_list().remove_1("is-done");
            }
        }
    }
}

fn optimistic(form: &Element, submitter: Option<&web_sys::HtmlElement>) -> Undo {
    if let Some(task) = closest(form, ".complete-task") {
        let _ = task.class_list().add_1("is-done");
        return Undo::Task(task);
    }
    if !attr(form, "action").ends_with("/move_status") {
        return Undo::Nothing;
    }
    // An open stage's button names the stage; a closing stage's form does.
    let source: &Element = match submitter {
        Some(b) if b.has_attribute("data-name") => b,
        _ => form,
    };
    let status = match submitter {
        Some(b) if b.has_attribute("data-name") => dom::value(b),
        _ => find(form, "input[name=status_id]")
            .map(|i| dom::value(&i))
            .unwrap_or_default(),
    };
    let Some(pill) = find_in_document(".card-status .pill") else {
        return Undo::Nothing;
    };
    let undo = Undo::Pill {
        text: pill.text_content().unwrap_or_default(),
        class: pill.class_name(),
        status,
    };
    set_pill(&attr(source, "data-name"), &attr(source, "data-pill"));
    undo
}

fn set_pill(text: &str, class: &str) {
    if let Some(pill) = find_in_document(".card-status .pill") {
        pill.set_text_content(Some(text));
        pill.set_class_name(class);
    }
}

fn done(form: &HtmlFormElement, root: Option<&Element>, undo: &Undo) {
    if let Undo::Pill { status, .. } = undo {
        if let Some(root) = root {
            for option in find_all(root, ".status-option") {
                let id = match option.tag_name().as_str() {
                    "BUTTON" => dom::value(&option),
                    _ => attr(&option, "data-status"),
                };
                let pressed = if &id == status { "true" } else { "false" };
                let _ = option.set_attribute("aria-pressed", pressed);
            }
        }
    }
    sheets::reset(form);
    let Some(root) = root else {
        return;
    };
    if root.class_list().contains("complete-task") {
        return;
    }
    sheets::close_sheet(root);
    dom::set_text(find(root, ".toast, .call-toast"), &attr(form, "data-done"));
}

/// POSTs `body` to a server function; its JSON answer, or `None` when there
/// was none (network down, a server error): the write may or may not be saved.
pub async fn post(url: &str, body: &UrlSearchParams) -> Option<JsValue> {
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(body);
    let answer = JsFuture::from(web_sys::window()?.fetch_with_str_and_init(url, &init))
        .await
        .ok()?
        .dyn_into::<web_sys::Response>()
        .ok()?;
    if !answer.ok() {
        return None;
    }
    JsFuture::from(answer.json().ok()?).await.ok()
}

/// An `ActionOutcome` as JSON: `"Done"`/`"Duplicate"` succeeded; `Invalid` and
/// `Failed` carry the message to show; anything else is uncertain (`None`).
fn outcome(answer: Option<JsValue>) -> Result<(), Option<String>> {
    let Some(answer) = answer else {
        return Err(None);
    };
    if let Some(tag) = answer.as_string() {
        return match tag.as_str() {
            "Done" | "Duplicate" => Ok(()),
            _ => Err(None),
        };
    }
    for variant in ["Invalid", "Failed"] {
        let inner = js_sys::Reflect::get(&answer, &variant.into()).unwrap_or(JsValue::UNDEFINED);
        if inner.is_object() {
            let message = js_sys::Reflect::get(&inner, &"message".into()).ok();
            return Err(message.and_then(|m| m.as_string()));
        }
    }
    Err(None)
}
