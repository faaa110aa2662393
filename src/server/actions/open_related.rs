//! Opens one of a contact's other deals as a card in place (#42): the deal
//! must be a deal of a contact of the card's record and one the user may
//! see, both read now; then a new card session for it, same user, replaces
//! the cookie (the address bar never holds a token) and the WebView goes to
//! the card. No amoCRM write: no idempotency key.

use chrono::Utc;
use leptos::prelude::{use_context, ServerFnError};

use crate::contract::ActionOutcome;
use crate::model::{CardProblem, EntityKind};
use crate::server::auth::cookies::session_cookie;
use crate::server::auth::notice;
use crate::server::auth::token::CardToken;
use crate::server::card::access::session_lang;
use crate::server::card::load::{load, Purpose, Refusal};
use crate::server::card::related_deals::{self, NotRelated};
use crate::server::state::request_context;

use super::context::{failed, invalid, no_rights, session_refused};

pub async fn open_related(
    csrf: &str,
    contact: &str,
    lead: &str,
) -> Result<ActionOutcome, ServerFnError> {
    let request = request_context()?;
    let plain_form = notice::from_plain_form(&request.parts.headers);
    let (session, _) = match request.authenticate(csrf).await {
        Ok(found) => found,
        Err(problem) => return Ok(session_refused(problem, request.lang(None))),
    };
    let state = &request.state;
    let lang = session_lang(&state.amo, &session, request.device_lang).await;
    let t = lang.related();
    let id = |raw: &str| raw.trim().parse::<i64>().ok().filter(|v| *v > 0);
    let (Some(contact), Some(lead)) = (id(contact), id(lead)) else {
        return Ok(invalid("lead", t.not_linked));
    };
    let loaded = match load(&state.amo, &session, Purpose::View).await {
        Ok(loaded) => loaded,
        Err(Refusal::Amo(e)) => return Ok(failed(&e, lang)),
        Err(Refusal::NoRights(gap)) => return Ok(no_rights(lang, gap)),
    };
    let lead = match related_deals::openable(&state.amo, &session, &loaded, contact, lead).await {
        Ok(lead) => lead,
        Err(NotRelated::NotLinked) => return Ok(invalid("lead", t.not_linked)),
        Err(NotRelated::NoRights) => return Ok(no_rights(lang, None)),
        Err(NotRelated::Amo(e)) => return Ok(failed(&e, lang)),
    };
    // The new session lives no longer than the one it came from.
    let now = Utc::now();
    let token = CardToken {
        jti: uuid::Uuid::new_v4().to_string(),
        account_id: session.account_id,
        user_id: session.user_id,
        account_host: session.account_host.clone(),
        subdomain: session
            .account_host
            .split('.')
            .next()
            .unwrap_or_default()
            .to_owned(),
        entity: EntityKind::Lead,
        entity_id: lead.id,
        is_admin: session.is_admin,
        expires_at: session.expires_at.timestamp(),
    };
    let (secret, opened) = match state.sessions.open(&token, &session.from, now).await {
        Ok(Some(opened)) => opened,
        Ok(None) | Err(_) => {
            return Ok(ActionOutcome::Failed {
                problem: CardProblem::Unavailable,
                message: lang.actions().service_unavailable.to_owned(),
            })
        }
    };
    tracing::info!(
        account_id = opened.account_id,
        user_id = opened.user_id,
        from_entity_id = session.entity_id,
        entity_id = opened.entity_id,
        "related deal opened as a card"
    );
    let cookie = session_cookie(
        &secret,
        opened.expires_at,
        now,
        state.settings.secure_cookies(),
    );
    if let (Some(response), Ok(cookie)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(&cookie),
    ) {
        response.append_header(http::header::SET_COOKIE, cookie);
    }
    if plain_form {
        leptos_axum::redirect("/");
    }
    Ok(ActionOutcome::Done)
}
