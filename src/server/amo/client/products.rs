//! A deal's products (#42): the catalog elements a lead links, read by id
//! (catalogs-api.md "Список элементов списка"), a line's quantity set and a
//! line removed through the lead's links (entity-links-api.md "Привязка
//! сущностей", "Отвязка сущностей"), each attributed to the acting user.

use reqwest::Method;
use serde_json::{json, Value};

use super::AmoClient;
use crate::server::amo::types::CatalogElement;
use crate::server::amo::AmoError;

use super::leads::LIST_MAX;

/// One of a deal's product lines: a catalog element in a catalog.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ProductLine {
    pub lead_id: i64,
    pub element_id: i64,
    pub catalog_id: i64,
}

impl AmoClient {
    /// Elements `ids` of catalog `catalog_id` (`filter[id]`; an account
    /// without list filtering gets the first page, so what came back is kept
    /// only where asked for).
    pub async fn catalog_elements(
        &self,
        account_id: i64,
        catalog_id: i64,
        ids: &[i64],
    ) -> Result<Vec<CatalogElement>, AmoError> {
        let ids = &ids[..ids.len().min(LIST_MAX)];
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let filter: Vec<String> = ids.iter().map(|id| format!("filter[id][]={id}")).collect();
        let path = format!(
            "/api/v4/catalogs/{catalog_id}/elements?{}&limit={}",
            filter.join("&"),
            ids.len()
        );
        let listed: Vec<CatalogElement> = self.get_list(account_id, &path, "elements").await?;
        Ok(listed.into_iter().filter(|e| ids.contains(&e.id)).collect())
    }

    /// Sets a line's quantity: linking an element the lead already links
    /// replaces its `metadata.quantity` (amoCRM's interface does the same
    /// call when a quantity is edited).
    pub async fn set_product_quantity(
        &self,
        account_id: i64,
        line: ProductLine,
        quantity: f64,
        updated_by: i64,
    ) -> Result<(), AmoError> {
        let metadata =
            json!({"catalog_id": line.catalog_id, "quantity": quantity, "updated_by": updated_by});
        self.product_link(account_id, line, "link", metadata).await
    }

    /// Removes a line from the deal (the element stays in its catalog).
    pub async fn remove_product(
        &self,
        account_id: i64,
        line: ProductLine,
        updated_by: i64,
    ) -> Result<(), AmoError> {
        let metadata = json!({"catalog_id": line.catalog_id, "updated_by": updated_by});
        self.product_link(account_id, line, "unlink", metadata)
            .await
    }

    /// `POST /api/v4/leads/{id}/{action}` (`link` or `unlink`) for the
    /// line's catalog element with `metadata`.
    async fn product_link(
        &self,
        account_id: i64,
        line: ProductLine,
        action: &str,
        metadata: Value,
    ) -> Result<(), AmoError> {
        let body = json!([{
            "to_entity_id": line.element_id,
            "to_entity_type": "catalog_elements",
            "metadata": metadata,
        }]);
        let path = format!("/api/v4/leads/{}/{action}", line.lead_id);
        self.call(account_id, Method::POST, &path, Some(body))
            .await
            .map(|_| ())
    }
}
