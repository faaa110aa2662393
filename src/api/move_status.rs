use std::collections::BTreeMap;

use leptos::prelude::*;

use crate::contract::ActionOutcome;

/// Moves the card's lead to another stage of its pipeline: `confirmed` for
/// won and lost, `loss_reason` with lost, and `cf_<field id>` for each lead
/// field the stage requires that the lead lacks (taken from the rest of the
/// form). Values come as text and are checked by the action.
#[server(prefix = "/api", endpoint = "move_status")]
pub async fn move_status(
    csrf: String,
    key: String,
    status_id: String,
    #[server(default)] confirmed: String,
    #[server(default)] loss_reason: String,
    #[server(flatten)] values: BTreeMap<String, String>,
) -> Result<ActionOutcome, ServerFnError> {
    use crate::server::actions::stage::{self, MoveForm};
    use crate::server::actions::{self, ActionKind};
    actions::run(ActionKind::Stage, &csrf, key, |cx| async move {
        let form = MoveForm {
            status_id: &status_id,
            confirmed: &confirmed,
            loss_reason: &loss_reason,
            values: &values,
        };
        stage::move_status(&cx, &form).await
    })
    .await
}
