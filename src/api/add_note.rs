use leptos::prelude::*;

use crate::model::ActionOutcome;

/// Adds a common note to the card's lead or customer.
#[server(prefix = "/api", endpoint = "add_note")]
pub async fn add_note(
    csrf: String,
    key: String,
    text: String,
) -> Result<ActionOutcome, ServerFnError> {
    use crate::server::{actions, auth};
    let ctx = auth::request_context()?;
    Ok(match auth::card_session(&ctx, &csrf).await {
        Ok(s) => {
            actions::add_note(
                &ctx.state.amo,
                &ctx.state.sessions,
                &s,
                ctx.lang,
                &key,
                &text,
            )
            .await
        }
        Err(problem) => auth::refused(problem, ctx.lang),
    })
}
