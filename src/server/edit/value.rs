//! A submitted value read as its control takes it, checked the way amoCRM
//! would refuse it (and a few ways it would not, but should: one-line text,
//! four-digit years).

use chrono::{NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;
use serde_json::{json, Value};

use crate::model::Control;

/// The largest amount amoCRM keeps in a budget or a next purchase (a 32-bit integer).
pub const AMOUNT_MAX: i64 = i32::MAX as i64;
/// Numbers beyond this lose digits in amoCRM's numeric fields.
const NUMBER_MAX: f64 = 1e15;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Choice;

    const TZ: Tz = chrono_tz::Europe::Moscow;

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
}
