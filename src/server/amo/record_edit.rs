//! Changing one record (`PATCH /api/v4/{leads|customers}/{id}`, leads-api.md
//! "Редактирование сделок", customers-api.md): a typed patch with only the
//! fields that change and the acting user as `updated_by`. Field edits, the
//! stage move and its required fields all go out as one [`RecordPatch`].

use reqwest::Method;
use serde::Serialize;
use serde_json::Value;

use super::{AmoClient, AmoError};
use crate::model::EntityKind;

/// One record's update; what is `None` or empty is not sent.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct RecordPatch {
    /// A lead's budget.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub price: Option<i64>,
    /// A customer's next purchase amount and date (unix seconds).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_price: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_date: Option<i64>,
    /// A lead's stage: amoCRM takes both together.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pipeline_id: Option<i64>,
    /// Why a lead was lost (leads-api.md): amoCRM takes it only with the
    /// lost stage, one of the account's loss reasons.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub loss_reason_id: Option<i64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub custom_fields_values: Vec<FieldValues>,
    /// The user amoCRM shows the change as.
    pub updated_by: i64,
}

/// One custom field's new `values` (`null` clears it).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FieldValues {
    pub field_id: i64,
    pub values: Value,
}

impl RecordPatch {
    /// An empty patch on behalf of `user_id`.
    pub fn by(user_id: i64) -> Self {
        Self {
            updated_by: user_id,
            ..Self::default()
        }
    }
}

impl AmoClient {
    /// Sends `patch` as the record's update.
    pub async fn update_record(
        &self,
        account_id: i64,
        kind: EntityKind,
        id: i64,
        patch: &RecordPatch,
    ) -> Result<(), AmoError> {
        let path = format!("/api/v4/{}/{id}", kind.api_name());
        // Plain fields and JSON values only: this cannot fail, and if it did,
        // nothing was sent.
        let body = serde_json::to_value(patch)
            .map_err(|e| AmoError::Rejected(format!("the patch did not serialise: {e}")))?;
        self.call(account_id, Method::PATCH, &path, Some(body))
            .await
            .map(|_| ())
    }
}
