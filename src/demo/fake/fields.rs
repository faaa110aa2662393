//! `GET /api/v4/{leads,customers,contacts,companies}/custom_fields`: the
//! account's field definitions, paged as custom-fields.md documents (`limit` up to 250, `page` from 1,
//! `_links.next` while more follow, 204 past the last page).

use super::{paged, FakeAmo};
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;

#[derive(serde::Deserialize)]
pub(super) struct Paging {
    page: Option<usize>,
    limit: Option<usize>,
}

async fn list(fake: FakeAmo, headers: HeaderMap, entity: &str, paging: Paging) -> Response {
    if let Err(r) = fake
        .guard(&format!("GET /api/v4/{entity}/custom_fields"), &headers)
        .await
    {
        return r;
    }
    let limit = paging.limit.unwrap_or(50).clamp(1, 250);
    let page = paging.page.unwrap_or(1).max(1);
    let defs = fake.with(|s| s.custom_fields.get(entity).cloned().unwrap_or_default());
    let path = format!("/api/v4/{entity}/custom_fields");
    paged(&defs, page, limit, &path, "custom_fields")
}

pub(super) async fn lead_fields(
    State(fake): State<FakeAmo>,
    headers: HeaderMap,
    Query(paging): Query<Paging>,
) -> Response {
    list(fake, headers, "leads", paging).await
}

pub(super) async fn customer_fields(
    State(fake): State<FakeAmo>,
    headers: HeaderMap,
    Query(paging): Query<Paging>,
) -> Response {
    list(fake, headers, "customers", paging).await
}

pub(super) async fn contact_fields(
    State(fake): State<FakeAmo>,
    headers: HeaderMap,
    Query(paging): Query<Paging>,
) -> Response {
    list(fake, headers, "contacts", paging).await
}

pub(super) async fn company_fields(
    State(fake): State<FakeAmo>,
    headers: HeaderMap,
    Query(paging): Query<Paging>,
) -> Response {
    list(fake, headers, "companies", paging).await
}
