//! Builds the router and runs the server; `Application::build` is also what
//! the integration tests start on a random port.

use crate::contract::page;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use axum::serve::ListenerExt;
use axum::Router;
use http::header::{HeaderValue, CACHE_CONTROL};
use http::{Request, StatusCode};
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use tokio::net::TcpListener;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::demo::Demo;
use crate::server::amo::accounts::cipher::TokenCipher;
use crate::server::amo::accounts::Accounts;
use crate::server::amo::oauth::OAuthClient;
use crate::server::amo::transport::Transport;
use crate::server::amo::AmoClient;
use crate::server::app::error::StartupError;
use crate::server::auth::session::SessionStore;
use crate::server::auth::token::Verifier;
use crate::server::base::config::{Settings, DEFAULT_IDLE_REFRESH_DAYS};
use crate::server::base::metrics::Metrics;
use crate::server::base::{db, telemetry};
use crate::server::card::layout_store::LayoutStore;
use crate::server::http::compress;
use crate::server::http::handlers::{
    card, health, layout, oauth, preview, preview_widget, related, throttled,
};
use crate::server::http::security;
use crate::server::state::AppState;

pub struct Application {
    listener: TcpListener,
    router: Router,
    /// `/metrics`, on `METRICS_ADDR` only.
    metrics: Option<(TcpListener, Router)>,
}

impl Application {
    /// Connects to Postgres (when configured), migrates, and binds `addr` (port 0 picks one).
    pub async fn build(
        settings: Settings,
        leptos_options: LeptosOptions,
        addr: SocketAddr,
    ) -> Result<Self, StartupError> {
        // Leptos spawns rendering work on a global executor; a second call (tests) is a no-op.
        let _ = any_spawner::Executor::init_tokio();
        let db = match &settings.database_url {
            Some(url) => Some(db::connect(url, settings.database_max_connections).await?),
            None => None,
        };
        let metrics = Arc::new(Metrics::new());
        let (sessions, layouts) = match &db {
            Some(pool) => (
                SessionStore::postgres(pool.clone(), metrics.clone()),
                LayoutStore::postgres(pool.clone()),
            ),
            None => (SessionStore::memory(metrics.clone()), LayoutStore::memory()),
        };
        // Demo mode's one door: amoCRM is the in-process fake, on its own port.
        let mut settings = settings;
        let demo = Demo::start(&mut settings)
            .await
            .map_err(StartupError::Demo)?;
        let transport = Arc::new(
            Transport::new(settings.api_base_url.clone(), db.clone())
                .with_rate_limit(settings.rate_limit_per_second, settings.rate_limit_max_wait)
                .with_metrics(metrics.clone()),
        );
        let accounts = Arc::new(Accounts::new(
            db.clone(),
            TokenCipher::new(settings.encryption_key.clone()),
            OAuthClient {
                integration: settings.integration.clone(),
            },
            transport,
            settings.allowed_domains.clone(),
        ));
        if let Some(demo) = &demo {
            demo.install_accounts(&accounts, settings.demo_accounts)
                .await
                .map_err(StartupError::Demo)?;
            Demo::ship_layout(&layouts)
                .await
                .map_err(StartupError::Demo)?;
        }
        let amo = Arc::new(AmoClient::new(accounts).with_rights_recheck(settings.rights_recheck));
        let state = AppState {
            leptos_options,
            verifier: Arc::new(Verifier::new(&settings)),
            settings: Arc::new(settings),
            db,
            sessions: sessions.clone(),
            layouts,
            amo,
            metrics,
            throttles: Arc::default(),
        };
        let metrics = match state.settings.metrics_addr {
            Some(addr) => {
                let listener = TcpListener::bind(addr)
                    .await
                    .map_err(|source| StartupError::Bind { addr, source })?;
                Some((listener, metrics_router(state.clone())))
            }
            None => None,
        };
        tokio::spawn(cleanup_loop(sessions));
        if let Some(after) = state.settings.idle_refresh_after {
            tokio::spawn(idle_refresh_loop(state.amo.clone(), after));
        }
        let listener = TcpListener::bind(addr)
            .await
            .map_err(|source| StartupError::Bind { addr, source })?;
        Ok(Self {
            listener,
            router: router(state, demo.as_ref()),
            metrics,
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .unwrap_or_else(|_| SocketAddr::from(([127, 0, 0, 1], 0)))
    }

    /// Where `/metrics` listens, when `METRICS_ADDR` is set.
    pub fn metrics_addr(&self) -> Option<SocketAddr> {
        self.metrics.as_ref().and_then(|(l, _)| l.local_addr().ok())
    }

    /// Serves until SIGTERM or Ctrl-C, then shuts down gracefully.
    pub async fn run_until_stopped(self) -> Result<(), StartupError> {
        self.run_until(shutdown_signal()).await
    }

    /// Serves until `shutdown` completes. Then the listener closes (new
    /// connections are refused), in-flight card streams and quick actions run
    /// to their end, and after [`SHUTDOWN_GRACE`] whatever is left is dropped.
    pub async fn run_until(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> Result<(), StartupError> {
        if let Some((listener, router)) = self.metrics {
            tokio::spawn(async move {
                if let Err(e) = axum::serve(listener, router).await {
                    tracing::error!(error = %e, "metrics listener stopped");
                }
            });
        }
        // The card streams in several writes: without TCP_NODELAY, Nagle and the
        // peer's delayed ACK stall the second write by ~40 ms.
        let listener = self.listener.tap_io(|tcp| {
            let _ = tcp.set_nodelay(true);
        });
        let stopping = Arc::new(tokio::sync::Notify::new());
        let signal = {
            let stopping = stopping.clone();
            async move {
                shutdown.await;
                tracing::info!("shutting down: no new connections, finishing in-flight requests");
                stopping.notify_one();
            }
        };
        // Connection info gives handlers the client address (throttles).
        let serve = axum::serve(
            listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(signal);
        tokio::select! {
            served = serve => served.map_err(StartupError::Serve),
            () = async {
                stopping.notified().await;
                tokio::time::sleep(SHUTDOWN_GRACE).await;
            } => {
                tracing::warn!("shutdown grace over; dropping unfinished requests");
                Ok(())
            }
        }
    }
}

/// How long in-flight requests may run after a shutdown signal (a card waits
/// for amoCRM at most ~8 s; systemd's TimeoutStopSec in deploy/ is 30 s).
pub const SHUTDOWN_GRACE: std::time::Duration = std::time::Duration::from_secs(20);

/// The service's routes; `demo` brings `/__demo/*` and the preview's samples
/// in demo mode (elsewhere those paths answer 404).
pub fn router(state: AppState, demo: Option<&Demo>) -> Router {
    let site_root = state.leptos_options.site_root.to_string();
    let pkg_dir = format!("{site_root}/{}", state.leptos_options.site_pkg_dir);
    let pkg_route = format!("/{}", state.leptos_options.site_pkg_dir);

    // Built assets: brotli or gzip files made at build time (`--precompress`),
    // never compressed per request. Content-hashed names (release builds) are
    // cached for a year; unhashed ones are revalidated on every use.
    let cache = if state.leptos_options.hash_files {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let pkg = Router::new()
        .fallback_service(
            ServeDir::new(pkg_dir)
                .precompressed_br()
                .precompressed_gzip(),
        )
        .layer(SetResponseHeaderLayer::if_not_present(
            CACHE_CONTROL,
            HeaderValue::from_static(cache),
        ));

    // What a card (or a client posing as one) can call: throttled first.
    let throttled = Router::new()
        .route("/", get(card::card))
        .route("/layout", get(layout::editor))
        .route(page::RELATED_DEALS, get(related::deals))
        .route(page::PRODUCTS, get(related::products))
        .route(
            "/api/{*fn_name}",
            get(server_fn)
                .post(server_fn)
                // A declared length over the limit is refused before the body is read.
                .layer(RequestBodyLimitLayer::new(SERVER_FN_BODY_LIMIT)),
        )
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            throttled::requests,
        ))
        // HTML and server-function answers, chunk by chunk (streaming stays intact).
        .route_layer(axum::middleware::from_fn(compress::gzip));
    let preview = Router::new()
        .route("/preview", get(preview::page))
        .route("/preview/frame", get(preview::frame))
        .route("/preview/widget", get(preview_widget::download));
    // The demo's samples reach the preview and the card's `/` (its start page).
    let (throttled, preview) = match demo {
        Some(demo) => (
            throttled.layer(axum::Extension(demo.preview_samples())),
            preview.layer(axum::Extension(demo.preview_samples())),
        ),
        None => (throttled, preview),
    };
    Router::new()
        .merge(throttled)
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/oauth/install", get(oauth::start))
        .route("/oauth/callback", get(oauth::callback))
        .route("/oauth/disconnect", get(oauth::disconnect))
        .merge(preview)
        .merge(demo.map(Demo::routes).unwrap_or_else(|| {
            Router::new().route("/__demo/{*rest}", any(|| async { StatusCode::NOT_FOUND }))
        }))
        .nest(&pkg_route, pkg)
        .fallback_service(ServeDir::new(site_root))
        .layer(axum::middleware::from_fn_with_state(
            state.settings.secure_cookies(),
            security::headers,
        ))
        .layer(telemetry::trace_layer())
        .layer(telemetry::propagate_request_id())
        .layer(telemetry::set_request_id())
        .layer(axum::middleware::from_fn_with_state(
            state.settings.trust_proxy_headers,
            telemetry::screen_request_id,
        ))
        .with_state(state)
}

/// The metrics listener's only route; it never shares the card's port.
fn metrics_router(state: AppState) -> Router {
    Router::new()
        .route("/metrics", get(metrics))
        .with_state(state)
}

async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
    (
        [(
            http::header::CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )],
        state.metrics.render(state.db.as_ref()),
    )
}

/// Quick-action forms are a few kilobytes at most (a 2000-character note).
pub const SERVER_FN_BODY_LIMIT: usize = 64 * 1024;

async fn server_fn(State(state): State<AppState>, req: Request<Body>) -> Response {
    let res =
        leptos_axum::handle_server_fns_with_context(move || provide_context(state.clone()), req)
            .await
            .into_response();
    if res.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return res;
    }
    // Leptos answers every failure with 500; tell the caller's mistakes apart.
    let (parts, body) = res.into_parts();
    let bytes = axum::body::to_bytes(body, SERVER_FN_BODY_LIMIT)
        .await
        .unwrap_or_default();
    match client_error(&String::from_utf8_lossy(&bytes)) {
        Some((status, reason)) => {
            tracing::info!(
                status = status.as_u16(),
                reason,
                "server function refused its input"
            );
            (status, format!("{reason}\n")).into_response()
        }
        None => Response::from_parts(parts, Body::from(bytes)),
    }
}

/// The status and a short reason when a server function's 500 was the caller's input.
fn client_error(encoded: &str) -> Option<(StatusCode, &'static str)> {
    let (kind, detail) = encoded.split_once('|')?;
    if detail.contains("length limit exceeded") {
        return Some((StatusCode::PAYLOAD_TOO_LARGE, "request body too large"));
    }
    match kind {
        "Args" | "MissingArg" | "Deserialization" => {
            Some((StatusCode::BAD_REQUEST, "malformed or missing arguments"))
        }
        _ => None,
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}

/// Grants idle for `after` are refreshed hourly, the first sweep a minute
/// after start (see `amo::accounts::idle`).
async fn idle_refresh_loop(amo: Arc<AmoClient>, after: std::time::Duration) {
    let start = tokio::time::Instant::now() + std::time::Duration::from_secs(60);
    let mut tick = tokio::time::interval_at(start, std::time::Duration::from_secs(3_600));
    // At most 80 days (the setting's bound): the fallback is never taken.
    let after = chrono::Duration::from_std(after)
        .unwrap_or(chrono::Duration::days(DEFAULT_IDLE_REFRESH_DAYS as i64));
    loop {
        tick.tick().await;
        if let Err(e) = amo
            .accounts()
            .refresh_idle(chrono::Utc::now() - after)
            .await
        {
            tracing::warn!(error = %e, "idle grant sweep failed");
        }
    }
}

/// Expired sessions and used token ids are forgotten every few minutes.
async fn cleanup_loop(sessions: SessionStore) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(300));
    loop {
        tick.tick().await;
        match sessions.cleanup(chrono::Utc::now()).await {
            Ok(n) if n > 0 => tracing::debug!(rows = n, "expired card sessions removed"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "session cleanup failed"),
        }
    }
}
