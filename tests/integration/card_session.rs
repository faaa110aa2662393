use amo_mobile_card::demo::fixtures::{CUSTOMER, LEAD_RU};
use amo_mobile_card::model::EntityKind;
use serde_json::json;

use crate::helpers::{chrono_now, page_state, spawn, Spawn};

#[tokio::test]
async fn no_token_is_a_friendly_401() {
    let app = spawn(Spawn::app()).await;
    let res = app
        .webview()
        .get(format!("{}/", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    let body = res.text().await.unwrap();
    assert_eq!(page_state(&body).as_deref(), Some("no-token"));
}

#[tokio::test]
async fn a_valid_token_opens_a_session_and_leaves_no_trace() {
    let app = spawn(Spawn::app()).await;
    let token = app.token(&app.claims(EntityKind::Lead, LEAD_RU));
    let res = app
        .webview()
        .get(app.card_url(&token))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let h = res.headers();
    assert_eq!(h["cache-control"], "no-store");
    assert_eq!(h["referrer-policy"], "no-referrer");
    let cookie = h["set-cookie"].to_str().unwrap().to_owned();
    // https redirect URI: the cookie is `__Host-` prefixed (Secure, host-only, path /).
    assert!(cookie.starts_with("__Host-amc_session="), "{cookie}");
    assert!(
        cookie.contains("; Path=/;") && cookie.contains("; Secure") && !cookie.contains("Domain"),
        "{cookie}"
    );
    for attr in ["HttpOnly", "SameSite=Lax", "Secure", "Path=/", "Max-Age="] {
        assert!(cookie.contains(attr), "{attr} missing in {cookie}");
    }
    let body = res.text().await.unwrap();
    assert!(!body.contains(&token), "the token must never be rendered");
    assert!(body.contains(r#"data-entity-id="1001""#));
    assert!(body.contains("history.replaceState"));
}

#[tokio::test]
async fn a_replayed_token_is_already_used() {
    let app = spawn(Spawn::app()).await;
    let token = app.token(&app.claims(EntityKind::Lead, LEAD_RU));
    assert_eq!(
        app.webview()
            .get(app.card_url(&token))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    // Another client (no session cookie) presents the same token.
    let res = app
        .webview()
        .get(app.card_url(&token))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert_eq!(
        page_state(&res.text().await.unwrap()).as_deref(),
        Some("already-used")
    );
}

#[tokio::test]
async fn reload_inside_the_same_webview_keeps_working() {
    let app = spawn(Spawn::app()).await;
    let webview = app.webview();
    let token = app.token(&app.claims(EntityKind::Customer, CUSTOMER));
    assert_eq!(
        webview
            .get(app.card_url(&token))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    // Reload with the token still in the URL, and after it was removed from the address bar.
    for url in [app.card_url(&token), format!("{}/", app.address)] {
        let res = webview.get(&url).send().await.unwrap();
        assert_eq!(res.status(), 200);
        let body = res.text().await.unwrap();
        assert!(body.contains(r#"data-entity="customers""#));
    }
}

#[tokio::test]
async fn a_session_ends_with_its_token() {
    let app = spawn(Spawn::app()).await;
    let webview = app.webview();
    let mut claims = app.claims(EntityKind::Lead, LEAD_RU);
    // The token verifies until `exp` plus the leeway, and its session lives as long.
    claims["exp"] = json!(chrono_now() + 2 - amo_mobile_card::server::auth::token::LEEWAY_SECS);
    let token = app.token(&claims);
    let res = webview.get(app.card_url(&token)).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let cookie = res.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    tokio::time::sleep(std::time::Duration::from_millis(2_500)).await;
    // The WebView drops the cookie at Max-Age; a client that keeps it is told the session ended.
    let res = webview
        .get(format!("{}/", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(
        page_state(&res.text().await.unwrap()).as_deref(),
        Some("no-token")
    );
    let res = reqwest::Client::new()
        .get(format!("{}/", app.address))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    assert_eq!(
        page_state(&res.text().await.unwrap()).as_deref(),
        Some("session-expired")
    );
}

#[tokio::test]
async fn bad_tokens_get_their_state_and_never_a_5xx() {
    let app = spawn(Spawn::app()).await;
    let now = chrono_now();
    let mut expired = app.claims(EntityKind::Lead, 1);
    expired["exp"] = json!(now - 3600);
    let mut future = app.claims(EntityKind::Lead, 1);
    future["nbf"] = json!(now + 3600);
    let mut other = app.claims(EntityKind::Lead, 1);
    other["client_uuid"] = json!("11111111-2222-4333-8444-555555555555");
    let mut contact = app.claims(EntityKind::Lead, 1);
    contact["data"]["entity_type"] = json!("contacts");
    let cases = [
        (app.token(&expired), 401, "expired"),
        (app.token(&future), 401, "not-yet-valid"),
        (app.token(&other), 403, "wrong-integration"),
        (app.token(&contact), 422, "unsupported"),
        ("not.a.token".to_owned(), 401, "invalid"),
        ("x".repeat(20_000), 401, "invalid"),
    ];
    for (token, status, state) in cases {
        let res = app
            .webview()
            .get(app.card_url(&token))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), status, "{state}");
        assert_eq!(
            page_state(&res.text().await.unwrap()).as_deref(),
            Some(state)
        );
    }
}
