// The form's fields are the server function's arguments: their names are the contract's.
#![allow(clippy::too_many_arguments)]

use std::collections::BTreeMap;

use leptos::prelude::*;

use crate::contract::ActionOutcome;

/// Saves the account admin's layout of the card for one scope (a pipeline, or
/// customers). `stale_days` are `<status id>:<days>` pairs; the editor's one
/// input per stage (`stale_<status id>`) comes in the rest of the form.
#[server(prefix = "/api", endpoint = "save_layout")]
pub async fn save_layout(
    csrf: String,
    key: String,
    scope: String,
    version: String,
    #[server(default)] fields: String,
    #[server(default)] header: String,
    #[server(default)] sections: String,
    #[server(default)] editable: String,
    #[server(default)] stale_days: String,
    #[server(flatten)] per_stage: BTreeMap<String, String>,
) -> Result<ActionOutcome, ServerFnError> {
    use crate::server::actions::layout::{self, LayoutForm};
    use crate::server::actions::{self, ActionKind};
    actions::run(ActionKind::Layout, &csrf, key, |cx| async move {
        let form = LayoutForm {
            scope: &scope,
            version: &version,
            fields: &fields,
            header: &header,
            sections: &sections,
            editable: &editable,
            stale_days: &stale_days,
            per_stage: &per_stage,
        };
        layout::save_layout(&cx, &form).await
    })
    .await
}
