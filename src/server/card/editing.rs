//! Editing from the card (#29): which rows a user may change, the control each
//! opens and the value it starts from, how a submitted value becomes the body
//! amoCRM documents, and how the record's current value reads (a conflict
//! shows it). The rules are pure and table-tested; the action
//! (`server::actions::edit`) runs them against the record read at write time.

use chrono::{NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;
use serde_json::{json, Value};

use super::fields::field_row;
use super::Ctx;
use crate::i18n::Lang;
use crate::model::{CardView, Choice, Control, EditField, EditSpec, Layout, Row};
use crate::server::amo::client::AccountMeta;
use crate::server::amo::custom_fields::RawCustomField;
use crate::server::amo::field_defs::FieldDef;
use crate::server::amo::types::{Customer, Lead};
use crate::server::card::access::Access;

/// The largest amount amoCRM keeps in a budget or a next purchase (a 32-bit integer).
pub const AMOUNT_MAX: i64 = i32::MAX as i64;
/// Numbers beyond this lose digits in amoCRM's numeric fields.
const NUMBER_MAX: f64 = 1e15;

/// The control of a custom field, or `None` when its type stays read-only
/// (addresses, files, computed fields) or only integrations may write it.
pub fn control(def: &FieldDef) -> Option<Control> {
    if def.is_api_only || def.is_computed {
        return None;
    }
    let choices = || {
        let mut enums = def.enums.clone();
        enums.sort_by_key(|e| (e.sort, e.id));
        enums
            .into_iter()
            .map(|e| Choice {
                id: e.id,
                label: e.value,
            })
            .collect::<Vec<_>>()
    };
    Some(match def.field_type.as_str() {
        "text" => Control::Text,
        "textarea" => Control::Textarea,
        "url" => Control::Url,
        "numeric" | "price" => Control::Number,
        "select" | "radiobutton" => Control::One(choices()),
        "multiselect" => Control::Many(choices()),
        "checkbox" => Control::Checkbox,
        "date" => Control::Date,
        "date_time" => Control::DateTime,
        _ => return None,
    })
}

/// The control of one of the record's own fields.
pub fn record_control(field: EditField) -> Option<Control> {
    match field {
        EditField::Price | EditField::NextPrice => Some(Control::Money),
        EditField::NextDate => Some(Control::Date),
        EditField::Custom(_) => None,
    }
}

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

/// Why a submitted value cannot be written; the sheet says it in the user's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditError {
    Empty,
    NotNumber,
    NotWhole,
    /// Outside `min..=max` (as the user reads numbers).
    Range {
        min: String,
        max: String,
    },
    UnknownOption(String),
    Date,
    DateTime,
    TooLong {
        max: usize,
        len: usize,
    },
    NotWeb,
    NotYesNo,
}

/// A submitted value, checked: an amount or a date of the record, or a
/// custom field's `values` (`null` clears the field).
#[derive(Clone, Debug, PartialEq)]
pub enum Parsed {
    Amount(i64),
    Unix(i64),
    Values(Value),
}

fn number(raw: &str) -> Option<f64> {
    let cleaned: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{202f}' && *c != '\u{a0}')
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    cleaned.parse::<f64>().ok().filter(|n| n.is_finite())
}

fn local_unix(tz: Tz, at: NaiveDateTime) -> Option<i64> {
    tz.from_local_datetime(&at)
        .earliest()
        .map(|d| d.timestamp())
}

/// Reads `raw` as `control` takes it; dates are the account's (`tz`) calendar.
pub fn parse(control: &Control, raw: &str, tz: Tz) -> Result<Parsed, EditError> {
    let raw = raw.trim();
    let clear = Parsed::Values(Value::Null);
    let one = |v: Value| Parsed::Values(json!([{ "value": v }]));
    match control {
        Control::Money => {
            let n = number(raw).ok_or(if raw.is_empty() {
                EditError::Empty
            } else {
                EditError::NotNumber
            })?;
            if n.fract() != 0.0 {
                return Err(EditError::NotWhole);
            }
            if !(0.0..=AMOUNT_MAX as f64).contains(&n) {
                return Err(EditError::Range {
                    min: "0".into(),
                    max: AMOUNT_MAX.to_string(),
                });
            }
            Ok(Parsed::Amount(n as i64))
        }
        Control::Number if raw.is_empty() => Ok(clear),
        Control::Number => {
            let n = number(raw).ok_or(EditError::NotNumber)?;
            if n.abs() > NUMBER_MAX {
                return Err(EditError::Range {
                    min: format!("-{NUMBER_MAX}"),
                    max: format!("{NUMBER_MAX}"),
                });
            }
            Ok(one(json!(n.to_string())))
        }
        Control::Text | Control::Textarea | Control::Url if raw.is_empty() => Ok(clear),
        Control::Text | Control::Textarea | Control::Url => {
            // A one-line field keeps one line: line breaks become spaces and
            // other control characters go (a textarea keeps its lines).
            let one_line;
            let raw = if *control == Control::Textarea {
                raw
            } else {
                one_line = single_line(raw);
                one_line.as_str()
            };
            if raw.is_empty() {
                return Ok(clear);
            }
            let (len, max) = (raw.chars().count(), control.max_chars().unwrap_or(0));
            if len > max {
                return Err(EditError::TooLong { max, len });
            }
            if *control == Control::Url {
                let web = url::Url::parse(raw)
                    .ok()
                    .is_some_and(|u| matches!(u.scheme(), "http" | "https") && u.has_host());
                if !web {
                    return Err(EditError::NotWeb);
                }
            }
            Ok(one(json!(raw)))
        }
        Control::One(choices) | Control::Many(choices) => {
            let mut ids: Vec<i64> = Vec::new();
            for item in raw.split(',').map(str::trim).filter(|i| !i.is_empty()) {
                let id = item
                    .parse::<i64>()
                    .ok()
                    .filter(|id| choices.iter().any(|c| c.id == *id))
                    .ok_or_else(|| EditError::UnknownOption(item.to_owned()))?;
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            if matches!(control, Control::One(_)) && ids.len() > 1 {
                return Err(EditError::UnknownOption(raw.to_owned()));
            }
            if ids.is_empty() {
                return Ok(clear);
            }
            let values: Vec<Value> = ids.iter().map(|id| json!({ "enum_id": id })).collect();
            Ok(Parsed::Values(Value::Array(values)))
        }
        Control::Checkbox => match raw {
            "true" | "1" | "on" => Ok(one(json!(true))),
            "false" | "0" | "" => Ok(one(json!(false))),
            _ => Err(EditError::NotYesNo),
        },
        Control::Date if raw.is_empty() => Ok(clear),
        Control::Date => {
            if !four_digit_year(raw) {
                return Err(EditError::Date);
            }
            let day = NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|_| EditError::Date)?;
            let at = local_unix(tz, day.and_time(chrono::NaiveTime::MIN)).ok_or(EditError::Date)?;
            Ok(one(json!(at)))
        }
        Control::DateTime if raw.is_empty() => Ok(clear),
        Control::DateTime => {
            if !four_digit_year(raw) {
                return Err(EditError::DateTime);
            }
            let at = NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M")
                .ok()
                .and_then(|at| local_unix(tz, at))
                .ok_or(EditError::DateTime)?;
            Ok(one(json!(at)))
        }
    }
}

/// `raw` on one line: line breaks and tabs as spaces, other control
/// characters dropped, trimmed.
fn single_line(raw: &str) -> String {
    raw.chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect::<String>()
        .trim()
        .to_owned()
}

/// A date the form sends starts with a four-digit year (`2026-…`): chrono
/// alone would take `20261-01-01` or `+2026-…`.
fn four_digit_year(raw: &str) -> bool {
    let b = raw.as_bytes();
    b.len() >= 10 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-'
}

/// The PATCH body amoCRM documents for one field, attributed to `user_id`
/// (`updated_by`: amoCRM shows the change as that user's).
pub fn body(field: EditField, parsed: &Parsed, user_id: i64) -> Option<Value> {
    let mut body = match (field, parsed) {
        (EditField::Price, Parsed::Amount(n)) => json!({ "price": n }),
        (EditField::NextPrice, Parsed::Amount(n)) => json!({ "next_price": n }),
        (EditField::NextDate, Parsed::Values(Value::Array(v))) => {
            json!({ "next_date": v.first()?.get("value")? })
        }
        (EditField::Custom(id), Parsed::Values(values)) => {
            json!({ "custom_fields_values": [{ "field_id": id, "values": values }] })
        }
        _ => return None,
    };
    body["updated_by"] = json!(user_id);
    Some(body)
}

/// The row of a custom field the admin marked editable but the record leaves
/// empty: it shows (as "not set") so that it can be filled in.
fn empty_row(def: &FieldDef, lang: Lang) -> Row {
    Row {
        field_id: Some(def.id),
        label: def.name.clone(),
        value: lang.edit().not_set.to_owned(),
        link: crate::model::Link::None,
        numeric: false,
        edit: None,
    }
}

/// Marks the key fields `layout` makes editable, for a user who may edit
/// the record: each gets its control and the value it starts from. A field
/// deleted in amoCRM, or of a type that stays read-only, gets no mark.
pub fn mark_custom(
    card: &mut CardView,
    layout: &Layout,
    defs: &[FieldDef],
    values: &[RawCustomField],
    seen: i64,
    tz: Tz,
    lang: Lang,
) {
    for (at, id) in layout.fields.iter().enumerate() {
        let Some(def) = layout
            .editable
            .contains(id)
            .then(|| defs.iter().find(|d| d.id == *id))
            .flatten()
        else {
            continue;
        };
        let Some(control) = control(def) else {
            continue;
        };
        if !card.key_fields.iter().any(|r| r.field_id == Some(*id)) {
            // In the admin's order among the key fields the record carries.
            let before = card
                .key_fields
                .iter()
                .position(|r| {
                    r.field_id
                        .and_then(|f| layout.fields.iter().position(|x| *x == f))
                        .is_some_and(|p| p > at)
                })
                .unwrap_or(card.key_fields.len());
            card.key_fields.insert(before, empty_row(def, lang));
        }
        let raw = values.iter().find(|v| v.field_id == *id);
        if let Some(row) = card.key_fields.iter_mut().find(|r| r.field_id == Some(*id)) {
            row.edit = Some(EditSpec {
                field: EditField::Custom(*id),
                value: custom_code(&control, raw, tz),
                control,
                seen,
            });
        }
    }
}

/// How `field` of the record reads on the card now (a conflict shows it).
pub fn shown(
    meta: &AccountMeta,
    access: &Access,
    lang: Lang,
    field: EditField,
    lead: Option<&Lead>,
    customer: Option<&Customer>,
) -> String {
    let ctx = Ctx {
        meta,
        access,
        writable: true,
        may_change: true,
        tz: super::format::timezone(meta.account.timezone()),
        lang,
    };
    let text = match field {
        EditField::Price => lead.and_then(|l| l.price).map(|p| ctx.money(p)),
        EditField::NextPrice => customer.and_then(|c| c.next_price).map(|p| ctx.money(p)),
        EditField::NextDate => ctx.date(customer.and_then(|c| c.next_date), false),
        EditField::Custom(id) => {
            let values = match (lead, customer) {
                (Some(l), _) => &l.custom_fields_values,
                (None, Some(c)) => &c.custom_fields_values,
                (None, None) => return lang.edit().not_set.to_owned(),
            };
            values
                .iter()
                .find(|v| v.field_id == id)
                .and_then(|raw| field_row(&raw.parse(), &ctx))
                .map(|r| r.value)
        }
    };
    text.unwrap_or_else(|| lang.edit().not_set.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::amo::field_defs::FieldEnum;

    const TZ: Tz = chrono_tz::Europe::Moscow;

    fn def(field_type: &str) -> FieldDef {
        FieldDef {
            id: 7,
            name: "F".into(),
            field_type: field_type.into(),
            sort: 0,
            is_api_only: false,
            is_computed: false,
            enums: vec![
                FieldEnum {
                    id: 2,
                    value: "B".into(),
                    sort: 2,
                },
                FieldEnum {
                    id: 1,
                    value: "A".into(),
                    sort: 1,
                },
            ],
        }
    }

    #[test]
    fn editable_types_and_read_only_ones() {
        for (t, label) in [
            ("text", Some("text")),
            ("textarea", Some("textarea")),
            ("numeric", Some("numeric")),
            ("price", Some("numeric")),
            ("select", Some("select")),
            ("radiobutton", Some("select")),
            ("multiselect", Some("multiselect")),
            ("checkbox", Some("checkbox")),
            ("date", Some("date")),
            ("date_time", Some("date_time")),
            ("url", Some("url")),
            ("smart_address", None),
            ("multitext", None),
            ("birthday", None),
            ("file", None),
            ("tracking_data", None),
        ] {
            assert_eq!(control(&def(t)).map(|c| c.label()), label, "{t}");
        }
        let mut api_only = def("text");
        api_only.is_api_only = true;
        assert_eq!(control(&api_only), None);
        let mut computed = def("numeric");
        computed.is_computed = true;
        assert_eq!(control(&computed), None);
        // Options in amoCRM's order.
        let Some(Control::One(choices)) = control(&def("select")) else {
            panic!("select");
        };
        assert_eq!(choices.iter().map(|c| c.id).collect::<Vec<_>>(), [1, 2]);
    }

    #[test]
    fn values_read_as_amocrm_takes_them() {
        let one = Control::One(vec![
            Choice {
                id: 1,
                label: "A".into(),
            },
            Choice {
                id: 2,
                label: "B".into(),
            },
        ]);
        let many = Control::Many(match &one {
            Control::One(c) => c.clone(),
            _ => unreachable!(),
        });
        let v = |x: Value| Ok(Parsed::Values(json!([{ "value": x }])));
        let long = "я".repeat(257);
        let cases: Vec<(&Control, &str, Result<Parsed, EditError>)> = vec![
            (&Control::Money, "1 500", Ok(Parsed::Amount(1500))),
            (&Control::Money, "1500.00", Ok(Parsed::Amount(1500))),
            (&Control::Money, "0", Ok(Parsed::Amount(0))),
            (&Control::Money, "", Err(EditError::Empty)),
            (&Control::Money, "abc", Err(EditError::NotNumber)),
            (&Control::Money, "12,5", Err(EditError::NotWhole)),
            (
                &Control::Money,
                "-5",
                Err(EditError::Range {
                    min: "0".into(),
                    max: "2147483647".into(),
                }),
            ),
            (
                &Control::Money,
                "2147483648",
                Err(EditError::Range {
                    min: "0".into(),
                    max: "2147483647".into(),
                }),
            ),
            (&Control::Number, "12,5", v(json!("12.5"))),
            (&Control::Number, "-3", v(json!("-3"))),
            (&Control::Number, "", Ok(Parsed::Values(Value::Null))),
            (
                &Control::Number,
                "1e16",
                Err(EditError::Range {
                    min: "-1000000000000000".into(),
                    max: "1000000000000000".into(),
                }),
            ),
            (&Control::Number, "NaN", Err(EditError::NotNumber)),
            (&Control::Number, "twelve", Err(EditError::NotNumber)),
            (&Control::Text, "  hi  ", v(json!("hi"))),
            (&Control::Text, "a\nb\r\n\tc\u{7}", v(json!("a b   c"))),
            (&Control::Text, "\u{0}\n", Ok(Parsed::Values(Value::Null))),
            (&Control::Textarea, "a\nb", v(json!("a\nb"))),
            (&Control::Date, "20261-12-24", Err(EditError::Date)),
            (&Control::Date, "+2026-12-24", Err(EditError::Date)),
            (&Control::Date, "226-12-24", Err(EditError::Date)),
            (&Control::Text, "", Ok(Parsed::Values(Value::Null))),
            (
                &Control::Text,
                &long,
                Err(EditError::TooLong { max: 256, len: 257 }),
            ),
            (&Control::Textarea, &long, v(json!(long))),
            (
                &Control::Url,
                "https://example.org/x",
                v(json!("https://example.org/x")),
            ),
            (&Control::Url, "javascript:alert(1)", Err(EditError::NotWeb)),
            (&Control::Url, "example", Err(EditError::NotWeb)),
            (&one, "2", Ok(Parsed::Values(json!([{ "enum_id": 2 }])))),
            (&one, "", Ok(Parsed::Values(Value::Null))),
            (&one, "3", Err(EditError::UnknownOption("3".into()))),
            (&one, "1,2", Err(EditError::UnknownOption("1,2".into()))),
            (
                &many,
                "2, 1,2",
                Ok(Parsed::Values(json!([{ "enum_id": 2 }, { "enum_id": 1 }]))),
            ),
            (&many, "1,x", Err(EditError::UnknownOption("x".into()))),
            (&Control::Checkbox, "true", v(json!(true))),
            (&Control::Checkbox, "false", v(json!(false))),
            (&Control::Checkbox, "yes", Err(EditError::NotYesNo)),
            // Midnight and 14:30 in Moscow (UTC+3).
            (&Control::Date, "2026-12-24", v(json!(1_798_059_600))),
            (&Control::Date, "24.12.2026", Err(EditError::Date)),
            (&Control::Date, "2026-02-30", Err(EditError::Date)),
            (
                &Control::DateTime,
                "2026-12-24T14:30",
                v(json!(1_798_111_800)),
            ),
            (&Control::DateTime, "2026-12-24", Err(EditError::DateTime)),
        ];
        for (control, raw, want) in cases {
            assert_eq!(parse(control, raw, TZ), want, "{control:?} {raw:?}");
        }
    }

    #[test]
    fn bodies_are_the_documented_ones_and_name_the_user() {
        let b = |f, p| body(f, &p, 42).unwrap();
        assert_eq!(
            b(EditField::Price, Parsed::Amount(5)),
            json!({"price": 5, "updated_by": 42})
        );
        assert_eq!(
            b(EditField::NextPrice, Parsed::Amount(5)),
            json!({"next_price": 5, "updated_by": 42})
        );
        assert_eq!(
            b(
                EditField::NextDate,
                Parsed::Values(json!([{ "value": 1_798_059_600 }]))
            ),
            json!({"next_date": 1_798_059_600, "updated_by": 42})
        );
        assert_eq!(
            b(EditField::Custom(9), Parsed::Values(Value::Null)),
            json!({"custom_fields_values": [{"field_id": 9, "values": null}], "updated_by": 42})
        );
        assert_eq!(
            body(EditField::Price, &Parsed::Values(Value::Null), 1),
            None
        );
    }

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
