//! The card's one island: it wraps the refresh bar and, once the wasm arrives,
//! installs the client enhancer ([`crate::client`]) that takes the card's
//! server-rendered forms, sheets and links over. It owns no other markup.

use leptos::prelude::*;

/// Wraps the refresh bar (server-rendered children) and wires the card.
#[island]
pub fn CardControls(children: Children) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    crate::client::install();
    view! { <div class="refresh-bar">{children()}</div> }
}
