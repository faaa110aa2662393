//! Saves an admin's card layout for one scope of the account. Checked in this
//! order, each refusal changing nothing: the form's shape (no amoCRM call), an
//! active account admin (by rights read now, through `card::load`), a scope of
//! this account, fields amoCRM defines for that scope's entity, stale-day
//! limits on open stages of that pipeline, then the version the editor showed.

use std::collections::BTreeMap;

use crate::contract::ActionOutcome;
use crate::i18n::{fill, Lang};
use crate::model::{
    CardProblem, Layout, LayoutError, LayoutScope, SectionError, StaleDays, StaleError,
};
use crate::server::amo::field_defs::FieldDef;
use crate::server::amo::types::{LOST_STATUS_ID, WON_STATUS_ID};
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
    pub stale_days: &'a str,
    /// The rest of the form: the editor's `stale_<status id>` inputs.
    pub per_stage: &'a BTreeMap<String, String>,
}

impl LayoutForm<'_> {
    /// The layout the form describes, stale days included; no call made.
    fn layout(&self) -> Result<Layout, LayoutError> {
        let mut layout = Layout::parse(self.fields, self.header, self.sections, self.editable)?;
        let mut stale = StaleDays::parse(self.stale_days)?;
        let inputs = self.per_stage.iter();
        stale.overlay(inputs.map(|(k, v)| (k.as_str(), v.as_str())))?;
        layout.stale_days = stale;
        Ok(layout)
    }
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
        LayoutError::Stale(StaleError::Malformed(raw)) => invalid(
            "stale_days",
            fill(
                t.bad_stale_days,
                &[("item", &raw), ("max", &StaleDays::MAX_DAYS.to_string())],
            ),
        ),
        LayoutError::Stale(StaleError::Twice(id)) => invalid(
            "stale_days",
            fill(
                t.bad_stale_days,
                &[
                    ("item", &id.to_string()),
                    ("max", &StaleDays::MAX_DAYS.to_string()),
                ],
            ),
        ),
    }
}

pub async fn save_layout(cx: &ActionCtx, form: &LayoutForm<'_>) -> Step<ActionOutcome> {
    let (amo, s, lang) = (&cx.amo, &cx.session, cx.lang);
    let t = lang.layout();
    let fail = |e: AmoError| failed(&e, lang);
    // The form's shape first: a malformed layout costs amoCRM nothing.
    let layout = form.layout().map_err(|e| form_error(e, lang))?;
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
    // A limit names an open stage of this pipeline: customers and closed
    // deals do not go stale.
    let open_stage = |status: i64| match scope {
        LayoutScope::Pipeline(p) => {
            meta.pipelines
                .iter()
                .find(|x| x.id == p)
                .is_some_and(|x| x.embedded.statuses.iter().any(|st| st.id == status))
                && ![WON_STATUS_ID, LOST_STATUS_ID].contains(&status)
        }
        LayoutScope::Customers => false,
    };
    if scope == LayoutScope::Customers && !layout.stale_days.is_empty() {
        return Err(invalid("stale_days", t.stale_no_stages));
    }
    if let Some(bad) = layout.stale_days.statuses().find(|s| !open_stage(*s)) {
        return Err(invalid(
            "stale_days",
            fill(t.bad_stale_stage, &[("id", &bad.to_string())]),
        ));
    }
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
