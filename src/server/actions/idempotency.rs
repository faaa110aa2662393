//! A submission's idempotency key, from claim to settlement.
//!
//! The key's life: the page renders one into every action form (the no-script
//! post sends it as it is); the client keeps a form's key until amoCRM's answer
//! is known and makes a new one only after a confirmed or refused write
//! (`src/client/submit.rs`), so a retry after an unanswered send repeats the
//! key. The first request with a key claims it as pending before amoCRM is
//! called; a confirmed write settles it `done` (a resend answers `Duplicate`,
//! i.e. saved); a write amoCRM never answered settles it `uncertain` (a resend
//! is told to check the card and is not sent again); a write that failed
//! forgets it, so the same key retried is really retried.

use crate::contract::ActionOutcome;
use crate::model::CardProblem;
use crate::server::auth::session::{KeyClaim, KeyState};

use super::context::{invalid, ActionCtx, Step};

/// A claimed key, settled once by what amoCRM answered.
#[must_use = "a claimed key must be settled with what the write came to"]
pub struct Claimed<'a> {
    cx: &'a ActionCtx,
    key: String,
}

impl Claimed<'_> {
    /// Records `outcome` for the key and passes it on.
    pub async fn settle(self, outcome: ActionOutcome) -> ActionOutcome {
        let state = match &outcome {
            ActionOutcome::Done | ActionOutcome::Duplicate => Some(KeyState::Done),
            ActionOutcome::Uncertain => Some(KeyState::Uncertain),
            ActionOutcome::Invalid { .. }
            | ActionOutcome::Failed { .. }
            | ActionOutcome::Conflict { .. }
            | ActionOutcome::Partial { .. } => None,
        };
        let cx = self.cx;
        if let Err(e) = cx
            .store
            .settle_action(&cx.session.jti, &self.key, state)
            .await
        {
            // The key stays pending: a resend is told to check the card, the
            // honest answer when we cannot remember what happened.
            tracing::error!(error = %e, "idempotency key not settled");
        }
        outcome
    }
}

/// Claims the action's key for its session. `Err(outcome)` means stop here: a
/// resend of a confirmed write (`Duplicate`), of one still running or never
/// answered (`Uncertain`), a malformed key, or an unavailable store.
pub async fn claim(cx: &ActionCtx) -> Step<Claimed<'_>> {
    claim_key(cx, cx.key.clone()).await
}

/// Claims one part of a multi-part submission under its own key
/// (`<key>-<part>`): each part is written once, whatever became of the others.
pub async fn claim_part<'a>(cx: &'a ActionCtx, part: &str) -> Step<Claimed<'a>> {
    if cx.key.len() > 64 - part.len() - 1 {
        return Err(invalid("key", "bad idempotency key"));
    }
    claim_key(cx, format!("{}-{part}", cx.key)).await
}

async fn claim_key(cx: &ActionCtx, key: String) -> Step<Claimed<'_>> {
    let valid = (8..=64).contains(&key.len())
        && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if !valid {
        return Err(invalid("key", "bad idempotency key"));
    }
    let session = &cx.session;
    match cx
        .store
        .claim_action(&session.jti, &key, session.expires_at)
        .await
    {
        Ok(KeyClaim::New) => Ok(Claimed { cx, key }),
        Ok(KeyClaim::Seen(KeyState::Done)) => Err(ActionOutcome::Duplicate),
        Ok(KeyClaim::Seen(KeyState::Pending | KeyState::Uncertain)) => {
            Err(ActionOutcome::Uncertain)
        }
        Err(e) => {
            tracing::error!(error = %e, "idempotency store failed");
            Err(ActionOutcome::Failed {
                problem: CardProblem::Unavailable,
                message: "storage unavailable".into(),
            })
        }
    }
}
