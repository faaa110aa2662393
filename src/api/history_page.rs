use leptos::prelude::*;

use crate::model::HistoryMore;

/// The next page of the card's history, rendered on the server; "show more" appends it.
#[server(prefix = "/api", endpoint = "history_page")]
pub async fn history_page(csrf: String, page: u32) -> Result<HistoryMore, ServerFnError> {
    use crate::components::history::HistoryEntries;
    use crate::server::{auth, card};

    let ctx = auth::request_context()?;
    let session = auth::card_session(&ctx, &csrf)
        .await
        .map_err(|p| ServerFnError::new(p.code()))?;
    if !(2..=1000).contains(&page) {
        return Err(ServerFnError::new("page out of range"));
    }
    let (result, lang) = card::history_page(&ctx.state.amo, &session, page, ctx.lang).await;
    let view = result.map_err(|p| ServerFnError::new(p.code()))?;
    let next_page = view.next_page;
    let entries = view.entries;
    let html = Owner::new().with(|| view! { <HistoryEntries entries lang /> }.to_html());
    Ok(HistoryMore { html, next_page })
}
