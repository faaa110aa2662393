//! Server functions authenticate through the card session: the HttpOnly cookie
//! plus the CSRF value the page was rendered with. A page whose session was
//! replaced (another card opened in the same app) fails the CSRF check too.

use chrono::Utc;
use http::header::ORIGIN;
use http::request::Parts;
use leptos::prelude::{use_context, ServerFnError};

use crate::i18n::Lang;
use crate::model::{ActionOutcome, CardProblem};
use crate::server::action_kind::ActionKind;
use crate::server::config::Settings;
use crate::server::request::lang_from_headers;
use crate::server::session::{session_secret, CardSession};
use crate::server::state::AppState;

pub struct RequestContext {
    pub state: AppState,
    pub parts: Parts,
    pub lang: Lang,
}

pub fn request_context() -> Result<RequestContext, ServerFnError> {
    let state =
        use_context::<AppState>().ok_or_else(|| ServerFnError::new("server state missing"))?;
    let parts = use_context::<Parts>().ok_or_else(|| ServerFnError::new("request missing"))?;
    let lang = lang_from_headers(&parts.headers);
    Ok(RequestContext { state, parts, lang })
}

/// The caller's live card session, or the state to show instead.
pub async fn card_session(ctx: &RequestContext, csrf: &str) -> Result<CardSession, CardProblem> {
    authenticate(ctx, csrf).await.map(|(session, _)| session)
}

/// [`card_session`] and the session cookie's secret it was found by.
async fn authenticate(
    ctx: &RequestContext,
    csrf: &str,
) -> Result<(CardSession, String), CardProblem> {
    // Browsers that send Fetch Metadata say where a request comes from, even when
    // `Origin` is `null` (every no-script form under `Referrer-Policy:
    // no-referrer`): only our own pages may call. Older engines send neither
    // header; the SameSite=Lax cookie and the CSRF value still hold there.
    if let Some(site) = ctx
        .parts
        .headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
    {
        if !matches!(site, "same-origin" | "none") {
            tracing::warn!(site, "server function called from another site");
            return Err(CardProblem::SessionExpired);
        }
    }
    // Browsers always send Origin on POST; a foreign one is a cross-site request.
    if let Some(origin) = ctx.parts.headers.get(ORIGIN).and_then(|o| o.to_str().ok()) {
        let host = ctx
            .parts
            .headers
            .get(http::header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or_default();
        let origin_host = origin.split("://").nth(1).unwrap_or_default();
        if origin != "null" && origin_host != host {
            tracing::warn!("server function called cross-origin");
            return Err(CardProblem::SessionExpired);
        }
    }
    let Some(secret) = session_secret(&ctx.parts.headers, ctx.state.settings.secure_cookies())
    else {
        return Err(CardProblem::SessionExpired);
    };
    let session = match ctx.state.sessions.find(&secret, Utc::now()).await {
        Ok(Some(s)) => {
            ctx.state
                .throttles
                .per_session
                .admit(crate::server::throttle::session_key(&secret));
            s
        }
        Ok(None) => return Err(CardProblem::SessionExpired),
        Err(e) => {
            tracing::error!(error = %e, "session lookup failed");
            return Err(CardProblem::Unavailable);
        }
    };
    if !crate::server::csrf::matches(csrf, &session.csrf) {
        return Err(CardProblem::SessionExpired);
    }
    Ok((session, secret))
}

/// Authenticates a quick action's request, runs `act` with the live session and
/// counts the outcome under `kind`. A refused session never reaches `act`.
pub async fn run_action<F, Fut>(
    kind: ActionKind,
    csrf: &str,
    act: F,
) -> Result<ActionOutcome, ServerFnError>
where
    F: FnOnce(RequestContext, CardSession) -> Fut,
    Fut: std::future::Future<Output = ActionOutcome>,
{
    let mut ctx = request_context()?;
    let metrics = ctx.state.metrics.clone();
    // Read before `act` takes the context: was this a plain form post (no script)?
    let plain_form = crate::server::notice::from_plain_form(&ctx.parts.headers);
    let secure = ctx.state.settings.secure_cookies();
    // The notice is signed with this browser's session secret, and only once
    // the session check passed: nobody else can make the card say anything.
    let (session, notice_key) = match authenticate(&ctx, csrf).await {
        Ok((session, secret)) => (Ok(session), Some(secret)),
        Err(problem) => (Err(problem), None),
    };
    // Answer in the user's amoCRM language, as the card did, when it costs no call.
    if let Ok(s) = &session {
        if let Some(lang) = crate::server::access::cached_user_lang(&ctx.state.amo, s).await {
            ctx.lang = lang;
        }
    }
    let lang = ctx.lang;
    let outcome = match session {
        Ok(session) if read_only(&ctx.state.settings, &session) => ActionOutcome::Failed {
            problem: CardProblem::NoAccess,
            message: lang.actions().preview_read_only.to_owned(),
        },
        Ok(session) => act(ctx, session).await,
        Err(problem) => refused(problem, lang),
    };
    metrics.action(kind.label(), outcome_label(&outcome));
    if let (true, Some(key)) = (plain_form, notice_key) {
        let cookie = crate::server::notice::set(&notice_text(kind, &outcome, lang), &key, secure);
        if let (Some(response), Some(Ok(cookie))) = (
            use_context::<leptos_axum::ResponseOptions>(),
            cookie.map(|c| http::HeaderValue::from_str(&c)),
        ) {
            response.append_header(http::header::SET_COOKIE, cookie);
        }
    }
    Ok(outcome)
}

/// What a form sent without script says on the card it returns to.
fn notice_text(kind: ActionKind, outcome: &ActionOutcome, lang: Lang) -> String {
    match outcome {
        ActionOutcome::Done | ActionOutcome::Duplicate => kind.done_text(lang).to_owned(),
        ActionOutcome::Invalid { message, .. } | ActionOutcome::Failed { message, .. } => {
            message.clone()
        }
        ActionOutcome::Uncertain => lang.actions().write_uncertain.to_owned(),
    }
}

fn outcome_label(outcome: &ActionOutcome) -> &'static str {
    match outcome {
        ActionOutcome::Done => "done",
        ActionOutcome::Duplicate => "duplicate",
        ActionOutcome::Invalid { .. } => "invalid",
        ActionOutcome::Uncertain => "uncertain",
        ActionOutcome::Failed { problem, .. } => problem.code(),
    }
}

/// Token ids the preview mints start with this: its sessions are told apart by it.
pub const PREVIEW_JTI_PREFIX: &str = "preview-";

/// A production preview session changes nothing unless `PREVIEW_WRITES` allows it:
/// the preview is for looking, and the operator is not the card's user.
pub fn read_only(settings: &Settings, session: &CardSession) -> bool {
    session.jti.starts_with(PREVIEW_JTI_PREFIX) && !settings.is_demo() && !settings.preview_writes
}

/// The action outcome for a request whose session check failed.
pub fn refused(problem: CardProblem, lang: Lang) -> ActionOutcome {
    let message = match problem {
        CardProblem::SessionExpired => lang.actions().session_expired,
        _ => lang.actions().service_unavailable,
    };
    ActionOutcome::Failed {
        problem,
        message: message.to_owned(),
    }
}
