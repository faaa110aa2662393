//! What every quick action runs with, and the small vocabulary of its early
//! ends: a validation error, a refusal by rights, an amoCRM failure.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use crate::contract::ActionOutcome;
use crate::i18n::{fill, Lang};
use crate::model::{CardProblem, RightsGap};
use crate::server::amo::{AmoClient, AmoError};
use crate::server::auth::session::{CardSession, SessionStore};
use crate::server::base::metrics::Metrics;
use crate::server::card::layout_store::LayoutStore;
use crate::server::state::RequestContext;

/// A step of an action: `Err` is the outcome to answer with at once (a
/// refusal, a validation error, a duplicate), so actions read with `?`.
pub type Step<T> = Result<T, ActionOutcome>;

/// The amoCRM client, the session store (idempotency keys), the acting
/// session, the answer's language and the submission's idempotency key.
pub struct ActionCtx {
    pub amo: Arc<AmoClient>,
    pub store: SessionStore,
    /// Admins' card layouts (`save_layout`, and which fields `edit_field` may change).
    pub layouts: LayoutStore,
    /// Field edits are counted by the field's type as well (`edit_field`).
    pub metrics: Arc<Metrics>,
    pub session: CardSession,
    pub lang: Lang,
    pub key: String,
    /// Set by an action that left the deal without an open task.
    next_step: Arc<AtomicBool>,
}

impl ActionCtx {
    /// Asks the card to offer planning the next step (see `actions::run`).
    pub fn offer_next_step(&self) {
        self.next_step.store(true, Ordering::Relaxed);
    }

    /// The flag [`Self::offer_next_step`] sets, for the runner to read after.
    pub fn next_step_flag(&self) -> Arc<AtomicBool> {
        self.next_step.clone()
    }

    /// The context of a server function's request, for `session` and `key`,
    /// answering in `lang`.
    pub fn new(request: &RequestContext, session: CardSession, key: String, lang: Lang) -> Self {
        Self {
            amo: request.state.amo.clone(),
            store: request.state.sessions.clone(),
            layouts: request.state.layouts.clone(),
            metrics: request.state.metrics.clone(),
            session,
            lang,
            key,
            next_step: Arc::default(),
        }
    }
}

pub fn invalid(field: &str, message: impl Into<String>) -> ActionOutcome {
    ActionOutcome::Invalid {
        field: field.to_owned(),
        message: message.into(),
    }
}

/// What the user is told of an amoCRM error; a write amoCRM never answered is uncertain.
pub fn failed(e: &AmoError, lang: Lang) -> ActionOutcome {
    let t = lang.actions();
    match e {
        AmoError::WriteUncertain => ActionOutcome::Uncertain,
        other => ActionOutcome::Failed {
            problem: CardProblem::from(other),
            message: match other {
                AmoError::Rejected(_) => t.amo_rejected,
                AmoError::NotFound => t.record_not_found,
                AmoError::NoAccess => t.amo_no_access,
                AmoError::RateLimited => t.rate_limited,
                AmoError::AccountUnpaid => lang.problem(CardProblem::AccountUnpaid).1,
                _ => t.amo_unavailable,
            }
            .to_owned(),
        },
    }
}

/// The refusal of a change the user's amoCRM rights do not allow (or that
/// cannot be checked: `gap`).
pub fn no_rights(lang: Lang, gap: Option<RightsGap>) -> ActionOutcome {
    ActionOutcome::Failed {
        problem: CardProblem::NoRights,
        message: match gap {
            None => lang.actions().no_rights,
            Some(_) => lang.actions().rights_unknown,
        }
        .to_owned(),
    }
}

/// The action outcome for a request whose session check failed.
pub fn session_refused(problem: CardProblem, lang: Lang) -> ActionOutcome {
    let message = match problem {
        CardProblem::SessionExpired => lang.actions().session_expired,
        _ => lang.actions().service_unavailable,
    };
    ActionOutcome::Failed {
        problem,
        message: message.to_owned(),
    }
}

/// What a single write came to, as the user is told it.
pub fn written(result: Result<(), AmoError>, lang: Lang) -> ActionOutcome {
    match result {
        Ok(()) => ActionOutcome::Done,
        Err(e) => failed(&e, lang),
    }
}

/// Checks a text field: trimmed, not empty, at most `max` characters.
pub fn text(field: &str, raw: &str, max: usize, lang: Lang) -> Step<String> {
    let value = raw.trim();
    if value.is_empty() {
        return Err(invalid(field, lang.actions().text_empty));
    }
    let len = value.chars().count();
    if len > max {
        let (max, len) = (max.to_string(), len.to_string());
        let message = fill(lang.actions().too_long, &[("max", &max), ("len", &len)]);
        return Err(invalid(field, message));
    }
    Ok(value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_limits() {
        assert!(text("t", "   ", 10, Lang::Ru).is_err());
        assert_eq!(text("t", "  hi ", 10, Lang::Ru).unwrap(), "hi");
        assert!(text("t", &"я".repeat(11), 10, Lang::Ru).is_err());
        assert!(text("t", &"я".repeat(10), 10, Lang::Ru).is_ok());
    }
}
