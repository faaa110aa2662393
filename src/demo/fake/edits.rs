//! Record updates (`PATCH /api/v4/leads/{id}`, `PATCH /api/v4/customers/{id}`),
//! validated as amoCRM documents them: only known fields; amounts are
//! non-negative integers; `updated_by` a user of the account (or 0, the
//! robot); each custom field value shaped by the field's type (`value` for
//! text, numbers, checkboxes and Unix dates; `enum_id` of that field's options
//! for selects, radio buttons and multiselects; `values: null` clears); a
//! lead's `loss_reason_id` one of the account's and only with status 143
//! (amoCRM: "Loss reason can be specified only for lost lead"). A
//! refusal is a 400 with amoCRM's `validation-errors` and changes nothing.
//! Every accepted update moves `updated_at` on (by at least a second, so two
//! updates within one second stay distinguishable in tests).

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Map, Value};

use super::{hal, now_unix, problem, FakeAmo, FakeState};
use crate::demo::fixtures;
use crate::model::FieldType;

/// amoCRM's text limits as this service reads them (see `model::edit`).
const TEXT_MAX: usize = 256;
const TEXTAREA_MAX: usize = 4000;
const URL_MAX: usize = 2000;
const AMOUNT_MAX: i64 = i32::MAX as i64;

/// Where a body fails amoCRM's validation: the field's path and the error code.
type Refusal = (String, &'static str);

fn refuse(path: impl Into<String>, code: &'static str) -> Refusal {
    (path.into(), code)
}

/// The code of a loss reason sent with another stage than lost; its detail
/// is amoCRM's own sentence.
const LOSS_REASON_NOT_LOST: &str = "LossReasonNotLost";

pub(super) fn validation(path: &str, code: &str) -> Response {
    let detail = match code {
        LOSS_REASON_NOT_LOST => "Loss reason can be specified only for lost lead",
        _ => "This value is not valid.",
    };
    let body = json!({
        "title": "Bad Request", "type": "https://httpstatus.es/400", "status": 400,
        "detail": "Request validation failed",
        "validation-errors": [{"request_id": "0", "errors": [{"code": code, "path": path, "detail": detail}]}]
    });
    (
        StatusCode::BAD_REQUEST,
        [(header::CONTENT_TYPE, "application/problem+json")],
        body.to_string(),
    )
        .into_response()
}

/// `updated_by` as amoCRM takes it: a user of the account, or 0 (the robot).
pub(super) fn known_user(users: &[Value], v: &Value) -> bool {
    let id = v.as_i64();
    id == Some(0) || users.iter().any(|u| u["id"].as_i64() == id)
}

fn amount(v: &Value) -> bool {
    v.as_i64().is_some_and(|n| (0..=AMOUNT_MAX).contains(&n))
}

/// Checks one field's `values` against its definition; the stored values
/// (selects get their option's text, as amoCRM answers them) or a refusal.
fn check_values(def: &Value, values: &Value, at: &str) -> Result<Value, Refusal> {
    if values.is_null() {
        return Ok(Value::Null);
    }
    let Some(list) = values.as_array().filter(|l| !l.is_empty()) else {
        return Err(refuse(format!("{at}.values"), "NotSupportedChoice"));
    };
    use FieldType as T;
    let field_type = FieldType::parse(def["type"].as_str().unwrap_or_default());
    let enums = def["enums"].as_array().cloned().unwrap_or_default();
    if field_type != T::Multiselect && list.len() > 1 {
        return Err(refuse(format!("{at}.values"), "TooManyValues"));
    }
    let mut stored = Vec::new();
    for (i, item) in list.iter().enumerate() {
        let path = format!("{at}.values.{i}");
        let value = &item["value"];
        let ok = match field_type {
            T::Text => value
                .as_str()
                .is_some_and(|s| s.chars().count() <= TEXT_MAX),
            T::Textarea => value
                .as_str()
                .is_some_and(|s| s.chars().count() <= TEXTAREA_MAX),
            T::Url => value.as_str().is_some_and(|s| s.chars().count() <= URL_MAX),
            T::Numeric | T::Price => match value {
                Value::Number(_) => true,
                Value::String(s) => s.trim().parse::<f64>().is_ok_and(f64::is_finite),
                _ => false,
            },
            T::Checkbox => value.is_boolean(),
            T::Date | T::DateTime => value.is_i64(),
            T::Select | T::Radiobutton | T::Multiselect => {
                let id = item["enum_id"].as_i64();
                match enums
                    .iter()
                    .find(|e| e["id"].as_i64() == id && id.is_some())
                {
                    Some(option) => {
                        stored.push(json!({"value": option["value"], "enum_id": id}));
                        continue;
                    }
                    None => false,
                }
            }
            // The fake's sample fields are of the types above; amoCRM's other
            // types have shapes of their own the fake does not take.
            T::Multitext
            | T::Streetaddress
            | T::SmartAddress
            | T::Birthday
            | T::LegalEntity
            | T::Category
            | T::Items
            | T::TrackingData
            | T::LinkedEntity
            | T::ChainedList
            | T::Monetary
            | T::File
            | T::Payer
            | T::Supplier
            | T::Other => false,
        };
        if !ok {
            return Err(refuse(format!("{path}.value"), "InvalidType"));
        }
        stored.push(json!({ "value": value }));
    }
    Ok(Value::Array(stored))
}

/// What the account defines that a patch is checked against.
struct Account<'a> {
    defs: &'a [Value],
    users: &'a [Value],
    /// The ids of its loss reasons (leads only).
    loss_reasons: &'a [i64],
}

/// leads-api.md: closed-lost is status 143 in every pipeline.
const LOST: i64 = 143;

/// Applies `patch` to `record` if every field in it is valid, else changes nothing.
fn apply(
    record: &mut Value,
    patch: &Value,
    allowed: &[&str],
    account: &Account,
) -> Result<(), Refusal> {
    let (defs, users) = (account.defs, account.users);
    let Some(fields) = patch.as_object() else {
        return Err(refuse("", "InvalidType"));
    };
    let mut updated: Map<String, Value> = Map::new();
    for (key, value) in fields {
        match key.as_str() {
            k if !allowed.contains(&k) => return Err(refuse(k, "UnknownField")),
            "price" | "next_price" if !amount(value) => {
                return Err(refuse(key.as_str(), "InvalidType"))
            }
            "next_date" | "status_id" | "pipeline_id" if !value.is_i64() => {
                return Err(refuse(key.as_str(), "InvalidType"))
            }
            "updated_by" if !known_user(users, value) => {
                return Err(refuse(key.as_str(), "NotFound"))
            }
            "name" if !value.is_string() => return Err(refuse(key.as_str(), "InvalidType")),
            // leads-api.md `loss_reason_id`: one of the account's reasons.
            "loss_reason_id"
                if value
                    .as_i64()
                    .is_none_or(|id| !account.loss_reasons.contains(&id)) =>
            {
                return Err(refuse(key.as_str(), "NotFound"))
            }
            _ => {}
        }
        updated.insert(key.clone(), value.clone());
    }
    // amoCRM: "Loss reason can be specified only for lost lead".
    if updated.contains_key("loss_reason_id") {
        let status = updated.get("status_id").unwrap_or(&record["status_id"]);
        if status.as_i64() != Some(LOST) {
            return Err(refuse("loss_reason_id", LOSS_REASON_NOT_LOST));
        }
    }
    let mut cf = record["custom_fields_values"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    if let Some(changes) = updated.remove("custom_fields_values") {
        let Some(changes) = changes.as_array() else {
            return Err(refuse("custom_fields_values", "InvalidType"));
        };
        for (i, change) in changes.iter().enumerate() {
            let at = format!("custom_fields_values.{i}");
            let id = change["field_id"].as_i64();
            let Some(def) = defs.iter().find(|d| d["id"].as_i64() == id && id.is_some()) else {
                return Err(refuse(format!("{at}.field_id"), "NotFound"));
            };
            let values = check_values(def, &change["values"], &at)?;
            cf.retain(|v| v["field_id"].as_i64() != id);
            if !values.is_null() {
                cf.push(
                    json!({"field_id": id, "field_name": def["name"], "field_code": def["code"],
                    "field_type": def["type"], "values": values}),
                );
            }
        }
        record["custom_fields_values"] = Value::Array(cf);
    }
    for (key, value) in updated {
        record[key.as_str()] = value;
    }
    touch(record);
    Ok(())
}

/// Moves a record's `updated_at` on, by at least a second.
fn touch(record: &mut Value) {
    let before = record["updated_at"].as_i64().unwrap_or(0);
    record["updated_at"] = json!(now_unix().max(before + 1));
}

/// The lead (`leads`) or customer (`customers`) `id` the fake holds.
fn record_mut<'a>(s: &'a mut FakeState, entity: &str, id: i64) -> Option<&'a mut Value> {
    let list = if entity == "leads" {
        &mut s.leads
    } else {
        &mut s.customers
    };
    list.iter_mut().find(|r| r["id"].as_i64() == Some(id))
}

async fn update(
    fake: FakeAmo,
    endpoint: &str,
    headers: HeaderMap,
    id: i64,
    body: Option<Json<Value>>,
    entity: &'static str,
) -> Response {
    let account = match fake.guard(endpoint, &headers).await {
        Ok(a) => a,
        Err(r) => return r,
    };
    if entity == "customers" && account == fixtures::ACCOUNT_NO_CUSTOMERS {
        return problem(
            StatusCode::PAYMENT_REQUIRED,
            "Payment Required",
            "Customers are disabled",
        );
    }
    let Some(Json(patch)) = body else {
        return problem(StatusCode::BAD_REQUEST, "Bad Request", "Malformed JSON");
    };
    let allowed: &[&str] = match entity {
        "leads" => &[
            "name",
            "price",
            "status_id",
            "pipeline_id",
            "loss_reason_id",
            "updated_by",
            "custom_fields_values",
        ],
        _ => &[
            "name",
            "next_price",
            "next_date",
            "updated_by",
            "custom_fields_values",
        ],
    };
    let result = fake.with(|s| {
        let defs = s.custom_fields.get(entity).cloned().unwrap_or_default();
        let users = s.users.clone();
        let loss_reasons: Vec<i64> = match entity {
            "leads" => fixtures::loss_reasons(account)
                .iter()
                .filter_map(|r| r["id"].as_i64())
                .collect(),
            _ => Vec::new(),
        };
        let account = Account {
            defs: &defs,
            users: &users,
            loss_reasons: &loss_reasons,
        };
        let record = record_mut(s, entity, id)?;
        let stage = |r: &Value| (r["pipeline_id"].as_i64(), r["status_id"].as_i64());
        let before = stage(record);
        let result = apply(record, &patch, allowed, &account)
            .map(|()| json!({"id": id, "updated_at": record["updated_at"]}));
        let by = record["updated_by"].as_i64().unwrap_or(0);
        // A lead's move is an event in its feed, as in amoCRM.
        let after = stage(record);
        if let (Some(pipeline), Some(status), true) =
            (after.0, after.1, result.is_ok() && after != before)
        {
            let into = json!([{"lead_status": {"id": status, "pipeline_id": pipeline}}]);
            s.record_event("lead_status_changed", "lead", id, by, into);
        }
        Some(result)
    });
    match result {
        Some(Ok(v)) => hal(v),
        Some(Err((path, code))) => validation(&path, code),
        None => problem(StatusCode::NOT_FOUND, "Not Found", "Entity not found"),
    }
}

pub(super) async fn update_lead(
    State(fake): State<FakeAmo>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    body: Option<Json<Value>>,
) -> Response {
    update(fake, "PATCH /api/v4/leads/{id}", headers, id, body, "leads").await
}

pub(super) async fn update_customer(
    State(fake): State<FakeAmo>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    body: Option<Json<Value>>,
) -> Response {
    let endpoint = "PATCH /api/v4/customers/{id}";
    update(fake, endpoint, headers, id, body, "customers").await
}

impl FakeAmo {
    /// A lead or customer as the fake holds it now (tests read what an edit wrote).
    pub fn record(&self, entity: &str, id: i64) -> Option<Value> {
        self.with(|s| record_mut(s, entity, id).map(|r| r.clone()))
    }

    /// Changes one field of a lead or customer as someone in amoCRM would:
    /// its `updated_at` moves on.
    pub fn change_record(&self, entity: &str, id: i64, key: &str, value: Value) {
        self.with(|s| {
            if let Some(r) = record_mut(s, entity, id) {
                r[key] = value;
                touch(r);
            }
        });
    }
}
