//! Which of the card's rows are editable, with which control and starting
//! value (asked of `server/edit`), and how a field reads now (a conflict
//! shows it).

use chrono_tz::Tz;

use super::fields::field_row;
use super::Ctx;
use crate::i18n::Lang;
use crate::model::{CardView, EditField, EditSpec, Layout, Row};
use crate::server::amo::client::AccountMeta;
use crate::server::amo::custom_fields::RawCustomField;
use crate::server::amo::field_defs::FieldDef;
use crate::server::amo::types::{Customer, Lead};
use crate::server::card::access::Access;
use crate::server::edit::control;
use crate::server::edit::start::custom_code;

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
