//! May the opening user see or change a record? Answered from the user's amoCRM
//! rights alone, the way amoCRM's own apps answer it. Pure: no I/O, table-tested.
//!
//! amoCRM's levels: `A` every record, `G` records whose responsible user is in
//! this user's group, `M` records this user is responsible for, `D` none.
//! Stage rights (`status_rights`) replace the lead rights for leads in that
//! stage. Admins may do everything; an inactive user nothing.
//!
//! Customers: amoCRM's API documents no customer rights. They follow the
//! general lead rights (stage rights do not apply: customers have no
//! pipeline). That errs towards showing less: a manager who may see only
//! their own leads sees only their own customers.

use std::collections::HashMap;

pub use crate::server::amo::rights::{
    EntityRights, Level, StageOverride, StageRight, TaskRights, UserRights,
};

/// What kind of record a question is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Area {
    Lead,
    Customer,
    Contact,
    Company,
}

impl From<crate::model::EntityKind> for Area {
    fn from(kind: crate::model::EntityKind) -> Self {
        match kind {
            crate::model::EntityKind::Lead => Area::Lead,
            crate::model::EntityKind::Customer => Area::Customer,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    View,
    Edit,
}

/// The facts about a record its rights depend on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Record {
    pub responsible: Option<i64>,
    /// `(pipeline_id, status_id)` of a lead; stage rights apply to it.
    pub stage: Option<(i64, i64)>,
}

impl Record {
    pub fn owned_by(responsible: Option<i64>) -> Self {
        Self {
            responsible,
            stage: None,
        }
    }
}

/// The opening user, with what is needed to answer for them.
#[derive(Clone, Debug)]
pub struct Viewer {
    user_id: i64,
    rights: UserRights,
    /// Every user's group, for `G`.
    groups: HashMap<i64, Option<i64>>,
}

impl Viewer {
    pub fn new(
        user_id: i64,
        rights: UserRights,
        groups: impl IntoIterator<Item = (i64, Option<i64>)>,
    ) -> Self {
        Self {
            user_id,
            rights,
            groups: groups.into_iter().collect(),
        }
    }

    pub fn is_admin(&self) -> bool {
        self.standing() == Some(true)
    }

    /// The answer every question gets whatever the record: nothing for an
    /// inactive user, everything for an admin; `None` when the levels decide.
    fn standing(&self) -> Option<bool> {
        if !self.rights.is_active {
            Some(false)
        } else if self.rights.is_admin {
            Some(true)
        } else {
            None
        }
    }

    /// May this user `op` the record of kind `area`?
    pub fn may(&self, area: Area, op: Op, record: Record) -> bool {
        if op != Op::View && self.rights.is_free {
            return false;
        }
        if let Some(answer) = self.standing() {
            return answer;
        }
        let level = match area {
            Area::Lead => self.lead_level(op, record.stage),
            Area::Customer => pick(&self.rights.leads, op),
            Area::Contact => pick(&self.rights.contacts, op),
            Area::Company => pick(&self.rights.companies, op),
        };
        self.allows(level, record.responsible)
    }

    /// Whether any record of `area` could be viewed (a `D` everywhere means none).
    pub fn may_view_some(&self, area: Area) -> bool {
        if let Some(answer) = self.standing() {
            return answer;
        }
        let view = |r: &EntityRights| r.view != Level::Denied;
        match area {
            Area::Lead => {
                view(&self.rights.leads)
                    || self
                        .rights
                        .status_rights
                        .iter()
                        .any(|s| s.rights.view.is_some_and(|l| l != Level::Denied))
            }
            Area::Customer => view(&self.rights.leads),
            Area::Contact => view(&self.rights.contacts),
            Area::Company => view(&self.rights.companies),
        }
    }

    /// Whether every record of `area` may be viewed, whoever is responsible
    /// and, for leads, whatever their stage.
    pub fn may_view_all(&self, area: Area) -> bool {
        if let Some(answer) = self.standing() {
            return answer;
        }
        let all = |r: &EntityRights| r.view == Level::All;
        match area {
            Area::Lead => {
                all(&self.rights.leads)
                    && self
                        .rights
                        .status_rights
                        .iter()
                        .filter(|s| s.entity_type == "leads")
                        .all(|s| s.rights.view.is_none_or(|l| l == Level::All))
            }
            Area::Customer => all(&self.rights.leads),
            Area::Contact => all(&self.rights.contacts),
            Area::Company => all(&self.rights.companies),
        }
    }

    /// May this user complete a task whose responsible user is `responsible`?
    pub fn may_edit_task(&self, responsible: Option<i64>) -> bool {
        !self.rights.is_free
            && self
                .standing()
                .unwrap_or_else(|| self.allows(self.rights.tasks.edit, responsible))
    }

    /// May this user change the products of `lead` (quantities, lines)? It
    /// takes the catalogs right (`catalog_access`) and the right to edit the
    /// deal, as amoCRM's own card asks both.
    pub fn may_change_products(&self, lead: Record) -> bool {
        (self.rights.catalog_access || self.standing() == Some(true))
            && self.may(Area::Lead, Op::Edit, lead)
    }

    /// May this user move `lead` to `to` (`(pipeline_id, status_id)`)? They must
    /// be allowed to change it where it is and where it would be.
    pub fn may_move(&self, lead: Record, to: (i64, i64)) -> bool {
        let moved = Record {
            stage: Some(to),
            ..lead
        };
        self.may(Area::Lead, Op::Edit, lead) && self.may(Area::Lead, Op::Edit, moved)
    }

    fn lead_level(&self, op: Op, stage: Option<(i64, i64)>) -> Level {
        let general = pick(&self.rights.leads, op);
        let Some((pipeline, status)) = stage else {
            return general;
        };
        self.rights
            .status_rights
            .iter()
            .find(|s| {
                s.entity_type == "leads" && s.pipeline_id == pipeline && s.status_id == status
            })
            .and_then(|s| match op {
                Op::View => s.rights.view,
                Op::Edit => s.rights.edit,
            })
            .unwrap_or(general)
    }

    fn allows(&self, level: Level, responsible: Option<i64>) -> bool {
        match level {
            Level::All => true,
            Level::Denied => false,
            Level::Mine => responsible == Some(self.user_id),
            Level::Group => responsible.is_some_and(|r| {
                r == self.user_id || {
                    let group = |u: i64| self.groups.get(&u).copied().flatten();
                    group(r).is_some() && group(r) == group(self.user_id)
                }
            }),
        }
    }
}

fn pick(rights: &EntityRights, op: Op) -> Level {
    match op {
        Op::View => rights.view,
        Op::Edit => rights.edit,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ME: i64 = 1;
    const MATE: i64 = 2; // same group as ME
    const OTHER: i64 = 3; // another group
    const LONER: i64 = 4; // no group

    fn viewer(rights: UserRights) -> Viewer {
        let group = rights.group_id;
        Viewer::new(
            ME,
            rights,
            [
                (ME, group),
                (MATE, Some(10)),
                (OTHER, Some(20)),
                (LONER, None),
            ],
        )
    }

    fn active(leads: Level) -> UserRights {
        UserRights {
            leads: EntityRights {
                view: leads,
                edit: leads,
                ..Default::default()
            },
            is_active: true,
            group_id: Some(10),
            ..Default::default()
        }
    }

    #[test]
    fn every_level_against_every_owner() {
        use Level::*;
        // (level, responsible, allowed)
        let table = [
            (All, Some(ME), true),
            (All, Some(MATE), true),
            (All, Some(OTHER), true),
            (All, None, true),
            (Group, Some(ME), true),
            (Group, Some(MATE), true),
            (Group, Some(OTHER), false),
            (Group, Some(LONER), false),
            (Group, Some(99), false),
            (Group, None, false),
            (Mine, Some(ME), true),
            (Mine, Some(MATE), false),
            (Mine, Some(OTHER), false),
            (Mine, None, false),
            (Denied, Some(ME), false),
            (Denied, Some(MATE), false),
            (Denied, None, false),
        ];
        for (level, responsible, allowed) in table {
            let v = viewer(active(level));
            for area in [Area::Lead, Area::Customer] {
                for op in [Op::View, Op::Edit] {
                    let got = v.may(area, op, Record::owned_by(responsible));
                    assert_eq!(got, allowed, "{level:?} {responsible:?} {area:?} {op:?}");
                }
            }
        }
    }

    #[test]
    fn group_needs_a_group_on_both_sides() {
        let mut rights = active(Level::Group);
        rights.group_id = None;
        let v = viewer(rights);
        assert!(!v.may(Area::Lead, Op::View, Record::owned_by(Some(LONER))));
        assert!(v.may(Area::Lead, Op::View, Record::owned_by(Some(ME))));
    }

    #[test]
    fn stage_rights_override_lead_rights_in_that_stage_only() {
        use Level::*;
        let stage = (7, 70);
        let other_stage = (7, 71);
        // (general, stage view override, responsible, in stage, allowed)
        let table = [
            (All, Some(Denied), Some(ME), true, false),
            (All, Some(Denied), Some(ME), false, true),
            (Denied, Some(All), Some(OTHER), true, true),
            (Denied, Some(All), Some(OTHER), false, false),
            (All, Some(Mine), Some(OTHER), true, false),
            (All, Some(Mine), Some(ME), true, true),
            (Mine, Some(Group), Some(MATE), true, true),
            (Mine, Some(Group), Some(MATE), false, false),
            (Group, None, Some(MATE), true, true),
            (Group, None, Some(OTHER), true, false),
        ];
        for (general, over, responsible, in_stage, allowed) in table {
            let mut rights = active(general);
            rights.status_rights = vec![StageRight {
                entity_type: "leads".into(),
                pipeline_id: stage.0,
                status_id: stage.1,
                rights: StageOverride {
                    view: over,
                    edit: None,
                },
            }];
            let v = viewer(rights);
            let record = Record {
                responsible,
                stage: Some(if in_stage { stage } else { other_stage }),
            };
            assert_eq!(
                v.may(Area::Lead, Op::View, record),
                allowed,
                "{general:?} {over:?} {responsible:?} {in_stage}"
            );
            // The override named only `view`: edit falls back to the lead rights.
            assert_eq!(
                v.may(Area::Lead, Op::Edit, record),
                v.allows(general, responsible)
            );
        }
    }

    #[test]
    fn stage_rights_do_not_reach_customers_or_other_pipelines() {
        let mut rights = active(Level::All);
        rights.status_rights = vec![StageRight {
            entity_type: "leads".into(),
            pipeline_id: 7,
            status_id: 70,
            rights: StageOverride {
                view: Some(Level::Denied),
                edit: Some(Level::Denied),
            },
        }];
        let v = viewer(rights);
        let customer = Record {
            responsible: Some(ME),
            stage: Some((7, 70)),
        };
        assert!(v.may(Area::Customer, Op::View, customer));
        assert!(v.may(
            Area::Lead,
            Op::View,
            Record {
                stage: Some((8, 70)),
                ..customer
            }
        ));
        assert!(!v.may(Area::Lead, Op::View, customer));
        assert!(!v.may_view_all(Area::Lead), "a stage hides some leads");
        assert!(v.may_view_all(Area::Customer));
    }

    #[test]
    fn moving_needs_edit_here_and_there() {
        let mut rights = active(Level::All);
        rights.status_rights = vec![StageRight {
            entity_type: "leads".into(),
            pipeline_id: 7,
            status_id: 142,
            rights: StageOverride {
                view: None,
                edit: Some(Level::Denied),
            },
        }];
        let v = viewer(rights);
        let lead = Record {
            responsible: Some(OTHER),
            stage: Some((7, 70)),
        };
        assert!(v.may_move(lead, (7, 71)));
        assert!(!v.may_move(lead, (7, 142)));
        let won = Record {
            stage: Some((7, 142)),
            ..lead
        };
        assert!(!v.may_move(won, (7, 70)), "cannot edit where it is");
    }

    #[test]
    fn contacts_companies_and_tasks_have_their_own_rights() {
        let mut rights = active(Level::All);
        rights.contacts.view = Level::Mine;
        rights.companies.view = Level::Denied;
        rights.tasks.edit = Level::Group;
        let v = viewer(rights);
        assert!(v.may(Area::Contact, Op::View, Record::owned_by(Some(ME))));
        assert!(!v.may(Area::Contact, Op::View, Record::owned_by(Some(MATE))));
        assert!(!v.may(Area::Company, Op::View, Record::owned_by(Some(ME))));
        assert!(v.may_edit_task(Some(MATE)));
        assert!(!v.may_edit_task(Some(OTHER)));
        assert!(v.may_view_some(Area::Contact));
        assert!(!v.may_view_some(Area::Company));
        assert!(v.may_view_all(Area::Lead));
        assert!(!v.may_view_all(Area::Contact), "only their own contacts");
        assert!(!v.may_view_all(Area::Company));
    }

    #[test]
    fn group_rights_are_told_apart() {
        assert!(!active(Level::All).uses_groups());
        assert!(active(Level::Group).uses_groups());
        let mut tasks = active(Level::Mine);
        tasks.tasks.edit = Level::Group;
        assert!(tasks.uses_groups());
    }

    #[test]
    fn a_free_user_reads_and_writes_nothing() {
        let mut free = active(Level::All);
        free.is_free = true;
        let v = viewer(free);
        let mine = Record::owned_by(Some(ME));
        // Their lead rights are "all": they read, and change nothing.
        for area in [Area::Lead, Area::Customer] {
            assert!(v.may(area, Op::View, mine), "{area:?}");
            assert!(!v.may(area, Op::Edit, mine), "{area:?}");
        }
        assert!(!v.may_edit_task(Some(ME)) && !v.may_move(mine, (1, 11)));
        // The same rights on a paid seat write.
        let paid = viewer(active(Level::All));
        assert!(paid.may(Area::Lead, Op::Edit, mine) && paid.may_move(mine, (1, 11)));
    }

    #[test]
    fn products_take_the_catalogs_right_and_the_deal_edit_right() {
        let mine = Record {
            responsible: Some(ME),
            stage: Some((1, 11)),
        };
        let foreign = Record {
            responsible: Some(OTHER),
            ..mine
        };
        let with_catalogs = |leads: Level, free: bool| {
            let mut r = active(leads);
            r.catalog_access = true;
            r.is_free = free;
            viewer(r)
        };
        // (viewer, record, allowed)
        let table = [
            (with_catalogs(Level::All, false), foreign, true),
            (with_catalogs(Level::Mine, false), mine, true),
            (with_catalogs(Level::Mine, false), foreign, false),
            (with_catalogs(Level::All, true), mine, false),
            (viewer(active(Level::All)), mine, false),
        ];
        for (i, (v, record, allowed)) in table.into_iter().enumerate() {
            assert_eq!(v.may_change_products(record), allowed, "row {i}");
        }
        let admin = viewer(UserRights {
            is_admin: true,
            is_active: true,
            ..Default::default()
        });
        assert!(
            admin.may_change_products(foreign),
            "an admin without the flag"
        );
        let r: UserRights =
            serde_json::from_str(r#"{"catalog_access":true,"is_active":true}"#).unwrap();
        assert!(r.catalog_access);
    }

    #[test]
    fn admins_may_everything_and_inactive_users_nothing() {
        let mut admin = UserRights {
            is_admin: true,
            is_active: true,
            ..Default::default()
        };
        let v = viewer(admin.clone());
        let foreign = Record {
            responsible: Some(OTHER),
            stage: Some((1, 142)),
        };
        for area in [Area::Lead, Area::Customer, Area::Contact, Area::Company] {
            assert!(v.may(area, Op::Edit, foreign));
        }
        assert!(v.may_edit_task(Some(OTHER)) && v.may_move(foreign, (1, 143)));

        admin.is_active = false;
        let inactive_admin = viewer(admin);
        let mut everything = active(Level::All);
        everything.is_active = false;
        for v in [inactive_admin, viewer(everything)] {
            for area in [Area::Lead, Area::Customer, Area::Contact, Area::Company] {
                assert!(!v.may(area, Op::View, Record::owned_by(Some(ME))));
            }
            assert!(!v.may_edit_task(Some(ME)));
        }
    }

    #[test]
    fn reads_amocrm_rights_and_fails_closed_on_gaps() {
        let json = r#"{"leads":{"view":"G","edit":"M","add":"A","delete":"D","export":"D"},
            "contacts":{"view":"A","edit":"X"},"tasks":{"edit":"M","delete":"D"},
            "status_rights":[{"entity_type":"leads","pipeline_id":3,"status_id":30,"rights":{"view":"A","edit":"A","delete":"D"}}],
            "mail_access":false,"is_admin":false,"is_free":false,"is_active":true,"group_id":5,"role_id":null}"#;
        let r: UserRights = serde_json::from_str(json).unwrap();
        assert_eq!(r.leads.view, Level::Group);
        assert_eq!(r.leads.edit, Level::Mine);
        assert_eq!(r.contacts.edit, Level::Denied, "unknown value");
        assert_eq!(r.companies, EntityRights::default(), "missing part");
        assert_eq!(r.companies.view, Level::Denied);
        assert_eq!(r.status_rights[0].rights.view, Some(Level::All));
        assert_eq!(r.group_id, Some(5));
        assert!(r.is_active && !r.is_admin);

        let bare: UserRights = serde_json::from_str(r#"{"status_rights":null}"#).unwrap();
        assert!(!bare.is_active, "no is_active: inactive");
    }
}
