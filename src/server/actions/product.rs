//! Changes one of the deal's product lines (#42): a new quantity, or the line
//! removed. Checked in this order, each refusal writing nothing: the form's
//! shape (the element id, a quantity above zero: `edit/quantity.rs`); the
//! deal read now with the acting user's rights (the catalogs right and the
//! deal's edit right, as amoCRM's own card asks both); the line on the deal
//! as it is now (a product of another deal, or one removed meanwhile, is
//! refused); then the idempotency key and one write, attributed to the user
//! (`updated_by`). A quantity already as asked is confirmed without a write.

use crate::contract::ActionOutcome;
use crate::model::EntityKind;
use crate::server::amo::client::ProductLine;
use crate::server::edit::quantity::Quantity;

use super::context::{invalid, no_rights, written, ActionCtx, Step};
use super::idempotency::claim;
use super::subject::Subject;

/// The form of `/api/change_product`, as posted.
pub struct ProductForm<'a> {
    pub product: &'a str,
    pub quantity: &'a str,
    pub remove: &'a str,
}

/// What the form asks for.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Change {
    Quantity(Quantity),
    Remove,
}

pub async fn change(cx: &ActionCtx, form: &ProductForm<'_>) -> Step<ActionOutcome> {
    let (amo, s, lang) = (&cx.amo, &cx.session, cx.lang);
    let t = lang.related();
    let not_in_deal = || invalid("product", t.not_in_deal);
    let element = form
        .product
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(not_in_deal)?;
    let change = if matches!(form.remove.trim(), "1" | "true") {
        Change::Remove
    } else {
        Change::Quantity(
            Quantity::parse(form.quantity).ok_or_else(|| invalid("quantity", t.bad_quantity))?,
        )
    };
    if s.entity != EntityKind::Lead {
        return Err(not_in_deal());
    }

    // The deal and the user's rights as they are now.
    let subject = Subject::load(cx, true).await?;
    if !subject.access.may_change_products(subject.record) {
        tracing::info!(
            account_id = s.account_id,
            entity_id = s.entity_id,
            user_id = s.user_id,
            "product change refused by the user's rights"
        );
        return Err(no_rights(lang, subject.access.gap()));
    }
    let lead = subject.lead().ok_or_else(not_in_deal)?;
    let linked = lead
        .embedded
        .catalog_elements
        .iter()
        .find(|l| l.id == element)
        .ok_or_else(not_in_deal)?;
    let line = ProductLine {
        lead_id: lead.id,
        element_id: element,
        catalog_id: linked.metadata.catalog_id.ok_or_else(not_in_deal)?,
    };
    if let Change::Quantity(q) = change {
        if linked.metadata.quantity == Some(q.get()) {
            return Ok(ActionOutcome::Done);
        }
    }

    let claimed = claim(cx).await?;
    let result = match change {
        Change::Quantity(q) => {
            amo.set_product_quantity(s.account_id, line, q.get(), s.user_id)
                .await
        }
        Change::Remove => amo.remove_product(s.account_id, line, s.user_id).await,
    };
    // Who changed which line of which deal, never the amounts.
    tracing::info!(
        account_id = s.account_id,
        entity_id = s.entity_id,
        user_id = s.user_id,
        element_id = element,
        removed = change == Change::Remove,
        ok = result.is_ok(),
        "product line changed"
    );
    Ok(claimed.settle(written(result, lang)).await)
}
