//! Custom field values as amoCRM sends them, typed by their `field_type`:
//! every documented type parses, an unknown one shows as text.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::model::FieldType;

/// A list amoCRM may send as `null`: read as empty.
pub(super) fn null_as_empty<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
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
    pub field_type: FieldType,
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
    pub field_type: FieldType,
    pub values: Vec<FieldValue>,
}

impl RawCustomField {
    pub fn parse(&self) -> CustomField {
        let field_type = self.field_type;
        let values = self
            .values
            .iter()
            .filter_map(|v| parse_value(field_type, v))
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

fn parse_value(field_type: FieldType, v: &Value) -> Option<FieldValue> {
    use FieldType as T;
    let raw = v.get("value").unwrap_or(&Value::Null);
    let parsed = match field_type {
        T::Text | T::Textarea | T::Streetaddress | T::TrackingData => {
            scalar_text(raw).map(FieldValue::Text)
        }
        T::Numeric => number(raw).map(FieldValue::Number),
        T::Checkbox => match raw {
            Value::Bool(b) => Some(FieldValue::Checkbox(*b)),
            Value::Number(n) => Some(FieldValue::Checkbox(n.as_i64() == Some(1))),
            Value::String(s) => Some(FieldValue::Checkbox(matches!(s.as_str(), "1" | "true"))),
            _ => None,
        },
        T::Select | T::Multiselect | T::Radiobutton | T::Category => {
            scalar_text(raw).map(FieldValue::Choice)
        }
        T::Date | T::Birthday => timestamp(raw).map(|at| FieldValue::Date {
            at,
            date_only: true,
        }),
        T::DateTime => timestamp(raw).map(|at| FieldValue::Date {
            at,
            date_only: false,
        }),
        T::Url => scalar_text(raw).map(FieldValue::Url),
        T::Multitext => scalar_text(raw).map(|value| FieldValue::Labeled {
            value,
            code: v
                .get("enum_code")
                .and_then(Value::as_str)
                .map(str::to_owned),
        }),
        T::SmartAddress => scalar_text(raw).map(FieldValue::Address),
        T::LegalEntity => {
            let name = raw.get("name").and_then(Value::as_str).map(str::to_owned);
            Some(
                name.map(FieldValue::Address)
                    .unwrap_or_else(|| FieldValue::Unknown(v.clone())),
            )
        }
        T::Price | T::Monetary => number(raw).map(FieldValue::Money),
        // Catalog links, files and types this build does not know: kept raw.
        T::Items
        | T::LinkedEntity
        | T::ChainedList
        | T::File
        | T::Payer
        | T::Supplier
        | T::Other => Some(FieldValue::Unknown(v.clone())),
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
}
