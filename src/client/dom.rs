//! The few DOM operations the client needs, without panics: a missing element
//! is a no-op, never a crash of the page's script. Elements are found by their
//! `data-enhance` role ([`crate::contract::role`]), never by class or tag.

use leptos::ev::EventDescriptor;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event, HtmlElement};

use crate::contract::{attr as mark, with_role, ENHANCE};

pub fn document() -> Option<Document> {
    web_sys::window()?.document()
}

/// Whether `el` has `role` among its `data-enhance` roles.
pub fn is(el: &Element, role: &str) -> bool {
    attr(el, ENHANCE).split_whitespace().any(|r| r == role)
}

/// The first element with `role` inside `scope`.
pub fn one(scope: &Element, role: &str) -> Option<Element> {
    select(scope, &with_role(role))
}

/// The first element with `role` in the document.
pub fn in_document(role: &str) -> Option<Element> {
    document()?.query_selector(&with_role(role)).ok().flatten()
}

/// Every element with `role` inside `scope`.
pub fn all(scope: &Element, role: &str) -> Vec<Element> {
    select_all(scope, &with_role(role))
}

/// `el` or its nearest ancestor with `role`.
pub fn up(el: &Element, role: &str) -> Option<Element> {
    el.closest(&with_role(role)).ok().flatten()
}

pub fn select(scope: &Element, selector: &str) -> Option<Element> {
    scope.query_selector(selector).ok().flatten()
}

pub fn select_all(scope: &Element, selector: &str) -> Vec<Element> {
    let Ok(list) = scope.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .collect()
}

/// The form field called `name` inside `scope`.
pub fn field(scope: &Element, name: &str) -> Option<Element> {
    select(scope, &format!("[name=\"{name}\"]"))
}

pub fn attr(el: &Element, name: &str) -> String {
    el.get_attribute(name).unwrap_or_default()
}

pub fn set_text(el: Option<Element>, text: &str) {
    if let Some(el) = el {
        el.set_text_content(Some(text));
    }
}

pub fn set_hidden(el: &Element, hidden: bool) {
    set_flag(el, "hidden", hidden);
}

/// Sets or removes a boolean attribute (`hidden`, `disabled`).
pub fn set_flag(el: &Element, name: &str, on: bool) {
    let _ = if on {
        el.set_attribute(name, "")
    } else {
        el.remove_attribute(name)
    };
}

/// The element an event happened on (a text node's parent for clicks on text).
pub fn event_element(ev: &Event) -> Option<Element> {
    let target = ev.target()?;
    match target.dyn_ref::<Element>() {
        Some(el) => Some(el.clone()),
        None => target.dyn_ref::<web_sys::Node>()?.parent_element(),
    }
}

/// Listens to a typed Leptos event on the window for the life of the page
/// (bubbling events from the whole document reach it).
pub fn listen<E>(event: E, f: impl Fn(E::EventType) + 'static)
where
    E: EventDescriptor + 'static,
    E::EventType: JsCast,
{
    // The handle is dropped on purpose: the listener stays for the page's life.
    let _ = leptos::prelude::window_event_listener(event, f);
}

/// Listens on the document itself: for events fired at it that need not
/// bubble on (`visibilitychange`), or in the capture phase (`capture`), before
/// the page or the system acts on the event.
pub fn on_document<E>(doc: &Document, event: E, capture: bool, f: impl Fn(E::EventType) + 'static)
where
    E: EventDescriptor + 'static,
    E::EventType: JsCast + 'static,
{
    let handler = Closure::<dyn Fn(Event)>::new(move |e: Event| f(e.unchecked_into()));
    let _ = doc.add_event_listener_with_callback_and_bool(
        &event.name(),
        handler.as_ref().unchecked_ref(),
        capture,
    );
    handler.forget();
}

/// Moves focus to the first match of `selector` once it is rendered.
pub fn focus_soon(selector: String) {
    leptos::prelude::request_animation_frame(move || {
        let found = document().and_then(|d| d.query_selector(&selector).ok().flatten());
        if let Some(el) = found.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
            let _ = el.focus();
        }
    });
}

/// A random idempotency key (see `src/server/actions/idempotency.rs` for its life).
pub fn new_key() -> String {
    let a = (js_sys::Math::random() * 4_294_967_296.0) as u64;
    let b = (js_sys::Math::random() * 4_294_967_296.0) as u64;
    format!("{a:08x}{b:08x}-{:x}", js_sys::Date::now() as u64)
}

/// A field's current value (inputs, textareas, selects and buttons alike).
pub fn value(el: &Element) -> String {
    js_sys::Reflect::get(el, &"value".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

pub fn set_value(el: Option<Element>, value: &str) {
    if let Some(el) = el {
        let _ = js_sys::Reflect::set(&el, &"value".into(), &value.into());
    }
}

/// Marks `el` busy (`aria-busy`; disabled when it is a submit button) and swaps
/// in its busy label while it is; restores its own label afterwards.
pub fn set_busy(el: &Element, busy: bool) {
    let _ = el.set_attribute("aria-busy", if busy { "true" } else { "false" });
    if attr(el, "type") == "submit" {
        set_flag(el, "disabled", busy);
    }
    let busy_label = attr(el, mark::BUSY_LABEL);
    if busy_label.is_empty() {
        return;
    }
    if busy {
        let _ = el.set_attribute(mark::LABEL, &el.text_content().unwrap_or_default());
        el.set_text_content(Some(&busy_label));
    } else if let Some(label) = el.get_attribute(mark::LABEL) {
        el.set_text_content(Some(&label));
    }
}

pub fn is_busy(el: &Element) -> bool {
    el.get_attribute("aria-busy").as_deref() == Some("true")
}
