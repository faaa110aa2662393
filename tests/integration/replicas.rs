//! Several replicas behind a load balancer on one Postgres: what must hold
//! across processes (single-use tokens, one refresh, one amoCRM budget per account).

use std::time::{Duration, Instant};

use amo_mobile_card::demo::fake::Faults;
use amo_mobile_card::demo::fixtures::{ACCOUNT_ID, LEAD_EN_WON, LEAD_RU};
use amo_mobile_card::model::EntityKind;
use futures::future::join_all;

use crate::helpers::assert_page;
use crate::helpers::{card_state, spawn, Open, Spawn, TestApp};

/// Opens `n` cards of `account_id` concurrently, alternating between `replicas`.
async fn open_across(replicas: &[&TestApp], account_id: i64, n: usize) -> Vec<(u16, String)> {
    let opens = (0..n).map(|i| {
        let app = replicas[i % replicas.len()];
        let id = if i % 2 == 0 { LEAD_RU } else { LEAD_EN_WON };
        async move {
            let (status, body) = app.open(Open::lead(id).account(account_id)).await.page();
            (status, card_state(&body).unwrap_or_default())
        }
    });
    join_all(opens).await
}

#[tokio::test]
async fn two_processes_sharing_a_database_accept_a_token_once() {
    let first = spawn(Spawn::app()).await;
    let second = spawn(Spawn::beside(&first)).await;
    let token = first.token(&first.claims(EntityKind::Lead, LEAD_RU));
    let attempts = (0..12).map(|i| {
        let app = if i % 2 == 0 { &first } else { &second };
        let url = app.card_url(&token);
        let client = app.webview();
        async move { client.get(url).send().await.unwrap().status().as_u16() }
    });
    let statuses = join_all(attempts).await;
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 403).count(),
        11,
        "{statuses:?}"
    );
}

#[tokio::test]
async fn a_revoked_access_token_is_refreshed_once_across_replicas() {
    // The budget is not under test here: let all twenty opens go at once.
    let first = spawn(Spawn::app().env(&[("AMO_RATE_LIMIT_PER_SECOND", "1000")])).await;
    let second = spawn(Spawn::beside(&first)).await;
    first.fake.set_faults(Faults {
        no_rate_limit: true,
        ..Default::default()
    });
    first.fake.expire_access_tokens();
    let outcomes = open_across(&[&first, &second], ACCOUNT_ID, 20).await;
    assert!(
        outcomes.iter().all(|(s, state)| *s == 200 && state == "ok"),
        "{outcomes:?}"
    );
    assert_eq!(first.fake.refresh_calls(), 1);
}

#[tokio::test]
async fn a_burst_across_two_replicas_stays_within_seven_per_second() {
    // Long enough a wait that every open renders: the test is about the budget.
    let first = spawn(Spawn::app().env(&[("AMO_RATE_LIMIT_MAX_WAIT_MS", "60000")])).await;
    let second = spawn(Spawn::beside(&first)).await;
    // The install's own request must leave amoCRM's window first.
    tokio::time::sleep(Duration::from_millis(1_200)).await;
    first.fake.reset_counts();
    let outcomes = open_across(&[&first, &second], ACCOUNT_ID, 30).await;
    assert!(
        outcomes.iter().all(|(s, state)| *s == 200 && state == "ok"),
        "{outcomes:?}"
    );
    // Each replica alone would allow 7: together they still send no more.
    assert!(
        first.fake.peak_per_second() <= 7,
        "peak {} per second",
        first.fake.peak_per_second()
    );
    assert_eq!(first.fake.too_many_requests(), 0);
    // Well past what two separate windows of 7 would let through in a second.
    let calls = first.fake.api_calls();
    assert!(calls > 2 * 2 * 7, "{calls} calls");
}

#[tokio::test]
async fn past_the_wait_bound_a_card_is_rate_limited_not_queued() {
    let app = spawn(Spawn::app().env(&[("AMO_RATE_LIMIT_MAX_WAIT_MS", "500")])).await;
    let second = spawn(Spawn::beside(&app)).await;
    tokio::time::sleep(Duration::from_millis(1_200)).await;
    app.fake.reset_counts();
    let started = Instant::now();
    let outcomes = open_across(&[&app, &second], ACCOUNT_ID, 12).await;
    let elapsed = started.elapsed();
    let limited = outcomes
        .iter()
        .filter(|(_, state)| state == "rate-limited")
        .count();
    assert!(limited > 0, "{outcomes:?}");
    assert!(
        outcomes.iter().all(|(s, state)| matches!(
            (*s, state.as_str()),
            (200, "ok" | "rate-limited") | (429, "rate-limited")
        )),
        "{outcomes:?}"
    );
    // Refused callers did not wait out the queue (12 cards need ~8 s at 7/s).
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
    assert!(app.fake.peak_per_second() <= 7);
    assert_eq!(app.fake.too_many_requests(), 0);
}

#[tokio::test]
async fn one_accounts_burst_does_not_slow_another() {
    const OTHER: i64 = 31_000_077;
    let app = spawn(Spawn::app().env(&[("AMO_RATE_LIMIT_MAX_WAIT_MS", "60000")])).await;
    assert_eq!(app.install_on(OTHER, "other.amocrm.ru").await.status(), 200);
    // Warm both accounts' metadata, then let their windows empty.
    for account in [ACCOUNT_ID, OTHER] {
        let (status, body) = app.open(Open::lead(LEAD_RU).account(account)).await.page();
        assert_page(status, &body, 200, "ok");
    }
    tokio::time::sleep(Duration::from_millis(1_200)).await;

    let burst_started = Instant::now();
    let burst = tokio::spawn({
        let app = app.clone();
        async move { open_across(&[&app], ACCOUNT_ID, 14).await }
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    let other_started = Instant::now();
    let (status, body) = app.open(Open::lead(LEAD_RU).account(OTHER)).await.page();
    let other_took = other_started.elapsed();
    let outcomes = burst.await.unwrap();
    let burst_took = burst_started.elapsed();

    assert_page(status, &body, 200, "ok");
    assert!(outcomes.iter().all(|(s, state)| *s == 200 && state == "ok"));
    // 14 warm cards are 84 calls: at 7 per 1.15 s the burst takes over 10 s,
    // while the other account's card needs only its own two round trips.
    assert!(burst_took > Duration::from_secs(5), "{burst_took:?}");
    assert!(other_took < Duration::from_secs(2), "{other_took:?}");
}
