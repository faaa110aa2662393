use leptos::prelude::*;

use crate::model::HistoryMore;

/// The next page of the card's history, rendered on the server; "show more" appends it.
#[server(prefix = "/api", endpoint = "history_page")]
pub async fn history_page(csrf: String, page: u32) -> Result<HistoryMore, ServerFnError> {
    use crate::components::history::HistoryEntries;
    use crate::server::card;
    use crate::server::state::request_context;

    // Each refusal carries its own status (400, 401, 403, 429, 503, …), never a 500.
    let refuse = |status: u16, reason: &'static str| {
        if let (Some(response), Ok(status)) = (
            use_context::<leptos_axum::ResponseOptions>(),
            http::StatusCode::from_u16(status),
        ) {
            response.set_status(status);
        }
        ServerFnError::new(reason)
    };
    let ctx = request_context()?;
    if !(2..=1000).contains(&page) {
        return Err(refuse(400, "page out of range"));
    }
    let session = ctx
        .card_session(&csrf)
        .await
        .map_err(|p| refuse(p.status(), p.code()))?;
    let fallback = ctx.lang(Some(&session));
    let (result, lang) = card::history_page(&ctx.state.amo, &session, page, fallback).await;
    let view = result.map_err(|p| refuse(p.status(), p.code()))?;
    let next_page = view.next_page;
    let entries = view.entries;
    let html = Owner::new().with(|| view! { <HistoryEntries entries lang /> }.to_html());
    Ok(HistoryMore { html, next_page })
}
