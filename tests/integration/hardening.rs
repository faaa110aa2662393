//! What an attacker or a misconfiguration could do before: each test fails
//! without its fix.

use amo_mobile_card::contract::endpoint;
use amo_mobile_card::contract::mark;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use amo_mobile_card::demo::fake::Faults;
use amo_mobile_card::demo::fixtures::{ACCOUNT_ID, LEAD_RU};
use amo_mobile_card::model::EntityKind;
use amo_mobile_card::server::auth::session::SessionStore;
use amo_mobile_card::server::auth::token;
use amo_mobile_card::server::base::metrics::Metrics;
use serde_json::json;

use crate::helpers::invalid_field;
use crate::helpers::{action_key, chrono_now, marked, page_state, spawn, Card, Open, Spawn};
use amo_mobile_card::contract::ActionOutcome;

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

    let app = spawn(Spawn::bare()).await;
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
    let app = spawn(Spawn::app()).await;
    let mut claims = app.claims(EntityKind::Lead, LEAD_RU);
    // Signed correctly, the installed account's id, but another account's host.
    token::point_at_host(&mut claims, "someone-else.amocrm.ru");
    let res = app.present(&claims).await;
    assert_eq!(res.status(), 403);
    let body = res.text().await.unwrap();
    assert_eq!(page_state(&body).as_deref(), Some("wrong-integration"));
    assert_eq!(app.fake.api_calls(), 0);
    // The installed host itself still opens.
    let (status, _) = app.open(Open::lead(LEAD_RU)).await.page();
    assert_eq!(status, 200);
}

#[tokio::test]
async fn a_token_in_its_leeway_opens_a_live_session_and_is_never_replayable() {
    let app = spawn(Spawn::app()).await;
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
    assert!(body.contains(&marked(mark::CARD_STATE, "ok")));
    let note = app
        .add_note(
            &webview,
            &crate::helpers::csrf_of(&body),
            1,
            "after the call",
        )
        .await;
    assert_eq!(
        note,
        ActionOutcome::Done,
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
    let app = spawn(Spawn::app().env(&[(
        "AMO_REDIRECT_URI",
        "https://card.example.com:8443/oauth/callback",
    )]))
    .await;
    for aud in ["https://card.example.com:8443", "https://card.example.com"] {
        let mut claims = app.claims(EntityKind::Lead, LEAD_RU);
        claims["aud"] = json!(aud);
        let res = app.present(&claims).await;
        assert_eq!(res.status(), 200, "{aud}");
    }
    let mut claims = app.claims(EntityKind::Lead, LEAD_RU);
    claims["aud"] = json!("https://card.example.com:9443");
    let res = app.present(&claims).await;
    assert_eq!(res.status(), 403, "another port is another audience");
}

#[tokio::test]
async fn session_cleanup_finds_sessions_by_token_id_through_an_index() {
    let app = spawn(Spawn::app()).await;
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

#[tokio::test]
async fn malformed_server_function_input_is_a_400_with_a_reason() {
    let app = spawn(Spawn::app()).await;
    let Card { client, csrf, .. } = app.open(Open::lead(LEAD_RU)).await;
    let cases: [&[(&str, &str)]; 3] = [
        &[("csrf", &csrf), ("key", "test-key-00000001")],
        &[],
        &[
            ("csrf", &csrf),
            ("key", "k"),
            ("task_id", "not-a-number"),
            ("result", ""),
        ],
    ];
    for (i, form) in cases.iter().enumerate() {
        let name = if i == 2 {
            endpoint::COMPLETE_TASK
        } else {
            endpoint::ADD_NOTE
        };
        let res = client
            .post(format!("{}{name}", app.address))
            .header("origin", app.address.clone())
            .form(form)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 400, "case {i}");
        let body = res.text().await.unwrap();
        assert!(body.len() < 100 && body.contains("arguments"), "{body}");
    }
    assert!(app.fake.notes().is_empty());
}

#[tokio::test]
async fn an_oversized_server_function_body_is_a_413() {
    let app = spawn(Spawn::app()).await;
    let Card { client, csrf, .. } = app.open(Open::lead(LEAD_RU)).await;
    let text = "x".repeat(8 * 1024 * 1024);
    let res = client
        .post(format!("{}{}", app.address, endpoint::ADD_NOTE))
        .header("origin", app.address.clone())
        .form(&[
            ("csrf", csrf.as_str()),
            ("key", "test-key-00000002"),
            ("text", &text),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 413);
    assert!(app.fake.notes().is_empty());
}

#[tokio::test]
async fn a_looping_client_cannot_drive_the_install_callback() {
    let app = spawn(Spawn::bare()).await;
    let callback = |referer: &str| {
        format!(
            "{}/oauth/callback?code=x&referer={referer}&client_id={}",
            app.address,
            crate::helpers::CLIENT_ID
        )
    };
    for _ in 0..20 {
        let res = app
            .webview()
            .get(callback("evil.example.com"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 400);
    }
    let res = app
        .webview()
        .get(callback("example.amocrm.ru"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 429);
    assert_eq!(
        app.fake
            .count("POST /oauth2/access_token authorization_code"),
        0
    );
}

/// The value of `directive` in a CSP header.
fn directive<'a>(csp: &'a str, name: &str) -> Option<&'a str> {
    csp.split(';')
        .map(str::trim)
        .find_map(|d| d.strip_prefix(name)?.strip_prefix(' '))
}

#[tokio::test]
async fn every_script_of_the_card_carries_the_responses_nonce() {
    let app = spawn(Spawn::app()).await;
    let mut nonces = Vec::new();
    for _ in 0..2 {
        let token = app.token(&app.claims(EntityKind::Lead, LEAD_RU));
        let res = app
            .webview()
            .get(app.card_url(&token))
            .send()
            .await
            .unwrap();
        let csp = res.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned();
        assert_eq!(res.headers()["x-frame-options"], "SAMEORIGIN");
        assert!(res.headers()["strict-transport-security"]
            .to_str()
            .unwrap()
            .starts_with("max-age="));
        let scripts = directive(&csp, "script-src").expect("script-src");
        assert!(!scripts.contains("unsafe-inline"), "{csp}");
        let nonce = scripts
            .split_whitespace()
            .find_map(|s| s.strip_prefix("'nonce-")?.strip_suffix('\''))
            .expect("a nonce")
            .to_owned();
        assert!(nonce.len() >= 16);
        assert_eq!(directive(&csp, "object-src"), Some("'none'"));
        assert_eq!(directive(&csp, "base-uri"), Some("'none'"));
        assert_eq!(directive(&csp, "form-action"), Some("'self'"));
        assert_eq!(directive(&csp, "frame-ancestors"), Some("'self'"));
        let body = res.text().await.unwrap();
        let scripts_in_body = body.matches("<script").count();
        assert!(
            scripts_in_body >= 2,
            "token-forgetting and hydration scripts"
        );
        assert_eq!(
            body.matches(&format!("<script nonce=\"{nonce}\"")).count()
                + body
                    .matches(&format!("<script type=\"module\" nonce=\"{nonce}\""))
                    .count(),
            scripts_in_body,
            "a script without the nonce would be blocked"
        );
        nonces.push(nonce);
    }
    assert_ne!(nonces[0], nonces[1], "a new nonce per response");
}

#[tokio::test]
async fn other_html_is_never_framed_and_runs_no_script() {
    let app = spawn(Spawn::bare()).await;
    let res = app
        .webview()
        .get(format!(
            "{}/oauth/callback?error=access_denied",
            app.address
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["x-frame-options"], "DENY");
    let csp = res.headers()["content-security-policy"].to_str().unwrap();
    assert_eq!(directive(csp, "default-src"), Some("'none'"));
    assert_eq!(directive(csp, "frame-ancestors"), Some("'none'"));
    assert!(
        directive(csp, "script-src").is_none(),
        "falls back to 'none'"
    );
}

#[tokio::test]
async fn a_flood_of_forged_session_cookies_is_refused_without_starving_real_opens() {
    let app = spawn(Spawn::app().env(&[("TRUST_PROXY_HEADERS", "true")])).await;
    let flood = reqwest::Client::new();
    let mut statuses = Vec::new();
    for batch in 0..31 {
        let requests = (0..20).map(|i| {
            let forged = format!("{:0>43}", batch * 20 + i);
            flood
                .get(format!("{}/", app.address))
                .header("cookie", format!("__Host-amc_session={forged}"))
                .header("x-forwarded-for", "10.9.9.9")
                .send()
        });
        for res in futures::future::join_all(requests).await {
            statuses.push(res.unwrap().status().as_u16());
        }
    }
    assert!(
        statuses.iter().all(|s| *s == 401 || *s == 429),
        "{statuses:?}"
    );
    assert_eq!(statuses.iter().filter(|s| **s == 401).count(), 600);
    assert_eq!(statuses.iter().filter(|s| **s == 429).count(), 20);
    // Another client opens its card as usual, and nothing reached amoCRM before it.
    assert_eq!(app.fake.api_calls(), 0);
    let (status, body) = app.open(Open::lead(LEAD_RU)).await.page();
    assert_eq!(
        (status, crate::helpers::card_state(&body).as_deref()),
        (200, Some("ok"))
    );
}

#[tokio::test]
async fn a_looping_card_is_throttled_per_session() {
    let app = spawn(Spawn::app()).await;
    let Card { client, csrf, .. } = app.open(Open::lead(LEAD_RU)).await;
    let form = [
        ("csrf", csrf.clone()),
        ("key", action_key(1)),
        ("text", "   ".to_owned()),
    ];
    for _ in 0..60 {
        let v = app.call_fn(&client, endpoint::ADD_NOTE, &form).await;
        assert_eq!(invalid_field(&v), Some("text"));
    }
    let res = client
        .post(format!("{}{}", app.address, endpoint::ADD_NOTE))
        .header("origin", app.address.clone())
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 429);
    // Another card of the same client is not affected.
    let Card {
        client: other,
        csrf,
        ..
    } = app.open(Open::lead(LEAD_RU)).await;
    let v = app
        .call_fn(
            &other,
            endpoint::ADD_NOTE,
            &[("csrf", csrf), ("key", action_key(2)), ("text", " ".into())],
        )
        .await;
    assert_eq!(invalid_field(&v), Some("text"));
}

#[tokio::test]
async fn a_session_never_outlives_the_server_side_cap() {
    let app = spawn(Spawn::app()).await;
    let mut claims = app.claims(EntityKind::Lead, LEAD_RU);
    // A token that claims to live a day still gives a session of at most 35 minutes.
    claims["exp"] = json!(chrono_now() + 86_400);
    let res = app.present(&claims).await;
    assert_eq!(res.status(), 200);
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_owned();
    let max_age: i64 = cookie
        .split("Max-Age=")
        .nth(1)
        .and_then(|v| v.split(';').next())
        .and_then(|v| v.parse().ok())
        .expect("Max-Age");
    assert!(max_age <= 35 * 60, "{cookie}");
    let pool = sqlx::PgPool::connect(&app.database_url).await.unwrap();
    let longest: f64 = sqlx::query_scalar(
        "SELECT EXTRACT(EPOCH FROM max(expires_at) - now())::float8 FROM card_sessions",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(longest <= 35.0 * 60.0 + 5.0, "{longest}");
}
