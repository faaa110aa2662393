//! What a handler or a server function holds: the process's shared state
//! (`AppState`, built by `app::startup`) and, inside a server function, the
//! request with it (`RequestContext`). It sits above the domain rooms it
//! bundles (amo, auth, card) and below those that receive it (http, actions).

use std::sync::Arc;

use axum::extract::FromRef;
use http::request::Parts;
use leptos::config::LeptosOptions;
use leptos::prelude::{use_context, ServerFnError};
use sqlx::PgPool;

use crate::i18n::choice::LangSources;
use crate::i18n::Lang;
use crate::model::CardProblem;

use crate::server::amo::AmoClient;
use crate::server::auth::session::{CardSession, SessionStore};
use crate::server::auth::token::Verifier;
use crate::server::auth::{authenticate, Caller};
use crate::server::base::config::Settings;
use crate::server::base::metrics::Metrics;
use crate::server::base::request::device_lang;
use crate::server::base::throttle::Throttles;
use crate::server::card::layout_store::LayoutStore;

/// Everything a request handler or server function needs, cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub settings: Arc<Settings>,
    /// `None` only in demo mode without `DATABASE_URL`.
    pub db: Option<PgPool>,
    pub sessions: SessionStore,
    pub layouts: LayoutStore,
    pub verifier: Arc<Verifier>,
    pub amo: Arc<AmoClient>,
    pub metrics: Arc<Metrics>,
    pub throttles: Arc<Throttles>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// A server function's request with the shared state.
pub struct RequestContext {
    pub state: AppState,
    pub parts: Parts,
    /// The best language of the device's `Accept-Language` we speak.
    pub device_lang: Option<Lang>,
}

pub fn request_context() -> Result<RequestContext, ServerFnError> {
    let state =
        use_context::<AppState>().ok_or_else(|| ServerFnError::new("server state missing"))?;
    let parts = use_context::<Parts>().ok_or_else(|| ServerFnError::new("request missing"))?;
    let device_lang = device_lang(&parts.headers);
    Ok(RequestContext {
        state,
        parts,
        device_lang,
    })
}

impl RequestContext {
    /// The answer's language when the user's amoCRM language is not at hand:
    /// the device's, else the market of the session's account (English when
    /// the session is unknown). With a session, prefer
    /// [`crate::server::card::access::session_lang`].
    pub fn lang(&self, session: Option<&CardSession>) -> Lang {
        LangSources {
            explicit: None,
            profile: None,
            device: self.device_lang,
            account_host: session.map(|s| s.account_host.as_str()),
        }
        .choose()
    }

    /// The caller's live card session and its cookie's secret (cookie, CSRF,
    /// origin: see [`crate::server::auth::authenticate`]), or the state to show.
    pub async fn authenticate(&self, csrf: &str) -> Result<(CardSession, String), CardProblem> {
        let caller = Caller {
            parts: &self.parts,
            sessions: &self.state.sessions,
            settings: &self.state.settings,
            throttles: &self.state.throttles,
        };
        authenticate(&caller, csrf).await
    }

    /// [`Self::authenticate`] without the secret.
    pub async fn card_session(&self, csrf: &str) -> Result<CardSession, CardProblem> {
        self.authenticate(csrf).await.map(|(session, _)| session)
    }
}
