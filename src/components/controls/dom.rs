//! The few DOM operations the island needs, without panics: a missing
//! element is a no-op, never a crash of the page's script.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event, EventTarget, HtmlElement};

pub fn document() -> Option<Document> {
    web_sys::window()?.document()
}

pub fn find(scope: &Element, selector: &str) -> Option<Element> {
    scope.query_selector(selector).ok().flatten()
}

pub fn find_in_document(selector: &str) -> Option<Element> {
    document()?.query_selector(selector).ok().flatten()
}

pub fn find_all(scope: &Element, selector: &str) -> Vec<Element> {
    let Ok(list) = scope.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .collect()
}

pub fn closest(el: &Element, selector: &str) -> Option<Element> {
    el.closest(selector).ok().flatten()
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

/// Adds a listener for the life of the page.
pub fn listen(target: &EventTarget, event: &str, capture: bool, f: impl FnMut(Event) + 'static) {
    let handler = Closure::<dyn FnMut(Event)>::new(f);
    let _ = target.add_event_listener_with_callback_and_bool(
        event,
        handler.as_ref().unchecked_ref(),
        capture,
    );
    handler.forget();
}

/// Moves focus to the first match of `selector` once it is rendered.
pub fn focus_soon(selector: String) {
    leptos::prelude::request_animation_frame(move || {
        if let Some(el) = find_in_document(&selector).and_then(|e| e.dyn_into::<HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}

/// A random key per submission; the busy flag stops a double tap, the key
/// makes the server do the write once even if a retry repeats it.
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

/// Marks `el` busy (`aria-busy`, disabled when it is a button) and swaps in
/// its `data-busy-label` while it is; restores its own label afterwards.
pub fn set_busy(el: &Element, busy: bool) {
    let _ = el.set_attribute("aria-busy", if busy { "true" } else { "false" });
    if el.tag_name() == "BUTTON" {
        set_flag(el, "disabled", busy);
    }
    let busy_label = attr(el, "data-busy-label");
    if busy_label.is_empty() {
        return;
    }
    if busy {
        let _ = el.set_attribute("data-label", &el.text_content().unwrap_or_default());
        el.set_text_content(Some(&busy_label));
    } else if let Some(label) = el.get_attribute("data-label") {
        el.set_text_content(Some(&label));
    }
}

pub fn is_busy(el: &Element) -> bool {
    el.get_attribute("aria-busy").as_deref() == Some("true")
}
