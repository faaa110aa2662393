//! The value an edit form starts from, as amoCRM's value reads in the
//! control's spelling (dates in the account's calendar).

use chrono_tz::Tz;
use serde_json::Value;

use crate::model::Control;
use crate::server::amo::custom_fields::RawCustomField;

fn date_code(unix: i64, tz: Tz, with_time: bool) -> String {
    let Some(at) = chrono::DateTime::from_timestamp(unix, 0) else {
        return String::new();
    };
    let local = at.with_timezone(&tz);
    let format = if with_time {
        "%Y-%m-%dT%H:%M"
    } else {
        "%Y-%m-%d"
    };
    local.format(format).to_string()
}

/// A record's amount as the form starts from it.
pub fn amount_code(v: Option<f64>) -> String {
    v.map(|v| (v.round() as i64).to_string())
        .unwrap_or_default()
}

/// A record's date as the form starts from it (the account's calendar day).
pub fn record_date_code(unix: Option<i64>, tz: Tz) -> String {
    unix.filter(|u| *u > 0)
        .map(|u| date_code(u, tz, false))
        .unwrap_or_default()
}

/// A custom field's value as the form starts from it (`value`'s spelling).
pub fn custom_code(control: &Control, raw: Option<&RawCustomField>, tz: Tz) -> String {
    let values = raw.map(|r| r.values.as_slice()).unwrap_or_default();
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => String::new(),
    };
    let first = values
        .first()
        .map(|v| v.get("value").unwrap_or(&Value::Null));
    let unix = || first.and_then(|v| v.as_i64().or_else(|| v.as_str()?.parse().ok()));
    match control {
        Control::One(_) | Control::Many(_) => values
            .iter()
            .filter_map(|v| v.get("enum_id").and_then(Value::as_i64))
            .map(|id| id.to_string())
            .collect::<Vec<_>>()
            .join(","),
        Control::Checkbox => {
            let on = matches!(first, Some(Value::Bool(true)))
                || first.is_some_and(|v| v.as_i64() == Some(1) || v.as_str() == Some("1"));
            on.to_string()
        }
        Control::Date | Control::DateTime => unix()
            .map(|u| date_code(u, tz, *control == Control::DateTime))
            .unwrap_or_default(),
        _ => first.map(text).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const TZ: Tz = chrono_tz::Europe::Moscow;

    #[test]
    fn the_form_starts_from_the_records_value() {
        let raw = |values: Value| RawCustomField {
            field_id: 7,
            values: serde_json::from_value(values).unwrap(),
            ..Default::default()
        };
        let many = Control::Many(Vec::new());
        assert_eq!(
            custom_code(
                &many,
                Some(&raw(
                    json!([{"value": "A", "enum_id": 1}, {"value": "B", "enum_id": 2}])
                )),
                TZ
            ),
            "1,2"
        );
        assert_eq!(
            custom_code(&Control::Checkbox, Some(&raw(json!([{"value": true}]))), TZ),
            "true"
        );
        assert_eq!(custom_code(&Control::Checkbox, None, TZ), "false");
        assert_eq!(
            custom_code(
                &Control::DateTime,
                Some(&raw(json!([{"value": 1_798_111_800}]))),
                TZ
            ),
            "2026-12-24T14:30"
        );
        assert_eq!(
            custom_code(&Control::Number, Some(&raw(json!([{"value": "12.5"}]))), TZ),
            "12.5"
        );
        assert_eq!(amount_code(Some(1500.0)), "1500");
        assert_eq!(record_date_code(Some(1_798_059_600), TZ), "2026-12-24");
        assert_eq!(record_date_code(None, TZ), "");
    }
}
