use leptos::prelude::*;

use crate::model::ActionOutcome;

/// Adds a common note to the card's lead or customer.
#[server(prefix = "/api", endpoint = "add_note")]
pub async fn add_note(
    csrf: String,
    key: String,
    text: String,
) -> Result<ActionOutcome, ServerFnError> {
    use crate::server::action_kind::ActionKind;
    use crate::server::{actions, auth};
    auth::run_action(ActionKind::Note, &csrf, |ctx, s| async move {
        actions::add_note(&actions::ActionCtx::new(&ctx, &s, &key), &text).await
    })
    .await
}
