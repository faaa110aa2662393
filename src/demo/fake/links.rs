//! `POST /api/v4/leads/{id}/link` and `/unlink`, as entity-links-api.md
//! ("Привязка сущностей", "Отвязка сущностей") documents them, for the one
//! link the card writes: a catalog element (a product line). The body is a
//! non-empty array of `{to_entity_id, to_entity_type, metadata}`; a catalog
//! element names its `metadata.catalog_id`, must be an element of that
//! catalog, and a link's `metadata.quantity` is a number above zero (int or
//! float, as the page says); `updated_by` is a user of the account. Linking an
//! element the lead already links replaces its quantity. A link answers 200
//! with the links, an unlink 204 with no body; a refusal is amoCRM's 400 with
//! `validation-errors` and changes nothing; an unknown lead is a 404. Other
//! link types (contacts, companies) are not modelled: refused as invalid.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Json;
use serde_json::{json, Value};

use super::edits::{known_user, validation};
use super::{hal, no_content, problem, FakeAmo};
use crate::demo::fixtures;

/// One product line the body asks for, validated.
struct Line {
    element: i64,
    catalog: i64,
    quantity: Option<f64>,
}

/// The body's lines, or amoCRM's refusal (`path`, `code`).
fn lines(body: &Value, link: bool, users: &[Value]) -> Result<Vec<Line>, (String, &'static str)> {
    let items = body
        .as_array()
        .filter(|a| !a.is_empty())
        .ok_or_else(|| (String::new(), "InvalidType"))?;
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let at = |field: &str| format!("{i}.{field}");
        let element = item["to_entity_id"]
            .as_i64()
            .ok_or_else(|| (at("to_entity_id"), "InvalidType"))?;
        if item["to_entity_type"] != json!("catalog_elements") {
            return Err((at("to_entity_type"), "InvalidValue"));
        }
        let meta = &item["metadata"];
        let catalog = meta["catalog_id"]
            .as_i64()
            .ok_or_else(|| (at("metadata.catalog_id"), "FieldMissing"))?;
        let known = fixtures::catalog_elements(catalog)
            .iter()
            .any(|e| e["id"].as_i64() == Some(element));
        if !known {
            return Err((at("to_entity_id"), "NotFound"));
        }
        let quantity = match &meta["quantity"] {
            Value::Null if !link => None,
            // A link without a quantity links one, as amoCRM's interface adds one.
            Value::Null => Some(1.0),
            q => Some(
                q.as_f64()
                    .filter(|q| q.is_finite() && *q > 0.0)
                    .ok_or_else(|| (at("metadata.quantity"), "InvalidValue"))?,
            ),
        };
        if meta
            .get("updated_by")
            .is_some_and(|by| !known_user(users, by))
        {
            return Err((at("metadata.updated_by"), "NotFound"));
        }
        out.push(Line {
            element,
            catalog,
            quantity,
        });
    }
    Ok(out)
}

async fn change(
    fake: FakeAmo,
    id: i64,
    headers: HeaderMap,
    body: Option<Json<Value>>,
    link: bool,
) -> Response {
    let endpoint = if link {
        "POST /api/v4/leads/{id}/link"
    } else {
        "POST /api/v4/leads/{id}/unlink"
    };
    if let Err(r) = fake.guard(endpoint, &headers).await {
        return r;
    }
    let Some(Json(body)) = body else {
        return problem(StatusCode::BAD_REQUEST, "Bad Request", "Malformed JSON");
    };
    let result = fake.with(|s| {
        let lines = lines(&body, link, &s.users)?;
        let Some(lead) = s
            .leads
            .iter_mut()
            .find(|l| l["id"].as_i64() == Some(id) && l["is_deleted"] != json!(true))
        else {
            return Ok(None);
        };
        let linked = lead["_embedded"]["catalog_elements"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let same = |l: &Value, n: &Line| {
            l["id"].as_i64() == Some(n.element)
                && l["metadata"]["catalog_id"].as_i64() == Some(n.catalog)
        };
        // An unlink drops the lines; a link replaces a line in its place or adds it.
        let mut kept: Vec<Value> = linked
            .into_iter()
            .filter(|l| link || !lines.iter().any(|n| same(l, n)))
            .collect();
        let mut answer = Vec::new();
        for n in lines.iter().filter(|_| link) {
            let metadata = json!({"quantity": n.quantity, "catalog_id": n.catalog});
            let entry = json!({"id": n.element, "metadata": metadata});
            match kept.iter_mut().find(|l| same(l, n)) {
                Some(existing) => *existing = entry,
                None => kept.push(entry),
            }
            answer.push(
                json!({"entity_id": id, "entity_type": "leads", "to_entity_id": n.element,
                "to_entity_type": "catalog_elements", "metadata": metadata}),
            );
        }
        lead["_embedded"]["catalog_elements"] = Value::from(kept);
        Ok(Some(answer))
    });
    match result {
        Err((path, code)) => validation(&path, code),
        Ok(None) => problem(StatusCode::NOT_FOUND, "Not Found", "Entity not found"),
        Ok(Some(_)) if !link => no_content(),
        Ok(Some(links)) => hal(json!({"_total_items": links.len(),
            "_links": {"self": {"href": format!("https://example.amocrm.ru/api/v4/leads/{id}/links")}},
            "_embedded": {"links": links}})),
    }
}

pub(super) async fn link(
    State(fake): State<FakeAmo>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    body: Option<Json<Value>>,
) -> Response {
    change(fake, id, headers, body, true).await
}

pub(super) async fn unlink(
    State(fake): State<FakeAmo>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    body: Option<Json<Value>>,
) -> Response {
    change(fake, id, headers, body, false).await
}

impl FakeAmo {
    /// The deal's product lines as the fake holds them: (element id, quantity).
    pub fn lead_products(&self, id: i64) -> Vec<(i64, f64)> {
        self.with(|s| {
            s.leads
                .iter()
                .find(|l| l["id"].as_i64() == Some(id))
                .and_then(|l| l["_embedded"]["catalog_elements"].as_array().cloned())
                .unwrap_or_default()
                .iter()
                .filter_map(|l| Some((l["id"].as_i64()?, l["metadata"]["quantity"].as_f64()?)))
                .collect()
        })
    }
}
