//! amoCRM's user rights as `GET /api/v4/users` sends them (users-api.md):
//! the wire types only. What they allow is the card's business
//! (`server::card::rights`).
//!
//! amoCRM's levels: `A` every record, `G` records whose responsible user is in
//! this user's group, `M` records this user is responsible for, `D` none.

use serde::{Deserialize, Deserializer};

/// One amoCRM right value. Anything unknown reads as `Denied`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Level {
    All,
    Group,
    Mine,
    #[default]
    Denied,
}

impl<'de> Deserialize<'de> for Level {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = Option::<String>::deserialize(d)?;
        Ok(match raw.as_deref() {
            Some("A") => Level::All,
            Some("G") => Level::Group,
            Some("M") => Level::Mine,
            _ => Level::Denied,
        })
    }
}

/// Rights over one kind of record (`leads`, `contacts`, `companies`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct EntityRights {
    pub view: Level,
    pub edit: Level,
    pub add: Level,
    pub delete: Level,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct TaskRights {
    pub edit: Level,
    pub delete: Level,
}

/// A stage's own rights; a right it leaves out falls back to the lead rights.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct StageOverride {
    pub view: Option<Level>,
    pub edit: Option<Level>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct StageRight {
    pub entity_type: String,
    pub pipeline_id: i64,
    pub status_id: i64,
    pub rights: StageOverride,
}

/// The `rights` object of an amoCRM user. Missing parts read as denied and a
/// missing `is_active` as inactive: a partial answer never grants more.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct UserRights {
    pub leads: EntityRights,
    pub contacts: EntityRights,
    pub companies: EntityRights,
    pub tasks: TaskRights,
    #[serde(deserialize_with = "null_as_empty")]
    pub status_rights: Vec<StageRight>,
    pub is_admin: bool,
    pub is_active: bool,
    /// A free seat (users-api.md `is_free`): the card is read-only for them.
    pub is_free: bool,
    /// May change the products and lists (users-api.md `catalog_access`).
    pub catalog_access: bool,
    pub group_id: Option<i64>,
}

impl UserRights {
    /// Whether any of the user's rights depends on groups (`G`): then who is
    /// in which group decides, and that is the account's users list.
    pub fn uses_groups(&self) -> bool {
        let group = |l: Level| l == Level::Group;
        let entity = |r: &EntityRights| group(r.view) || group(r.edit);
        entity(&self.leads)
            || entity(&self.contacts)
            || entity(&self.companies)
            || group(self.tasks.edit)
            || self
                .status_rights
                .iter()
                .any(|s| s.rights.view.is_some_and(group) || s.rights.edit.is_some_and(group))
    }
}

fn null_as_empty<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<StageRight>, D::Error> {
    Ok(Option::<Vec<StageRight>>::deserialize(d)?.unwrap_or_default())
}
