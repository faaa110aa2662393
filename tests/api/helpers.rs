use std::net::SocketAddr;

use amo_mobile_card::model::EntityKind;
use amo_mobile_card::server::config::Settings;
use amo_mobile_card::server::startup::Application;
use amo_mobile_card::server::token;
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
        ("TOKEN_ENCRYPTION_KEY".into(), ENCRYPTION_KEY.into()),
    ];
    for (k, v) in extra {
        pairs.retain(|(pk, _)| pk != k);
        pairs.push((k.to_string(), v.to_string()));
    }
    Settings::from_lookup(|k| pairs.iter().find(|(pk, _)| pk == k).map(|(_, v)| v.clone()))
        .expect("test settings")
}

pub struct TestApp {
    pub address: String,
    pub settings: Settings,
    pub database_url: String,
}

fn leptos_options() -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("amo-mobile-card")
        .site_root("target/site")
        .build()
}

/// Starts the server with `settings` on a random port.
pub async fn spawn_with(settings: Settings) -> TestApp {
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
    tokio::spawn(app.run_until_stopped());
    TestApp {
        address,
        settings,
        database_url,
    }
}

/// A production-configured app on a fresh database.
pub async fn spawn_app() -> TestApp {
    let db = fresh_database().await;
    spawn_with(settings(&db, &[])).await
}

impl TestApp {
    /// A client like one WebView: it keeps cookies, never follows redirects.
    pub fn webview(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client")
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

pub fn chrono_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default()
}

/// The `data-state` of a blocked page, if the body is one.
pub fn page_state(body: &str) -> Option<String> {
    let start = body.find("data-state=\"")? + "data-state=\"".len();
    let end = body[start..].find('"')? + start;
    Some(body[start..end].to_owned())
}
