//! The card against amoCRM as its own docs describe it: accounts without the
//! paid list filtering, a non-admin's grant, an unpaid account, users past
//! one page, task results, refresh refusals that are ours, and idle grants.

use amo_mobile_card::contract::endpoint;
use std::time::Duration;

use amo_mobile_card::demo::fake::Faults;
use amo_mobile_card::demo::fixtures::{ACCOUNT_ID, CUSTOMER, LEAD_PAVEL, LEAD_RU, USER_ANNA};
use amo_mobile_card::model::EntityKind;
use chrono::Utc;
use serde_json::json;

use crate::helpers::{
    action_key, assert_page, card_state, sample, scrape, spawn, Card, Open, Spawn,
};
use amo_mobile_card::contract::ActionOutcome;

const CONTACTS_LIST: &str = "GET /api/v4/contacts";
const CONTACT_BY_ID: &str = "GET /api/v4/contacts/{id}";

/// Pavel's lead as Anna sees it: Сергей Волков (2004, main) then Иван Петров
/// (2001), and no contact of another record (an unfiltered list of two
/// would hold Иван and Jane Doe instead).
async fn shows_pavels_lead_contacts(app: &crate::helpers::TestApp) {
    let body = app
        .open(Open::lead(LEAD_PAVEL).user(USER_ANNA))
        .await
        .ok()
        .body;
    assert!(body.contains("Сергей Волков") && body.contains("Иван Петров"));
    assert!(!body.contains("Jane Doe"), "no contact of another record");
    assert!(
        body.find("Сергей Волков") < body.find("Иван Петров"),
        "main first"
    );
}

#[tokio::test]
async fn an_account_that_says_it_has_no_paid_filtering_gets_its_contacts_one_by_one() {
    let app = spawn(Spawn::app()).await;
    app.fake.set_faults(Faults {
        unfiltered_lists: true,
        ..Faults::default()
    });
    shows_pavels_lead_contacts(&app).await;
    assert_eq!(
        app.fake.count(CONTACTS_LIST),
        0,
        "the filter is not trusted"
    );
    assert_eq!(app.fake.count(CONTACT_BY_ID), 2);
}

#[tokio::test]
async fn an_unfiltered_answer_is_caught_read_one_by_one_and_remembered() {
    let app = spawn(Spawn::app().env(&[("METRICS_ADDR", "127.0.0.1:0")])).await;
    app.fake.set_faults(Faults {
        unfiltered_lists: true,
        filter_flag_missing: true,
        ..Faults::default()
    });
    shows_pavels_lead_contacts(&app).await;
    assert_eq!(app.fake.count(CONTACTS_LIST), 1);
    assert_eq!(app.fake.count(CONTACT_BY_ID), 2);
    assert_eq!(
        sample(&scrape(&app).await, "amo_card_list_filter_ignored_total"),
        1.0
    );
    // Remembered for the account: the next card does not ask the list again.
    app.fake.reset_counts();
    let body = app
        .open(Open::lead(LEAD_RU).user(USER_ANNA))
        .await
        .ok()
        .body;
    assert!(body.contains("Иван Петров") && body.contains("Jane Doe"));
    assert_eq!(app.fake.count(CONTACTS_LIST), 0);
    assert_eq!(app.fake.count(CONTACT_BY_ID), 2);
}

#[tokio::test]
async fn with_paid_filtering_the_contacts_stay_one_call() {
    let app = spawn(Spawn::app()).await;
    shows_pavels_lead_contacts(&app).await;
    assert_eq!(app.fake.count(CONTACTS_LIST), 1);
    assert_eq!(app.fake.count(CONTACT_BY_ID), 0);
    // The account call asked whether the account has the filtering.
    assert_eq!(app.fake.count("GET /api/v4/account"), 1);
}

#[tokio::test]
async fn an_unpaid_account_has_its_own_state_not_customers_off() {
    let app = spawn(Spawn::app()).await;
    app.fake.set_faults(Faults {
        status: Some(402),
        ..Faults::default()
    });
    for (kind, id) in [
        (EntityKind::Lead, LEAD_RU),
        (EntityKind::Customer, CUSTOMER),
    ] {
        let (status, body) = app.open(Open::of(kind, id)).await.page();
        assert_page(status, &body, 402, "account-unpaid");
        assert!(body.contains("не оплачен"), "{kind:?}: {body}");
    }
    // The customers endpoints' own 402 still means customers are off.
    app.fake.set_faults(Faults {
        endpoint_status: Some(("GET /api/v4/customers/{id}".into(), 402)),
        ..Faults::default()
    });
    let (status, body) = app.open(Open::customer(CUSTOMER)).await.page();
    assert_page(status, &body, 409, "customers-disabled");
}

#[tokio::test]
async fn a_non_admin_grant_is_told_at_install_and_in_the_card() {
    let app = crate::helpers::spawn(crate::helpers::Spawn::bare()).await;
    app.fake.set_faults(Faults {
        users_status: Some(403),
        ..Faults::default()
    });
    let res = app.install(ACCOUNT_ID).await;
    assert_eq!(res.status(), 200);
    let page = res.text().await.unwrap();
    assert!(page.contains("не администратором"), "{page}");
    let Card {
        status,
        body,
        client: _,
        ..
    } = app.open(Open::lead(LEAD_RU).user(USER_ANNA)).await;
    assert_page(status, &body, 200, "ok");
    assert!(body.contains("data-rights-gap=\"grant-not-admin\""));
    // Kept with the metadata: a second card does not ask the users again.
    app.fake.reset_counts();
    let Card {
        status: _,
        body,
        client: _,
        ..
    } = app.open(Open::lead(LEAD_RU).user(USER_ANNA)).await;
    assert!(body.contains("data-rights-gap=\"grant-not-admin\""));
    assert_eq!(app.fake.count("GET /api/v4/users"), 0);
    assert_eq!(app.fake.count("GET /api/v4/users/{id}"), 0);
    // An admin's grant: the plain page.
    let admin = crate::helpers::spawn(crate::helpers::Spawn::bare()).await;
    let page = admin.install(ACCOUNT_ID).await.text().await.unwrap();
    assert!(!page.contains("не администратором"), "{page}");
}

#[tokio::test]
async fn users_are_read_past_the_first_page() {
    let app = spawn(Spawn::app()).await;
    // 300 colleagues: two pages of 250.
    for n in 0..300 {
        app.fake.add_user_like(USER_ANNA, 8_000_000 + n);
    }
    let last = 8_000_299;
    let Card {
        status,
        body,
        client: _,
        ..
    } = app.open(Open::lead(LEAD_RU).user(last)).await;
    assert_page(status, &body, 200, "ok");
    assert!(
        !body.contains("data-rights-gap"),
        "the user's rights are known"
    );
    assert_eq!(app.fake.count("GET /api/v4/users"), 2);
    assert_eq!(app.fake.count("GET /api/v4/users/{id}"), 0);
}

#[tokio::test]
async fn a_task_completed_without_a_result_gets_one_in_the_users_language() {
    let app = spawn(Spawn::app()).await;
    let Card { client, csrf, .. } = app.open(Open::lead(LEAD_RU)).await;
    let done = app
        .call_fn(
            &client,
            endpoint::COMPLETE_TASK,
            &[
                ("csrf", csrf),
                ("key", action_key(1)),
                ("task_id", "9002".into()),
                ("result", "  ".into()),
            ],
        )
        .await;
    assert_eq!(done, ActionOutcome::Done);
    let task = app
        .fake
        .tasks()
        .into_iter()
        .find(|t| t["id"] == 9002)
        .unwrap();
    assert_eq!(task["is_completed"], true);
    assert_eq!(task["result"]["text"], "Выполнено");
    // The fake refuses a completion without a result, as the docs require
    // (after the card's calls have left amoCRM's one-second window).
    tokio::time::sleep(Duration::from_millis(1_100)).await;
    let pool = sqlx::PgPool::connect(&app.database_url).await.unwrap();
    let (_, token) = app.accounts(pool).access_token(ACCOUNT_ID).await.unwrap();
    let base = app.settings.api_base_url.clone().unwrap();
    let bare = reqwest::Client::new()
        .patch(format!("{base}api/v4/tasks/9001"))
        .bearer_auth(token)
        .json(&json!({"is_completed": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(bare.status(), 400);
}

#[tokio::test]
async fn a_refresh_refused_for_our_own_settings_keeps_every_grant() {
    let app = spawn(Spawn::app().env(&[("METRICS_ADDR", "127.0.0.1:0")])).await;
    app.fake.expire_access_tokens();
    app.fake.set_faults(Faults {
        token_bad_redirect: true,
        ..Faults::default()
    });
    let (status, body) = app.open(Open::lead(LEAD_RU)).await.page();
    assert_page(status, &body, 503, "unavailable");
    let db = sqlx::PgPool::connect(&app.database_url).await.unwrap();
    let state: String = sqlx::query_scalar("SELECT status FROM accounts WHERE account_id = $1")
        .bind(ACCOUNT_ID)
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(state, "active", "not marked for reinstall");
    let text = scrape(&app).await;
    // Each of the card's first calls met the refusal (no grant was spent).
    assert!(sample(&text, "amo_card_token_refreshes_total{outcome=\"config\"}") >= 1.0);
    assert_eq!(
        sample(&text, "amo_card_token_refreshes_total{outcome=\"revoked\"}"),
        0.0
    );
    assert_eq!(
        sample(&text, "amo_card_needs_reinstall_transitions_total"),
        0.0
    );
    // The operator fixes the setting: the same grant works.
    app.fake.set_faults(Faults::default());
    let (status, body) = app.open(Open::lead(LEAD_RU)).await.page();
    assert_page(status, &body, 200, "ok");
}

#[tokio::test]
async fn idle_grants_are_refreshed_once_across_replicas() {
    let app = spawn(Spawn::app()).await;
    let db = sqlx::PgPool::connect(&app.database_url).await.unwrap();
    let month_ago = Utc::now() - chrono::Duration::days(40);
    sqlx::query("UPDATE accounts SET refreshed_at = $1, installed_at = $1")
        .bind(month_ago)
        .execute(&db)
        .await
        .unwrap();
    let before: Vec<u8> = sqlx::query_scalar("SELECT refresh_token FROM accounts")
        .fetch_one(&db)
        .await
        .unwrap();
    app.fake.reset_counts();
    // Two replicas sweep at the same moment.
    let (a, b) = (app.accounts(db.clone()), app.accounts(db.clone()));
    let idle_since = Utc::now() - chrono::Duration::days(30);
    let (one, two) = tokio::join!(a.refresh_idle(idle_since), b.refresh_idle(idle_since));
    let (one, two) = (one.unwrap(), two.unwrap());
    assert_eq!(one.refreshed + two.refreshed, 1, "{one:?} {two:?}");
    assert_eq!(app.fake.refresh_calls(), 1);
    let after: Vec<u8> = sqlx::query_scalar("SELECT refresh_token FROM accounts")
        .fetch_one(&db)
        .await
        .unwrap();
    assert_ne!(before, after, "the grant was renewed");
    // Fresh now: the next sweep finds nothing to do.
    let again = a.refresh_idle(idle_since).await.unwrap();
    assert_eq!((again.refreshed, again.failed), (0, 0));
    assert_eq!(app.fake.refresh_calls(), 1);
    // The card still opens with the renewed grant.
    tokio::time::sleep(Duration::from_millis(50)).await;
    let (status, body) = app.open(Open::lead(LEAD_RU)).await.page();
    assert_eq!(card_state(&body).as_deref(), Some("ok"), "{status}");
}

#[tokio::test]
async fn an_idle_grant_amocrm_revoked_is_marked_and_a_config_refusal_is_not() {
    let app = spawn(Spawn::app()).await;
    let db = sqlx::PgPool::connect(&app.database_url).await.unwrap();
    let old = Utc::now() - chrono::Duration::days(40);
    let age = |db: sqlx::PgPool| async move {
        sqlx::query("UPDATE accounts SET refreshed_at = $1")
            .bind(old)
            .execute(&db)
            .await
            .unwrap();
    };
    let accounts = app.accounts(db.clone());
    let idle_since = Utc::now() - chrono::Duration::days(30);
    age(db.clone()).await;
    app.fake.set_faults(Faults {
        token_bad_redirect: true,
        ..Faults::default()
    });
    let sweep = accounts.refresh_idle(idle_since).await.unwrap();
    assert_eq!(sweep.config, 1, "{sweep:?}");
    let status = |db: sqlx::PgPool| async move {
        sqlx::query_scalar::<_, String>("SELECT status FROM accounts")
            .fetch_one(&db)
            .await
            .unwrap()
    };
    assert_eq!(status(db.clone()).await, "active");
    app.fake.set_faults(Faults::default());
    app.fake.revoke_grant(ACCOUNT_ID);
    let sweep = accounts.refresh_idle(idle_since).await.unwrap();
    assert_eq!(sweep.revoked, 1, "{sweep:?}");
    assert_eq!(status(db).await, "needs_reinstall");
}
