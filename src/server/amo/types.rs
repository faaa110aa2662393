//! amoCRM API v4 payloads. Unknown fields are ignored and every field the card
//! can live without is optional, so a changed response degrades instead of failing.

use serde::Deserialize;
use serde_json::Value;

use crate::server::amo::custom_fields::{null_as_empty, RawCustomField};
use crate::server::amo::rights::UserRights;

#[derive(Clone, Debug, Default, Deserialize)]
pub struct Embedded<T> {
    #[serde(default = "Vec::new")]
    pub items: Vec<T>,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct IdRef {
    pub id: i64,
    #[serde(default)]
    pub is_main: Option<bool>,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct Tag {
    #[serde(default)]
    pub id: i64,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub color: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct EntityEmbedded {
    #[serde(default)]
    pub tags: Vec<Tag>,
    #[serde(default)]
    pub contacts: Vec<IdRef>,
    #[serde(default)]
    pub companies: Vec<IdRef>,
    #[serde(default)]
    pub segments: Vec<IdRef>,
    /// A lead's products (leads-api.md, `with=catalog_elements`): the
    /// element and its quantity; names and prices live in the catalog.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub catalog_elements: Vec<CatalogLink>,
}

/// One catalog element linked to a lead.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct CatalogLink {
    pub id: i64,
    #[serde(default)]
    pub metadata: CatalogLinkMeta,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct CatalogLinkMeta {
    #[serde(default)]
    pub quantity: Option<f64>,
    #[serde(default)]
    pub catalog_id: Option<i64>,
}

/// An element of a catalog (catalogs-api.md "Список элементов списка").
#[derive(Clone, Debug, Default, Deserialize)]
pub struct CatalogElement {
    pub id: i64,
    #[serde(default)]
    pub name: String,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub custom_fields_values: Vec<RawCustomField>,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct Lead {
    pub id: i64,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub price: Option<f64>,
    #[serde(default)]
    pub responsible_user_id: Option<i64>,
    #[serde(default)]
    pub status_id: Option<i64>,
    #[serde(default)]
    pub pipeline_id: Option<i64>,
    #[serde(default)]
    pub created_at: Option<i64>,
    #[serde(default)]
    pub updated_at: Option<i64>,
    #[serde(default)]
    pub closed_at: Option<i64>,
    #[serde(default)]
    pub closest_task_at: Option<i64>,
    #[serde(default)]
    pub is_deleted: Option<bool>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub custom_fields_values: Vec<RawCustomField>,
    #[serde(default, rename = "_embedded")]
    pub embedded: EntityEmbedded,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct Customer {
    pub id: i64,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub next_price: Option<f64>,
    #[serde(default)]
    pub next_date: Option<i64>,
    #[serde(default)]
    pub responsible_user_id: Option<i64>,
    #[serde(default)]
    pub status_id: Option<i64>,
    #[serde(default)]
    pub periodicity: Option<i64>,
    #[serde(default)]
    pub created_at: Option<i64>,
    #[serde(default)]
    pub updated_at: Option<i64>,
    #[serde(default)]
    pub closest_task_at: Option<i64>,
    #[serde(default)]
    pub is_deleted: Option<bool>,
    #[serde(default)]
    pub ltv: Option<f64>,
    #[serde(default)]
    pub purchases_count: Option<i64>,
    #[serde(default)]
    pub average_check: Option<f64>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub custom_fields_values: Vec<RawCustomField>,
    #[serde(default, rename = "_embedded")]
    pub embedded: EntityEmbedded,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct Contact {
    pub id: i64,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub responsible_user_id: Option<i64>,
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(default)]
    pub last_name: Option<String>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub custom_fields_values: Vec<RawCustomField>,
    /// The contact's deals (contacts-api.md, `with=leads`: ids only).
    #[serde(default, rename = "_embedded")]
    pub embedded: ContactEmbedded,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct ContactEmbedded {
    #[serde(default, deserialize_with = "null_as_empty")]
    pub leads: Vec<IdRef>,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct Company {
    pub id: i64,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub responsible_user_id: Option<i64>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub custom_fields_values: Vec<RawCustomField>,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct Status {
    pub id: i64,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub sort: Option<i64>,
    #[serde(default)]
    pub color: Option<String>,
    #[serde(default, rename = "type")]
    pub kind: Option<i64>,
    #[serde(default)]
    pub pipeline_id: Option<i64>,
    /// The admin's guidance, one per level of experience; only read with
    /// `with=descriptions` (leads_pipelines.md).
    #[serde(default, deserialize_with = "null_as_empty")]
    pub descriptions: Vec<StatusDescription>,
}

/// One of a stage's descriptions (leads_pipelines.md `descriptions[0]`).
#[derive(Clone, Debug, Default, Deserialize)]
pub struct StatusDescription {
    #[serde(default)]
    pub level: Option<String>,
    #[serde(default)]
    pub description: String,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct PipelineEmbedded {
    #[serde(default)]
    pub statuses: Vec<Status>,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct Pipeline {
    pub id: i64,
    #[serde(default)]
    pub name: String,
    #[serde(default, rename = "_embedded")]
    pub embedded: PipelineEmbedded,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct User {
    pub id: i64,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub lang: Option<String>,
    /// Present only when the grant's user is an account admin.
    #[serde(default)]
    pub rights: Option<UserRights>,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct DatetimeSettings {
    #[serde(default)]
    pub timezone: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct Account {
    pub id: i64,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub subdomain: Option<String>,
    #[serde(default)]
    pub customers_mode: Option<String>,
    #[serde(default)]
    pub country: Option<String>,
    /// account-info.md, `with=is_api_filter_enabled`: whether the account has
    /// amoCRM's paid list filtering ("Filtering (Alpha)", filters-api.md).
    #[serde(default)]
    pub is_api_filter_enabled: Option<bool>,
    /// account-info.md: whether the account uses loss reasons.
    #[serde(default)]
    pub is_loss_reason_enabled: bool,
    #[serde(default, rename = "_embedded")]
    pub embedded: AccountEmbedded,
}

/// One of the account's loss reasons (Kommo reference "Get loss reasons").
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct LossReason {
    pub id: i64,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub sort: i64,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct AccountEmbedded {
    #[serde(default)]
    pub datetime_settings: Option<DatetimeSettings>,
    #[serde(default)]
    pub task_types: Vec<TaskType>,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct TaskType {
    pub id: i64,
    #[serde(default)]
    pub name: String,
}

impl Account {
    /// Customers exist only in these modes; elsewhere their endpoints fail.
    pub fn customers_enabled(&self) -> bool {
        matches!(
            self.customers_mode.as_deref(),
            Some("segments" | "periodicity")
        )
    }
    pub fn timezone(&self) -> Option<&str> {
        self.embedded
            .datetime_settings
            .as_ref()?
            .timezone
            .as_deref()
    }
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct Task {
    pub id: i64,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub complete_till: Option<i64>,
    #[serde(default)]
    pub responsible_user_id: Option<i64>,
    #[serde(default)]
    pub is_completed: Option<bool>,
    #[serde(default)]
    pub task_type_id: Option<i64>,
    /// What the task belongs to: `leads`, `customers`, `contacts`, …
    #[serde(default)]
    pub entity_type: Option<String>,
    #[serde(default)]
    pub entity_id: Option<i64>,
}

/// One entry of a record's history.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Note {
    pub id: i64,
    #[serde(default)]
    pub note_type: String,
    #[serde(default)]
    pub created_at: Option<i64>,
    #[serde(default)]
    pub created_by: Option<i64>,
    /// Type-specific: `text`; for calls `phone`, `duration`, `call_status`, `call_result`, `link`.
    #[serde(default)]
    pub params: Value,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct NotesEmbedded {
    #[serde(default)]
    pub notes: Vec<Note>,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct PageLinks {
    #[serde(default)]
    pub next: Option<Value>,
}

/// A page of notes; `_links.next` says whether another follows.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct NotesPage {
    #[serde(default, rename = "_embedded")]
    pub embedded: NotesEmbedded,
    #[serde(default, rename = "_links")]
    pub links: PageLinks,
}

/// amoCRM's fixed stage ids in every lead pipeline: closed as won, closed as lost.
pub const WON_STATUS_ID: i64 = 142;
pub const LOST_STATUS_ID: i64 = 143;

/// The OAuth token endpoint's answer.
#[derive(Clone, Deserialize)]
pub struct TokenPair {
    pub access_token: String,
    pub refresh_token: String,
    #[serde(default = "default_expires_in")]
    pub expires_in: i64,
}

impl std::fmt::Debug for TokenPair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenPair")
            .field("expires_in", &self.expires_in)
            .finish_non_exhaustive()
    }
}

fn default_expires_in() -> i64 {
    86_400
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn lead_tolerates_nulls_and_unknown_fields() {
        let lead: Lead = serde_json::from_value(json!({
            "id": 5, "name": null, "price": null, "custom_fields_values": null,
            "brand_new_field": {"x": 1}, "_embedded": {"tags": [], "contacts": [{"id": 3, "is_main": true}]}
        }))
        .unwrap();
        assert_eq!(lead.id, 5);
        assert!(lead.custom_fields_values.is_empty());
        assert_eq!(lead.embedded.contacts[0].id, 3);
    }
}
