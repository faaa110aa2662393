//! `GET /api/v4/leads`: the deals list, as leads-api.md "Список сделок"
//! documents it (`filter[id][]`, `limit` up to 250, `_embedded.leads`, 204
//! when none). Deleted deals are not listed. An account without amoCRM's
//! paid filtering (filters-api.md) gets the filter ignored: the first
//! `limit` deals, whatever was asked.

use axum::extract::{RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::{json, Value};

use super::entities::ListQuery;
use super::{hal, no_content, FakeAmo};

pub(super) async fn leads(
    State(fake): State<FakeAmo>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> Response {
    if let Err(r) = fake.guard("GET /api/v4/leads", &headers).await {
        return r;
    }
    let ListQuery { ids, limit } = ListQuery::of(&q.unwrap_or_default());
    let (unfiltered, all) = fake.with(|s| (s.faults.unfiltered_lists, s.leads.clone()));
    let found: Vec<Value> = all
        .into_iter()
        .filter(|l| l["is_deleted"] != json!(true))
        .filter(|l| unfiltered || ids.is_empty() || ids.contains(&l["id"].as_i64().unwrap_or(0)))
        .take(limit)
        .collect();
    if found.is_empty() {
        return no_content();
    }
    hal(json!({"_page": 1, "_embedded": {"leads": found}}))
}
