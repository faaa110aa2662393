//! The parts every card shares: contacts and company, tasks, custom fields, tags.

use chrono::Utc;

use super::Ctx;
use crate::model::{ContactView, Link, Row, TaskTypeOption, TaskView};
use crate::server::amo::client::AccountMeta;
use crate::server::amo::custom_fields::{CustomField, FieldValue, RawCustomField};
use crate::server::amo::types::{Company, Contact, IdRef, Task};
use crate::server::card::format;

/// A record's name as the card shows it: `#id` when amoCRM has none.
pub(super) fn record_name(name: Option<&str>, id: i64) -> String {
    match name.filter(|n| !n.trim().is_empty()) {
        Some(n) => n.to_owned(),
        None => format!("#{id}"),
    }
}

pub(super) fn tag_names(embedded: &crate::server::amo::types::EntityEmbedded) -> Vec<String> {
    embedded
        .tags
        .iter()
        .map(|t| t.name.clone())
        .filter(|n| !n.is_empty())
        .collect()
}

pub(super) fn task_types(meta: &AccountMeta, lang: crate::i18n::Lang) -> Vec<TaskTypeOption> {
    let types: Vec<TaskTypeOption> = meta
        .account
        .embedded
        .task_types
        .iter()
        .map(|t| TaskTypeOption {
            id: t.id,
            name: t.name.clone(),
        })
        .collect();
    if types.is_empty() {
        // amoCRM's built-in types, when the account answer did not list them,
        // named in the user's language.
        let t = lang.actions();
        vec![
            TaskTypeOption {
                id: 1,
                name: t.task_type_follow_up.into(),
            },
            TaskTypeOption {
                id: 2,
                name: t.task_type_meeting.into(),
            },
        ]
    } else {
        types
    }
}

/// Linked contact ids, main contact first, and the ids marked main.
pub(super) fn contact_order(refs: &[IdRef]) -> (Vec<i64>, Vec<i64>) {
    let mut refs = refs.to_vec();
    refs.sort_by_key(|c| !c.is_main.unwrap_or(false));
    let mains = refs
        .iter()
        .filter(|c| c.is_main == Some(true))
        .map(|c| c.id)
        .collect();
    (refs.iter().map(|c| c.id).collect(), mains)
}

pub(super) fn order_contacts(
    contacts: &[Contact],
    order: &[i64],
    mains: &[i64],
) -> Vec<ContactView> {
    let mut out: Vec<ContactView> = order
        .iter()
        .filter_map(|id| contacts.iter().find(|c| c.id == *id))
        .map(|c| {
            let name = c
                .name
                .clone()
                .filter(|n| !n.trim().is_empty())
                .or_else(|| {
                    let full = format!(
                        "{} {}",
                        c.first_name.clone().unwrap_or_default(),
                        c.last_name.clone().unwrap_or_default()
                    );
                    Some(full.trim().to_owned()).filter(|f| !f.is_empty())
                })
                .unwrap_or_else(|| format!("#{}", c.id));
            person_view(name, &c.custom_fields_values, mains.contains(&c.id))
        })
        .collect();
    out.sort_by_key(|c| !c.main);
    out
}

pub(super) fn company_view(c: &Company) -> ContactView {
    person_view(
        c.name.clone().unwrap_or_else(|| format!("#{}", c.id)),
        &c.custom_fields_values,
        false,
    )
}

pub(super) fn person_view(name: String, fields: &[RawCustomField], main: bool) -> ContactView {
    let mut phones = Vec::new();
    let mut emails = Vec::new();
    let mut position = None;
    for f in fields.iter().map(RawCustomField::parse) {
        match f.code.as_deref() {
            Some("PHONE") => phones.extend(labeled(&f).map(|v| (v.clone(), format::tel(&v)))),
            Some("EMAIL") => emails.extend(labeled(&f).map(|v| (v.clone(), format::mail(&v)))),
            Some("POSITION") => position = labeled(&f).next(),
            _ => {}
        }
    }
    ContactView {
        other_deals: None,
        name,
        position,
        main,
        phones,
        emails,
    }
}

pub(super) fn labeled(f: &CustomField) -> impl Iterator<Item = String> + '_ {
    f.values.iter().filter_map(|v| match v {
        FieldValue::Labeled { value, .. } | FieldValue::Text(value) => Some(value.clone()),
        _ => None,
    })
}

/// Open tasks; each may be completed if the user may edit that task.
pub(super) fn task_views(tasks: &[Task], ctx: &Ctx) -> Vec<TaskView> {
    let now = Utc::now().timestamp();
    tasks
        .iter()
        .map(|t| TaskView {
            can_complete: ctx.writable && ctx.access.may_edit_task(t.responsible_user_id),
            id: t.id,
            text: t.text.clone().unwrap_or_default(),
            due: ctx.date(t.complete_till, true).unwrap_or_default(),
            overdue: t.complete_till.is_some_and(|d| d < now),
            responsible: ctx.user(t.responsible_user_id),
        })
        .collect()
}

/// How one custom field value reads on the card: its text, whether it gets
/// tabular digits, and its link. `None` for a type with no agreed display
/// (showing raw JSON would confuse).
pub(super) fn value_text(v: &FieldValue, ctx: &Ctx) -> Option<(String, bool, Link)> {
    let lang = ctx.lang;
    Some(match v {
        FieldValue::Text(s) | FieldValue::Choice(s) | FieldValue::Address(s) => {
            (s.clone(), false, Link::None)
        }
        FieldValue::Labeled { value, .. } => (value.clone(), false, Link::None),
        FieldValue::Number(n) => (format::number(*n, lang), true, Link::None),
        FieldValue::Money(n) => (ctx.money(*n), true, Link::None),
        FieldValue::Checkbox(b) => {
            let t = lang.card();
            (
                (if *b { t.yes } else { t.no }).to_owned(),
                false,
                Link::None,
            )
        }
        FieldValue::Date { at, date_only } => (
            format::datetime(*at, ctx.tz, lang, !date_only),
            true,
            Link::None,
        ),
        FieldValue::Url(u) => (u.clone(), false, format::web(u)),
        FieldValue::Unknown(_) => return None,
    })
}

/// One custom field as a row; `None` when it holds nothing to show.
pub(super) fn field_row(f: &CustomField, ctx: &Ctx) -> Option<Row> {
    let (mut texts, mut link, mut numeric) = (Vec::new(), Link::None, false);
    for (text, num, l) in f.values.iter().filter_map(|v| value_text(v, ctx)) {
        if !text.trim().is_empty() {
            texts.push(text);
            numeric |= num;
            link = l;
        }
    }
    if texts.is_empty() {
        return None;
    }
    if texts.len() > 1 {
        link = Link::None;
    }
    Some(Row {
        field_id: Some(f.id),
        label: f.name.clone(),
        value: texts.join(", "),
        link,
        numeric,
        edit: None,
    })
}

/// Custom fields as rows: typed formatting, empty ones hidden.
pub(super) fn field_rows(fields: &[RawCustomField], ctx: &Ctx) -> Vec<Row> {
    fields
        .iter()
        .filter_map(|f| field_row(&f.parse(), ctx))
        .collect()
}
