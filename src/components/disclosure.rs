use leptos::prelude::*;

/// A "Details" button that reveals a longer explanation. An island: it is the
/// smallest piece of the page that needs JavaScript, and proves hydration works.
#[island]
pub fn Disclosure(show_label: String, hide_label: String, detail: String) -> impl IntoView {
    let (open, set_open) = signal(false);
    view! {
        <div class="disclosure">
            <button
                type="button"
                class="link-button"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                on:click=move |_| set_open.update(|o| *o = !*o)
            >
                {move || if open.get() { hide_label.clone() } else { show_label.clone() }}
            </button>
            <p class="disclosure-detail" hidden=move || !open.get()>{detail}</p>
        </div>
    }
}
