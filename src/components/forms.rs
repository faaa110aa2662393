//! What every quick-action form carries. The forms are plain HTML posted to
//! the server functions' URLs: they work before (or without) the wasm, and the
//! card's island sends the same fields with `fetch` once it has hydrated.

use leptos::prelude::*;

use crate::contract::role;

/// A fresh idempotency key for one rendered form: a double tap (or a reload of
/// the POST) sends the same key, so the server does the write once.
pub fn form_key() -> String {
    #[cfg(feature = "ssr")]
    {
        uuid::Uuid::new_v4().simple().to_string()
    }
    #[cfg(not(feature = "ssr"))]
    {
        String::new()
    }
}

/// The session's CSRF value and the form's idempotency key.
#[component]
pub fn FormAuth(csrf: String) -> impl IntoView {
    view! {
        <input type="hidden" name="csrf" value=csrf />
        <input type="hidden" name="key" value=form_key() />
    }
}

/// The error line and the Cancel/Save buttons at the foot of a sheet. Save
/// names its busy label for the island; Cancel closes the sheet without
/// JavaScript too (it clears the `#sheet` target).
#[component]
pub fn SheetFooter(
    save: &'static str,
    saving: &'static str,
    cancel: &'static str,
) -> impl IntoView {
    view! {
        <p class="field-error" role="alert" data-enhance=role::ERROR></p>
        <div class="sheet-buttons">
            <a class="link-button" role="button" href="#" data-enhance=role::CLOSE>{cancel}</a>
            <button type="submit" class="button primary" data-busy-label=saving>{save}</button>
        </div>
    }
}
