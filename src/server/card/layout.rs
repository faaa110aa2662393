//! An admin's layout applied to a built card: key fields first in the chosen
//! order, the header field beside the price, sections in the chosen order.
//! Pure: the card's own rows decide what exists, so a field deleted in amoCRM
//! since the layout was saved (no longer on the record) is skipped silently.

use crate::model::{CardView, Layout, LayoutScope, Row};
use crate::server::amo::client::AccountMeta;

/// The scope `raw` names, if the account has it: one of its pipelines, or
/// customers when that section is on. The editor and the save both ask.
pub fn account_scope(meta: &AccountMeta, raw: &str) -> Option<LayoutScope> {
    LayoutScope::parse(raw).filter(|scope| match scope {
        LayoutScope::Pipeline(id) => meta.pipelines.iter().any(|p| p.id == *id),
        LayoutScope::Customers => meta.account.customers_enabled(),
    })
}

pub fn apply(card: &mut CardView, layout: &Layout) {
    let take = |rows: &mut Vec<Row>, id: i64| {
        rows.iter()
            .position(|r| r.field_id == Some(id))
            .map(|at| rows.remove(at))
    };
    let mut others = std::mem::take(&mut card.fields);
    card.header_field = layout
        .header
        .and_then(|id| others.iter().find(|r| r.field_id == Some(id)).cloned());
    card.key_fields = layout
        .fields
        .iter()
        .filter_map(|id| take(&mut others, *id))
        .collect();
    // The header field shows once, up top, unless it is a key field too.
    if let Some(id) = layout.header {
        take(&mut others, id);
    }
    card.fields = others;
    card.sections = layout.sections.shown();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        ActionChoices, Allowed, EntityKind, HistoryView, Link, Section, SectionOrder, Withheld,
    };

    fn row(id: i64) -> Row {
        Row {
            field_id: Some(id),
            label: format!("f{id}"),
            value: "v".into(),
            link: Link::None,
            numeric: false,
            edit: None,
        }
    }

    fn card(ids: &[i64]) -> CardView {
        CardView {
            kind: EntityKind::Lead,
            id: 1,
            name: "n".into(),
            headline: None,
            header_field: None,
            status: None,
            pipeline: None,
            pipeline_id: Some(1),
            tags: Vec::new(),
            details: Vec::new(),
            contacts: Vec::new(),
            company: None,
            tasks: Vec::new(),
            key_fields: Vec::new(),
            fields: ids.iter().map(|i| row(*i)).collect(),
            sections: Section::ALL.to_vec(),
            choices: ActionChoices::default(),
            allowed: Allowed::default(),
            withheld: Withheld::default(),
            history: HistoryView::default(),
            strip: Vec::new(),
            customise: None,
            products: None,
        }
    }

    fn ids(rows: &[Row]) -> Vec<i64> {
        rows.iter().filter_map(|r| r.field_id).collect()
    }

    #[test]
    fn key_fields_lead_in_the_admins_order_and_the_rest_follow() {
        let mut c = card(&[101, 102, 103, 104, 105]);
        let layout = Layout {
            fields: vec![104, 999, 101],
            header: Some(103),
            sections: SectionOrder::parse("tasks,-company").unwrap(),
            editable: Vec::new(),
            ..Layout::default()
        };
        apply(&mut c, &layout);
        // 999 was deleted in amoCRM: skipped without a word.
        assert_eq!(ids(&c.key_fields), [104, 101]);
        assert_eq!(c.header_field.as_ref().and_then(|r| r.field_id), Some(103));
        assert_eq!(ids(&c.fields), [102, 105]);
        assert_eq!(
            c.sections,
            [
                Section::Tasks,
                Section::Contacts,
                Section::History,
                Section::Fields
            ]
        );
    }

    #[test]
    fn a_header_that_is_also_a_key_field_stays_among_them() {
        let mut c = card(&[101, 102]);
        let layout = Layout {
            fields: vec![102],
            header: Some(102),
            sections: SectionOrder::default(),
            editable: Vec::new(),
            ..Layout::default()
        };
        apply(&mut c, &layout);
        assert_eq!(ids(&c.key_fields), [102]);
        assert_eq!(ids(&c.fields), [101]);
        assert!(c.header_field.is_some());
        // A header field the record does not carry shows nothing.
        let mut c = card(&[101]);
        apply(
            &mut c,
            &Layout {
                header: Some(7),
                ..Layout::default()
            },
        );
        assert!(c.header_field.is_none());
        assert_eq!(c.sections, Section::ALL);
    }
}
