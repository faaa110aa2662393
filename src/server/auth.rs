//! Server functions authenticate through the card session: the HttpOnly cookie
//! plus the CSRF value the page was rendered with. A page whose session was
//! replaced (another card opened in the same app) fails the CSRF check too.
//!
//! This room holds who is asking: the disposable token (`token`), the card
//! session and its cookies and idempotency keys (`session`), the CSRF mask
//! (`csrf`) and the signed no-script notice (`notice`).

pub mod cookies;
pub mod csrf;
pub mod notice;
pub mod session;
pub mod token;

use chrono::Utc;
use http::header::ORIGIN;
use http::request::Parts;

use crate::model::CardProblem;
use crate::server::auth::cookies::session_secret;
use crate::server::auth::session::{CardSession, SessionStore};
use crate::server::base::config::Settings;
use crate::server::base::throttle::{session_key, Throttles};

/// What a server function's caller is checked against: the request, the
/// sessions, the settings and the per-session throttle.
pub struct Caller<'a> {
    pub parts: &'a Parts,
    pub sessions: &'a SessionStore,
    pub settings: &'a Settings,
    pub throttles: &'a Throttles,
}

/// The caller's live card session and the session cookie's secret it was
/// found by, or the state to show instead.
pub async fn authenticate(
    caller: &Caller<'_>,
    csrf: &str,
) -> Result<(CardSession, String), CardProblem> {
    // Browsers that send Fetch Metadata say where a request comes from, even when
    // `Origin` is `null` (every no-script form under `Referrer-Policy:
    // no-referrer`): only our own pages may call. Older engines send neither
    // header; the SameSite=Lax cookie and the CSRF value still hold there.
    if let Some(site) = caller
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
    if let Some(origin) = caller
        .parts
        .headers
        .get(ORIGIN)
        .and_then(|o| o.to_str().ok())
    {
        let host = caller
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
    let Some(secret) = session_secret(&caller.parts.headers, caller.settings.secure_cookies())
    else {
        return Err(CardProblem::SessionExpired);
    };
    let session = match caller.sessions.find(&secret, Utc::now()).await {
        Ok(Some(s)) => {
            caller.throttles.per_session.admit(session_key(&secret));
            s
        }
        Ok(None) => return Err(CardProblem::SessionExpired),
        Err(e) => {
            tracing::error!(error = %e, "session lookup failed");
            return Err(CardProblem::Unavailable);
        }
    };
    if !crate::server::auth::csrf::matches(csrf, &session.csrf) {
        return Err(CardProblem::SessionExpired);
    }
    Ok((session, secret))
}

/// Token ids the preview mints start with this: its sessions are told apart by it.
pub const PREVIEW_JTI_PREFIX: &str = "preview-";

/// A production preview session changes nothing unless `PREVIEW_WRITES` allows it:
/// the preview is for looking, and the operator is not the card's user.
pub fn read_only(settings: &Settings, session: &CardSession) -> bool {
    is_preview(session) && !settings.is_demo() && !settings.preview_writes
}

/// A session the preview opened (an operator looking as a user), not amoCRM's app.
pub fn is_preview(session: &CardSession) -> bool {
    session.jti.starts_with(PREVIEW_JTI_PREFIX)
}

/// Field edits and layouts are never written from a production preview,
/// `PREVIEW_WRITES` or not: amoCRM would record them as the chosen user's,
/// and nothing would tell them apart from the user's own.
pub fn preview_may_not(settings: &Settings, session: &CardSession) -> bool {
    is_preview(session) && !settings.is_demo()
}
