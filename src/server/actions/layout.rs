//! Saves an admin's card layout for one scope of the account. Checked in this
//! order, each refusal changing nothing: the form's shape (no amoCRM call), an
//! active account admin (by rights read now, through `card::load`), a scope of
//! this account, fields amoCRM defines for that scope's entity, then the
//! version the editor showed.

use crate::contract::ActionOutcome;
use crate::i18n::{fill, Lang};
use crate::model::{CardProblem, Layout, LayoutError, SectionError};
use crate::server::amo::field_defs::FieldDef;
use crate::server::amo::AmoError;
use crate::server::card::layout::account_scope;
use crate::server::card::layout_store::Saved;
use crate::server::card::load::{load, Purpose, Refusal};

use super::context::{failed, invalid, ActionCtx, Step};
use super::idempotency::claim;

/// The form of `/api/save_layout`, as posted.
pub struct LayoutForm<'a> {
    pub scope: &'a str,
    pub version: &'a str,
    pub fields: &'a str,
    pub header: &'a str,
    pub sections: &'a str,
    pub editable: &'a str,
}

fn refused(lang: Lang) -> ActionOutcome {
    ActionOutcome::Failed {
        problem: CardProblem::NoRights,
        message: lang.layout().admins_only.to_owned(),
    }
}

/// What the admin is told about a malformed form, by the field at fault.
fn form_error(e: LayoutError, lang: Lang) -> ActionOutcome {
    let t = lang.layout();
    match e {
        LayoutError::FieldId(raw) => invalid("fields", fill(t.unknown_field, &[("id", &raw)])),
        LayoutError::Header(raw) => invalid("header", fill(t.unknown_field, &[("id", &raw)])),
        LayoutError::FieldTwice(id) => {
            invalid("fields", fill(t.field_twice, &[("id", &id.to_string())]))
        }
        LayoutError::TooManyFields(_) => invalid(
            "fields",
            fill(t.too_many, &[("max", &Layout::MAX_FIELDS.to_string())]),
        ),
        LayoutError::Section(SectionError::Unknown(name)) => {
            invalid("sections", fill(t.bad_section, &[("name", &name)]))
        }
        LayoutError::Section(SectionError::Twice(name)) => {
            invalid("sections", fill(t.bad_section, &[("name", name)]))
        }
        LayoutError::Editable(raw) => invalid("editable", fill(t.unknown_field, &[("id", &raw)])),
    }
}

pub async fn save_layout(cx: &ActionCtx, form: &LayoutForm<'_>) -> Step<ActionOutcome> {
    let (amo, s, lang) = (&cx.amo, &cx.session, cx.lang);
    let t = lang.layout();
    let fail = |e: AmoError| failed(&e, lang);
    // The form's shape first: a malformed layout costs amoCRM nothing.
    let layout = Layout::parse(form.fields, form.header, form.sections, form.editable)
        .map_err(|e| form_error(e, lang))?;
    let meta = match load(amo, s, Purpose::Administer).await {
        Ok(loaded) => loaded.meta,
        Err(Refusal::Amo(e)) => return Err(failed(&e, lang)),
        Err(Refusal::NoRights(_)) => {
            tracing::warn!(
                account_id = s.account_id,
                user_id = s.user_id,
                "layout save refused: not an active admin"
            );
            return Err(refused(lang));
        }
    };
    let scope = account_scope(&meta, form.scope).ok_or_else(|| invalid("scope", t.bad_scope))?;
    let seen = form
        .version
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|v| *v >= 0)
        .ok_or_else(|| invalid("version", t.changed))?;
    // This replica's copy of the definitions; read again only when it lacks
    // a field the layout names (one created in amoCRM since).
    let mut defs = amo
        .custom_fields_cached(s.account_id, scope.entity())
        .await
        .map_err(fail)?;
    let lacks = |defs: &[FieldDef], id: &i64| !defs.iter().any(|d| d.id == *id);
    let mut named = layout.fields.iter().chain(layout.header.iter());
    if named.any(|id| lacks(&defs, id)) {
        defs = amo
            .fresh_custom_fields(s.account_id, scope.entity())
            .await
            .map_err(fail)?;
    }
    let unknown = |id: &i64| lacks(&defs, id);
    if let Some(id) = layout.fields.iter().find(|id| unknown(id)) {
        return Err(invalid(
            "fields",
            fill(t.unknown_field, &[("id", &id.to_string())]),
        ));
    }
    if let Some(id) = layout.header.as_ref().filter(|id| unknown(id)) {
        return Err(invalid(
            "header",
            fill(t.unknown_field, &[("id", &id.to_string())]),
        ));
    }
    // Only a type the card can edit may be marked editable.
    let read_only = |id: &&i64| {
        defs.iter()
            .find(|d| d.id == **id)
            .is_none_or(|d| crate::server::edit::control(d).is_none())
    };
    if layout.editable.iter().any(|id| read_only(&id)) {
        return Err(invalid("editable", lang.edit().read_only_type));
    }
    let claimed = claim(cx).await?;
    let outcome = match cx
        .layouts
        .save(s.account_id, scope, &layout, seen, s.user_id)
        .await
    {
        Ok(Saved::Version(version)) => {
            // Who changed what shape, never a field's value.
            tracing::info!(
                account_id = s.account_id,
                scope = %scope.code(),
                user_id = s.user_id,
                version,
                "card layout saved"
            );
            ActionOutcome::Done
        }
        Ok(Saved::Stale(current)) => {
            tracing::info!(
                account_id = s.account_id,
                scope = %scope.code(),
                seen,
                current = current.map_or(0, |c| c.version),
                "card layout save refused: stale version"
            );
            invalid("version", t.changed)
        }
        Err(e) => {
            tracing::error!(error = %e, "card layout not saved");
            ActionOutcome::Failed {
                problem: CardProblem::Unavailable,
                message: lang.actions().service_unavailable.to_owned(),
            }
        }
    };
    Ok(claimed.settle(outcome).await)
}
