//! `/metrics` on its own address, the counters an operator reads, and request ids.

use amo_mobile_card::contract::endpoint;
use amo_mobile_card::contract::mark;
use std::collections::BTreeSet;

use amo_mobile_card::demo::fake::Faults;
use amo_mobile_card::demo::fixtures::{ACCOUNT_ID, LEAD_RU, USER_ANNA};
use amo_mobile_card::model::EntityKind;

use crate::helpers::{action_key, marked, sample, scrape, spawn, Card, Open, Spawn, SECRET};
use amo_mobile_card::contract::ActionOutcome;

const WITH_METRICS: &[(&str, &str)] = &[("METRICS_ADDR", "127.0.0.1:0")];

#[tokio::test]
async fn metrics_are_served_only_on_their_own_address() {
    let app = spawn(Spawn::app().env(WITH_METRICS)).await;
    let on_card_port = reqwest::get(format!("{}/metrics", app.address))
        .await
        .unwrap();
    assert_eq!(on_card_port.status(), 404);
    let text = scrape(&app).await;
    assert!(text.contains("amo_card_process_uptime_seconds"));
    assert!(text.contains("amo_card_db_pool_connections"));
    assert!(text.trim_end().ends_with("# EOF"));

    let without = crate::helpers::spawn(crate::helpers::Spawn::app()).await;
    assert!(without.metrics_address.is_none());
    let res = reqwest::get(format!("{}/metrics", without.address))
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
}

#[tokio::test]
async fn card_opens_amo_failures_and_actions_move_their_counters() {
    let app = spawn(Spawn::app().env(WITH_METRICS)).await;
    let before = scrape(&app).await;
    assert_eq!(
        sample(&before, r#"amo_card_card_opens_total{outcome="ok"}"#),
        0.0
    );

    let (status, _) = app.open(Open::lead(LEAD_RU)).await.page();
    assert_eq!(status, 200);
    let no_token = app.webview().get(&app.address).send().await.unwrap();
    assert_eq!(no_token.status(), 401);
    app.fake.set_faults(Faults {
        status: Some(503),
        ..Default::default()
    });
    let (status, _) = app.open(Open::lead(LEAD_RU)).await.page();
    assert_eq!(status, 503);
    app.fake.set_faults(Faults::default());

    let Card { client, csrf, .. } = app.open(Open::lead(LEAD_RU)).await;
    let form = [
        ("csrf", csrf.clone()),
        ("key", action_key(1)),
        ("text", "Перезвонить".to_owned()),
    ];
    assert_eq!(
        app.call_fn(&client, endpoint::ADD_NOTE, &form).await,
        ActionOutcome::Done
    );
    assert_eq!(
        app.call_fn(&client, endpoint::ADD_NOTE, &form).await,
        ActionOutcome::Duplicate
    );
    let forged = [
        ("csrf", "forged".to_owned()),
        ("key", action_key(2)),
        ("text", "x".to_owned()),
    ];
    app.call_fn(&client, endpoint::ADD_NOTE, &forged).await;

    let text = scrape(&app).await;
    let ok = sample(&text, r#"amo_card_card_opens_total{outcome="ok"}"#);
    assert_eq!(ok, 2.0, "the first card and the session for the action");
    assert_eq!(
        sample(&text, r#"amo_card_card_opens_total{outcome="no-token"}"#),
        1.0
    );
    assert_eq!(
        sample(&text, r#"amo_card_card_opens_total{outcome="unavailable"}"#),
        1.0
    );
    assert!(
        sample(
            &text,
            r#"amo_card_amo_requests_total{endpoint="leads",status="5xx"}"#
        ) >= 1.0
    );
    assert!(sample(&text, r#"amo_card_amo_retries_total{endpoint="leads"}"#) >= 1.0);
    assert!(
        sample(
            &text,
            r#"amo_card_amo_requests_total{endpoint="leads",status="2xx"}"#
        ) >= 2.0
    );
    assert!(
        sample(
            &text,
            r#"amo_card_amo_request_duration_seconds_count{endpoint="leads"}"#
        ) >= 3.0
    );
    assert!(sample(&text, "amo_card_rate_limit_wait_seconds_count") >= 3.0);
    assert!(
        sample(
            &text,
            r#"amo_card_card_complete_seconds_count{outcome="ok"}"#
        ) >= 2.0
    );
    assert!(sample(&text, "amo_card_card_first_byte_seconds_count") >= 4.0);
    assert_eq!(
        sample(
            &text,
            r#"amo_card_quick_actions_total{kind="note",outcome="done"}"#
        ),
        1.0
    );
    assert_eq!(
        sample(
            &text,
            r#"amo_card_quick_actions_total{kind="note",outcome="duplicate"}"#
        ),
        1.0
    );
    assert_eq!(
        sample(
            &text,
            r#"amo_card_quick_actions_total{kind="note",outcome="session-expired"}"#
        ),
        1.0
    );
    assert_eq!(
        sample(
            &text,
            r#"amo_card_quick_action_duplicates_total{kind="note"}"#
        ),
        1.0
    );
    assert!(
        sample(
            &text,
            r#"amo_card_session_store_operations_total{op="open",result="ok"}"#
        ) >= 3.0
    );
    assert!(
        sample(
            &text,
            r#"amo_card_session_store_operations_total{op="claim",result="ok"}"#
        ) >= 2.0
    );
}

#[tokio::test]
async fn refreshes_and_reinstall_transitions_are_counted() {
    let app = spawn(Spawn::app().env(WITH_METRICS)).await;
    app.fake.expire_access_tokens();
    let (status, _) = app.open(Open::lead(LEAD_RU)).await.page();
    assert_eq!(status, 200);
    app.fake.expire_access_tokens();
    app.fake.revoke_refresh_tokens();
    let (_, body) = app.open(Open::lead(LEAD_RU)).await.page();
    assert_eq!(
        crate::helpers::card_state(&body).as_deref(),
        Some("needs-reinstall")
    );
    let text = scrape(&app).await;
    assert_eq!(
        sample(
            &text,
            r#"amo_card_token_refreshes_total{outcome="refreshed"}"#
        ),
        1.0
    );
    assert_eq!(
        sample(
            &text,
            r#"amo_card_token_refreshes_total{outcome="revoked"}"#
        ),
        1.0
    );
    assert_eq!(
        sample(&text, "amo_card_needs_reinstall_transitions_total"),
        1.0
    );
    assert_eq!(
        sample(
            &text,
            r#"amo_card_card_opens_total{outcome="needs-reinstall"}"#
        ),
        1.0
    );
}

#[tokio::test]
async fn no_label_carries_an_id_or_a_token() {
    let app = spawn(Spawn::app().env(WITH_METRICS)).await;
    let token = app.token(&app.claims(EntityKind::Lead, LEAD_RU));
    app.webview()
        .get(app.card_url(&token))
        .send()
        .await
        .unwrap();
    app.webview()
        .get(app.card_url(&token))
        .send()
        .await
        .unwrap();
    app.webview()
        .get(app.card_url("not.a.token"))
        .send()
        .await
        .unwrap();
    let Card { client, csrf, .. } = app.open(Open::lead(LEAD_RU)).await;
    let form = [
        ("csrf", csrf.clone()),
        ("key", action_key(7)),
        ("text", "note".to_owned()),
    ];
    app.call_fn(&client, endpoint::ADD_NOTE, &form).await;

    let text = scrape(&app).await;
    let allowed_names: BTreeSet<&str> = [
        "outcome", "endpoint", "status", "kind", "op", "result", "le", "client",
    ]
    .into_iter()
    .collect();
    let ids = [ACCOUNT_ID, USER_ANNA, LEAD_RU].map(|i| i.to_string());
    let mut labels = 0;
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let Some((_, rest)) = line.split_once('{') else {
            continue;
        };
        let inner = rest.split_once('}').map(|(i, _)| i).unwrap_or_default();
        for pair in inner.split(',').filter(|p| !p.is_empty()) {
            let (name, value) = pair.split_once('=').expect("name=value");
            let value = value.trim_matches('"');
            labels += 1;
            assert!(allowed_names.contains(name), "label {name} in {line}");
            for secret in [token.as_str(), SECRET, csrf.as_str()] {
                assert!(!value.contains(secret), "{line}");
            }
            assert!(!ids.iter().any(|id| value.contains(id.as_str())), "{line}");
            if name != "le" {
                assert!(
                    value.len() <= 24
                        && value.bytes().all(|b| b.is_ascii_lowercase()
                            || b.is_ascii_digit()
                            || b == b'-'
                            || b == b'_'),
                    "{line}"
                );
                assert!(
                    !value.bytes().any(|b| b.is_ascii_digit())
                        || value.ends_with("xx")
                        || value == "429",
                    "a number in a label: {line}"
                );
            }
        }
    }
    assert!(labels > 20, "the scrape had labelled samples");
}

#[tokio::test]
async fn every_response_carries_a_request_id_and_only_a_trusted_proxy_sets_it() {
    let app = spawn(Spawn::app().env(WITH_METRICS)).await;
    let res = app
        .webview()
        .get(format!("{}/healthz", app.address))
        .header("x-request-id", "from-the-client")
        .send()
        .await
        .unwrap();
    let id = res.headers()["x-request-id"].to_str().unwrap().to_owned();
    assert_ne!(id, "from-the-client", "an untrusted id is replaced");
    assert_eq!(id.len(), 36, "a UUID: {id}");

    let behind_proxy = spawn(Spawn::app().env(&[("TRUST_PROXY_HEADERS", "true")])).await;
    let kept = behind_proxy
        .webview()
        .get(format!("{}/healthz", behind_proxy.address))
        .header("x-request-id", "nginx-4f1e2a")
        .send()
        .await
        .unwrap();
    assert_eq!(kept.headers()["x-request-id"], "nginx-4f1e2a");
    let forged = behind_proxy
        .webview()
        .get(format!("{}/healthz", behind_proxy.address))
        .header("x-request-id", "two words")
        .send()
        .await
        .unwrap();
    assert_ne!(forged.headers()["x-request-id"], "two words");
}

/// The lead was read, but the tasks call is refused by amoCRM's rate limit:
/// the card shows what loaded, says a part is missing, and counts as `partial`.
#[tokio::test]
async fn a_card_missing_a_part_shows_the_rest_and_counts_as_partial() {
    let app = spawn(Spawn::app().env(WITH_METRICS)).await;
    app.fake.set_faults(Faults {
        endpoint_status: Some(("GET /api/v4/tasks".to_owned(), 429)),
        ..Default::default()
    });
    let (status, body) = app.open(Open::lead(LEAD_RU)).await.page();
    assert_eq!(status, 200);
    assert_eq!(crate::helpers::card_state(&body).as_deref(), Some("ok"));
    // What loaded is there: the name, the amount, the contacts, the history.
    for shown in [
        "Поставка оборудования",
        "500\u{202f}000",
        "Иван Петров",
        "Обещали скидку",
    ] {
        assert!(body.contains(shown), "{shown} missing");
    }
    // The missing part is admitted, quietly, with the refresh to retry it.
    assert!(!body.contains("Позвонить и уточнить сроки"));
    assert!(body.contains("data-unloaded") && body.contains("Часть карточки не загрузилась"));
    assert!(body.contains("class=\"button refresh\""));
    let text = scrape(&app).await;
    assert_eq!(
        sample(&text, r#"amo_card_card_opens_total{outcome="partial"}"#),
        1.0
    );
    assert_eq!(
        sample(&text, r#"amo_card_card_opens_total{outcome="ok"}"#),
        0.0
    );
}

#[tokio::test]
async fn card_opens_are_counted_by_the_client_that_sent_them() {
    let app = spawn(Spawn::app().env(WITH_METRICS)).await;
    let series =
        |client: &str| format!(r#"amo_card_card_opens_by_client_total{{client="{client}"}}"#);
    for from in [
        "&from=ios",
        "&from=android",
        "&from=watch%3Cscript%3E",
        "",
        "&from=web",
    ] {
        // The last one has no token: a refused card is counted too.
        let token = if from == "&from=web" {
            String::new()
        } else {
            app.token(&app.claims(EntityKind::Lead, LEAD_RU))
        };
        let url = format!("{}/?token={token}{from}", app.address);
        app.webview().get(url).send().await.unwrap();
    }
    let text = scrape(&app).await;
    for (client, want) in [
        ("ios", 1.0),
        ("android", 1.0),
        ("other", 1.0),
        ("none", 1.0),
        ("web", 1.0),
    ] {
        assert_eq!(sample(&text, &series(client)), want, "{client}");
    }
    // A value no client sent is never a label.
    assert!(!text.contains("script"));
}

#[tokio::test]
async fn a_warm_card_takes_its_shared_rate_slots_in_one_statement_per_round_trip() {
    let app = spawn(Spawn::app().env(WITH_METRICS)).await;
    let (_, body) = app.open(Open::lead(LEAD_RU)).await.page();
    assert!(body.contains(&marked(mark::CARD_STATE, "ok")));
    let statements = |text: &str| sample(text, "amo_card_rate_window_statements_total");
    let before = statements(&scrape(&app).await);
    tokio::time::sleep(std::time::Duration::from_millis(1_200)).await;
    app.fake.reset_counts();
    let (_, body) = app.open(Open::lead(LEAD_RU)).await.page();
    assert!(body.contains(&marked(mark::CARD_STATE, "ok")));
    // Seven amoCRM calls (the lead; then six together) in two statements.
    assert_eq!(app.fake.api_calls(), 7);
    assert_eq!(statements(&scrape(&app).await) - before, 2.0);
    // The window still holds: amoCRM never saw more than 7 in a second.
    assert!(app.fake.peak_per_second() <= 7);
}
