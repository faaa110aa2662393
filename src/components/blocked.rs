use leptos::prelude::*;

use crate::components::disclosure::Disclosure;
use crate::i18n::Lang;
use crate::model::BlockedState;

/// A full-page explanation of why the card cannot be shown and what to do.
#[component]
pub fn BlockedPage(state: BlockedState, lang: Lang) -> impl IntoView {
    let (title, action, detail) = lang.blocked(state);
    view! {
        <section class="blocked" data-state=state.code() aria-live="polite">
            <div class="blocked-icon" aria-hidden="true">"!"</div>
            <h1 class="blocked-title">{title}</h1>
            <p class="blocked-action">{action}</p>
            <Disclosure
                show_label=lang.card().more_details.to_owned()
                hide_label=lang.card().hide_details.to_owned()
                detail=detail.to_owned()
            />
        </section>
    }
}

/// Our own storage could not be reached; nothing about the token was decided.
#[component]
pub fn UnavailablePage(lang: Lang) -> impl IntoView {
    let (title, action) = lang.unavailable();
    view! {
        <section class="blocked" data-state="unavailable" aria-live="polite">
            <div class="blocked-icon" aria-hidden="true">"!"</div>
            <h1 class="blocked-title">{title}</h1>
            <p class="blocked-action">{action}</p>
        </section>
    }
}
