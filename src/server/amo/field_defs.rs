//! The account's custom field definitions (`GET /api/v4/{entity}/custom_fields`),
//! for the layout editor and for checking a saved layout. The card itself never
//! asks: it shows the fields the record carries.

use reqwest::Method;
use serde::Deserialize;

use super::client::parse;
use super::{AmoClient, AmoError};
use crate::model::EntityKind;

/// One field as amoCRM defines it.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct FieldDef {
    pub id: i64,
    #[serde(default)]
    pub name: String,
    /// amoCRM's type: `text`, `select`, `date`, …
    #[serde(rename = "type", default)]
    pub field_type: String,
    #[serde(default)]
    pub sort: i64,
}

/// amoCRM lists at most 50 definitions a page; no account has more pages than this.
const MAX_PAGES: usize = 20;

impl AmoClient {
    /// Every custom field of `entity`'s kind in the account, page after page.
    pub async fn custom_fields(
        &self,
        account_id: i64,
        entity: EntityKind,
    ) -> Result<Vec<FieldDef>, AmoError> {
        let mut all = Vec::new();
        for page in 1..=MAX_PAGES {
            let path = format!(
                "/api/v4/{}/custom_fields?limit=50&page={page}",
                entity.api_name()
            );
            let Some(v) = self.call(account_id, Method::GET, &path, None).await? else {
                break;
            };
            let items = v
                .pointer("/_embedded/custom_fields")
                .cloned()
                .unwrap_or(serde_json::Value::Array(Vec::new()));
            let defs: Vec<FieldDef> = parse(&path, items)?;
            all.extend(defs);
            if v.pointer("/_links/next").is_none() {
                break;
            }
        }
        Ok(all)
    }
}
