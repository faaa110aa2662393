//! Account metadata, users and the records (leads, customers, contacts, companies).

use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::{json, Value};

use super::{hal, no_content, problem, FakeAmo};
use crate::demo::fixtures;

/// account-info.md: the account, and with `with=is_api_filter_enabled`
/// whether it has the paid list filtering.
pub(super) async fn account(
    State(fake): State<FakeAmo>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> Response {
    let account = match fake.guard("GET /api/v4/account", &headers).await {
        Ok(account) => account,
        Err(r) => return r,
    };
    let mut body = fixtures::account(account);
    let with = filter_values(q.as_deref().unwrap_or_default(), "with").join(",");
    let faults = fake.with(|s| s.faults.clone());
    if with.split(',').any(|w| w == "is_api_filter_enabled") && !faults.filter_flag_missing {
        body["is_api_filter_enabled"] = json!(!faults.unfiltered_lists);
    }
    hal(body)
}

pub(super) async fn pipelines(State(fake): State<FakeAmo>, headers: HeaderMap) -> Response {
    match fake.guard("GET /api/v4/leads/pipelines", &headers).await {
        Ok(_) => hal(fixtures::pipelines()),
        Err(r) => r,
    }
}

pub(super) async fn customer_statuses(State(fake): State<FakeAmo>, headers: HeaderMap) -> Response {
    match fake.guard("GET /api/v4/customers/statuses", &headers).await {
        Ok(a) if a == fixtures::ACCOUNT_NO_CUSTOMERS => problem(
            StatusCode::PAYMENT_REQUIRED,
            "Payment Required",
            "Customers are disabled",
        ),
        Ok(_) => hal(fixtures::customer_statuses()),
        Err(r) => r,
    }
}

/// The users as the faults allow: without rights for a non-admin grant, or failing.
fn users_answer(fake: &FakeAmo) -> Result<Vec<Value>, StatusCode> {
    let (faults, mut users) = fake.with(|s| (s.faults.clone(), s.users.clone()));
    if let Some(status) = faults.users_status {
        return Err(StatusCode::from_u16(status).unwrap_or(StatusCode::FORBIDDEN));
    }
    if faults.users_without_rights {
        for u in &mut users {
            if let Some(o) = u.as_object_mut() {
                o.remove("rights");
            }
        }
    }
    Ok(users)
}

/// users-api.md: paged (`limit` up to 250, 50 by default), for an admin's
/// grant only (the fake's `users_status` 403 plays a non-admin's).
pub(super) async fn users(
    State(fake): State<FakeAmo>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> Response {
    if let Err(r) = fake.guard("GET /api/v4/users", &headers).await {
        return r;
    }
    let q = q.unwrap_or_default();
    let number = |key: &str, default: usize| {
        filter_values(&q, key)
            .pop()
            .map_or(Some(default), |v| v.parse::<usize>().ok())
    };
    let (Some(limit), Some(page)) = (number("limit", 50), number("page", 1)) else {
        return super::edits::validation("limit", "InvalidType");
    };
    if !(1..=250).contains(&limit) || page == 0 {
        return super::edits::validation("limit", "InvalidLimit");
    }
    match users_answer(&fake) {
        Ok(users) => super::paged(&users, page, limit, "/api/v4/users", "users"),
        Err(status) => problem(status, "Forbidden", "Injected users failure"),
    }
}

pub(super) async fn user(
    State(fake): State<FakeAmo>,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Response {
    if let Err(r) = fake.guard("GET /api/v4/users/{id}", &headers).await {
        return r;
    }
    match users_answer(&fake).map(|users| find(&users, id)) {
        Ok(Some(u)) => hal(u),
        Ok(None) => problem(StatusCode::NOT_FOUND, "Not Found", "User not found"),
        Err(status) => problem(status, "Error", "Injected users failure"),
    }
}

fn find(list: &[Value], id: i64) -> Option<Value> {
    list.iter().find(|v| v["id"].as_i64() == Some(id)).cloned()
}

pub(super) async fn lead(
    State(fake): State<FakeAmo>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    RawQuery(q): RawQuery,
) -> Response {
    if let Err(r) = fake.guard("GET /api/v4/leads/{id}", &headers).await {
        return r;
    }
    // leads-api.md: the products come only when `with` asks for them.
    let with = filter_values(&q.unwrap_or_default(), "with").join(",");
    let products = with.split(',').any(|w| w.trim() == "catalog_elements");
    match fake.with(|s| find(&s.leads, id)) {
        Some(mut v) if v["is_deleted"] != json!(true) => {
            if !products {
                if let Some(embedded) = v["_embedded"].as_object_mut() {
                    embedded.remove("catalog_elements");
                }
            }
            hal(v)
        }
        _ => no_content(),
    }
}

/// `GET /api/v4/catalogs/{catalog_id}/elements` (catalogs-api.md "Список
/// элементов списка"): `filter[id][]`, `limit` up to 250, 204 when none.
pub(super) async fn catalog_elements(
    State(fake): State<FakeAmo>,
    headers: HeaderMap,
    Path(catalog): Path<i64>,
    RawQuery(q): RawQuery,
) -> Response {
    if let Err(r) = fake
        .guard("GET /api/v4/catalogs/{id}/elements", &headers)
        .await
    {
        return r;
    }
    let ListQuery { ids, limit } = ListQuery::of(&q.unwrap_or_default());
    let found: Vec<Value> = fixtures::catalog_elements(catalog)
        .into_iter()
        .filter(|e| ids.is_empty() || ids.contains(&e["id"].as_i64().unwrap_or(0)))
        .take(limit)
        .collect();
    if found.is_empty() {
        return no_content();
    }
    hal(json!({"_page": 1, "_embedded": {"elements": found}}))
}

pub(super) async fn customer(
    State(fake): State<FakeAmo>,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Response {
    match fake.guard("GET /api/v4/customers/{id}", &headers).await {
        Ok(a) if a == fixtures::ACCOUNT_NO_CUSTOMERS => problem(
            StatusCode::PAYMENT_REQUIRED,
            "Payment Required",
            "Customers are disabled",
        ),
        Ok(_) => match fake.with(|s| find(&s.customers, id)) {
            Some(v) => hal(v),
            None => problem(StatusCode::NOT_FOUND, "Not Found", "Customer not found"),
        },
        Err(r) => r,
    }
}

/// The `filter[...][]` values of a raw query string.
pub(super) fn filter_values(query: &str, key: &str) -> Vec<String> {
    url::form_urlencoded::parse(query.as_bytes())
        .filter(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
        .collect()
}

/// A list call's `filter[id][]` and `limit` (up to 250, 50 when not given).
pub(super) struct ListQuery {
    pub ids: Vec<i64>,
    pub limit: usize,
}

impl ListQuery {
    pub(super) fn of(q: &str) -> Self {
        Self {
            ids: filter_values(q, "filter[id][]")
                .iter()
                .filter_map(|v| v.parse().ok())
                .collect(),
            limit: filter_values(q, "limit")
                .pop()
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(50)
                .clamp(1, 250),
        }
    }
}

pub(super) async fn contacts(
    State(fake): State<FakeAmo>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> Response {
    if let Err(r) = fake.guard("GET /api/v4/contacts", &headers).await {
        return r;
    }
    let q = q.unwrap_or_default();
    let ListQuery { ids, limit } = ListQuery::of(&q);
    // filters-api.md: without the paid filtering the filter is ignored and
    // the list comes back unfiltered, `limit` at a time.
    let unfiltered = fake.with(|s| s.faults.unfiltered_lists);
    let with_leads = filter_values(&q, "with")
        .iter()
        .any(|w| w.split(',').any(|v| v.trim() == "leads"));
    let found: Vec<Value> = fixtures::contacts()
        .into_iter()
        .filter(|c| unfiltered || ids.contains(&c["id"].as_i64().unwrap_or(0)))
        .take(limit)
        .map(|c| if with_leads { fake.with_leads(c) } else { c })
        .collect();
    if found.is_empty() {
        return no_content();
    }
    hal(json!({"_page": 1, "_embedded": {"contacts": found}}))
}

/// One record of `all` by id, as amoCRM answers one: 204 when there is none.
async fn one_of(
    fake: &FakeAmo,
    headers: &HeaderMap,
    endpoint: &str,
    all: Vec<Value>,
    id: i64,
) -> Response {
    if let Err(r) = fake.guard(endpoint, headers).await {
        return r;
    }
    match find(&all, id) {
        Some(v) => hal(v),
        None => no_content(),
    }
}

/// contacts-api.md, "Получение контакта по ID".
pub(super) async fn contact(
    State(fake): State<FakeAmo>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    RawQuery(q): RawQuery,
) -> Response {
    let with_leads = filter_values(&q.unwrap_or_default(), "with")
        .iter()
        .any(|w| w.split(',').any(|v| v.trim() == "leads"));
    let all = fixtures::contacts()
        .into_iter()
        .map(|c| if with_leads { fake.with_leads(c) } else { c })
        .collect();
    one_of(&fake, &headers, "GET /api/v4/contacts/{id}", all, id).await
}

impl FakeAmo {
    /// contacts-api.md `with=leads`: the contact's deals as `_embedded.leads`
    /// of ids (with their `self` links), from the deals that link it now.
    fn with_leads(&self, mut contact: Value) -> Value {
        let id = contact["id"].as_i64().unwrap_or(0);
        let leads: Vec<Value> = self.with(|s| {
            s.leads
                .iter()
                .filter(|l| {
                    l["_embedded"]["contacts"]
                        .as_array()
                        .is_some_and(|cs| cs.iter().any(|c| c["id"] == id))
                })
                .map(|l| {
                    let lead = l["id"].as_i64().unwrap_or(0);
                    json!({"id": lead, "_links": {"self": {"href":
                        format!("https://example.amocrm.ru/api/v4/leads/{lead}")}}})
                })
                .collect()
        });
        contact["_embedded"]["leads"] = Value::Array(leads);
        contact
    }
}

pub(super) async fn company(
    State(fake): State<FakeAmo>,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Response {
    let all = fixtures::companies();
    one_of(&fake, &headers, "GET /api/v4/companies/{id}", all, id).await
}
