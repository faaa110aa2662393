use leptos::prelude::*;

use crate::contract::ActionOutcome;

/// Changes one field of the card's record: `field` is `price`, `next_price`,
/// `next_date` or a custom field id; `seen` the record's `updated_at` as the
/// card showed it. A multiselect sent without script posts its options as
/// `choices[]`, joined into `value` here.
#[server(prefix = "/api", endpoint = "edit_field")]
pub async fn edit_field(
    csrf: String,
    key: String,
    field: String,
    #[server(default)] value: String,
    #[server(default)] seen: String,
    #[server(default)] choices: Vec<String>,
) -> Result<ActionOutcome, ServerFnError> {
    use crate::server::actions::edit::{self, EditForm};
    use crate::server::actions::{self, ActionKind};
    let value = if value.trim().is_empty() && !choices.is_empty() {
        choices.join(",")
    } else {
        value
    };
    actions::run(ActionKind::Edit, &csrf, key, |cx| async move {
        let form = EditForm {
            field: &field,
            value: &value,
            seen: &seen,
        };
        edit::edit_field(&cx, &form).await
    })
    .await
}
