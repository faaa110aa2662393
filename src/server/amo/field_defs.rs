//! The account's custom field definitions (`GET /api/v4/{entity}/custom_fields`),
//! for the layout editor, for checking a saved layout, and for the card's edit
//! sheets (a select's options), cached like the account metadata. A write
//! reads them fresh: a field deleted meanwhile is refused, not written.

use std::sync::Arc;
use std::time::Duration;

use moka::future::Cache;
use serde::Deserialize;

use super::{AmoClient, AmoError};
use crate::model::{EntityKind, FieldType};

/// One field as amoCRM defines it.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct FieldDef {
    pub id: i64,
    #[serde(default)]
    pub name: String,
    /// amoCRM's type, read once.
    #[serde(rename = "type", default)]
    pub field_type: FieldType,
    #[serde(default)]
    pub sort: i64,
    /// Only integrations may write it (amoCRM's own form cannot): the card,
    /// acting for a user, does not either.
    #[serde(default)]
    pub is_api_only: bool,
    /// Its value is computed by amoCRM (custom-fields.md, lead fields only).
    #[serde(default)]
    pub is_computed: bool,
    /// The options of a select, radio button or multiselect.
    #[serde(default, deserialize_with = "super::custom_fields::null_as_empty")]
    pub enums: Vec<FieldEnum>,
    /// The stages a lead may enter only with this field filled
    /// (custom-fields.md `required_statuses`; `null` when none).
    #[serde(default, deserialize_with = "super::custom_fields::null_as_empty")]
    pub required_statuses: Vec<StageRef>,
}

/// A pipeline's stage, as `required_statuses` names it.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
pub struct StageRef {
    pub pipeline_id: i64,
    pub status_id: i64,
}

impl FieldDef {
    /// Whether a lead needs this field to enter `stage` (`pipeline_id`, `status_id`).
    pub fn required_for(&self, (pipeline_id, status_id): (i64, i64)) -> bool {
        self.required_statuses
            .iter()
            .any(|r| r.pipeline_id == pipeline_id && r.status_id == status_id)
    }
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct FieldEnum {
    pub id: i64,
    #[serde(default)]
    pub value: String,
    #[serde(default)]
    pub sort: i64,
}

/// Whose fields: a card's record, or the contacts and companies a lead
/// links to (their fields can be required for a lead's stage too).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FieldsOf {
    Leads,
    Customers,
    Contacts,
    Companies,
}

impl FieldsOf {
    /// The path segment of `GET /api/v4/{entity}/custom_fields`.
    pub fn api_name(self) -> &'static str {
        match self {
            FieldsOf::Leads => "leads",
            FieldsOf::Customers => "customers",
            FieldsOf::Contacts => "contacts",
            FieldsOf::Companies => "companies",
        }
    }
}

impl From<EntityKind> for FieldsOf {
    fn from(kind: EntityKind) -> Self {
        match kind {
            EntityKind::Lead => FieldsOf::Leads,
            EntityKind::Customer => FieldsOf::Customers,
        }
    }
}

pub(super) type DefsCache = Cache<(i64, FieldsOf), Arc<Vec<FieldDef>>>;

pub(super) fn cache(capacity: u64, ttl: Duration) -> DefsCache {
    Cache::builder()
        .max_capacity(capacity)
        .time_to_live(ttl)
        .build()
}

/// custom-fields.md: `limit` up to 250 (one passage says 50 a request; the
/// pages follow `_links.next` either way). No account has more pages than this.
const PAGE: u32 = 250;
const MAX_PAGES: u32 = 20;

impl AmoClient {
    /// The definitions from this replica's copy, loaded once when missing.
    pub async fn custom_fields_cached(
        &self,
        account_id: i64,
        entity: impl Into<FieldsOf>,
    ) -> Result<Arc<Vec<FieldDef>>, AmoError> {
        let entity = entity.into();
        self.field_defs
            .try_get_with((account_id, entity), async {
                self.custom_fields(account_id, entity).await.map(Arc::new)
            })
            .await
            .map_err(|e| (*e).clone())
    }

    /// The definitions read from amoCRM now, kept as this replica's copy.
    pub async fn fresh_custom_fields(
        &self,
        account_id: i64,
        entity: impl Into<FieldsOf>,
    ) -> Result<Arc<Vec<FieldDef>>, AmoError> {
        let entity = entity.into();
        let defs = Arc::new(self.custom_fields(account_id, entity).await?);
        self.field_defs
            .insert((account_id, entity), defs.clone())
            .await;
        Ok(defs)
    }

    /// Every custom field of `entity`'s kind in the account, page after page.
    pub async fn custom_fields(
        &self,
        account_id: i64,
        entity: impl Into<FieldsOf>,
    ) -> Result<Vec<FieldDef>, AmoError> {
        let entity = entity.into();
        let path = format!("/api/v4/{}/custom_fields", entity.api_name());
        self.get_all_pages(account_id, &path, "custom_fields", PAGE, MAX_PAGES)
            .await
    }
}
