//! After how many days in a stage a deal is stale (#40): an admin's choice per
//! stage of a pipeline, saved with the pipeline's layout. Read from
//! `/api/save_layout`'s `stale_days` (`<status id>:<days>` pairs) and from the
//! editor's one input per stage (`stale_<status id>`, days or blank).

use std::collections::BTreeMap;

/// Days in a stage after which the card warns, by status id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StaleDays(BTreeMap<i64, u16>);

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StaleError {
    /// Not `<status id>:<days>`, or days outside 1–365; the raw item.
    #[error("{0:?} is not <status id>:<days> with days 1-365")]
    Malformed(String),
    #[error("stage {0} is listed twice")]
    Twice(i64),
}

impl StaleDays {
    pub const MAX_DAYS: u16 = 365;
    /// More pairs than any pipeline has stages (amoCRM allows 100 per pipeline).
    const MAX_PAIRS: usize = 100;

    fn days(raw: &str) -> Option<u16> {
        raw.trim()
            .parse::<u16>()
            .ok()
            .filter(|d| (1..=Self::MAX_DAYS).contains(d))
    }

    /// Parses `142:14,143:30`; empty is none.
    pub fn parse(raw: &str) -> Result<StaleDays, StaleError> {
        let mut days = BTreeMap::new();
        for item in raw.split(',').map(str::trim).filter(|i| !i.is_empty()) {
            let bad = || StaleError::Malformed(item.to_owned());
            if days.len() == Self::MAX_PAIRS {
                return Err(bad());
            }
            let (status, n) = item.split_once(':').ok_or_else(bad)?;
            let status = status
                .trim()
                .parse::<i64>()
                .ok()
                .filter(|id| *id > 0)
                .ok_or_else(bad)?;
            let n = Self::days(n).ok_or_else(bad)?;
            if days.insert(status, n).is_some() {
                return Err(StaleError::Twice(status));
            }
        }
        Ok(StaleDays(days))
    }

    /// Lays the editor's per-stage inputs (`stale_<status id>` → days, blank
    /// for none) over the pairs: the inputs are what the admin last saw.
    pub fn overlay<'a>(
        &mut self,
        inputs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<(), StaleError> {
        for (name, value) in inputs {
            let Some(raw_id) = name.strip_prefix("stale_") else {
                continue;
            };
            let bad = || StaleError::Malformed(format!("{raw_id}:{value}"));
            let status = raw_id
                .parse::<i64>()
                .ok()
                .filter(|id| *id > 0)
                .ok_or_else(bad)?;
            match value.trim() {
                "" => {
                    self.0.remove(&status);
                }
                n => {
                    self.0.insert(status, Self::days(n).ok_or_else(bad)?);
                }
            }
        }
        Ok(())
    }

    /// The limit for `status`, if the admin set one.
    pub fn get(&self, status: i64) -> Option<u16> {
        self.0.get(&status).copied()
    }

    /// The stages that have a limit.
    pub fn statuses(&self) -> impl Iterator<Item = i64> + '_ {
        self.0.keys().copied()
    }

    /// Keeps only the stages `keep` accepts (a stage deleted in amoCRM).
    pub fn retain(&mut self, keep: impl Fn(i64) -> bool) {
        self.0.retain(|status, _| keep(*status));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The form's and the store's spelling: `142:14,143:30`.
    pub fn code(&self) -> String {
        self.0
            .iter()
            .map(|(s, d)| format!("{s}:{d}"))
            .collect::<Vec<_>>()
            .join(",")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_read_as_the_form_writes_them() {
        let s = StaleDays::parse(" 142:14, 143:365,").unwrap();
        assert_eq!(
            (s.get(142), s.get(143), s.get(7)),
            (Some(14), Some(365), None)
        );
        assert_eq!(s.code(), "142:14,143:365");
        assert_eq!(StaleDays::parse("").unwrap(), StaleDays::default());
        for bad in [
            "142", "142:", ":14", "142:0", "142:366", "142:-1", "x:3", "0:3", "142:1.5", "142:14:2",
        ] {
            assert!(
                matches!(StaleDays::parse(bad), Err(StaleError::Malformed(_))),
                "{bad}"
            );
        }
        assert_eq!(StaleDays::parse("142:1,142:2"), Err(StaleError::Twice(142)));
        let many: Vec<String> = (1..=101).map(|i| format!("{i}:3")).collect();
        assert!(StaleDays::parse(&many.join(",")).is_err());
    }

    #[test]
    fn the_editors_inputs_lay_over_the_pairs() {
        let mut s = StaleDays::parse("142:14,143:30").unwrap();
        s.overlay([
            ("stale_142", ""),
            ("stale_144", " 7 "),
            ("csrf", "x"),
            ("fields", "1"),
        ])
        .unwrap();
        assert_eq!(s.code(), "143:30,144:7");
        for (name, value) in [("stale_145", "0"), ("stale_x", "3"), ("stale_146", "abc")] {
            assert!(
                s.clone().overlay([(name, value)]).is_err(),
                "{name}={value}"
            );
        }
    }
}
