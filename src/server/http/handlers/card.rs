//! `GET /`: decides what the card shows before any HTML is rendered (token,
//! session, the record and whether the user may see it), then streams the page
//! in order: shell first, the rest of the card when amoCRM answers.

use axum::body::Body;
use axum::extract::State;
use axum::response::Response;
use chrono::Utc;
use http::header::{
    HeaderValue, CACHE_CONTROL, CONTENT_SECURITY_POLICY, REFERRER_POLICY, SET_COOKIE,
    X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use http::{Request, StatusCode};
use leptos::prelude::provide_context;
use std::time::Instant;

use crate::app::{shell, CardEntry, PageContext};
use crate::i18n::choice::LangSources;
use crate::i18n::Lang;
use crate::model::BlockedState;
use crate::page::CardLoader;
use crate::server::auth::cookies::{session_cookie, session_secret};
use crate::server::auth::session::CardSession;
use crate::server::auth::token::sanitize_from;
use crate::server::base::metrics::client_label;
use crate::server::base::request::{device_lang, query_param};
use crate::server::base::samples::PreviewSamples;
use crate::server::base::throttle::session_key;
use crate::server::card::opening::{not_opened, Opening};
use crate::server::http::security;
use crate::server::state::AppState;

/// The outcome of the gate in front of the card.
enum Gate {
    Open {
        session: CardSession,
        set_cookie: Option<String>,
    },
    Blocked(BlockedState),
    Unavailable,
}

pub async fn card(State(state): State<AppState>, req: Request<Body>) -> Response {
    let started = Instant::now();
    let metrics = state.metrics.clone();
    let query = req.uri().query().map(str::to_owned);
    metrics.card_client(client_label(
        query_param(query.as_deref(), "from").as_deref(),
    ));
    // `?lang=` (the preview), else the user's amoCRM language, else the
    // device's, else the account's market (see `i18n::choice`). Until a
    // session names the account, the market is unknown: English.
    let mut sources = LangSources {
        explicit: query_param(query.as_deref(), "lang").and_then(|l| Lang::from_tag(&l)),
        device: device_lang(req.headers()),
        ..LangSources::default()
    };
    let mut lang = sources.choose();
    let cookie = session_secret(req.headers(), state.settings.secure_cookies());
    // The demo's front door: `/` as such (no token, no session, no preview
    // parameters) shows where to go instead of "open it in amoCRM".
    if let Some(samples) = req.extensions().get::<PreviewSamples>() {
        if query.is_none() && cookie.is_none() {
            return demo_start((samples.start_page)(lang));
        }
    }
    let gate = gate(&state, query.as_deref(), cookie.as_deref()).await;
    let scheme = match query_param(query.as_deref(), "scheme").as_deref() {
        Some("dark") => Some("dark"),
        Some("light") => Some("light"),
        _ => None,
    };
    // Framed by the preview's phone: no desktop scrollbar inside the "phone".
    let framed = query_param(query.as_deref(), "framed").as_deref() == Some("1");
    let mut loader = None;
    let (entry, status, set_cookie) = match gate {
        Gate::Open {
            session,
            set_cookie,
        } => {
            let mut info = session.info();
            let amo = state.amo.clone();
            // The preview (only) may ask for the card without its layout, to compare.
            let preview = session
                .jti
                .starts_with(crate::server::auth::PREVIEW_JTI_PREFIX);
            let default_shape =
                preview && query_param(query.as_deref(), "layout").as_deref() == Some("default");
            let layouts = (!default_shape).then(|| state.layouts.clone());
            let writable = !crate::server::auth::read_only(&state.settings, &session);
            let opening = Opening::begin(&amo, &session, writable, started).await;
            sources.profile = opening.user_lang(&amo, &session).await;
            sources.account_host = Some(&session.account_host);
            lang = sources.choose();
            let status = match &opening.opened {
                Ok(o) => {
                    info.can_log_calls = o.may_change();
                    StatusCode::OK
                }
                Err(p) => StatusCode::from_u16(p.status()).unwrap_or(StatusCode::BAD_GATEWAY),
            };
            loader = Some(opening.loader(amo, layouts, session, metrics.clone(), lang));
            (CardEntry::Open(info), status, set_cookie)
        }
        Gate::Blocked(s) => {
            not_opened(&metrics, s.code(), started);
            (
                CardEntry::Blocked(s),
                StatusCode::from_u16(s.status()).unwrap_or(StatusCode::BAD_REQUEST),
                None,
            )
        }
        Gate::Unavailable => {
            not_opened(&metrics, "store-unavailable", started);
            (
                CardEntry::Unavailable,
                StatusCode::SERVICE_UNAVAILABLE,
                None,
            )
        }
    };
    let secure = state.settings.secure_cookies();
    let (notice, clear_notice) =
        crate::server::auth::notice::take(req.headers(), cookie.as_deref(), secure);
    let ctx = PageContext {
        lang,
        demo: state.settings.is_demo(),
        scheme,
        framed,
        next_step: notice.as_ref().is_some_and(|n| n.next_step),
        notice: notice.map(|n| n.message),
    };
    let mut res = render_page(state, ctx, entry, loader, req).await;
    metrics.card_first_byte(started.elapsed());
    *res.status_mut() = status;
    for cookie in [set_cookie, clear_notice].into_iter().flatten() {
        if let Ok(cookie) = HeaderValue::from_str(&cookie) {
            res.headers_mut().append(SET_COOKIE, cookie);
        }
    }
    res
}

async fn gate(state: &AppState, query: Option<&str>, cookie: Option<&str>) -> Gate {
    let now = Utc::now();
    let from = sanitize_from(query_param(query, "from").as_deref());

    let existing = match cookie {
        Some(secret) => match state.sessions.find(secret, now).await {
            Ok(s) => {
                if s.is_some() {
                    state.throttles.per_session.admit(session_key(secret));
                }
                s
            }
            Err(e) => {
                tracing::error!(error = %e, "session lookup failed");
                return Gate::Unavailable;
            }
        },
        None => None,
    };

    let Some(raw) = query_param(query, "token") else {
        return match (existing, cookie) {
            (Some(session), _) => Gate::Open {
                session,
                set_cookie: None,
            },
            (None, Some(_)) => Gate::Blocked(BlockedState::SessionExpired),
            (None, None) => Gate::Blocked(BlockedState::NoToken),
        };
    };

    let token = match state.verifier.verify(&raw, now.timestamp()) {
        Ok(t) => t,
        Err(blocked) => {
            tracing::info!(state = blocked.code(), from = %from, "card token refused");
            return Gate::Blocked(blocked);
        }
    };
    // A reload of the same card (token still in the URL) keeps its session.
    if let Some(session) = existing.filter(|s| s.jti == token.jti) {
        return Gate::Open {
            session,
            set_cookie: None,
        };
    }
    // The token names its account twice, by id and by host: both must be the
    // installed account's, or the token was made for another account.
    match state.amo.accounts().installed_host(token.account_id).await {
        Ok(Some(host)) if !host.eq_ignore_ascii_case(&token.account_host) => {
            tracing::warn!(
                account_id = token.account_id,
                "card token names another host than the installed account's"
            );
            return Gate::Blocked(BlockedState::WrongIntegration);
        }
        Ok(_) => {}
        Err(_) => return Gate::Unavailable,
    }
    match state.sessions.open(&token, &from, now).await {
        Ok(Some((secret, session))) => {
            state.throttles.per_session.admit(session_key(&secret));
            tracing::info!(
                account_id = session.account_id,
                user_id = session.user_id,
                entity = session.entity.api_name(),
                entity_id = session.entity_id,
                from = %from,
                "card session opened"
            );
            let cookie = session_cookie(
                &secret,
                session.expires_at,
                now,
                state.settings.secure_cookies(),
            );
            Gate::Open {
                session,
                set_cookie: Some(cookie),
            }
        }
        Ok(None) => {
            tracing::info!(account_id = token.account_id, from = %from, "card token replayed");
            Gate::Blocked(BlockedState::AlreadyUsed)
        }
        Err(e) => {
            tracing::error!(error = %e, "cannot open card session");
            Gate::Unavailable
        }
    }
}

/// Renders the card app with the decided entry and the headers every card response carries.
pub async fn render_page(
    state: AppState,
    ctx: PageContext,
    entry: CardEntry,
    loader: Option<CardLoader>,
    req: Request<Body>,
) -> Response {
    let options = state.leptos_options.clone();
    // Every script of this response carries the nonce; the CSP allows no other.
    let nonce = leptos::nonce::Nonce::new();
    let csp = security::card_csp(&nonce);
    let handler = leptos_axum::render_app_to_stream_in_order_with_context(
        move || {
            provide_context(nonce.clone());
            provide_context(state.clone());
            provide_context(ctx.clone());
            provide_context(entry.clone());
            if let Some(l) = &loader {
                provide_context(l.clone());
            }
        },
        move || shell(options.clone()),
    );
    let mut res = handler(req).await;
    let headers = res.headers_mut();
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    if let Ok(csp) = HeaderValue::from_str(&csp) {
        headers.insert(CONTENT_SECURITY_POLICY, csp);
    }
    // Only our own pages may frame the card: the preview does.
    headers.insert(X_FRAME_OPTIONS, HeaderValue::from_static("SAMEORIGIN"));
    res
}

/// The demo's start page (`demo/start.rs`), handed over with its samples.
fn demo_start(html: String) -> Response {
    use axum::response::IntoResponse;
    let mut res = axum::response::Html(html).into_response();
    res.headers_mut().insert(
        http::header::CACHE_CONTROL,
        HeaderValue::from_static("no-store"),
    );
    res
}
