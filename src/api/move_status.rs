use leptos::prelude::*;

use crate::model::ActionOutcome;

/// Moves the card's lead to another stage of its pipeline.
#[server(prefix = "/api", endpoint = "move_status")]
pub async fn move_status(
    csrf: String,
    key: String,
    status_id: i64,
    confirmed: bool,
) -> Result<ActionOutcome, ServerFnError> {
    use crate::server::{actions, auth};
    let ctx = auth::request_context()?;
    Ok(match auth::card_session(&ctx, &csrf).await {
        Ok(s) => {
            actions::move_status(
                &ctx.state.amo,
                &ctx.state.sessions,
                &s,
                ctx.lang,
                &key,
                status_id,
                confirmed,
            )
            .await
        }
        Err(problem) => auth::refused(problem, ctx.lang),
    })
}
