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
    use crate::server::action_kind::ActionKind;
    use crate::server::{actions, auth};
    auth::run_action(ActionKind::Complete, &csrf, |ctx, s| async move {
        actions::complete_task(&actions::ActionCtx::new(&ctx, &s, &key), task_id, &result).await
    })
    .await
}
