use std::sync::Arc;

use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sqlx::PgPool;

use crate::server::amo::AmoClient;
use crate::server::app::config::Settings;
use crate::server::app::metrics::Metrics;
use crate::server::app::throttle::Throttles;
use crate::server::auth::session::SessionStore;
use crate::server::auth::token::Verifier;
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
