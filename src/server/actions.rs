//! Quick actions, one file each: validated on the server, checked against the
//! acting user's amoCRM rights before amoCRM is called, attributed to the
//! token's user, never retried blindly, and written once per idempotency key.
//!
//! [`run`] is the one way in for a server function: it authenticates the
//! request, builds the [`ActionCtx`], runs the action, counts its outcome and,
//! for a form sent without script, leaves the notice the card shows next.

mod context;
mod idempotency;
pub mod kind;
mod subject;

pub mod call;
pub mod complete;
pub mod edit;
pub mod layout;
pub mod note;
pub mod open_related;
pub mod product;
pub mod stage;
pub mod task;
pub mod wrap_up;

pub use context::{ActionCtx, Step};
pub use kind::ActionKind;

use crate::server::card::access::session_lang;
use leptos::prelude::{use_context, ServerFnError};

use crate::contract::ActionOutcome;
use crate::i18n::Lang;
use crate::server::auth::{self, notice};
use crate::server::state::request_context;

/// Authenticates a quick action's request, runs `act` with its context and
/// counts the outcome under `kind`. A refused session never reaches `act`.
pub async fn run<F, Fut>(
    kind: ActionKind,
    csrf: &str,
    key: String,
    act: F,
) -> Result<ActionOutcome, ServerFnError>
where
    F: FnOnce(ActionCtx) -> Fut,
    Fut: std::future::Future<Output = Step<ActionOutcome>>,
{
    let request = request_context()?;
    // A plain form post (no script) is answered with a redirect and a notice.
    let plain_form = notice::from_plain_form(&request.parts.headers);
    // The notice is signed with this browser's session secret, and only once
    // the session check passed: nobody else can make the card say anything.
    let (session, notice_key) = match request.authenticate(csrf).await {
        Ok((session, secret)) => (Ok(session), Some(secret)),
        Err(problem) => (Err(problem), None),
    };
    // Answer in the user's amoCRM language, as the card did, when it costs no call.
    let lang = match &session {
        Ok(s) => session_lang(&request.state.amo, s, request.device_lang).await,
        Err(_) => request.lang(None),
    };
    let settings = &request.state.settings;
    let preview = matches!(&session, Ok(s) if auth::is_preview(s));
    let refused = |message: &str| ActionOutcome::Failed {
        problem: crate::model::CardProblem::NoAccess,
        message: message.to_owned(),
    };
    // Whether the action left the deal without an open task.
    let mut next_step = false;
    let outcome = match session {
        Ok(session) if auth::read_only(settings, &session) => {
            refused(lang.actions().preview_read_only)
        }
        Ok(session)
            if matches!(kind, ActionKind::Edit | ActionKind::Layout)
                && auth::preview_may_not(settings, &session) =>
        {
            refused(lang.actions().preview_no_edits)
        }
        // A session past its amoCRM budget waits: it cannot spend the account's.
        Ok(session)
            if request
                .state
                .throttles
                .amo_calls_per_session
                .blocked(session.jti.clone()) =>
        {
            tracing::warn!(
                account_id = session.account_id,
                user_id = session.user_id,
                "session over its amoCRM call budget"
            );
            ActionOutcome::Failed {
                problem: crate::model::CardProblem::RateLimited,
                message: lang.actions().rate_limited.to_owned(),
            }
        }
        Ok(session) => {
            let (account_id, user_id) = (session.account_id, session.user_id);
            let jti = session.jti.clone();
            let cx = ActionCtx::new(&request, session, key, lang);
            let offer = cx.next_step_flag();
            let (outcome, calls) = crate::server::amo::transport::counting_calls(async {
                act(cx).await.unwrap_or_else(|stop| stop)
            })
            .await;
            next_step =
                outcome == ActionOutcome::Done && offer.load(std::sync::atomic::Ordering::Relaxed);
            request
                .state
                .throttles
                .amo_calls_per_session
                .hit_many(jti, calls as usize);
            // Every write says whether an operator's preview made it.
            tracing::info!(
                kind = kind.label(),
                outcome = metric_label(&outcome),
                account_id,
                user_id,
                preview,
                amo_calls = calls,
                "quick action"
            );
            outcome
        }
        Err(problem) => context::session_refused(problem, lang),
    };
    // A layout is the account's, not one record's, and its editor has no
    // island: a refusal carries its problem's status however the request
    // came (403 for rights). Quick actions answer 200 with the outcome, which
    // their island shows in place.
    if let (ActionKind::Layout, ActionOutcome::Failed { problem, .. }) = (kind, &outcome) {
        if let (Some(response), Ok(status)) = (
            use_context::<leptos_axum::ResponseOptions>(),
            http::StatusCode::from_u16(problem.status()),
        ) {
            response.set_status(status);
        }
    }
    let state = &request.state;
    state.metrics.action(kind.label(), metric_label(&outcome));
    let response = use_context::<leptos_axum::ResponseOptions>();
    if let (true, Some(secret)) = (plain_form, notice_key) {
        let secure = state.settings.secure_cookies();
        let said = notice::Notice {
            message: notice_text(kind, &outcome, lang),
            next_step,
        };
        let cookie = notice::set(&said, &secret, secure);
        if let (Some(response), Some(Ok(cookie))) =
            (&response, cookie.map(|c| http::HeaderValue::from_str(&c)))
        {
            response.append_header(http::header::SET_COOKIE, cookie);
        }
    } else if let (true, Some(response)) = (next_step, &response) {
        // The island reads the offer from a header: the answer's JSON keeps
        // its pinned shape.
        response.insert_header(
            http::HeaderName::from_static(crate::contract::NEXT_STEP_HEADER),
            http::HeaderValue::from_static("offer"),
        );
    }
    Ok(outcome)
}

/// Sends a form posted without script back to `path` (a page beside the
/// card) instead of the card: those pages send no referrer to return to.
pub fn come_back_to(path: &str) {
    let plain = request_context()
        .map(|r| notice::from_plain_form(&r.parts.headers))
        .unwrap_or(false);
    if plain {
        leptos_axum::redirect(path);
    }
}

/// What a form sent without script says on the card it returns to.
fn notice_text(kind: ActionKind, outcome: &ActionOutcome, lang: Lang) -> String {
    match outcome {
        ActionOutcome::Done | ActionOutcome::Duplicate => kind.done_text(lang).to_owned(),
        ActionOutcome::Invalid { message, .. }
        | ActionOutcome::Failed { message, .. }
        | ActionOutcome::Conflict { message, .. }
        | ActionOutcome::Partial { message } => message.clone(),
        ActionOutcome::Uncertain => lang.actions().write_uncertain.to_owned(),
    }
}

/// The `outcome` label of `amo_card_quick_actions_total`: a refusal by its card problem.
fn metric_label(outcome: &ActionOutcome) -> &'static str {
    match outcome {
        ActionOutcome::Failed { problem, .. } => problem.code(),
        other => other.tag(),
    }
}
