//! amoCRM API v4 payloads. Unknown fields are ignored and every field the card
//! can live without is optional, so a changed response degrades instead of failing.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::server::rights::UserRights;

#[derive(Clone, Debug, Default, Deserialize)]
pub struct Embedded<T> {
    #[serde(default = "Vec::new")]
    pub items: Vec<T>,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct IdRef {
    pub id: i64,
    #[serde(default)]
    pub is_main: Option<bool>,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct Tag {
    #[serde(default)]
    pub id: i64,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub color: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct EntityEmbedded {
    #[serde(default)]
    pub tags: Vec<Tag>,
    #[serde(default)]
    pub contacts: Vec<IdRef>,
    #[serde(default)]
    pub companies: Vec<IdRef>,
    #[serde(default)]
    pub segments: Vec<IdRef>,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct Lead {
    pub id: i64,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub price: Option<f64>,
    #[serde(default)]
    pub responsible_user_id: Option<i64>,
    #[serde(default)]
    pub status_id: Option<i64>,
    #[serde(default)]
    pub pipeline_id: Option<i64>,
    #[serde(default)]
    pub created_at: Option<i64>,
    #[serde(default)]
    pub updated_at: Option<i64>,
    #[serde(default)]
    pub closed_at: Option<i64>,
    #[serde(default)]
    pub closest_task_at: Option<i64>,
    #[serde(default)]
    pub is_deleted: Option<bool>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub custom_fields_values: Vec<RawCustomField>,
    #[serde(default, rename = "_embedded")]
    pub embedded: EntityEmbedded,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct Customer {
    pub id: i64,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub next_price: Option<f64>,
    #[serde(default)]
    pub next_date: Option<i64>,
    #[serde(default)]
    pub responsible_user_id: Option<i64>,
    #[serde(default)]
    pub status_id: Option<i64>,
    #[serde(default)]
    pub periodicity: Option<i64>,
    #[serde(default)]
    pub created_at: Option<i64>,
    #[serde(default)]
    pub updated_at: Option<i64>,
    #[serde(default)]
    pub closest_task_at: Option<i64>,
    #[serde(default)]
    pub is_deleted: Option<bool>,
    #[serde(default)]
    pub ltv: Option<f64>,
    #[serde(default)]
    pub purchases_count: Option<i64>,
    #[serde(default)]
    pub average_check: Option<f64>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub custom_fields_values: Vec<RawCustomField>,
    #[serde(default, rename = "_embedded")]
    pub embedded: EntityEmbedded,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct Contact {
    pub id: i64,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub responsible_user_id: Option<i64>,
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(default)]
    pub last_name: Option<String>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub custom_fields_values: Vec<RawCustomField>,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct Company {
    pub id: i64,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub responsible_user_id: Option<i64>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub custom_fields_values: Vec<RawCustomField>,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct Status {
    pub id: i64,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub sort: Option<i64>,
    #[serde(default)]
    pub color: Option<String>,
    #[serde(default, rename = "type")]
    pub kind: Option<i64>,
    #[serde(default)]
    pub pipeline_id: Option<i64>,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct PipelineEmbedded {
    #[serde(default)]
    pub statuses: Vec<Status>,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct Pipeline {
    pub id: i64,
    #[serde(default)]
    pub name: String,
    #[serde(default, rename = "_embedded")]
    pub embedded: PipelineEmbedded,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct User {
    pub id: i64,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub lang: Option<String>,
    /// Present only when the grant's user is an account admin.
    #[serde(default)]
    pub rights: Option<UserRights>,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct DatetimeSettings {
    #[serde(default)]
    pub timezone: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct Account {
    pub id: i64,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub subdomain: Option<String>,
    #[serde(default)]
    pub currency: Option<String>,
    #[serde(default)]
    pub currency_symbol: Option<String>,
    #[serde(default)]
    pub customers_mode: Option<String>,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default, rename = "_embedded")]
    pub embedded: AccountEmbedded,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct AccountEmbedded {
    #[serde(default)]
    pub datetime_settings: Option<DatetimeSettings>,
    #[serde(default)]
    pub task_types: Vec<TaskType>,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct TaskType {
    pub id: i64,
    #[serde(default)]
    pub name: String,
}

impl Account {
    /// Customers exist only in these modes; elsewhere their endpoints fail.
    pub fn customers_enabled(&self) -> bool {
        matches!(
            self.customers_mode.as_deref(),
            Some("segments" | "periodicity")
        )
    }
    pub fn timezone(&self) -> Option<&str> {
        self.embedded
            .datetime_settings
            .as_ref()?
            .timezone
            .as_deref()
    }
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct Task {
    pub id: i64,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub complete_till: Option<i64>,
    #[serde(default)]
    pub responsible_user_id: Option<i64>,
    #[serde(default)]
    pub is_completed: Option<bool>,
    #[serde(default)]
    pub task_type_id: Option<i64>,
    /// What the task belongs to: `leads`, `customers`, `contacts`, …
    #[serde(default)]
    pub entity_type: Option<String>,
    #[serde(default)]
    pub entity_id: Option<i64>,
}

/// One entry of a record's history.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Note {
    pub id: i64,
    #[serde(default)]
    pub note_type: String,
    #[serde(default)]
    pub created_at: Option<i64>,
    #[serde(default)]
    pub created_by: Option<i64>,
    /// Type-specific: `text`; for calls `phone`, `duration`, `call_status`, `call_result`, `link`.
    #[serde(default)]
    pub params: Value,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct NotesEmbedded {
    #[serde(default)]
    pub notes: Vec<Note>,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct PageLinks {
    #[serde(default)]
    pub next: Option<Value>,
}

/// A page of notes; `_links.next` says whether another follows.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct NotesPage {
    #[serde(default, rename = "_embedded")]
    pub embedded: NotesEmbedded,
    #[serde(default, rename = "_links")]
    pub links: PageLinks,
}

/// amoCRM's fixed stage ids in every lead pipeline: closed as won, closed as lost.
pub const WON_STATUS_ID: i64 = 142;
pub const LOST_STATUS_ID: i64 = 143;

/// The OAuth token endpoint's answer.
#[derive(Clone, Deserialize)]
pub struct TokenPair {
    pub access_token: String,
    pub refresh_token: String,
    #[serde(default = "default_expires_in")]
    pub expires_in: i64,
}

impl std::fmt::Debug for TokenPair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenPair")
            .field("expires_in", &self.expires_in)
            .finish_non_exhaustive()
    }
}

fn default_expires_in() -> i64 {
    86_400
}

fn null_as_empty<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

/// A custom field value as amoCRM sends it.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct RawCustomField {
    #[serde(default)]
    pub field_id: i64,
    #[serde(default)]
    pub field_name: Option<String>,
    #[serde(default)]
    pub field_code: Option<String>,
    #[serde(default)]
    pub field_type: Option<String>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub values: Vec<Value>,
}

/// One value of a custom field, typed by `field_type`.
#[derive(Clone, Debug, PartialEq)]
pub enum FieldValue {
    Text(String),
    Number(f64),
    Checkbox(bool),
    /// select, radiobutton, multiselect (one entry each), category
    Choice(String),
    /// Unix seconds; `date_only` for date and birthday.
    Date {
        at: i64,
        date_only: bool,
    },
    Url(String),
    /// multitext (phones, e-mails): value and its enum code (WORK, MOB, ...).
    Labeled {
        value: String,
        code: Option<String>,
    },
    /// smart_address parts, legal_entity: readable text.
    Address(String),
    Money(f64),
    /// A type this build does not know: the raw JSON, kept losslessly.
    Unknown(Value),
}

#[derive(Clone, Debug, PartialEq)]
pub struct CustomField {
    pub id: i64,
    pub name: String,
    pub code: Option<String>,
    pub field_type: String,
    pub values: Vec<FieldValue>,
}

impl RawCustomField {
    pub fn parse(&self) -> CustomField {
        let field_type = self.field_type.clone().unwrap_or_default();
        let values = self
            .values
            .iter()
            .filter_map(|v| parse_value(&field_type, v))
            .collect();
        CustomField {
            id: self.field_id,
            name: self.field_name.clone().unwrap_or_default(),
            code: self.field_code.clone(),
            field_type,
            values,
        }
    }
}

fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().replace(',', ".").parse().ok(),
        _ => None,
    }
}

fn timestamp(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok().or_else(|| {
            chrono::DateTime::parse_from_rfc3339(s.trim())
                .ok()
                .map(|d| d.timestamp())
        }),
        _ => None,
    }
}

fn parse_value(field_type: &str, v: &Value) -> Option<FieldValue> {
    let raw = v.get("value").unwrap_or(&Value::Null);
    let parsed = match field_type {
        "text" | "textarea" | "streetaddress" | "tracking_data" => {
            scalar_text(raw).map(FieldValue::Text)
        }
        "numeric" => number(raw).map(FieldValue::Number),
        "checkbox" => match raw {
            Value::Bool(b) => Some(FieldValue::Checkbox(*b)),
            Value::Number(n) => Some(FieldValue::Checkbox(n.as_i64() == Some(1))),
            Value::String(s) => Some(FieldValue::Checkbox(matches!(s.as_str(), "1" | "true"))),
            _ => None,
        },
        "select" | "multiselect" | "radiobutton" | "category" => {
            scalar_text(raw).map(FieldValue::Choice)
        }
        "date" | "birthday" => timestamp(raw).map(|at| FieldValue::Date {
            at,
            date_only: true,
        }),
        "date_time" => timestamp(raw).map(|at| FieldValue::Date {
            at,
            date_only: false,
        }),
        "url" => scalar_text(raw).map(FieldValue::Url),
        "multitext" => scalar_text(raw).map(|value| FieldValue::Labeled {
            value,
            code: v
                .get("enum_code")
                .and_then(Value::as_str)
                .map(str::to_owned),
        }),
        "smart_address" => scalar_text(raw).map(FieldValue::Address),
        "legal_entity" => {
            let name = raw.get("name").and_then(Value::as_str).map(str::to_owned);
            Some(
                name.map(FieldValue::Address)
                    .unwrap_or_else(|| FieldValue::Unknown(v.clone())),
            )
        }
        "price" | "monetary" => number(raw).map(FieldValue::Money),
        _ => Some(FieldValue::Unknown(v.clone())),
    };
    // A value of a known type in an unexpected shape is kept raw rather than dropped.
    parsed.or_else(|| (!raw.is_null()).then(|| FieldValue::Unknown(v.clone())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn field(t: &str, values: Value) -> CustomField {
        serde_json::from_value::<RawCustomField>(json!({
            "field_id": 1, "field_name": "F", "field_code": null, "field_type": t, "values": values
        }))
        .unwrap()
        .parse()
    }

    #[test]
    fn every_documented_type_parses() {
        use FieldValue::*;
        let cases = [
            ("text", json!([{"value": "hi"}]), Text("hi".into())),
            ("textarea", json!([{"value": "a\nb"}]), Text("a\nb".into())),
            ("numeric", json!([{"value": "12.5"}]), Number(12.5)),
            ("checkbox", json!([{"value": true}]), Checkbox(true)),
            (
                "select",
                json!([{"value": "Red", "enum_id": 3}]),
                Choice("Red".into()),
            ),
            (
                "radiobutton",
                json!([{"value": "A", "enum_id": 4}]),
                Choice("A".into()),
            ),
            (
                "date",
                json!([{"value": 1700000000}]),
                Date {
                    at: 1700000000,
                    date_only: true,
                },
            ),
            (
                "birthday",
                json!([{"value": "1700000000"}]),
                Date {
                    at: 1700000000,
                    date_only: true,
                },
            ),
            (
                "date_time",
                json!([{"value": 1700000000}]),
                Date {
                    at: 1700000000,
                    date_only: false,
                },
            ),
            (
                "url",
                json!([{"value": "https://x.io"}]),
                Url("https://x.io".into()),
            ),
            (
                "multitext",
                json!([{"value": "+7 900", "enum_code": "WORK"}]),
                Labeled {
                    value: "+7 900".into(),
                    code: Some("WORK".into()),
                },
            ),
            (
                "smart_address",
                json!([{"value": "Moscow", "enum_code": "address_line_1"}]),
                Address("Moscow".into()),
            ),
            (
                "legal_entity",
                json!([{"value": {"name": "OOO Romashka"}}]),
                Address("OOO Romashka".into()),
            ),
            ("price", json!([{"value": 100}]), Money(100.0)),
            ("monetary", json!([{"value": "99.9"}]), Money(99.9)),
            (
                "tracking_data",
                json!([{"value": "utm"}]),
                Text("utm".into()),
            ),
        ];
        for (t, values, want) in cases {
            assert_eq!(field(t, values).values, vec![want], "{t}");
        }
        let ms = field("multiselect", json!([{"value": "A"}, {"value": "B"}]));
        assert_eq!(ms.values, vec![Choice("A".into()), Choice("B".into())]);
    }

    #[test]
    fn unknown_types_and_shapes_are_kept_raw() {
        let f = field("hologram", json!([{"value": {"x": 1}}]));
        assert_eq!(
            f.values,
            vec![FieldValue::Unknown(json!({"value": {"x": 1}}))]
        );
        let f = field("numeric", json!([{"value": "n/a"}]));
        assert_eq!(f.values, vec![FieldValue::Unknown(json!({"value": "n/a"}))]);
    }

    #[test]
    fn lead_tolerates_nulls_and_unknown_fields() {
        let lead: Lead = serde_json::from_value(json!({
            "id": 5, "name": null, "price": null, "custom_fields_values": null,
            "brand_new_field": {"x": 1}, "_embedded": {"tags": [], "contacts": [{"id": 3, "is_main": true}]}
        }))
        .unwrap();
        assert_eq!(lead.id, 5);
        assert!(lead.custom_fields_values.is_empty());
        assert_eq!(lead.embedded.contacts[0].id, 3);
    }
}
