//! The HTML shell and the pages. Pages render on the server only; the
//! interactive parts are islands (see `components`), so the wasm bundle holds
//! nothing but them.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags, Title};

use crate::components::blocked::{BlockedPage, UnavailablePage};
use crate::components::card::CardPage;
use crate::model::{BlockedState, CardSessionInfo};
pub use crate::page::PageContext;

/// What the card route decided before rendering.
#[derive(Clone, Debug)]
pub enum CardEntry {
    /// A live card session: show the card.
    Open(CardSessionInfo),
    /// Token or session refused.
    Blocked(BlockedState),
    /// Our own storage is down: nothing was decided, try again.
    Unavailable,
}

/// Drops `?token=…&from=…` from the address bar and history as soon as the page
/// starts: the one-time token must not be reloaded, shared or bookmarked.
const FORGET_TOKEN_JS: &str =
    "if(location.search){history.replaceState(history.state,'',location.pathname+location.hash)}";

pub fn shell(options: LeptosOptions) -> impl IntoView {
    let ctx = use_context::<PageContext>().unwrap_or_default();
    view! {
        <!DOCTYPE html>
        <html lang=ctx.lang.code() data-scheme=ctx.scheme data-framed=ctx.framed.then_some("phone")>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
                <meta name="color-scheme" content="light dark" />
                <meta name="referrer" content="no-referrer" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <script nonce=leptos::nonce::use_nonce()>{FORGET_TOKEN_JS}</script>
                <HashedStylesheet options=options.clone() />
                <HydrationScripts options=options.clone() islands=true />
                <MetaTags />
            </head>
            <body>
                <CardApp />
            </body>
        </html>
    }
}

#[component]
pub fn CardApp() -> impl IntoView {
    provide_meta_context();
    let ctx = use_context::<PageContext>().unwrap_or_default();
    let entry = use_context::<CardEntry>().unwrap_or(CardEntry::Blocked(BlockedState::NoToken));
    view! {
        <Title text=ctx.lang.card().page_title />
        <main class="page">
            {ctx.demo.then(|| view! { <p class="demo-badge" role="status">{ctx.lang.card().demo_badge}</p> })}
            {ctx.notice.map(|n| view! { <p class="flash" role="status">{n}</p> })}
            {match entry {
                CardEntry::Blocked(state) => view! { <BlockedPage state lang=ctx.lang /> }.into_any(),
                CardEntry::Unavailable => view! { <UnavailablePage lang=ctx.lang /> }.into_any(),
                CardEntry::Open(session) => view! { <CardPage session lang=ctx.lang /> }.into_any(),
            }}
        </main>
    }
}
