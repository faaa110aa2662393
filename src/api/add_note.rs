use leptos::prelude::*;

use crate::contract::ActionOutcome;

/// Adds a common note to the card's lead or customer.
#[server(prefix = "/api", endpoint = "add_note")]
pub async fn add_note(
    csrf: String,
    key: String,
    text: String,
) -> Result<ActionOutcome, ServerFnError> {
    use crate::server::actions::{self, note, ActionKind};
    actions::run(ActionKind::Note, &csrf, key, |cx| async move {
        note::add_note(&cx, &text).await
    })
    .await
}
