//! The stage sheet's rules from the account's settings: which lead fields
//! each stage still needs (asked for in the sheet, `edit/required.rs`), and
//! the guidance the admin wrote for each stage.

use crate::model::CardView;
use crate::server::amo::client::StageGuides;
use crate::server::amo::field_defs::FieldDef;
use crate::server::amo::types::Lead;
use crate::server::edit::required;

/// Marks each stage the lead may move to with the required fields it lacks.
pub(super) fn mark_required(card: &mut CardView, lead: &Lead, defs: &[FieldDef]) {
    let Some(pipeline) = lead.pipeline_id else {
        return;
    };
    for option in &mut card.choices.statuses {
        option.requires =
            required::missing(defs, &lead.custom_fields_values, (pipeline, option.id));
    }
}

/// Gives each stage the lead may move to its guidance, where it has one.
pub(super) fn mark_guidance(card: &mut CardView, guides: &StageGuides) {
    for option in &mut card.choices.statuses {
        option.guidance = guides.get(&option.id).cloned();
    }
}
