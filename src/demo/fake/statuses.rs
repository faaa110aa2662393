//! `GET /api/v4/leads/pipelines/{pipeline_id}/statuses`: a pipeline's
//! stages, as amoCRM's leads_pipelines.md "Список статусов воронки сделок"
//! documents it: `_total_items` and `_embedded.statuses` with `id`, `name`,
//! `sort`, `is_editable`, `pipeline_id`, `color`, `type`, `account_id`;
//! `descriptions` (one per level: `newbie`, `candidate`, `master`) only when
//! `with` names `descriptions`, the one value that method takes. The page
//! lists 200 and 401 only; a pipeline the account lacks answers 404 with
//! problem JSON, as amoCRM does for an entity it does not have.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::{json, Value};

use super::{hal, problem, FakeAmo};
use crate::demo::fixtures;

pub(super) async fn pipeline_statuses(
    State(fake): State<FakeAmo>,
    headers: HeaderMap,
    Path(pipeline): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let account = match fake
        .guard("GET /api/v4/leads/pipelines/{id}/statuses", &headers)
        .await
    {
        Ok(account) => account,
        Err(r) => return r,
    };
    let with_descriptions = query
        .get("with")
        .is_some_and(|w| w.split(',').any(|v| v.trim() == "descriptions"));
    let pipelines = fixtures::pipelines();
    let found = pipelines["_embedded"]["pipelines"]
        .as_array()
        .and_then(|all| {
            all.iter().find(|p| {
                p["id"]
                    .as_i64()
                    .is_some_and(|id| id.to_string() == pipeline)
            })
        });
    let Some(found) = found else {
        return problem(StatusCode::NOT_FOUND, "Not Found", "Pipeline not found");
    };
    let id = found["id"].as_i64().unwrap_or_default();
    let statuses: Vec<Value> = found["_embedded"]["statuses"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .map(|mut s| {
            let status = s["id"].as_i64().unwrap_or_default();
            s["account_id"] = json!(account);
            s["is_editable"] = json!(![142, 143].contains(&status));
            s["_links"] = json!({"self": {"href": format!(
                "https://example.amocrm.ru/api/v4/leads/pipelines/{id}/statuses/{status}")}});
            if with_descriptions {
                s["descriptions"] = json!(fixtures::stage_descriptions(account, id, status));
            }
            s
        })
        .collect();
    hal(json!({"_total_items": statuses.len(), "_embedded": {"statuses": statuses}}))
}
