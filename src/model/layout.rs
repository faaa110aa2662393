//! What an account's admin decides about the card's shape (#28): which
//! sections show, in which order; which custom fields come first; the header
//! field. The card carries these as marks (`data-section`, `data-field-id`,
//! `data-pipeline`) whether or not a layout is saved, so the default shape
//! and a chosen one are read the same way.

/// A section of the card an admin may move or hide.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Section {
    Contacts,
    Company,
    Tasks,
    History,
    /// The custom fields that are not key fields.
    Fields,
}

impl Section {
    /// The card's order when no layout says otherwise.
    pub const ALL: [Section; 5] = [
        Section::Contacts,
        Section::Company,
        Section::Tasks,
        Section::History,
        Section::Fields,
    ];

    /// The name in `data-section` and in `/api/save_layout`'s `sections`.
    pub fn code(self) -> &'static str {
        match self {
            Section::Contacts => "contacts",
            Section::Company => "company",
            Section::Tasks => "tasks",
            Section::History => "history",
            Section::Fields => "fields",
        }
    }

    pub fn from_code(code: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// Where a layout applies: one lead pipeline, or customers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LayoutScope {
    Pipeline(i64),
    Customers,
}

impl LayoutScope {
    /// `pipeline:<id>` or `customers`, as `/api/save_layout` takes it.
    pub fn code(self) -> String {
        match self {
            LayoutScope::Pipeline(id) => format!("pipeline:{id}"),
            LayoutScope::Customers => "customers".to_owned(),
        }
    }

    pub fn parse(raw: &str) -> Option<LayoutScope> {
        match raw.trim() {
            "customers" => Some(LayoutScope::Customers),
            other => other
                .strip_prefix("pipeline:")?
                .parse::<i64>()
                .ok()
                .filter(|id| *id > 0)
                .map(LayoutScope::Pipeline),
        }
    }
}

/// The sections in display order, hidden ones included (`-` before a name in
/// the form). A section the list leaves out shows, after the listed ones, in
/// the default order: a layout saved before a new section existed still works.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectionOrder(Vec<(Section, bool)>);

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SectionError {
    #[error("unknown section {0:?}")]
    Unknown(String),
    #[error("section {0:?} is listed twice")]
    Twice(&'static str),
}

impl Default for SectionOrder {
    fn default() -> Self {
        Self(Section::ALL.into_iter().map(|s| (s, true)).collect())
    }
}

impl SectionOrder {
    /// Parses `contacts,-company,tasks`: names in order, `-` hides one.
    pub fn parse(raw: &str) -> Result<Self, SectionError> {
        let mut listed: Vec<(Section, bool)> = Vec::new();
        for item in raw.split(',').map(str::trim).filter(|i| !i.is_empty()) {
            let (name, shown) = match item.strip_prefix('-') {
                Some(name) => (name.trim(), false),
                None => (item, true),
            };
            let section =
                Section::from_code(name).ok_or_else(|| SectionError::Unknown(name.to_owned()))?;
            if listed.iter().any(|(s, _)| *s == section) {
                return Err(SectionError::Twice(section.code()));
            }
            listed.push((section, shown));
        }
        for section in Section::ALL {
            if !listed.iter().any(|(s, _)| *s == section) {
                listed.push((section, true));
            }
        }
        Ok(Self(listed))
    }

    /// The sections that show, in order.
    pub fn shown(&self) -> Vec<Section> {
        self.0
            .iter()
            .filter(|(_, shown)| *shown)
            .map(|(s, _)| *s)
            .collect()
    }

    /// The form's and the store's spelling: `contacts,-company,…`.
    pub fn code(&self) -> String {
        self.0
            .iter()
            .map(|(s, shown)| format!("{}{}", if *shown { "" } else { "-" }, s.code()))
            .collect::<Vec<_>>()
            .join(",")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_read_as_the_form_writes_them() {
        for (raw, want) in [
            ("pipeline:1", Some(LayoutScope::Pipeline(1))),
            (" customers ", Some(LayoutScope::Customers)),
            ("pipeline:0", None),
            ("pipeline:-3", None),
            ("pipeline:x", None),
            ("pipeline:", None),
            ("leads", None),
            ("", None),
        ] {
            assert_eq!(LayoutScope::parse(raw), want, "{raw:?}");
        }
        assert_eq!(LayoutScope::Pipeline(42).code(), "pipeline:42");
        assert_eq!(
            LayoutScope::parse(&LayoutScope::Customers.code()),
            Some(LayoutScope::Customers)
        );
    }

    #[test]
    fn sections_keep_order_hide_and_fill_in() {
        let all = SectionOrder::default();
        assert_eq!(all.shown(), Section::ALL);
        assert_eq!(all.code(), "contacts,company,tasks,history,fields");
        let chosen = SectionOrder::parse("tasks, -company,history").unwrap();
        assert_eq!(
            chosen.shown(),
            [
                Section::Tasks,
                Section::History,
                Section::Contacts,
                Section::Fields
            ]
        );
        assert_eq!(chosen.code(), "tasks,-company,history,contacts,fields");
        assert_eq!(SectionOrder::parse("").unwrap(), all);
        assert_eq!(
            SectionOrder::parse("tasks,notes"),
            Err(SectionError::Unknown("notes".into()))
        );
        assert_eq!(
            SectionOrder::parse("tasks,-tasks"),
            Err(SectionError::Twice("tasks"))
        );
    }
}
