//! The smallest Leptos islands app worth the name: one island with props, a
//! signal, an event handler and reactive attributes and text.

use leptos::prelude::*;

#[island]
pub fn Disclosure(show_label: String, hide_label: String, detail: String) -> impl IntoView {
    let (open, set_open) = signal(false);
    view! {
        <div class="disclosure">
            <button
                type="button"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                on:click=move |_| set_open.update(|o| *o = !*o)
            >
                {move || if open.get() { hide_label.clone() } else { show_label.clone() }}
            </button>
            <p hidden=move || !open.get()>{detail}</p>
        </div>
    }
}

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    leptos::mount::hydrate_islands();
}
