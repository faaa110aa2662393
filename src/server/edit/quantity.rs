//! A product line's quantity as a salesperson types it (#42). amoCRM keeps
//! quantities as int or float (entity-links-api.md `metadata[quantity]`), so
//! fractions are allowed (1.5 m of cable); decided: above zero, at most
//! 1 000 000, at most three decimals (a gram of a kilogram), a comma or a
//! point, spaces between digit groups ignored. Zero is not a quantity: a
//! line goes away with Remove.

/// The most a line may hold.
pub const MAX: f64 = 1_000_000.0;
const DECIMALS: usize = 3;

/// A quantity above zero, as amoCRM stores it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Quantity(f64);

impl Quantity {
    pub fn parse(raw: &str) -> Option<Self> {
        let text: String = raw
            .trim()
            .chars()
            .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
            .map(|c| if c == ',' { '.' } else { c })
            .collect();
        if text.is_empty() || !text.chars().all(|c| c.is_ascii_digit() || c == '.') {
            return None;
        }
        if text
            .split_once('.')
            .is_some_and(|(_, f)| f.len() > DECIMALS || f.contains('.'))
        {
            return None;
        }
        let q: f64 = text.parse().ok()?;
        (q > 0.0 && q <= MAX).then_some(Self(q))
    }

    pub fn get(self) -> f64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_people_type_and_refuses_the_rest() {
        let table = [
            ("2", Some(2.0)),
            (" 1,5 ", Some(1.5)),
            ("0.25", Some(0.25)),
            ("1 000", Some(1000.0)),
            ("0.001", Some(0.001)),
            ("1000000", Some(MAX)),
            ("0", None),
            ("0,0", None),
            ("-1", None),
            ("", None),
            ("abc", None),
            ("1e3", None),
            ("1.2.3", None),
            ("0.0001", None),
            ("1000001", None),
            ("NaN", None),
            ("inf", None),
        ];
        for (raw, want) in table {
            assert_eq!(Quantity::parse(raw).map(Quantity::get), want, "{raw:?}");
        }
    }
}
