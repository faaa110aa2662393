//! Changes one field of the card's record (#29): a lead's budget, a
//! customer's next purchase (amount, date), or a custom field the admin's
//! layout marks editable. Checked in this order, each refusal writing
//! nothing: the form's shape; the value against the cached definitions (junk
//! costs amoCRM no call); the field's definition read fresh (still defined,
//! of a type the card edits); the acting user's edit rights over the record,
//! read last before the write (a lead's stage rights included); the layout's
//! "editable" mark, read from Postgres; then the idempotency key, then
//! whether the record changed since the card showed it (`seen` against
//! `updated_at`).
//!
//! amoCRM has no conditional update: between our read and our write another
//! change can land and ours will overwrite it. The window is one round trip
//! (well under a second); the README says so.

use crate::contract::ActionOutcome;
use crate::i18n::{fill, Lang};
use crate::model::{Control, EditField, EntityKind, LayoutScope};
use crate::server::amo::field_defs::FieldDef;
use crate::server::amo::AmoError;
use crate::server::card::editable;
use crate::server::card::format;
use crate::server::card::rights::Op;
use crate::server::edit::{self, value::EditError};

use super::context::{failed, invalid, no_rights, written, ActionCtx, Step};
use super::idempotency::claim;
use super::subject::Subject;

/// The form of `/api/edit_field`, as posted.
pub struct EditForm<'a> {
    pub field: &'a str,
    pub value: &'a str,
    pub seen: &'a str,
}

/// Runs the edit and counts it by the field's type (`unknown` when the
/// field was refused before its type was known).
pub async fn edit_field(cx: &ActionCtx, form: &EditForm<'_>) -> Step<ActionOutcome> {
    let mut field_type = "unknown";
    let outcome = edit(cx, form, &mut field_type)
        .await
        .unwrap_or_else(|stop| stop);
    cx.metrics
        .field_edit(field_type, super::metric_label(&outcome));
    Ok(outcome)
}

fn value_error(e: EditError, lang: Lang) -> ActionOutcome {
    invalid("value", value_message(e, lang))
}

/// What the user is told of a value that does not fit its field.
pub(super) fn value_message(e: EditError, lang: Lang) -> String {
    let t = lang.edit();
    match e {
        EditError::Empty => t.empty.to_owned(),
        EditError::NotNumber => t.not_number.to_owned(),
        EditError::NotWhole => t.not_whole.to_owned(),
        EditError::Range { min, max } => fill(t.range, &[("min", &min), ("max", &max)]),
        EditError::UnknownOption(value) => fill(t.unknown_option, &[("value", &value)]),
        EditError::Date => t.bad_date.to_owned(),
        EditError::DateTime => t.bad_datetime.to_owned(),
        EditError::TooLong { max, len } => fill(
            lang.actions().too_long,
            &[("max", &max.to_string()), ("len", &len.to_string())],
        ),
        EditError::NotWeb => t.not_web.to_owned(),
        EditError::NotYesNo => t.not_yes_no.to_owned(),
    }
}

/// The user's value as the conflict message repeats it: options by their names.
fn yours(control: &Control, raw: &str) -> String {
    match control {
        Control::One(choices) | Control::Many(choices) => raw
            .split(',')
            .filter_map(|id| {
                let id = id.trim().parse::<i64>().ok()?;
                choices.iter().find(|c| c.id == id).map(|c| c.label.clone())
            })
            .collect::<Vec<_>>()
            .join(", "),
        _ => raw.trim().to_owned(),
    }
}

/// The control of custom field `id` among `defs`: refused when amoCRM no
/// longer defines it or the card does not edit its type.
fn control_among(defs: &[FieldDef], id: i64, lang: Lang) -> Step<Control> {
    let t = lang.edit();
    let def = defs
        .iter()
        .find(|d| d.id == id)
        .ok_or_else(|| invalid("field", t.field_gone))?;
    edit::control(def).ok_or_else(|| invalid("field", t.not_editable))
}

/// Whether the record's layout (its pipeline's, or customers') marks custom
/// field `id` editable, read from Postgres now: an admin's "view only" takes
/// effect on the next write, not after the replicas' cache.
async fn marked_editable(cx: &ActionCtx, pipeline_id: Option<i64>, id: i64) -> bool {
    let s = &cx.session;
    let Some(scope) = LayoutScope::of_record(s.entity, pipeline_id) else {
        return false;
    };
    match cx.layouts.read(s.account_id, scope).await {
        Ok(layout) => layout.is_some_and(|l| l.layout.editable.contains(&id)),
        Err(e) => {
            tracing::warn!(account_id = s.account_id, error = %e, "layout not read");
            false
        }
    }
}

async fn edit(
    cx: &ActionCtx,
    form: &EditForm<'_>,
    field_type: &mut &'static str,
) -> Step<ActionOutcome> {
    let (amo, s, lang) = (&cx.amo, &cx.session, cx.lang);
    let t = lang.edit();
    let fail = |e: AmoError| failed(&e, lang);
    let not_editable = || invalid("field", t.not_editable);
    let field = EditField::parse(form.field).ok_or_else(not_editable)?;
    let of_this_kind = match field {
        EditField::Price => s.entity == EntityKind::Lead,
        EditField::NextPrice | EditField::NextDate => s.entity == EntityKind::Customer,
        EditField::Custom(_) => true,
    };
    if !of_this_kind {
        return Err(not_editable());
    }
    let seen = form
        .seen
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|v| *v >= 0)
        .ok_or_else(|| invalid("seen", t.stale_card))?;

    // The value first, against this replica's copies of the metadata and the
    // definitions: junk costs amoCRM nothing.
    let meta = amo.meta(s.account_id).await.map_err(fail)?;
    let tz = format::timezone(meta.account.timezone());
    let cached = match field {
        EditField::Custom(id) => {
            let defs = amo
                .custom_fields_cached(s.account_id, s.entity)
                .await
                .map_err(fail)?;
            control_among(&defs, id, lang)?
        }
        record_field => edit::record_control(record_field).ok_or_else(not_editable)?,
    };
    *field_type = cached.label();
    let parse = |control: &Control| edit::value::parse(control, form.value, tz);
    let mut parsed = parse(&cached).map_err(|e| value_error(e, lang))?;

    // Then what the write needs, fresh: the definition (a field deleted or
    // changed in amoCRM meanwhile is refused), the user's rights, and last,
    // just before the PATCH, the record.
    let control = match field {
        EditField::Custom(id) => {
            let defs = amo
                .fresh_custom_fields(s.account_id, s.entity)
                .await
                .map_err(fail)?;
            control_among(&defs, id, lang)?
        }
        _ => cached.clone(),
    };
    // Parsed again only when amoCRM changed the field since this replica's copy.
    if control != cached {
        *field_type = control.label();
        parsed = parse(&control).map_err(|e| value_error(e, lang))?;
    }
    let patch = edit::patch(field, &parsed, s.user_id).ok_or_else(|| invalid("value", t.empty))?;

    // Rights as they are now, over the record as it is now.
    let subject = Subject::load(cx, true).await?;
    if !(subject.may(Op::View) && subject.may(Op::Edit)) {
        tracing::info!(
            account_id = s.account_id,
            entity_id = s.entity_id,
            user_id = s.user_id,
            "field edit refused by the user's rights"
        );
        return Err(no_rights(lang, None));
    }
    let (lead, customer) = (subject.lead(), subject.customer());
    if let EditField::Custom(id) = field {
        if !marked_editable(cx, lead.and_then(|l| l.pipeline_id), id).await {
            return Err(not_editable());
        }
    }

    // A resend of a confirmed edit stops here (`Duplicate`), before the
    // record's own change would read as a conflict.
    let claimed = claim(cx).await?;
    let updated_at = lead
        .and_then(|l| l.updated_at)
        .or_else(|| customer.and_then(|c| c.updated_at))
        .unwrap_or(0);
    if updated_at != seen {
        let current = editable::shown(&subject.meta, &subject.access, lang, field, lead, customer);
        let template = match s.entity {
            EntityKind::Lead => t.conflict_lead,
            EntityKind::Customer => t.conflict_customer,
        };
        let yours = yours(&control, form.value);
        let message = fill(template, &[("current", &current), ("yours", &yours)]);
        tracing::info!(
            account_id = s.account_id,
            entity_id = s.entity_id,
            user_id = s.user_id,
            field = %field.code(),
            "field edit not written: the record changed since the card showed it"
        );
        let conflict = ActionOutcome::Conflict {
            message,
            seen: updated_at,
        };
        return Ok(claimed.settle(conflict).await);
    }
    let result: Result<(), AmoError> = amo
        .update_record(s.account_id, s.entity, s.entity_id, &patch)
        .await;
    // Who changed which field of which record, never the value.
    tracing::info!(
        account_id = s.account_id,
        entity_id = s.entity_id,
        user_id = s.user_id,
        field = %field.code(),
        field_type = control.label(),
        ok = result.is_ok(),
        "field edit"
    );
    Ok(claimed.settle(written(result, lang)).await)
}
