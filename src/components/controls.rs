//! The card's one island. Everything the card does is server-rendered HTML
//! that works without script: forms post to the server functions, sheets open
//! as the page's `#target`, "Complete" and closing a lead are `<details>`.
//! When the wasm arrives, this island takes those same elements over through
//! a few document-level listeners: forms are sent in place with `fetch`,
//! sheets open as dialogs (focus, Escape, above the keyboard), refresh swaps
//! the card, "show more" appends history, and a tapped number offers to log
//! the call. It owns no markup of its own beyond the refresh bar it wraps, so
//! the wasm carries listeners, not views: the bundle stays small.

use leptos::prelude::*;
#[cfg(feature = "hydrate")]
use wasm_bindgen::JsCast;

#[cfg(feature = "hydrate")]
mod calls;
#[cfg(feature = "hydrate")]
mod dom;
#[cfg(feature = "hydrate")]
mod load;
#[cfg(feature = "hydrate")]
mod sheets;
#[cfg(feature = "hydrate")]
mod submit;

/// Wraps the refresh bar (server-rendered children) and wires the card.
#[island]
pub fn CardControls(children: Children) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    install();
    view! { <div class="refresh-bar">{children()}</div> }
}

/// Installs the listeners once per page.
#[cfg(feature = "hydrate")]
fn install() {
    let Some(doc) = dom::document() else {
        return;
    };
    let Some(root) = doc.document_element() else {
        return;
    };
    if root.has_attribute("data-controls") {
        return;
    }
    let _ = root.set_attribute("data-controls", "");
    // "Show more" does nothing without script: it appears only now.
    for more in dom::find_all(&root, ".history-more[data-page]") {
        dom::set_hidden(&more, false);
    }
    dom::listen(&doc, "click", false, move |ev| {
        let Some(target) = dom::event_element(&ev) else {
            return;
        };
        if sheets::on_click(&target) || load::on_click(&target) {
            ev.prevent_default();
        }
    });
    dom::listen(&doc, "submit", false, |ev| {
        if let Some(form) = dom::event_element(&ev) {
            if submit::takes(&form) {
                ev.prevent_default();
                submit::send(form, ev);
            }
        }
    });
    dom::listen(&doc, "input", false, |ev| {
        if let Some(target) = dom::event_element(&ev) {
            sheets::on_input(&target);
        }
    });
    dom::listen(&doc, "keydown", false, |ev| {
        if let Some(key) = ev.dyn_ref::<web_sys::KeyboardEvent>() {
            if key.key() == "Escape" {
                sheets::close_all();
            }
        }
    });
    let calls = calls::Calls::install(&doc);
    let hidden_at = std::cell::Cell::new(None::<f64>);
    let doc2 = doc.clone();
    dom::listen(&doc, "visibilitychange", false, move |_| {
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
