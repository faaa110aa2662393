use leptos::prelude::*;

use crate::contract::ActionOutcome;

/// Completes one of the card's open tasks, with an optional result text.
#[server(prefix = "/api", endpoint = "complete_task")]
pub async fn complete_task(
    csrf: String,
    key: String,
    task_id: i64,
    result: String,
) -> Result<ActionOutcome, ServerFnError> {
    use crate::server::actions::{self, complete, ActionKind};
    actions::run(ActionKind::Complete, &csrf, key, |cx| async move {
        complete::complete_task(&cx, task_id, &result).await
    })
    .await
}
