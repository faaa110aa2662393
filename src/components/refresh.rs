use leptos::prelude::*;

use crate::api::refresh_card::refresh_card;
use crate::i18n::Lang;

/// Refresh after the page was hidden at least this long (the user went back to the app).
#[cfg(feature = "hydrate")]
const STALE_AFTER_MS: f64 = 60_000.0;

/// Reloads the card's data without reloading the page: on tap, and when the
/// page becomes visible again after a while. Without JavaScript it is a link.
#[island]
pub fn RefreshControl(csrf: String, lang: Lang) -> impl IntoView {
    let (busy, set_busy) = signal(false);
    let (failed, set_failed) = signal(false);
    let csrf = StoredValue::new(csrf);
    let refresh = move || {
        if busy.get_untracked() {
            return;
        }
        set_busy.set(true);
        set_failed.set(false);
        leptos::task::spawn_local(async move {
            match refresh_card(csrf.get_value()).await {
                Ok(html) => swap_card(&html),
                Err(_) => set_failed.set(true),
            }
            set_busy.set(false);
        });
    };

    #[cfg(feature = "hydrate")]
    watch_visibility(refresh);

    let t = lang.card();
    let label = (t.refresh, t.refreshing, t.refresh_failed);
    view! {
        <div class="refresh-bar">
            <a
                class="button refresh"
                href="/"
                role="button"
                aria-busy=move || if busy.get() { "true" } else { "false" }
                on:click=move |ev| {
                    ev.prevent_default();
                    refresh();
                }
            >
                {move || if busy.get() { label.1 } else { label.0 }}
            </a>
            <span class="refresh-error" role="status">{move || failed.get().then_some(label.2)}</span>
        </div>
    }
}

#[cfg(feature = "hydrate")]
fn swap_card(html: &str) {
    use wasm_bindgen::JsCast;

    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Ok(Some(el)) = doc.query_selector(".card-content") {
        el.set_outer_html(html);
    }
    // The new HTML brings its own islands (quick actions, task buttons): hydrate
    // them through the hook Leptos' island loader leaves on `window`.
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(hook) = js_sys::Reflect::get(&window, &"__hydrateIsland".into()) else {
        return;
    };
    let Ok(hook) = hook.dyn_into::<js_sys::Function>() else {
        return;
    };
    if let Ok(islands) = doc.query_selector_all(".card-content leptos-island") {
        for i in 0..islands.length() {
            let Some(node) = islands.item(i) else {
                continue;
            };
            let Ok(el) = node.dyn_into::<web_sys::Element>() else {
                continue;
            };
            let id = el.get_attribute("data-component").unwrap_or_default();
            let _ = hook.call2(&window, &el, &id.into());
        }
    }
}

#[cfg(not(feature = "hydrate"))]
fn swap_card(_html: &str) {}

#[cfg(feature = "hydrate")]
fn watch_visibility(refresh: impl Fn() + Clone + 'static) {
    use std::cell::Cell;
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let hidden_at: Rc<Cell<Option<f64>>> = Rc::new(Cell::new(None));
    let doc2 = doc.clone();
    let handler = Closure::<dyn Fn()>::new(move || {
        let now = js_sys::Date::now();
        if doc2.visibility_state() == web_sys::VisibilityState::Hidden {
            hidden_at.set(Some(now));
        } else if let Some(at) = hidden_at.take() {
            if now - at >= STALE_AFTER_MS {
                refresh();
            }
        }
    });
    let _ =
        doc.add_event_listener_with_callback("visibilitychange", handler.as_ref().unchecked_ref());
    // The listener lives as long as the page.
    handler.forget();
}
