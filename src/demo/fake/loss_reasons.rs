//! `GET /api/v4/leads/loss_reasons`: the account's loss reasons, as Kommo's
//! reference documents it (developers.kommo.com/reference/loss-reasons:
//! `_embedded.loss_reasons` of `id`, `name`, `sort`, `created_at`,
//! `updated_at`; amoCRM's leads-api.md shows the same objects embedded in a
//! lead). An account with the feature off has none: 204, as amoCRM answers
//! an empty list.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use super::{hal, FakeAmo};
use crate::demo::fixtures;

pub(super) async fn loss_reasons(State(fake): State<FakeAmo>, headers: HeaderMap) -> Response {
    match fake.guard("GET /api/v4/leads/loss_reasons", &headers).await {
        Ok(account) => {
            let reasons = fixtures::loss_reasons(account);
            if reasons.is_empty() {
                return StatusCode::NO_CONTENT.into_response();
            }
            hal(serde_json::json!({"_total_items": reasons.len(),
                "_embedded": {"loss_reasons": reasons}}))
        }
        Err(r) => r,
    }
}
