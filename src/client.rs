//! The enhancer the wasm runs. Everything the card does is server-rendered HTML
//! that works without script: forms post to the server functions, sheets open
//! as the page's `#target`, "Complete" and closing a lead are `<details>`.
//! When the wasm arrives, a few document-level listeners take those same
//! elements over, found only through the names in [`crate::contract`]: forms
//! marked `send` go in place with `fetch`, sheets open as dialogs (focus,
//! Escape, above the keyboard), refresh swaps the card, "show more" appends
//! history, and a tapped number offers to log the call. It owns no markup, so
//! the wasm carries listeners, not views: the bundle stays small.

mod calls;
mod dom;
mod fetch;
mod load;
mod sheets;
mod submit;

use leptos::ev;

use crate::contract::{attr, role};

/// Installs the listeners once per page (the island may render twice).
pub fn install() {
    let Some(doc) = dom::document() else {
        return;
    };
    let Some(root) = doc.document_element() else {
        return;
    };
    if root.has_attribute(attr::CONTROLS) {
        return;
    }
    let _ = root.set_attribute(attr::CONTROLS, "");
    // "Show more" does nothing without script: it appears only now.
    for more in dom::all(&root, role::MORE) {
        dom::set_hidden(&more, false);
    }
    dom::listen(ev::click, |e| {
        let Some(target) = dom::event_element(&e) else {
            return;
        };
        if sheets::on_click(&target) || load::on_click(&target) {
            e.prevent_default();
        }
    });
    dom::listen(ev::submit, |e| {
        if let Some(form) = dom::event_element(&e).filter(|f| dom::is(f, role::SEND)) {
            e.prevent_default();
            submit::send(form, e.submitter());
        }
    });
    dom::listen(ev::input, |e| {
        if let Some(target) = dom::event_element(&e) {
            sheets::on_input(&target);
        }
    });
    dom::listen(ev::keydown, |e| {
        if e.key() == "Escape" {
            sheets::close_all();
        }
    });
    let calls = calls::Calls::install(&doc);
    let hidden_at = std::cell::Cell::new(None::<f64>);
    let doc2 = doc.clone();
    dom::on_document(&doc, ev::visibilitychange, false, move |_| {
        let now = js_sys::Date::now();
        if doc2.visibility_state() == web_sys::VisibilityState::Hidden {
            hidden_at.set(Some(now));
            return;
        }
        calls.came_back();
        if hidden_at
            .take()
            .is_some_and(|at| now - at >= load::STALE_AFTER_MS)
        {
            load::refresh();
        }
    });
    sheets::track_keyboard();
    sheets::adopt(&root);
}
