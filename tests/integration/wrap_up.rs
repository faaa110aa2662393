//! After the meeting (#41): one submission, at most three writes (the lead's
//! update, the note, the task), each part written once per key, nothing
//! written when any part is bad, and an answer that says what was saved.

use amo_mobile_card::contract::{endpoint, field, mark, ActionOutcome};
use amo_mobile_card::demo::fixtures::{CUSTOMER, LEAD_RU, USER_ANNA, USER_OLGA};
use serde_json::Value;

use crate::helpers::{action_key, attr_values, invalid_field, spawn, Card, Open, Spawn, TestApp};

const WRITES: [&str; 3] = [
    "PATCH /api/v4/leads/{id}",
    "POST /api/v4/{entity}/{id}/notes",
    "POST /api/v4/tasks",
];

fn writes(app: &TestApp) -> [u64; 3] {
    WRITES.map(|w| app.fake.count(w))
}

/// The sheet's `seen` value on the card.
fn seen(card: &Card) -> String {
    let at = card.body.find("name=\"seen\"").expect("a seen field");
    let tag = &card.body[card.body[..at].rfind('<').unwrap_or(at)..];
    let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
    attr_values(tag, "value")[0].to_owned()
}

async fn send(app: &TestApp, card: &Card, key: u32, parts: &[(&str, &str)]) -> ActionOutcome {
    let mut form = vec![
        (field::CSRF, card.csrf.clone()),
        (field::KEY, action_key(key)),
    ];
    form.extend(parts.iter().map(|(k, v)| (*k, (*v).to_owned())));
    app.call_fn(&card.client, endpoint::WRAP_UP, &form).await
}

fn lead(app: &TestApp) -> Value {
    app.fake.record("leads", LEAD_RU).expect("the sample lead")
}

#[tokio::test]
async fn the_full_update_is_three_writes_and_lands_every_part() {
    let app = spawn(Spawn::app()).await;
    let card = app.open(Open::lead(LEAD_RU).user(USER_ANNA)).await.ok();
    assert_eq!(card.body.matches(mark::WRAP_UP).count(), 1, "one control");
    let seen = seen(&card);
    let full = [
        ("note", "Договорились о поставке в марте"),
        ("status_id", "12"),
        ("price", "2 000 000"),
        ("task_type", "1"),
        ("task_due", ""),
        ("seen", seen.as_str()),
    ];
    assert_eq!(send(&app, &card, 1, &full).await, ActionOutcome::Done);
    assert_eq!(writes(&app), [1, 1, 1]);
    let now = lead(&app);
    assert_eq!(
        (now["status_id"].as_i64(), now["price"].as_i64()),
        (Some(12), Some(2_000_000))
    );
    assert!(app
        .fake
        .notes()
        .iter()
        .any(|n| n["params"]["text"] == "Договорились о поставке в марте"));
    let task = app.fake.tasks().into_iter().last().expect("a task");
    assert_eq!(
        (task["text"].as_str(), task["task_type_id"].as_i64()),
        (Some("Связаться"), Some(1))
    );
    // The same key again writes nothing more.
    assert_eq!(send(&app, &card, 1, &full).await, ActionOutcome::Done);
    assert_eq!(writes(&app), [1, 1, 1]);
}

#[tokio::test]
async fn bad_parts_are_named_and_nothing_is_written() {
    let app = spawn(Spawn::app()).await;
    let card = app.open(Open::lead(LEAD_RU).user(USER_ANNA)).await.ok();
    let seen = seen(&card);
    let note = ("note", "Будет отправлено только вместе");
    let long = "я".repeat(amo_mobile_card::model::NOTE_MAX_CHARS + 1);
    let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
        (vec![], "note"),
        (vec![("note", "   ")], "note"),
        (vec![("note", long.as_str())], "note"),
        (vec![note, ("price", "дорого"), ("seen", &seen)], "price"),
        (
            vec![note, ("task_text", "Позвонить"), ("task_due", "2020-01-01")],
            "task_due",
        ),
        (
            vec![note, ("task_text", "Позвонить"), ("task_due", "завтра")],
            "task_due",
        ),
        (vec![note, ("status_id", "20"), ("seen", &seen)], "status"),
        (
            vec![
                note,
                ("status_id", "143"),
                ("confirmed", "true"),
                ("loss_reason", "999"),
                ("seen", &seen),
            ],
            field::LOSS_REASON,
        ),
        (vec![note, ("status_id", "13"), ("seen", &seen)], "cf_114"),
        (vec![note, ("task_type", "555")], "task_type"),
    ];
    for (n, (parts, named)) in cases.iter().enumerate() {
        let answer = send(&app, &card, 10 + n as u32, parts).await;
        assert_eq!(
            invalid_field(&answer),
            Some(*named),
            "{parts:?}: {answer:?}"
        );
    }
    assert_eq!(writes(&app), [0, 0, 0], "nothing written");
}

#[tokio::test]
async fn a_failed_task_is_retried_alone_with_the_same_key() {
    let app = spawn(Spawn::app()).await;
    let card = app.open(Open::lead(LEAD_RU).user(USER_ANNA)).await.ok();
    let seen = seen(&card);
    let full = [
        ("note", "Итоги встречи"),
        ("status_id", "12"),
        ("task_text", "Отправить КП"),
        ("seen", seen.as_str()),
    ];
    app.fake.fail_next_writes_to("POST /api/v4/tasks", 1);
    match send(&app, &card, 1, &full).await {
        ActionOutcome::Partial { message } => {
            assert!(
                message.starts_with("Сохранено: этап и бюджет, заметка."),
                "{message}"
            );
            assert!(message.contains("Не сохранено: задача"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(writes(&app), [1, 1, 1]);
    // The retry (same key; the lead moved since, as this very submission did)
    // writes only the task.
    assert_eq!(send(&app, &card, 1, &full).await, ActionOutcome::Done);
    assert_eq!(writes(&app), [1, 1, 2]);
    assert_eq!(app.fake.notes().len(), 1);
}

#[tokio::test]
async fn an_unanswered_note_is_not_written_again() {
    let app = spawn(Spawn::app()).await;
    let card = app.open(Open::lead(LEAD_RU).user(USER_ANNA)).await.ok();
    let parts = [
        ("note", "Может быть сохранена"),
        ("task_text", "Перезвонить"),
    ];
    app.fake.lose_answers_to_next_writes(1);
    match send(&app, &card, 1, &parts).await {
        ActionOutcome::Partial { message } => {
            assert!(message.contains("Сохранено: задача."), "{message}");
            assert!(
                message.contains("Возможно, сохранено: заметка"),
                "{message}"
            );
        }
        other => panic!("{other:?}"),
    }
    // Sent again with the same key: the same answer, and nothing sent twice.
    match send(&app, &card, 1, &parts).await {
        ActionOutcome::Partial { message } => {
            assert!(
                message.contains("Возможно, сохранено: заметка"),
                "{message}"
            )
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(app.fake.count(WRITES[1]), 1, "the note was sent once");
    assert_eq!(app.fake.count(WRITES[2]), 1, "the task was sent once");
}

#[tokio::test]
async fn a_deal_changed_since_the_card_opened_is_not_overwritten() {
    let app = spawn(Spawn::app()).await;
    let card = app.open(Open::lead(LEAD_RU).user(USER_ANNA)).await.ok();
    let seen = seen(&card);
    let stale = (seen.parse::<i64>().unwrap() - 60).to_string();
    let parts = [
        ("note", "Заметка"),
        ("price", "100"),
        ("seen", stale.as_str()),
    ];
    match send(&app, &card, 1, &parts).await {
        ActionOutcome::Conflict { seen: now, .. } => assert_eq!(now.to_string(), seen),
        other => panic!("{other:?}"),
    }
    assert_eq!(writes(&app), [0, 0, 0]);
    // The budget sent as it already is writes no update.
    let price = lead(&app)["price"].as_i64().unwrap().to_string();
    let same = [
        ("note", "Без изменения бюджета"),
        ("price", price.as_str()),
        ("seen", seen.as_str()),
    ];
    assert_eq!(send(&app, &card, 2, &same).await, ActionOutcome::Done);
    assert_eq!(writes(&app), [0, 1, 0]);
}

#[tokio::test]
async fn rights_and_customers() {
    let app = spawn(Spawn::app()).await;
    // Olga sees everything and changes nothing: no control, and a post is refused.
    let olga = app.open(Open::lead(LEAD_RU).user(USER_OLGA)).await.ok();
    assert!(!olga.body.contains(mark::WRAP_UP));
    let answer = send(&app, &olga, 1, &[("note", "Не моя сделка")]).await;
    assert!(matches!(answer, ActionOutcome::Failed { .. }), "{answer:?}");
    assert_eq!(writes(&app), [0, 0, 0]);
    // A customer: note, next purchase and a task; no stage.
    let customer = app
        .open(Open::customer(CUSTOMER).user(USER_ANNA))
        .await
        .ok();
    let seen = seen(&customer);
    let stage = [("status_id", "12"), ("seen", seen.as_str())];
    assert_eq!(
        invalid_field(&send(&app, &customer, 2, &stage).await),
        Some("status")
    );
    let parts = [
        ("note", "Купят в апреле"),
        ("price", "90000"),
        ("next_date", "2027-04-01"),
        ("task_text", "Напомнить о закупке"),
        ("seen", seen.as_str()),
    ];
    assert_eq!(send(&app, &customer, 3, &parts).await, ActionOutcome::Done);
    let now = app.fake.record("customers", CUSTOMER).unwrap();
    assert_eq!(now["next_price"].as_i64(), Some(90_000));
    assert_eq!(app.fake.count("PATCH /api/v4/customers/{id}"), 1);
    // The same amount and day sent again (a prefilled sheet) are no change.
    let again = app
        .open(Open::customer(CUSTOMER).user(USER_ANNA))
        .await
        .ok();
    let seen = self::seen(&again);
    let same = [
        ("note", "Без изменений в покупке"),
        ("price", "90000"),
        ("next_date", "2027-04-01"),
        ("seen", seen.as_str()),
    ];
    assert_eq!(send(&app, &again, 4, &same).await, ActionOutcome::Done);
    assert_eq!(app.fake.count("PATCH /api/v4/customers/{id}"), 1);
}

#[tokio::test]
async fn each_part_alone_is_one_write_and_counted_by_part() {
    let app = spawn(Spawn::app().env(&[("METRICS_ADDR", "127.0.0.1:0")])).await;
    let card = app.open(Open::lead(LEAD_RU).user(USER_ANNA)).await.ok();
    let seen = seen(&card);
    type Parts<'a> = &'a [(&'a str, &'a str)];
    let alone: [(Parts, [u64; 3]); 3] = [
        (&[("note", "Только заметка")], [0, 1, 0]),
        (
            &[("task_text", "Только задача"), ("task_due", "")],
            [0, 1, 1],
        ),
        (&[("status_id", "12"), ("seen", seen.as_str())], [1, 1, 1]),
    ];
    for (n, (parts, after)) in alone.iter().enumerate() {
        assert_eq!(
            send(&app, &card, 1 + n as u32, parts).await,
            ActionOutcome::Done
        );
        assert_eq!(writes(&app), *after, "{parts:?}");
    }
    let metrics = crate::helpers::scrape(&app).await;
    for part in ["wrap-up-record", "wrap-up-note", "wrap-up-task"] {
        let line = format!("amo_card_quick_actions_total{{kind=\"{part}\",outcome=\"done\"}} 1");
        assert!(metrics.contains(&line), "{line}");
    }
    assert!(metrics.contains("amo_card_quick_actions_total{kind=\"wrap-up\",outcome=\"done\"} 3"));
}
