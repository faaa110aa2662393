use leptos::prelude::*;

use crate::model::{ActionOutcome, CallForm};

/// Records an outgoing call to one of the card's contacts, with an optional
/// follow-up task.
#[server(prefix = "/api", endpoint = "log_call")]
pub async fn log_call(
    csrf: String,
    key: String,
    call: CallForm,
) -> Result<ActionOutcome, ServerFnError> {
    use crate::server::action_kind::ActionKind;
    use crate::server::{actions, auth};
    auth::run_action(ActionKind::Call, &csrf, |ctx, s| async move {
        actions::log_call(&actions::ActionCtx::new(&ctx, &s, &key), call).await
    })
    .await
}
