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
    auth::run_action("complete", &csrf, |ctx, s| async move {
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
    })
    .await
}
