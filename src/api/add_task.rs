use leptos::prelude::*;

use crate::model::ActionOutcome;

/// Creates a task on the card's entity, responsible: the user who opened the card.
#[server(prefix = "/api", endpoint = "add_task")]
pub async fn add_task(
    csrf: String,
    key: String,
    text: String,
    due: String,
    custom_due: String,
    task_type: i64,
) -> Result<ActionOutcome, ServerFnError> {
    use crate::server::action_kind::ActionKind;
    use crate::server::actions::{self, Due, TaskInput};
    use crate::server::auth;
    auth::run_action(ActionKind::Task, &csrf, |ctx, s| async move {
        let input = TaskInput {
            text,
            due: Due::from_form(&due, &custom_due),
            task_type,
        };
        actions::add_task(&actions::ActionCtx::new(&ctx, &s, &key), input).await
    })
    .await
}
