use std::sync::Arc;

use amo_mobile_card::demo::fake::Faults;
use amo_mobile_card::demo::fixtures::{ACCOUNT_ID, LEAD_RU};
use amo_mobile_card::server::amo::accounts::{AccountStatus, Accounts};
use amo_mobile_card::server::http::handlers::oauth::disconnect_signature;
use futures::future::join_all;
use sqlx::PgPool;

use crate::helpers::assert_page;
use crate::helpers::{card_state, spawn, Open, Spawn, TestApp, CLIENT_ID, SECRET};

/// account_id, host, access_token, refresh_token, status
type StoredRow = (i64, String, Vec<u8>, Vec<u8>, String);

async fn pool(app: &TestApp) -> PgPool {
    PgPool::connect(&app.database_url).await.unwrap()
}

fn accounts_for(app: &TestApp, pool: PgPool) -> Accounts {
    app.accounts(pool)
}

#[tokio::test]
async fn install_stores_encrypted_tokens_and_shows_a_page() {
    let app = spawn(Spawn::bare()).await;
    let res = app.install(ACCOUNT_ID).await;
    assert_eq!(res.status(), 200);
    assert!(res.text().await.unwrap().contains("Интеграция установлена"));
    let rows: Vec<StoredRow> = sqlx::query_as(
        "SELECT account_id, host, access_token, refresh_token, status FROM accounts",
    )
    .fetch_all(&pool(&app).await)
    .await
    .unwrap();
    assert_eq!(rows.len(), 1);
    let (id, host, access, refresh, status) = &rows[0];
    assert_eq!(
        (*id, host.as_str(), status.as_str()),
        (ACCOUNT_ID, "example.amocrm.ru", "active")
    );
    // No plaintext token anywhere in the row: the fake's tokens all start with "fake-".
    for blob in [access, refresh] {
        assert!(
            !blob.windows(5).any(|w| w == b"fake-"),
            "plaintext token stored"
        );
    }
    // And the stored grant works: a card opens.
    let (status, body) = app.open(Open::lead(LEAD_RU)).await.page();
    assert_page(status, &body, 200, "ok");
}

#[tokio::test]
async fn an_install_from_our_button_is_bound_to_the_browser_that_started_it() {
    let app = spawn(Spawn::bare()).await;
    let admin = app.webview();
    let res = admin
        .get(format!("{}/oauth/install?brand=kommo", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        location.starts_with("https://www.kommo.com/oauth?client_id="),
        "{location}"
    );
    let state = reqwest::Url::parse(&location)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "state")
        .map(|(_, v)| v.into_owned())
        .unwrap();
    assert!(state.starts_with("amc1.") && state.len() > 30, "{state}");
    let callback = |state: &str| {
        let code = app.fake.issue_code(ACCOUNT_ID);
        format!(
            "{}/oauth/callback?code={code}&referer=example.amocrm.ru&state={state}&client_id={CLIENT_ID}",
            app.address
        )
    };
    // Another browser (no cookie), or a state of ours it was not given: refused
    // before any exchange, with a page that says to start again.
    let stranger = app.webview().get(callback(&state)).send().await.unwrap();
    assert_eq!(stranger.status(), 400);
    assert!(stranger.text().await.unwrap().contains("другом браузере"));
    let forged = admin.get(callback("amc1.forged")).send().await.unwrap();
    assert_eq!(forged.status(), 400);
    assert_eq!(
        app.fake
            .count("POST /oauth2/access_token authorization_code"),
        0
    );
    // The browser that started it completes the install, and the state is spent.
    let res = admin.get(callback(&state)).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let cleared = res.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(
        cleared.starts_with("__Host-amc_install=;") && cleared.contains("Max-Age=0"),
        "{cleared}"
    );
    // An unknown brand is a clear refusal, not a redirect anywhere.
    let res = admin
        .get(format!("{}/oauth/install?brand=evil", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
}

#[tokio::test]
async fn install_failures_explain_and_destroy_nothing() {
    let app = spawn(Spawn::app()).await;
    let pool = pool(&app).await;
    let before: Vec<u8> = sqlx::query_scalar("SELECT access_token FROM accounts")
        .fetch_one(&pool)
        .await
        .unwrap();
    let client = app.webview();
    let call = |query: String| {
        let client = client.clone();
        let url = format!("{}/oauth/callback?{query}", app.address);
        async move {
            let res = client.get(url).send().await.unwrap();
            (res.status().as_u16(), res.text().await.unwrap())
        }
    };
    // Bad referers never cause a request to any host.
    for referer in [
        "evil.com",
        "example.amocrm.ru.evil.com",
        "",
        "a/b.amocrm.ru",
        "https://x.evil.ru",
        // The brands' own service hosts are not accounts: they never get the secret.
        "www.amocrm.ru",
        "developers.kommo.com",
        "status.amocrm.com",
        "xn--80ak6aa92e.amocrm.ru",
        "example.amocrm.ru:8443",
    ] {
        let (status, body) = call(format!("code=c&referer={referer}&client_id={CLIENT_ID}")).await;
        assert_eq!(status, 400, "{referer}");
        assert!(body.contains("<h1>"));
    }
    assert_eq!(
        app.fake
            .count("POST /oauth2/access_token authorization_code"),
        0
    );
    // Unknown or reused code.
    let (status, body) = call(format!(
        "code=nope&referer=example.amocrm.ru&client_id={CLIENT_ID}"
    ))
    .await;
    assert_eq!(status, 400);
    assert!(body.contains("20"), "explains the code lifetime");
    // Another integration's callback.
    let (status, _) = call(
        "code=x&referer=example.amocrm.ru&client_id=11111111-2222-4333-8444-555555555555".into(),
    )
    .await;
    assert_eq!(status, 400);
    // amoCRM failing: 401, 5xx, garbage JSON.
    for (fault, want) in [(401, 400), (500, 502), (503, 502), (200, 502)] {
        app.fake.set_faults(Faults {
            token_status: Some(fault),
            ..Default::default()
        });
        let code = app.fake.issue_code(ACCOUNT_ID);
        let (status, body) = call(format!(
            "code={code}&referer=example.amocrm.ru&client_id={CLIENT_ID}"
        ))
        .await;
        assert_eq!(status, want, "token endpoint {fault}");
        assert!(!body.contains("fake-"), "no token in the page");
    }
    // amoCRM not answering: the client's timeout fires, the page says to retry.
    app.fake.set_faults(Faults {
        token_hang: true,
        ..Default::default()
    });
    let code = app.fake.issue_code(ACCOUNT_ID);
    let started = std::time::Instant::now();
    let (status, body) = call(format!(
        "code={code}&referer=example.amocrm.ru&client_id={CLIENT_ID}"
    ))
    .await;
    assert_eq!(status, 502, "timeout");
    assert!(body.contains("минуту"), "tells to retry");
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    app.fake.set_faults(Faults::default());
    // The working grant is untouched.
    let after: Vec<u8> = sqlx::query_scalar("SELECT access_token FROM accounts")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(before, after);
    let (status, body) = app.open(Open::lead(LEAD_RU)).await.page();
    assert_page(status, &body, 200, "ok");
}

#[tokio::test]
async fn fifty_concurrent_refreshes_across_two_processes_hit_amocrm_once() {
    let app = spawn(Spawn::app()).await;
    let stale = {
        let accounts = accounts_for(&app, pool(&app).await);
        accounts.access_token(ACCOUNT_ID).await.unwrap().1
    };
    app.fake.expire_access_tokens();
    // Two "processes": separate pools, separate in-process locks.
    let a = Arc::new(accounts_for(&app, pool(&app).await));
    let b = Arc::new(accounts_for(&app, pool(&app).await));
    let calls = (0..50).map(|i| {
        let accounts = if i % 2 == 0 { a.clone() } else { b.clone() };
        let stale = stale.clone();
        async move { accounts.refresh(ACCOUNT_ID, &stale).await }
    });
    let results = join_all(calls).await;
    assert!(results.iter().all(Result::is_ok), "{results:?}");
    let fresh = results[0].clone().unwrap();
    assert_ne!(fresh, stale);
    assert!(
        results.iter().all(|r| r.as_ref().unwrap() == &fresh),
        "every waiter reuses the winner's token"
    );
    assert_eq!(app.fake.refresh_calls(), 1);
    // The new pair was committed: a card opens with it, without another refresh.
    let (status, body) = app.open(Open::lead(LEAD_RU)).await.page();
    assert_page(status, &body, 200, "ok");
    assert_eq!(app.fake.refresh_calls(), 1);
}

#[tokio::test]
async fn a_stuck_refresh_elsewhere_costs_a_card_a_retry_not_a_hang() {
    let app = spawn(Spawn::app()).await;
    // Another replica is refreshing and stuck: it holds the account row.
    let pool = pool(&app).await;
    let mut stuck = pool.begin().await.unwrap();
    sqlx::query("SELECT 1 FROM accounts WHERE account_id = $1 FOR UPDATE")
        .bind(ACCOUNT_ID)
        .execute(&mut *stuck)
        .await
        .unwrap();
    app.fake.expire_access_tokens();
    let started = std::time::Instant::now();
    let (status, body) = app.open(Open::lead(LEAD_RU)).await.page();
    let waited = started.elapsed();
    assert_page(status, &body, 503, "unavailable");
    assert!(
        waited < std::time::Duration::from_secs(20),
        "bounded wait: {waited:?}"
    );
    assert_eq!(app.fake.refresh_calls(), 0, "nobody refreshed twice");
    // Once the stuck refresh is gone, the next open refreshes and works.
    stuck.rollback().await.unwrap();
    let (status, body) = app.open(Open::lead(LEAD_RU)).await.page();
    assert_page(status, &body, 200, "ok");
}

#[tokio::test]
async fn a_401_refreshes_once_and_retries() {
    let app = spawn(Spawn::app()).await;
    app.fake.expire_access_tokens();
    let (status, body) = app.open(Open::lead(LEAD_RU)).await.page();
    assert_page(status, &body, 200, "ok");
    assert_eq!(app.fake.refresh_calls(), 1);
}

#[tokio::test]
async fn a_revoked_refresh_token_asks_for_reinstall_and_never_loops() {
    let app = spawn(Spawn::app()).await;
    app.fake.revoke_refresh_tokens();
    app.fake.expire_access_tokens();
    let (_, body) = app.open(Open::lead(LEAD_RU)).await.page();
    assert_eq!(card_state(&body).as_deref(), Some("needs-reinstall"));
    assert!(body.contains("переустановить") || body.contains("reinstalled"));
    let accounts = accounts_for(&app, pool(&app).await);
    assert_eq!(
        accounts.status(ACCOUNT_ID).await.unwrap(),
        Some(AccountStatus::NeedsReinstall)
    );
    let refreshes = app.fake.refresh_calls();
    assert_eq!(refreshes, 1);
    let (_, body) = app.open(Open::lead(LEAD_RU)).await.page();
    assert_eq!(card_state(&body).as_deref(), Some("needs-reinstall"));
    assert_eq!(
        app.fake.refresh_calls(),
        refreshes,
        "no second refresh attempt"
    );
    // Reinstalling brings the account back.
    assert_eq!(app.install(ACCOUNT_ID).await.status(), 200);
    let (_, body) = app.open(Open::lead(LEAD_RU)).await.page();
    assert_eq!(card_state(&body).as_deref(), Some("ok"));
}

#[tokio::test]
async fn disconnect_needs_a_valid_signature() {
    let app = spawn(Spawn::app()).await;
    let client = reqwest::Client::new();
    let url = |sig: &str, uuid: &str| {
        format!(
            "{}/oauth/disconnect?account_id={ACCOUNT_ID}&client_uuid={uuid}&signature={sig}",
            app.address
        )
    };
    let good = disconnect_signature(SECRET, CLIENT_ID, &ACCOUNT_ID.to_string()).unwrap();
    let wrong_key =
        disconnect_signature("other-secret", CLIENT_ID, &ACCOUNT_ID.to_string()).unwrap();
    for (sig, uuid) in [
        (wrong_key.as_str(), CLIENT_ID),
        ("", CLIENT_ID),
        (good.as_str(), "11111111-2222-4333-8444-555555555555"),
    ] {
        assert_eq!(
            client.get(url(sig, uuid)).send().await.unwrap().status(),
            401
        );
    }
    let bad_id = format!(
        "{}/oauth/disconnect?account_id=abc&client_uuid={CLIENT_ID}&signature={good}",
        app.address
    );
    assert_eq!(client.get(bad_id).send().await.unwrap().status(), 400);
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM accounts")
        .fetch_one(&pool(&app).await)
        .await
        .unwrap();
    assert_eq!(count, 1, "bad signatures change nothing");

    let hook = || async {
        client
            .get(url(&good, CLIENT_ID))
            .send()
            .await
            .unwrap()
            .status()
    };
    // The account has a saved layout.
    let db = pool(&app).await;
    sqlx::query(
        "INSERT INTO card_layouts (account_id, scope, fields, header_field, sections, editable, version, saved_by, saved_at) \
         VALUES ($1, 'pipeline:1', '101', NULL, '', '', 1, 7000001, now())",
    )
    .bind(ACCOUNT_ID)
    .execute(&db)
    .await
    .unwrap();
    let layouts = || async {
        sqlx::query_scalar::<_, i64>("SELECT count(*) FROM card_layouts")
            .fetch_one(&db)
            .await
            .unwrap()
    };
    // A replayed hook URL (its signature never changes) while the grant still
    // works in amoCRM: the install is kept.
    assert_eq!(hook().await, 200);
    assert_eq!(layouts().await, 1, "a replay deletes no layout");
    let (_, body) = app.open(Open::lead(LEAD_RU)).await.page();
    assert_eq!(
        card_state(&body).as_deref(),
        Some("ok"),
        "a replay wipes nothing"
    );

    // The real thing: amoCRM revoked the grant, then called the hook.
    app.fake.revoke_grant(ACCOUNT_ID);
    assert_eq!(hook().await, 200);
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM accounts")
        .fetch_one(&pool(&app).await)
        .await
        .unwrap();
    assert_eq!(count, 0);
    assert_eq!(layouts().await, 0, "the account's layouts went with it");
    let (_, body) = app.open(Open::lead(LEAD_RU)).await.page();
    assert_eq!(card_state(&body).as_deref(), Some("needs-reinstall"));
}
