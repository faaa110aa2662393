//! amo-mobile-card: the amoCRM iOS `mobile_card` as a Leptos SSR service.
//!
//! Everything that may reach the wasm bundle lives at the top level (`app`,
//! `page`, `components`, `contract`, `i18n`, `model`); the enhancer the wasm
//! runs is [`client`] (the `hydrate` feature); server-only code sits in
//! [`server`] and is compiled only with the `ssr` feature.

// The card's view types nest deeply; release builds (no `erase_components`) need the room.
#![recursion_limit = "256"]

pub mod api;
pub mod app;
pub mod components;
pub mod contract;
pub mod i18n;
pub mod model;
pub mod page;

#[cfg(feature = "hydrate")]
pub mod client;

#[cfg(feature = "ssr")]
pub mod server;

/// The fake amoCRM, its sample data and the demo's routes: tests, demo mode
/// and the benchmark run against it; production code never reaches in here.
#[cfg(feature = "ssr")]
pub mod demo;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    // A marker for end-to-end tests (and curious humans) that the islands are live.
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("data-hydrated", "true");
    }
}
