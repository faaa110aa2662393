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
    use crate::server::action_kind::ActionKind;
    use crate::server::{actions, auth};
    auth::run_action(ActionKind::Stage, &csrf, |ctx, s| async move {
        actions::move_status(
            &actions::ActionCtx::new(&ctx, &s, &key),
            status_id,
            confirmed,
        )
        .await
    })
    .await
}
