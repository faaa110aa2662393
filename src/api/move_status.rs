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
    auth::run_action("stage", &csrf, |ctx, s| async move {
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
    })
    .await
}
