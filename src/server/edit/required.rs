//! What a stage requires of a lead: the fields amoCRM's settings mark
//! required for it (custom-fields.md `required_statuses`) that the lead has
//! no value in. amoCRM's web interface asks for them before a move; its API
//! does not, so the card asks (the stage sheet) and checks again at write
//! time (`server/actions/stage.rs`) against definitions read then.

use crate::model::{Control, LinkedField, LinkedKind, RequiredField};
use crate::server::amo::custom_fields::RawCustomField;
use crate::server::amo::field_defs::FieldDef;

/// The fields `stage` (`pipeline_id`, `status_id`) requires that `values`
/// leaves empty, in amoCRM's order of the definitions. Each carries the
/// control it is asked with; `None` for one the card cannot fill (a type
/// without a control, or a multiselect: its options do not fit one form
/// value), which blocks the move.
pub fn missing(
    defs: &[FieldDef],
    values: &[RawCustomField],
    stage: (i64, i64),
) -> Vec<RequiredField> {
    let mut defs: Vec<&FieldDef> = defs.iter().filter(|d| d.required_for(stage)).collect();
    defs.sort_by_key(|d| (d.sort, d.id));
    defs.into_iter()
        .filter(|d| !filled(values, d.id))
        .map(|d| RequiredField {
            id: d.id,
            name: d.name.clone(),
            control: super::control(d).filter(|c| !matches!(c, Control::Many(_))),
        })
        .collect()
}

/// The lead's contact (its main one) or company, as far as the rules may
/// look at it.
#[derive(Clone, Debug, Default)]
pub enum Linked {
    /// The lead has none: every field a stage requires of it is missing.
    Absent,
    /// Its values.
    Values(Vec<RawCustomField>),
    /// Not read, or hidden from the user: the card claims nothing of it
    /// (the move itself checks again with what amoCRM holds then).
    #[default]
    Unknown,
}

/// The fields of a linked record (`of`) that `stage` requires and it
/// leaves empty, by name, in amoCRM's order of the definitions.
pub fn missing_linked(
    defs: &[FieldDef],
    of: LinkedKind,
    linked: &Linked,
    stage: (i64, i64),
) -> Vec<LinkedField> {
    let values: &[RawCustomField] = match linked {
        Linked::Unknown => return Vec::new(),
        Linked::Absent => &[],
        Linked::Values(v) => v,
    };
    let mut defs: Vec<&FieldDef> = defs.iter().filter(|d| d.required_for(stage)).collect();
    defs.sort_by_key(|d| (d.sort, d.id));
    defs.into_iter()
        .filter(|d| !filled(values, d.id))
        .map(|d| LinkedField {
            of,
            name: d.name.clone(),
        })
        .collect()
}

/// Whether the record holds a non-empty value of `field_id`.
fn filled(values: &[RawCustomField], field_id: i64) -> bool {
    values.iter().any(|v| {
        v.field_id == field_id
            && v.values.iter().any(|item| match &item["value"] {
                serde_json::Value::Null => item.get("enum_id").is_some_and(|e| !e.is_null()),
                serde_json::Value::String(s) => !s.trim().is_empty(),
                _ => true,
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FieldType;
    use crate::server::amo::field_defs::StageRef;
    use serde_json::json;

    fn def(id: i64, field_type: FieldType, stages: &[(i64, i64)]) -> FieldDef {
        FieldDef {
            id,
            name: format!("Field {id}"),
            field_type,
            sort: id,
            is_api_only: false,
            is_computed: false,
            enums: Vec::new(),
            required_statuses: stages
                .iter()
                .map(|&(pipeline_id, status_id)| StageRef {
                    pipeline_id,
                    status_id,
                })
                .collect(),
        }
    }

    fn value(field_id: i64, v: serde_json::Value) -> RawCustomField {
        RawCustomField {
            field_id,
            field_name: None,
            field_code: None,
            field_type: FieldType::Text,
            values: vec![v],
        }
    }

    #[test]
    fn only_the_stages_own_empty_fields_are_asked_for() {
        let defs = [
            def(1, FieldType::Text, &[(1, 13)]),
            def(2, FieldType::Numeric, &[(1, 13), (2, 20)]),
            def(3, FieldType::Text, &[(1, 12)]),
            def(4, FieldType::Text, &[(1, 13)]),
            def(5, FieldType::Streetaddress, &[(1, 13)]),
            def(6, FieldType::Multiselect, &[(1, 13)]),
        ];
        let values = [
            value(2, json!({"value": "12"})),
            value(4, json!({"value": "  "})),
        ];
        let missing = missing(&defs, &values, (1, 13));
        let ids: Vec<i64> = missing.iter().map(|f| f.id).collect();
        assert_eq!(ids, [1, 4, 5, 6], "filled 2, other stage 3");
        assert_eq!(missing[0].control, Some(Control::Text));
        assert_eq!(missing[2].control, None, "an address cannot be filled here");
        assert_eq!(missing[3].control, None, "nor a multiselect");
        assert!(super::missing(&defs, &values, (2, 20)).is_empty());
        assert_eq!(super::missing(&defs, &[], (2, 20)).len(), 1);
    }

    #[test]
    fn a_linked_records_empty_fields_block_and_an_unknown_one_claims_nothing() {
        let defs = [
            def(3, FieldType::Multitext, &[(1, 13)]),
            def(2, FieldType::Multitext, &[(1, 12)]),
        ];
        let names = |linked: &Linked, stage| -> Vec<String> {
            missing_linked(&defs, LinkedKind::Contact, linked, stage)
                .into_iter()
                .map(|f| f.name)
                .collect()
        };
        let with_mail = Linked::Values(vec![value(3, json!({"value": "a@b.c"}))]);
        let blank_mail = Linked::Values(vec![value(3, json!({"value": ""}))]);
        assert!(names(&with_mail, (1, 13)).is_empty());
        assert_eq!(names(&blank_mail, (1, 13)), ["Field 3"]);
        // No contact at all: the stage still needs one with an e-mail.
        assert_eq!(names(&Linked::Absent, (1, 13)), ["Field 3"]);
        assert!(names(&Linked::Unknown, (1, 13)).is_empty());
        assert!(names(&Linked::Absent, (1, 10)).is_empty());
    }

    #[test]
    fn form_names_round_trip() {
        use crate::contract::field::{required, required_id};
        assert_eq!(required(114), "cf_114");
        assert_eq!(required_id("cf_114"), Some(114));
        for bad in ["cf_", "cf_x", "cf_-1", "cf_0", "114", "cf114"] {
            assert_eq!(required_id(bad), None, "{bad}");
        }
    }
}
