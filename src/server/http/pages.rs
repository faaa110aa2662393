//! Server-rendered pages outside the card (the install result, the preview),
//! built with `view!` like the card, so the framework escapes every value.

pub mod install;
pub mod layout;
pub mod preview;
pub mod related;

use leptos::prelude::*;
use leptos::tachys::view::RenderHtml;

/// A whole HTML document: the doctype and the rendered view.
pub fn document<V: RenderHtml>(view: impl FnOnce() -> V) -> String {
    let owner = Owner::new();
    let html = owner.with(|| view().to_html());
    format!("<!DOCTYPE html>{html}")
}
