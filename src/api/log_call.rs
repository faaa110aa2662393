use leptos::prelude::*;

use crate::contract::ActionOutcome;
use crate::model::CallForm;

/// Records an outgoing call to one of the card's contacts, with an optional
/// follow-up task.
#[server(prefix = "/api", endpoint = "log_call")]
pub async fn log_call(
    csrf: String,
    key: String,
    call: CallForm,
) -> Result<ActionOutcome, ServerFnError> {
    use crate::server::actions::{self, call, ActionKind};
    actions::run(ActionKind::Call, &csrf, key, |cx| async move {
        call::log_call(&cx, call).await
    })
    .await
}
