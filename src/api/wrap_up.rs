// The form's fields are the server function's arguments: their names are the contract's.
#![allow(clippy::too_many_arguments)]

use std::collections::BTreeMap;

use leptos::prelude::*;

use crate::contract::ActionOutcome;

/// The update after a meeting in one submission: a note, the stage (with
/// `confirmed`, `loss_reason` and the stage's `cf_<field id>` values, as
/// `/api/move_status`), the budget (`price`; a customer's next purchase
/// amount, and `next_date`), and the next task (`task_text`, `task_due`,
/// `task_type`). Every part optional, at least one given.
#[server(prefix = "/api", endpoint = "wrap_up")]
pub async fn wrap_up(
    csrf: String,
    key: String,
    #[server(default)] note: String,
    #[server(default)] status_id: String,
    #[server(default)] confirmed: String,
    #[server(default)] loss_reason: String,
    #[server(default)] price: String,
    #[server(default)] next_date: String,
    #[server(default)] task_text: String,
    #[server(default)] task_due: String,
    #[server(default)] task_type: String,
    #[server(default)] seen: String,
    #[server(flatten)] values: BTreeMap<String, String>,
) -> Result<ActionOutcome, ServerFnError> {
    use crate::server::actions::wrap_up::{self, WrapForm};
    use crate::server::actions::{self, ActionKind};
    actions::run(ActionKind::WrapUp, &csrf, key, |cx| async move {
        let form = WrapForm {
            note: &note,
            status_id: &status_id,
            confirmed: &confirmed,
            loss_reason: &loss_reason,
            price: &price,
            next_date: &next_date,
            task_text: &task_text,
            task_due: &task_due,
            task_type: &task_type,
            seen: &seen,
            values: &values,
        };
        wrap_up::wrap_up(&cx, &form).await
    })
    .await
}
