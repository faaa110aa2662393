use leptos::prelude::*;

/// Re-renders the card content from fresh amoCRM data; the island swaps it in.
#[server(prefix = "/api", endpoint = "refresh_card")]
pub async fn refresh_card(csrf: String) -> Result<String, ServerFnError> {
    use crate::components::card::CardContent;
    use crate::server::auth;
    use crate::server::card::load_card;
    use crate::server::state::request_context;

    let ctx = request_context()?;
    let (result, lang) = match ctx.card_session(&csrf).await {
        Ok(session) => {
            let writable = !auth::read_only(&ctx.state.settings, &session);
            let fallback = ctx.lang(Some(&session));
            let state = &ctx.state;
            load_card(&state.amo, &state.layouts, &session, writable, fallback).await
        }
        Err(problem) => (Err(problem), ctx.lang(None)),
    };
    let html = Owner::new().with(|| view! { <CardContent result lang csrf /> }.to_html());
    Ok(html)
}
