//! Tasks: the open ones of a record, creating and completing them, as
//! tasks-api.md documents (its own filters, not the paid list filtering;
//! at most 250 a page; completing takes `result`).

use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Json;
use serde_json::{json, Value};

use super::{hal, no_content, now_unix, problem, FakeAmo};

use super::entities::filter_values;

pub(super) async fn tasks(
    State(fake): State<FakeAmo>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> Response {
    if let Err(r) = fake.guard("GET /api/v4/tasks", &headers).await {
        return r;
    }
    let q = q.unwrap_or_default();
    let entity_type = filter_values(&q, "filter[entity_type]")
        .pop()
        .unwrap_or_default();
    let entity_id: i64 = filter_values(&q, "filter[entity_id]")
        .pop()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let open_only = filter_values(&q, "filter[is_completed]").pop().as_deref() == Some("0");
    let mut found: Vec<Value> = fake.with(|s| {
        s.tasks
            .iter()
            .filter(|t| {
                t["entity_type"] == json!(entity_type) && t["entity_id"] == json!(entity_id)
            })
            .filter(|t| !open_only || t["is_completed"] == json!(false))
            .cloned()
            .collect()
    });
    found.sort_by_key(|t| t["complete_till"].as_i64());
    // Pages like amoCRM: 50 by default, at most 250.
    let limit = filter_values(&q, "limit")
        .pop()
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(50)
        .clamp(1, 250);
    let page = filter_values(&q, "page")
        .pop()
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(1)
        .max(1);
    let page_items: Vec<Value> = found
        .iter()
        .skip((page - 1) * limit)
        .take(limit)
        .cloned()
        .collect();
    if page_items.is_empty() {
        return no_content();
    }
    hal(json!({"_page": page, "_embedded": {"tasks": page_items}}))
}

pub(super) async fn add_tasks(
    State(fake): State<FakeAmo>,
    headers: HeaderMap,
    body: Option<Json<Vec<Value>>>,
) -> Response {
    if let Err(r) = fake.guard("POST /api/v4/tasks", &headers).await {
        return r;
    }
    let Some(Json(items)) = body else {
        return problem(StatusCode::BAD_REQUEST, "Bad Request", "Malformed JSON");
    };
    let mut created = Vec::new();
    for mut t in items {
        if t["text"].as_str().is_none_or(|s| s.trim().is_empty())
            || t["complete_till"].as_i64().is_none()
        {
            return problem(
                StatusCode::BAD_REQUEST,
                "Bad Request",
                "text and complete_till are required",
            );
        }
        fake.with(|s| {
            s.next_id += 1;
            t["id"] = json!(s.next_id);
            t["is_completed"] = json!(false);
            created.push(json!({"id": s.next_id}));
            s.tasks.push(t);
            FakeAmo::sync_closest_tasks(s);
        });
    }
    hal(json!({"_embedded": {"tasks": created}}))
}

pub(super) async fn task(
    State(fake): State<FakeAmo>,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Response {
    if let Err(r) = fake.guard("GET /api/v4/tasks/{id}", &headers).await {
        return r;
    }
    match fake.with(|s| {
        s.tasks
            .iter()
            .find(|t| t["id"].as_i64() == Some(id))
            .cloned()
    }) {
        Some(t) => hal(t),
        None => no_content(),
    }
}

pub(super) async fn update_task(
    State(fake): State<FakeAmo>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    body: Option<Json<Value>>,
) -> Response {
    if let Err(r) = fake.guard("PATCH /api/v4/tasks/{id}", &headers).await {
        return r;
    }
    let Some(Json(patch)) = body else {
        return problem(StatusCode::BAD_REQUEST, "Bad Request", "Malformed JSON");
    };
    // tasks-api.md, "Выполнение задачи": completing takes `result` with
    // `is_completed`; a strict amoCRM refuses one without the other.
    let completes = patch.get("is_completed") == Some(&json!(true));
    let has_result = patch["result"]["text"]
        .as_str()
        .is_some_and(|t| !t.trim().is_empty());
    if completes && !has_result {
        return super::edits::validation("result", "FieldMissing");
    }
    let updated = fake.with(|s| {
        let task = s.tasks.iter_mut().find(|t| t["id"].as_i64() == Some(id))?;
        if let Some(done) = patch.get("is_completed") {
            task["is_completed"] = done.clone();
        }
        if let Some(result) = patch.get("result") {
            task["result"] = result.clone();
        }
        let task = task.clone();
        FakeAmo::sync_closest_tasks(s);
        Some(task)
    });
    match updated {
        Some(t) => hal(json!({"id": t["id"], "updated_at": now_unix()})),
        None => problem(StatusCode::NOT_FOUND, "Not Found", "Task not found"),
    }
}
