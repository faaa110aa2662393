//! Changing one record's fields (`PATCH /api/v4/{leads|customers}/{id}`),
//! with only the fields that change and the acting user as `updated_by`.

use reqwest::Method;
use serde_json::Value;

use super::{AmoClient, AmoError};
use crate::model::EntityKind;

impl AmoClient {
    /// Sends `body` (built by `card::editing::body`) as the record's update.
    pub async fn update_record(
        &self,
        account_id: i64,
        kind: EntityKind,
        id: i64,
        body: Value,
    ) -> Result<(), AmoError> {
        let path = format!("/api/v4/{}/{id}", kind.api_name());
        self.call(account_id, Method::PATCH, &path, Some(body))
            .await
            .map(|_| ())
    }
}
