use leptos::prelude::*;

use crate::model::ActionOutcome;

/// Adds a common note to the card's lead or customer.
#[server(prefix = "/api", endpoint = "add_note")]
pub async fn add_note(
    csrf: String,
    key: String,
    text: String,
) -> Result<ActionOutcome, ServerFnError> {
    use crate::server::{actions, auth};
    auth::run_action("note", &csrf, |ctx, s| async move {
        actions::add_note(
            &ctx.state.amo,
            &ctx.state.sessions,
            &s,
            ctx.lang,
            &key,
            &text,
        )
        .await
    })
    .await
}
