use leptos::prelude::*;

use crate::contract::ActionOutcome;

/// Changes one of the deal's product lines: `product` is the catalog
/// element's id; `quantity` its new quantity (above zero, fractions allowed),
/// or `remove` (`1`) takes the line off the deal.
#[server(prefix = "/api", endpoint = "change_product")]
pub async fn change_product(
    csrf: String,
    key: String,
    product: String,
    #[server(default)] quantity: String,
    #[server(default)] remove: String,
) -> Result<ActionOutcome, ServerFnError> {
    use crate::server::actions::product::{self, ProductForm};
    use crate::server::actions::{self, ActionKind};
    let outcome = actions::run(ActionKind::Product, &csrf, key, |cx| async move {
        let form = ProductForm {
            product: &product,
            quantity: &quantity,
            remove: &remove,
        };
        product::change(&cx, &form).await
    })
    .await;
    actions::come_back_to(crate::contract::page::PRODUCTS);
    outcome
}
