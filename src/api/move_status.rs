use leptos::prelude::*;

use crate::contract::ActionOutcome;

/// Moves the card's lead to another stage of its pipeline.
#[server(prefix = "/api", endpoint = "move_status")]
pub async fn move_status(
    csrf: String,
    key: String,
    status_id: i64,
    confirmed: bool,
) -> Result<ActionOutcome, ServerFnError> {
    use crate::server::actions::{self, stage, ActionKind};
    actions::run(ActionKind::Stage, &csrf, key, |cx| async move {
        stage::move_status(&cx, status_id, confirmed).await
    })
    .await
}
