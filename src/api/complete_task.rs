use leptos::prelude::*;

use crate::model::ActionOutcome;

/// Completes one of the card's open tasks, with an optional result text.
#[server(prefix = "/api", endpoint = "complete_task")]
pub async fn complete_task(
    csrf: String,
    key: String,
    task_id: i64,
    result: String,
) -> Result<ActionOutcome, ServerFnError> {
    use crate::server::{actions, auth};
    let ctx = auth::request_context()?;
    Ok(match auth::card_session(&ctx, &csrf).await {
        Ok(s) => {
            actions::complete_task(
                &ctx.state.amo,
                &ctx.state.sessions,
                &s,
                ctx.lang,
                &key,
                task_id,
                &result,
            )
            .await
        }
        Err(problem) => auth::refused(problem, ctx.lang),
    })
}
