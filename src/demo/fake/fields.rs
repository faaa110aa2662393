//! `GET /api/v4/{leads,customers}/custom_fields`: the account's field
//! definitions, paged as amoCRM pages them (`limit` up to 50, `page` from 1,
//! `_links.next` while more follow, 204 past the last page).

use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::json;

use super::{hal, no_content, FakeAmo};

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
    let limit = paging.limit.unwrap_or(50).clamp(1, 50);
    let page = paging.page.unwrap_or(1).max(1);
    let defs = fake.with(|s| s.custom_fields.get(entity).cloned().unwrap_or_default());
    let items: Vec<_> = defs
        .iter()
        .skip((page - 1) * limit)
        .take(limit)
        .cloned()
        .collect();
    if items.is_empty() {
        return no_content();
    }
    let path = format!("/api/v4/{entity}/custom_fields");
    let mut links = json!({"self": {"href": format!("{path}?page={page}&limit={limit}")}});
    if defs.len() > page * limit {
        links["next"] = json!({"href": format!("{path}?page={}&limit={limit}", page + 1)});
    }
    hal(json!({"_page": page, "_links": links, "_embedded": {"custom_fields": items}}))
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
