//! The deal's products (#42): the lead's own read names
//! them (leads-api.md `with=catalog_elements`: element, quantity, catalog),
//! and one call per catalog (catalogs-api.md, elements by id) gives their
//! names and prices (the element's `PRICE` field).

use crate::i18n::{fill, Lang};
use crate::server::amo::types::{CatalogElement, Lead};
use crate::server::amo::{AmoClient, AmoError};
use crate::server::auth::session::CardSession;

use super::ctx::Ctx;
use super::load::Loaded;

/// Catalogs one page reads at most (an account has 10 at most).
const CATALOGS: usize = 10;

pub struct ProductLine {
    pub id: i64,
    pub name: String,
    pub quantity: String,
    pub price: Option<String>,
    pub total: Option<String>,
}

pub struct ProductsList {
    pub lines: Vec<ProductLine>,
    /// "Total: 89 000 ₽" (the lines with a price).
    pub total: String,
    /// The same sum as a number, and rounded to whole units as money
    /// ("89 000 ₽", what the budget would become).
    pub sum: f64,
    pub whole_text: String,
}

/// The element's price: its `PRICE` field, as a number.
fn price(e: &CatalogElement) -> Option<f64> {
    let field = e
        .custom_fields_values
        .iter()
        .find(|f| f.field_code.as_deref() == Some("PRICE"))?;
    let value = field.values.first()?.get("value")?;
    value
        .as_f64()
        .or_else(|| value.as_str()?.trim().replace(',', ".").parse().ok())
}

/// A quantity as a person writes it: whole numbers without decimals.
fn quantity(q: f64) -> String {
    if q.fract() == 0.0 {
        format!("{}", q as i64)
    } else {
        format!("{q}")
    }
}

pub async fn list(
    amo: &AmoClient,
    s: &CardSession,
    loaded: &Loaded,
    lead: &Lead,
    lang: Lang,
) -> Result<ProductsList, AmoError> {
    let links = &lead.embedded.catalog_elements;
    let mut catalogs: Vec<i64> = links.iter().filter_map(|l| l.metadata.catalog_id).collect();
    catalogs.sort_unstable();
    catalogs.dedup();
    let reads = catalogs.iter().take(CATALOGS).map(|catalog| {
        let ids: Vec<i64> = links
            .iter()
            .filter(|l| l.metadata.catalog_id == Some(*catalog))
            .map(|l| l.id)
            .collect();
        async move { amo.catalog_elements(s.account_id, *catalog, &ids).await }
    });
    let mut elements = Vec::new();
    for read in futures::future::join_all(reads).await {
        elements.extend(read?);
    }
    let ctx = Ctx::of(&loaded.meta, &loaded.access, lang);
    let mut sum = 0.0;
    let lines = links
        .iter()
        .map(|l| {
            let element = elements.iter().find(|e| e.id == l.id);
            let q = l.metadata.quantity.unwrap_or(1.0);
            let each = element.and_then(price);
            if let Some(p) = each {
                sum += p * q;
            }
            ProductLine {
                id: l.id,
                name: element.map_or_else(|| format!("#{}", l.id), |e| e.name.clone()),
                quantity: quantity(q),
                price: each.map(|p| ctx.money(p)),
                total: each.map(|p| ctx.money(p * q)),
            }
        })
        .collect();
    Ok(ProductsList {
        lines,
        total: fill(lang.related().products_total, &[("total", &ctx.money(sum))]),
        sum,
        whole_text: ctx.money(sum.round()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices_and_quantities_read_as_amocrm_writes_them() {
        let element: CatalogElement = serde_json::from_value(serde_json::json!({"id": 1,
            "custom_fields_values": [{"field_id": 9, "field_code": "PRICE", "field_type": "numeric",
                "values": [{"value": "12,5"}]}]}))
        .unwrap();
        assert_eq!(price(&element), Some(12.5));
        assert_eq!(price(&CatalogElement::default()), None);
        assert_eq!(
            (quantity(2.0), quantity(1.5)),
            ("2".to_owned(), "1.5".to_owned())
        );
    }
}
