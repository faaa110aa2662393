//! Editing a record from the card, in one home: which control a field
//! opens ([`control`], from its typed [`FieldType`]), the value the form
//! starts from ([`start`]), how a submitted value is read and checked
//! ([`value`]), and the typed record patch it becomes ([`patch`], sent by
//! `amo/record_edit.rs`). Pure and table-tested. The card asks it which rows
//! are editable (`card/editable.rs`), the edit action
//! (`server/actions/edit.rs`) runs it against the record read at write time.

pub mod quantity;
pub mod required;
pub mod start;
pub mod value;

use crate::model::{Choice, Control, EditField, FieldType};
use crate::server::amo::field_defs::FieldDef;
use crate::server::amo::record_edit::{FieldValues, RecordPatch};
use value::Parsed;

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
    use FieldType as T;
    Some(match def.field_type {
        T::Text => Control::Text,
        T::Textarea => Control::Textarea,
        T::Url => Control::Url,
        T::Numeric | T::Price => Control::Number,
        T::Select | T::Radiobutton => Control::One(choices()),
        T::Multiselect => Control::Many(choices()),
        T::Checkbox => Control::Checkbox,
        T::Date => Control::Date,
        T::DateTime => Control::DateTime,
        // Read-only on the card: phones and e-mails have their own rows and
        // amoCRM's own sheet; addresses, legal entities, money in another
        // currency, files, tracking data and catalog links have no control
        // that keeps their shape; an unknown type is never guessed at.
        T::Multitext
        | T::Streetaddress
        | T::SmartAddress
        | T::Birthday
        | T::LegalEntity
        | T::Category
        | T::Items
        | T::TrackingData
        | T::LinkedEntity
        | T::ChainedList
        | T::Monetary
        | T::File
        | T::Payer
        | T::Supplier
        | T::Other => return None,
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

/// The patch amoCRM documents for one field, attributed to `user_id`
/// (`updated_by`: amoCRM shows the change as that user's); `None` when the
/// value does not fit the field.
pub fn patch(field: EditField, parsed: &Parsed, user_id: i64) -> Option<RecordPatch> {
    let mut patch = RecordPatch::by(user_id);
    match (field, parsed) {
        (EditField::Price, Parsed::Amount(n)) => patch.price = Some(*n),
        (EditField::NextPrice, Parsed::Amount(n)) => patch.next_price = Some(*n),
        (EditField::NextDate, Parsed::Values(serde_json::Value::Array(v))) => {
            patch.next_date = Some(v.first()?.get("value")?.as_i64()?);
        }
        (EditField::Custom(id), Parsed::Values(values)) => {
            patch.custom_fields_values.push(FieldValues {
                field_id: id,
                values: values.clone(),
            });
        }
        _ => return None,
    }
    Some(patch)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::amo::field_defs::FieldEnum;
    use serde_json::{json, Value};

    fn def(field_type: &str) -> FieldDef {
        FieldDef {
            id: 7,
            name: "F".into(),
            field_type: FieldType::parse(field_type),
            sort: 0,
            is_api_only: false,
            is_computed: false,
            required_statuses: Vec::new(),
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
    fn bodies_are_the_documented_ones_and_name_the_user() {
        let b = |f, p| serde_json::to_value(patch(f, &p, 42).unwrap()).unwrap();
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
            patch(EditField::Price, &Parsed::Values(Value::Null), 1),
            None
        );
    }
}
