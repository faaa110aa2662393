use leptos::prelude::*;

use crate::contract::ActionOutcome;

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
    use crate::server::actions::task::{self, Due, TaskInput};
    use crate::server::actions::{self, ActionKind};
    let due = Due::from_form(&due, &custom_due);
    let input = TaskInput {
        text,
        due,
        task_type,
    };
    actions::run(ActionKind::Task, &csrf, key, |cx| async move {
        task::add_task(&cx, input).await
    })
    .await
}
