//! What an account's admin decides about the card's shape (#28): which
//! sections show, in which order; which custom fields come first; the header
//! field. The card carries these as marks (`data-section`, `data-field-id`,
//! `data-pipeline`) whether or not a layout is saved, so the default shape
//! and a chosen one are read the same way.

use super::stale::{StaleDays, StaleError};
use super::state::EntityKind;

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

    /// The scope of a record: a lead's pipeline (none when amoCRM sent no
    /// pipeline), or customers.
    pub fn of_record(kind: EntityKind, pipeline_id: Option<i64>) -> Option<LayoutScope> {
        match kind {
            EntityKind::Lead => pipeline_id.map(LayoutScope::Pipeline),
            EntityKind::Customer => Some(LayoutScope::Customers),
        }
    }

    /// The kind of record whose cards the scope shapes.
    pub fn entity(self) -> EntityKind {
        match self {
            LayoutScope::Pipeline(_) => EntityKind::Lead,
            LayoutScope::Customers => EntityKind::Customer,
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

    /// Every section in order, with whether it shows.
    pub fn entries(&self) -> &[(Section, bool)] {
        &self.0
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

/// An admin's choice for one scope: key fields first, an optional header
/// field, and the sections' order and visibility.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Layout {
    /// Custom field ids in display order, at most [`Layout::MAX_FIELDS`].
    pub fields: Vec<i64>,
    pub header: Option<i64>,
    pub sections: SectionOrder,
    /// Key fields a user with edit rights may change from the phone (#29), a
    /// subset of `fields`.
    pub editable: Vec<i64>,
    /// After how many days in a stage a deal is stale (#40; pipelines only).
    pub stale_days: StaleDays,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LayoutError {
    #[error("{0:?} is not a field id")]
    FieldId(String),
    #[error("field {0} is listed twice")]
    FieldTwice(i64),
    #[error("{0} key fields, at most 8")]
    TooManyFields(usize),
    #[error("{0:?} is not a field id")]
    Header(String),
    #[error(transparent)]
    Section(#[from] SectionError),
    #[error("{0:?} is not a key field id")]
    Editable(String),
    #[error(transparent)]
    Stale(#[from] StaleError),
}

fn field_id(raw: &str) -> Option<i64> {
    raw.trim().parse::<i64>().ok().filter(|id| *id > 0)
}

fn join_ids(ids: &[i64]) -> String {
    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
}

impl Layout {
    pub const MAX_FIELDS: usize = 8;

    /// Reads the form's spelling (`/api/save_layout`): `fields` ids separated
    /// by commas, `header` an id or empty, `sections` as [`SectionOrder::parse`],
    /// `editable` ids separated by commas, each one of `fields`.
    pub fn parse(
        fields: &str,
        header: &str,
        sections: &str,
        editable: &str,
    ) -> Result<Layout, LayoutError> {
        let mut ids = Vec::new();
        for raw in fields.split(',').map(str::trim).filter(|f| !f.is_empty()) {
            // Past the cap the form is refused at once: a posted list of a
            // million ids costs one count, not a million duplicate checks.
            if ids.len() == Self::MAX_FIELDS {
                let listed = fields.split(',').filter(|f| !f.trim().is_empty()).count();
                return Err(LayoutError::TooManyFields(listed));
            }
            let id = field_id(raw).ok_or_else(|| LayoutError::FieldId(raw.to_owned()))?;
            if ids.contains(&id) {
                return Err(LayoutError::FieldTwice(id));
            }
            ids.push(id);
        }
        let header = match header.trim() {
            "" => None,
            raw => Some(field_id(raw).ok_or_else(|| LayoutError::Header(raw.to_owned()))?),
        };
        let mut marked = Vec::new();
        for raw in editable.split(',').map(str::trim).filter(|f| !f.is_empty()) {
            // Each mark is one of at most eight fields: more is a refusal.
            if marked.len() == Self::MAX_FIELDS {
                return Err(LayoutError::Editable(raw.to_owned()));
            }
            match field_id(raw).filter(|id| ids.contains(id)) {
                Some(id) if !marked.contains(&id) => marked.push(id),
                Some(_) => {}
                None => return Err(LayoutError::Editable(raw.to_owned())),
            }
        }
        Ok(Layout {
            fields: ids,
            header,
            sections: SectionOrder::parse(sections)?,
            editable: marked,
            stale_days: StaleDays::default(),
        })
    }

    /// `editable` as the form and the store write it.
    pub fn editable_code(&self) -> String {
        join_ids(&self.editable)
    }

    /// `fields` as the form and the store write it.
    pub fn fields_code(&self) -> String {
        join_ids(&self.fields)
    }

    /// `header` as the form writes it (empty for none).
    pub fn header_code(&self) -> String {
        self.header.map(|h| h.to_string()).unwrap_or_default()
    }
}

/// One step of the editor without script: each button names one (`op=up:103`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LayoutOp {
    Add(i64),
    Remove(i64),
    Up(i64),
    Down(i64),
    Header(Option<i64>),
    /// Marks a key field editable on the phone, or takes the mark back.
    Editable(i64),
    Locked(i64),
    SectionUp(Section),
    SectionDown(Section),
    Show(Section),
    Hide(Section),
}

impl LayoutOp {
    pub fn code(self) -> String {
        let section = |verb: &str, s: Section| format!("{verb}:{}", s.code());
        match self {
            LayoutOp::Add(id) => format!("add:{id}"),
            LayoutOp::Remove(id) => format!("remove:{id}"),
            LayoutOp::Up(id) => format!("up:{id}"),
            LayoutOp::Down(id) => format!("down:{id}"),
            LayoutOp::Header(id) => {
                format!("header:{}", id.map(|i| i.to_string()).unwrap_or_default())
            }
            LayoutOp::Editable(id) => format!("edit:{id}"),
            LayoutOp::Locked(id) => format!("lock:{id}"),
            LayoutOp::SectionUp(s) => section("section-up", s),
            LayoutOp::SectionDown(s) => section("section-down", s),
            LayoutOp::Show(s) => section("show", s),
            LayoutOp::Hide(s) => section("hide", s),
        }
    }

    pub fn parse(raw: &str) -> Option<LayoutOp> {
        let (verb, arg) = raw.split_once(':')?;
        let id = || field_id(arg);
        let section = || Section::from_code(arg);
        Some(match verb {
            "add" => LayoutOp::Add(id()?),
            "remove" => LayoutOp::Remove(id()?),
            "up" => LayoutOp::Up(id()?),
            "down" => LayoutOp::Down(id()?),
            "header" if arg.is_empty() => LayoutOp::Header(None),
            "header" => LayoutOp::Header(Some(id()?)),
            "edit" => LayoutOp::Editable(id()?),
            "lock" => LayoutOp::Locked(id()?),
            "section-up" => LayoutOp::SectionUp(section()?),
            "section-down" => LayoutOp::SectionDown(section()?),
            "show" => LayoutOp::Show(section()?),
            "hide" => LayoutOp::Hide(section()?),
            _ => return None,
        })
    }
}

impl Layout {
    /// The draft after `op`; a step that cannot apply (a ninth field, the
    /// first moved up) leaves it as it was.
    pub fn apply(&mut self, op: LayoutOp) {
        fn shift<T: PartialEq>(list: &mut [T], at: Option<usize>, up: bool) {
            match (at, up) {
                (Some(i), true) if i > 0 => list.swap(i, i - 1),
                (Some(i), false) if i + 1 < list.len() => list.swap(i, i + 1),
                _ => {}
            }
        }
        let find = |list: &[i64], id: i64| list.iter().position(|f| *f == id);
        let sections = &mut self.sections.0;
        let at =
            |sections: &[(Section, bool)], s: Section| sections.iter().position(|(x, _)| *x == s);
        match op {
            LayoutOp::Add(id) => {
                if self.fields.len() < Self::MAX_FIELDS && !self.fields.contains(&id) {
                    self.fields.push(id);
                }
            }
            LayoutOp::Remove(id) => {
                self.fields.retain(|f| *f != id);
                self.editable.retain(|f| *f != id);
            }
            LayoutOp::Editable(id) => {
                if self.fields.contains(&id) && !self.editable.contains(&id) {
                    self.editable.push(id);
                }
            }
            LayoutOp::Locked(id) => self.editable.retain(|f| *f != id),
            LayoutOp::Up(id) | LayoutOp::Down(id) => {
                let i = find(&self.fields, id);
                shift(&mut self.fields, i, matches!(op, LayoutOp::Up(_)));
            }
            LayoutOp::Header(id) => self.header = id,
            LayoutOp::SectionUp(s) | LayoutOp::SectionDown(s) => {
                let i = at(sections, s);
                shift(sections, i, matches!(op, LayoutOp::SectionUp(_)));
            }
            LayoutOp::Show(s) | LayoutOp::Hide(s) => {
                if let Some(i) = at(sections, s) {
                    sections[i].1 = matches!(op, LayoutOp::Show(_));
                }
            }
        }
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
    fn layouts_read_as_the_form_writes_them() {
        let l = Layout::parse("103, 101,105", "104", "tasks,-history", "105,103").unwrap();
        assert_eq!(l.fields, [103, 101, 105]);
        assert_eq!(l.header, Some(104));
        assert_eq!(l.fields_code(), "103,101,105");
        assert_eq!(l.header_code(), "104");
        assert_eq!(l.editable_code(), "105,103");
        assert_eq!(Layout::parse("", "", "", "").unwrap(), Layout::default());
        let cases = [
            (("1,x", "", ""), LayoutError::FieldId("x".into())),
            (("1,-2", "", ""), LayoutError::FieldId("-2".into())),
            (("1,2,1", "", ""), LayoutError::FieldTwice(1)),
            (("1,2,3,4,5,6,7,8,9", "", ""), LayoutError::TooManyFields(9)),
            // Duplicates past the cap are not compared: the cap refuses first.
            (("1,2,3,4,5,6,7,8,1", "", ""), LayoutError::TooManyFields(9)),
            (("1", "abc", ""), LayoutError::Header("abc".into())),
            (
                ("1", "", "tasks,notes"),
                LayoutError::Section(SectionError::Unknown("notes".into())),
            ),
        ];
        for ((fields, header, sections), want) in cases {
            assert_eq!(
                Layout::parse(fields, header, sections, ""),
                Err(want),
                "{fields:?}"
            );
        }
        assert!(Layout::parse("1,2,3,4,5,6,7,8", "", "", "").is_ok());
        // Only a key field can be editable.
        assert_eq!(
            Layout::parse("1,2", "", "", "3"),
            Err(LayoutError::Editable("3".into()))
        );
        assert_eq!(
            Layout::parse("1,2", "", "", "x"),
            Err(LayoutError::Editable("x".into()))
        );
    }

    #[test]
    fn editor_steps_change_the_draft_and_read_back() {
        let mut l = Layout::parse("101,102", "", "", "").unwrap();
        let steps = [
            ("add:103", "101,102,103", ""),
            ("up:103", "101,103,102", ""),
            ("up:101", "101,103,102", ""),
            ("down:102", "101,103,102", ""),
            ("remove:101", "103,102", ""),
            ("header:105", "103,102", "105"),
            ("add:102", "103,102", "105"),
            ("header:", "103,102", ""),
        ];
        for (op, fields, header) in steps {
            let parsed = LayoutOp::parse(op).expect(op);
            assert_eq!(parsed.code(), op);
            l.apply(parsed);
            assert_eq!(
                (l.fields_code().as_str(), l.header_code().as_str()),
                (fields, header),
                "{op}"
            );
        }
        for op in ["section-up:tasks", "hide:company", "section-down:contacts"] {
            l.apply(LayoutOp::parse(op).unwrap());
        }
        assert_eq!(l.sections.code(), "tasks,contacts,-company,history,fields");
        l.apply(LayoutOp::Show(Section::Company));
        assert_eq!(l.sections.shown()[2], Section::Company);
        let mut full = Layout::parse("1,2,3,4,5,6,7,8", "", "", "").unwrap();
        full.apply(LayoutOp::Add(9));
        assert_eq!(full.fields.len(), 8);
        let mut e = Layout::parse("101,102", "", "", "").unwrap();
        for (op, editable) in [
            ("edit:102", "102"),
            ("edit:7", "102"),
            ("edit:101", "102,101"),
            ("lock:102", "101"),
            ("remove:101", ""),
        ] {
            let parsed = LayoutOp::parse(op).expect(op);
            assert_eq!(parsed.code(), op);
            e.apply(parsed);
            assert_eq!(e.editable_code(), editable, "{op}");
        }
        for bad in ["add:x", "up:", "hide:notes", "jump:1", "add", "edit:"] {
            assert_eq!(LayoutOp::parse(bad), None, "{bad}");
        }
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
