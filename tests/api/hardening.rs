//! What an attacker or a misconfiguration could do before: each test fails
//! without its fix.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use amo_mobile_card::model::EntityKind;
use amo_mobile_card::server::fake_amo::fixtures::{ACCOUNT_ID, LEAD_RU};
use amo_mobile_card::server::fake_amo::Faults;
use amo_mobile_card::server::metrics::Metrics;
use amo_mobile_card::server::session::SessionStore;
use amo_mobile_card::server::token;
use serde_json::json;

use crate::helpers::{action_key, chrono_now, page_state, spawn_app, spawn_app_with, spawn_bare};

#[tokio::test]
async fn the_oauth_exchange_never_follows_a_redirect_with_the_secret() {
    // Whatever answers at the redirect's target counts what reaches it.
    let stolen = Arc::new(AtomicUsize::new(0));
    let thief = {
        let stolen = stolen.clone();
        axum::Router::new().fallback(move || {
            let stolen = stolen.clone();
            async move {
                stolen.fetch_add(1, Ordering::SeqCst);
                "{}"
            }
        })
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let thief_url = format!("http://{}/steal", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, thief).await });

    let app = spawn_bare().await;
    app.fake.set_faults(Faults {
        token_redirect: Some(thief_url),
        ..Default::default()
    });
    let res = app.install(ACCOUNT_ID).await;
    assert_eq!(res.status(), 502, "a 3xx is a failed exchange");
    assert_eq!(stolen.load(Ordering::SeqCst), 0, "the body went elsewhere");
}

#[tokio::test]
async fn a_token_for_another_accounts_host_is_refused_before_amocrm() {
    let app = spawn_app().await;
    let mut claims = app.claims(EntityKind::Lead, LEAD_RU);
    // Signed correctly, the installed account's id, but another account's host.
    token::point_at_host(&mut claims, "someone-else.amocrm.ru");
    let res = app
        .webview()
        .get(app.card_url(&app.token(&claims)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let body = res.text().await.unwrap();
    assert_eq!(page_state(&body).as_deref(), Some("wrong-integration"));
    assert_eq!(app.fake.api_calls(), 0);
    // The installed host itself still opens.
    let (status, _) = app.open_card(EntityKind::Lead, LEAD_RU).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn a_token_in_its_leeway_opens_a_live_session_and_is_never_replayable() {
    let app = spawn_app().await;
    let mut claims = app.claims(EntityKind::Lead, LEAD_RU);
    claims["iat"] = json!(chrono_now() - 1_800);
    claims["nbf"] = json!(chrono_now() - 1_800);
    claims["exp"] = json!(chrono_now() - 30);
    let jwt = app.token(&claims);
    let webview = app.webview();
    let body = webview
        .get(app.card_url(&jwt))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(body.contains(r#"data-card-state="ok""#));
    let marker = "&quot;csrf&quot;:&quot;";
    let start = body.find(marker).unwrap() + marker.len();
    let csrf = body[start..start + body[start..].find("&quot;").unwrap()].to_owned();
    let note = app
        .call_fn(
            &webview,
            "add_note",
            &[
                ("csrf", csrf),
                ("key", action_key(1)),
                ("text", "after the call".into()),
            ],
        )
        .await;
    assert_eq!(
        note,
        json!("Done"),
        "the session is alive, not born expired"
    );

    // The periodic cleanup must not forget the id while the token still verifies.
    let pool = sqlx::PgPool::connect(&app.database_url).await.unwrap();
    SessionStore::postgres(pool, Arc::new(Metrics::new()))
        .cleanup(chrono::Utc::now())
        .await
        .unwrap();
    let replay = app.webview().get(app.card_url(&jwt)).send().await.unwrap();
    assert_eq!(replay.status(), 403);
    let body = replay.text().await.unwrap();
    assert_eq!(page_state(&body).as_deref(), Some("already-used"));
}

#[tokio::test]
async fn an_audience_with_the_redirect_uris_port_is_accepted() {
    let app = spawn_app_with(&[(
        "AMO_REDIRECT_URI",
        "https://card.example.com:8443/oauth/callback",
    )])
    .await;
    for aud in ["https://card.example.com:8443", "https://card.example.com"] {
        let mut claims = app.claims(EntityKind::Lead, LEAD_RU);
        claims["aud"] = json!(aud);
        let res = app
            .webview()
            .get(app.card_url(&app.token(&claims)))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{aud}");
    }
    let mut claims = app.claims(EntityKind::Lead, LEAD_RU);
    claims["aud"] = json!("https://card.example.com:9443");
    let res = app
        .webview()
        .get(app.card_url(&app.token(&claims)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403, "another port is another audience");
}

#[tokio::test]
async fn session_cleanup_finds_sessions_by_token_id_through_an_index() {
    let app = spawn_app().await;
    let pool = sqlx::PgPool::connect(&app.database_url).await.unwrap();
    let indexed: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM pg_indexes WHERE tablename = 'card_sessions' \
         AND indexdef LIKE '%(jti)%')",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(indexed);
}
