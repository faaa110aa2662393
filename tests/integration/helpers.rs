use amo_mobile_card::contract::endpoint;
use amo_mobile_card::contract::mark;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use amo_mobile_card::contract::ActionOutcome;
use amo_mobile_card::demo::fake::FakeAmo;
use amo_mobile_card::demo::fixtures::ACCOUNT_ID;
use amo_mobile_card::model::{CardProblem, EntityKind};
use amo_mobile_card::server::amo::accounts::cipher::TokenCipher;
use amo_mobile_card::server::amo::accounts::Accounts;
use amo_mobile_card::server::amo::oauth::OAuthClient;
use amo_mobile_card::server::amo::transport::Transport;
use amo_mobile_card::server::app::error::StartupError;
use amo_mobile_card::server::app::startup::Application;
use amo_mobile_card::server::auth::token;
use amo_mobile_card::server::base::config::Settings;
use leptos::config::LeptosOptions;
use serde_json::Value;
use sqlx::{Connection, Executor, PgConnection};

pub const CLIENT_ID: &str = "5f0c4a0e-3b0a-4a53-9a39-4e2f0b7d1c11";
pub const SECRET: &str = "integration-secret-for-tests";
pub const ENCRYPTION_KEY: &str = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

/// The admin URL of the test cluster; every test gets its own database on it.
fn admin_url() -> String {
    std::env::var("TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// Creates an empty database and returns its URL.
pub async fn fresh_database() -> String {
    let admin = admin_url();
    let name = format!("amc_test_{}", uuid::Uuid::new_v4().simple());
    let mut conn = PgConnection::connect(&admin)
        .await
        .expect("connect to the test Postgres (TEST_DATABASE_URL)");
    conn.execute(format!(r#"CREATE DATABASE "{name}""#).as_str())
        .await
        .expect("create test database");
    let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin);
    format!("{base}/{name}")
}

pub fn settings(database_url: &str, extra: &[(&str, &str)]) -> Settings {
    let mut pairs: Vec<(String, String)> = vec![
        ("AMO_CLIENT_ID".into(), CLIENT_ID.into()),
        ("AMO_CLIENT_SECRET".into(), SECRET.into()),
        (
            "AMO_REDIRECT_URI".into(),
            "https://card.example.com/oauth/callback".into(),
        ),
        ("DATABASE_URL".into(), database_url.into()),
        // Many tests run at once against one Postgres (100 connections):
        // each app holds few, as a replica among many would.
        ("DATABASE_MAX_CONNECTIONS".into(), "5".into()),
        ("TOKEN_ENCRYPTION_KEY".into(), ENCRYPTION_KEY.into()),
    ];
    for (k, v) in extra {
        pairs.retain(|(pk, _)| pk != k);
        pairs.push((k.to_string(), v.to_string()));
    }
    Settings::from_lookup(|k| pairs.iter().find(|(pk, _)| pk == k).map(|(_, v)| v.clone()))
        .expect("test settings")
}

#[derive(Clone)]
pub struct TestApp {
    pub address: String,
    /// `http://…` of the `/metrics` listener, when `METRICS_ADDR` was set.
    pub metrics_address: Option<String>,
    pub settings: Settings,
    pub database_url: String,
    pub fake: FakeAmo,
    /// Account id → the host it was installed from (tokens must name it).
    hosts: Arc<Mutex<HashMap<i64, String>>>,
}

fn leptos_options() -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("amo-mobile-card")
        .site_root("target/site")
        .build()
}

/// How to start the app under test, for [`spawn`]: the one door.
pub struct Spawn<'a> {
    /// Install the sample account through `/oauth/callback` first.
    install: bool,
    /// Extra or overriding environment variables.
    env: Vec<(String, String)>,
    /// Settings and fake amoCRM of the caller's making.
    given: Option<(Settings, FakeAmo)>,
    /// Another process of this app: its database, fake amoCRM and hosts.
    beside: Option<&'a TestApp>,
}

impl<'a> Spawn<'a> {
    /// A production-configured app on a fresh database with a fake amoCRM,
    /// the sample account installed (its calls then counted from zero).
    pub fn app() -> Self {
        Self {
            install: true,
            env: Vec::new(),
            given: None,
            beside: None,
        }
    }

    /// Like [`Spawn::app`], nothing installed.
    pub fn bare() -> Self {
        Self {
            install: false,
            ..Self::app()
        }
    }

    /// With `settings` and `fake` as given, nothing installed.
    pub fn with(settings: Settings, fake: FakeAmo) -> Self {
        Self {
            given: Some((settings, fake)),
            ..Self::bare()
        }
    }

    /// Another server process on `first`'s database and fake amoCRM.
    pub fn beside(first: &'a TestApp) -> Self {
        Self {
            beside: Some(first),
            ..Self::bare()
        }
    }

    /// Adds or overrides environment variables.
    pub fn env(mut self, vars: &[(&str, &str)]) -> Self {
        self.env
            .extend(vars.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        self
    }

    async fn settings(&self) -> (Settings, FakeAmo) {
        if let Some(first) = self.beside {
            return (first.settings.clone(), first.fake.clone());
        }
        if let Some(given) = &self.given {
            return given.clone();
        }
        let db = fresh_database().await;
        let fake = FakeAmo::new();
        let base = fake.spawn().await.expect("fake amoCRM");
        let mut vars = vec![("AMO_API_BASE_URL", base.as_str())];
        vars.extend(self.env.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        (settings(&db, &vars), fake)
    }
}

/// Starts the app on a random port as `how` says.
pub async fn spawn(how: Spawn<'_>) -> TestApp {
    spawn_until(how, std::future::pending()).await.0
}

/// Like [`spawn`], shutting down when the returned sender fires; the handle
/// ends when the server has stopped.
pub async fn spawn_stoppable(
    how: Spawn<'_>,
) -> (
    TestApp,
    tokio::sync::oneshot::Sender<()>,
    tokio::task::JoinHandle<Result<(), StartupError>>,
) {
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let (app, server) = spawn_until(how, async move {
        let _ = stopped.await;
    })
    .await;
    (app, stop, server)
}

async fn spawn_until(
    how: Spawn<'_>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> (TestApp, tokio::task::JoinHandle<Result<(), StartupError>>) {
    let (settings, fake) = how.settings().await;
    let database_url = settings
        .database_url
        .as_ref()
        .map(|s| s.expose().to_owned())
        .unwrap_or_default();
    let app = Application::build(
        settings.clone(),
        leptos_options(),
        SocketAddr::from(([127, 0, 0, 1], 0)),
    )
    .await
    .expect("build app");
    let address = format!("http://{}", app.local_addr());
    let metrics_address = app.metrics_addr().map(|a| format!("http://{a}"));
    let server = tokio::spawn(app.run_until(shutdown));
    let app = TestApp {
        address,
        metrics_address,
        settings,
        database_url,
        fake,
        hosts: how.beside.map(|f| f.hosts.clone()).unwrap_or_default(),
    };
    if how.install {
        let res = app.install(ACCOUNT_ID).await;
        assert_eq!(res.status(), 200, "install failed");
        app.fake.reset_counts();
    }
    (app, server)
}

impl TestApp {
    /// An `Accounts` of its own on `pool`: another "process" sharing the database.
    pub fn accounts(&self, pool: sqlx::PgPool) -> Accounts {
        let transport = Arc::new(Transport::new(
            self.settings.api_base_url.clone(),
            Some(pool.clone()),
        ));
        Accounts::new(
            Some(pool),
            TokenCipher::new(self.settings.encryption_key.clone()),
            OAuthClient {
                integration: self.settings.integration.clone(),
            },
            transport,
            self.settings.allowed_domains.clone(),
        )
    }

    /// Runs the install redirect for `account_id` as the admin's browser would.
    pub async fn install(&self, account_id: i64) -> reqwest::Response {
        self.install_on(account_id, "example.amocrm.ru").await
    }

    /// Installs `account_id` from its own account host (amoCRM's limit is per account).
    pub async fn install_on(&self, account_id: i64, host: &str) -> reqwest::Response {
        self.hosts
            .lock()
            .unwrap()
            .insert(account_id, host.to_owned());
        let code = self.fake.issue_code(account_id);
        self.webview()
            .get(format!(
                "{}/oauth/callback?code={code}&referer={host}&state=x&client_id={CLIENT_ID}",
                self.address
            ))
            .send()
            .await
            .expect("callback")
    }

    /// Opens a card the way the amoCRM app does, in a fresh WebView: the one
    /// door every test opens a card through (see [`Open`] for whom and where).
    pub async fn open(&self, how: Open) -> Card {
        let mut claims = self.claims(how.kind, how.id);
        if let Some(user) = how.user {
            claims["user_id"] = serde_json::json!(user);
        }
        if let Some(account_id) = how.account {
            claims["account_id"] = serde_json::json!(account_id);
            if let Some(host) = self.hosts.lock().unwrap().get(&account_id) {
                token::point_at_host(&mut claims, host);
            }
        }
        let client = self.webview();
        let res = client
            .get(self.card_url(&self.token(&claims)))
            .send()
            .await
            .expect("card");
        let status = res.status().as_u16();
        let body = res.text().await.expect("body");
        Card {
            status,
            csrf: find_csrf(&body).unwrap_or_default(),
            body,
            client,
        }
    }

    /// A client like one WebView: it keeps cookies, never follows redirects.
    pub fn webview(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client")
    }

    /// Presents a token made of `claims` in a fresh WebView.
    pub async fn present(&self, claims: &Value) -> reqwest::Response {
        self.webview()
            .get(self.card_url(&self.token(claims)))
            .send()
            .await
            .expect("card")
    }

    /// The fake amoCRM's base URL and the sample account's live access
    /// token, to call it as amoCRM directly; waits out the second the card
    /// just spent of amoCRM's 7 requests a second.
    pub async fn amo_api(&self) -> (url::Url, String) {
        tokio::time::sleep(std::time::Duration::from_millis(1_100)).await;
        let base = self
            .settings
            .api_base_url
            .clone()
            .expect("the fake's address");
        let token = self.fake.access_token(ACCOUNT_ID).expect("installed");
        (base, token)
    }

    /// The card again in the WebView `client` that holds its session (a
    /// reload, or the redirect back after a plain form post).
    pub async fn card_again(&self, client: &reqwest::Client) -> String {
        client
            .get(format!("{}/", self.address))
            .send()
            .await
            .expect("card")
            .text()
            .await
            .expect("body")
    }

    /// Submits a note as the card page would; returns the outcome.
    pub async fn add_note(
        &self,
        client: &reqwest::Client,
        csrf: &str,
        n: u32,
        text: &str,
    ) -> ActionOutcome {
        let form = [
            ("csrf", csrf.to_owned()),
            ("key", action_key(n)),
            ("text", text.to_owned()),
        ];
        self.call_fn(client, endpoint::ADD_NOTE, &form).await
    }

    /// Posts a quick action to its `contract::endpoint` as the card page
    /// does (the client's `fetch`); expects a 200 with an [`ActionOutcome`].
    pub async fn call_fn(
        &self,
        client: &reqwest::Client,
        endpoint: &str,
        form: &[(&str, String)],
    ) -> ActionOutcome {
        self.call_json(client, endpoint, form).await
    }

    /// Posts to a server function's `contract::endpoint` as the page does;
    /// expects a 200 with JSON of type `T`.
    pub async fn call_json<T: serde::de::DeserializeOwned>(
        &self,
        client: &reqwest::Client,
        endpoint: &str,
        form: &[(&str, String)],
    ) -> T {
        let res = client
            .post(format!("{}{endpoint}", self.address))
            .header("origin", self.address.clone())
            .form(form)
            .send()
            .await
            .expect("server function");
        assert_eq!(res.status(), 200, "{endpoint}");
        res.json().await.expect("JSON answer")
    }

    pub fn claims(&self, entity: EntityKind, entity_id: i64) -> Value {
        let now = chrono_now();
        token::sample_claims(
            &self.settings,
            "example",
            31_000_001,
            7_000_001,
            entity,
            entity_id,
            now,
        )
    }

    pub fn token(&self, claims: &Value) -> String {
        token::mint(claims, SECRET)
    }

    pub fn card_url(&self, token: &str) -> String {
        format!("{}/?token={}&from=ios", self.address, token)
    }
}

/// Which card [`TestApp::open`] opens: the sample account's record `id` of
/// `kind`, as its admin Anna unless `user` says otherwise.
pub struct Open {
    kind: EntityKind,
    id: i64,
    user: Option<i64>,
    account: Option<i64>,
}

impl Open {
    pub fn lead(id: i64) -> Self {
        Self::of(EntityKind::Lead, id)
    }

    pub fn customer(id: i64) -> Self {
        Self::of(EntityKind::Customer, id)
    }

    pub fn of(kind: EntityKind, id: i64) -> Self {
        Self {
            kind,
            id,
            user: None,
            account: None,
        }
    }

    /// As amoCRM user `user`.
    pub fn user(self, user: i64) -> Self {
        Self {
            user: Some(user),
            ..self
        }
    }

    /// In account `account_id` (its installed host named in the token).
    pub fn account(self, account_id: i64) -> Self {
        Self {
            account: Some(account_id),
            ..self
        }
    }
}

/// A card opened in a WebView: the answer, and the WebView holding its session.
pub struct Card {
    pub status: u16,
    pub body: String,
    pub client: reqwest::Client,
    /// The page's CSRF value (empty when the page has none).
    pub csrf: String,
}

impl Card {
    /// The card, which must show (200, `ok`).
    pub fn ok(self) -> Self {
        assert_page(self.status, &self.body, 200, "ok");
        self
    }

    /// Status and page.
    pub fn page(self) -> (u16, String) {
        (self.status, self.body)
    }
}

/// The CSRF value a card page's forms (or, without forms, its refresh link) carry.
pub fn csrf_of(body: &str) -> String {
    find_csrf(body).expect("csrf in the card")
}

fn find_csrf(body: &str) -> Option<String> {
    let start = ["name=\"csrf\" value=\"", "data-csrf=\""]
        .iter()
        .find_map(|marker| body.find(marker).map(|at| at + marker.len()))?;
    let end = body[start..].find('"')? + start;
    Some(body[start..end].to_owned())
}

/// A well-formed idempotency key, distinct per `n`.
pub fn action_key(n: u32) -> String {
    format!("test-key-{n:08}")
}

pub fn chrono_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default()
}

/// The values of every `name="…"` attribute in `html`, in order.
pub fn attr_values<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let marker = format!(" {name}=\"");
    html.match_indices(&marker)
        .filter_map(|(at, _)| {
            let start = at + marker.len();
            html[start..].find('"').map(|end| &html[start..start + end])
        })
        .collect()
}

/// The `data-state` of a blocked page, if the body is one.
pub fn page_state(body: &str) -> Option<String> {
    attr_values(body, "data-state")
        .first()
        .map(|s| (*s).to_owned())
}

/// `mark="value"` as the card renders it (`mark` from `contract::mark`).
pub fn marked(mark: &str, value: &str) -> String {
    format!("{mark}=\"{value}\"")
}

/// The `data-card-state` of a card page (ok, not-found, ...).
pub fn card_state(body: &str) -> Option<String> {
    attr_values(body, mark::CARD_STATE)
        .first()
        .map(|s| (*s).to_owned())
}

/// The field an invalid outcome names.
pub fn invalid_field(outcome: &ActionOutcome) -> Option<&str> {
    match outcome {
        ActionOutcome::Invalid { field, .. } => Some(field),
        _ => None,
    }
}

/// The card problem a failed outcome carries.
pub fn problem(outcome: &ActionOutcome) -> Option<CardProblem> {
    match outcome {
        ActionOutcome::Failed { problem, .. } => Some(*problem),
        _ => None,
    }
}

/// The message an invalid or failed outcome shows.
pub fn message(outcome: &ActionOutcome) -> &str {
    match outcome {
        ActionOutcome::Invalid { message, .. } | ActionOutcome::Failed { message, .. } => message,
        _ => "",
    }
}

/// A page's HTTP status and its state (`data-card-state` of a card,
/// `data-state` of a blocked page), asserted together.
#[track_caller]
pub fn assert_page(got: u16, body: &str, status: u16, state: &str) {
    let got_state = card_state(body).or_else(|| page_state(body));
    assert_eq!((got, got_state.as_deref()), (status, Some(state)));
}

/// The `/metrics` page of an app started with `METRICS_ADDR`.
pub async fn scrape(app: &TestApp) -> String {
    let addr = app.metrics_address.as_ref().expect("metrics listener");
    let res = reqwest::get(format!("{addr}/metrics")).await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/openmetrics-text"));
    res.text().await.unwrap()
}

/// The value of the sample `name{labels}` (labels exactly as rendered), 0 when absent.
pub fn sample(text: &str, series: &str) -> f64 {
    text.lines()
        .find_map(|l| l.strip_prefix(series)?.strip_prefix(' '))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0.0)
}
