//! Editing a field from the card (#29): each type reaches amoCRM as amoCRM
//! documents it (the fake refuses anything else), rights are read again at
//! write time, a change made in amoCRM since the card opened is reported and
//! not overwritten, and a double submit or a retry writes once.

use amo_mobile_card::contract::endpoint;
use amo_mobile_card::contract::mark;
use amo_mobile_card::contract::ActionOutcome;
use amo_mobile_card::demo::fixtures::{
    CUSTOMER, LEAD_PAVEL, LEAD_RU, USER_ANNA, USER_OLEG, USER_OLGA, USER_PAVEL,
};
use amo_mobile_card::model::CardProblem;
use serde_json::{json, Value};

use crate::helpers::{
    action_key, attr_values, invalid_field, marked, message, problem, spawn, Card, Open, Spawn,
    TestApp,
};

/// Rights are read again before every write.
const RECHECK: &[(&str, &str)] = &[
    ("AMO_RIGHTS_RECHECK_SECS", "0"),
    ("METRICS_ADDR", "127.0.0.1:0"),
];
const LEAD_PATCH: &str = "PATCH /api/v4/leads/{id}";
const CUSTOMER_PATCH: &str = "PATCH /api/v4/customers/{id}";

/// The `seen` the card rendered into the edit form of `field`.
fn seen_of(body: &str, field: &str) -> String {
    let at = body
        .find(&marked(mark::EDITABLE, field))
        .unwrap_or_else(|| panic!("no editable {field}"));
    let rest = &body[at..];
    let from = rest.find("name=\"seen\" value=\"").expect("seen") + 19;
    rest[from..from + rest[from..].find('"').unwrap()].to_owned()
}

async fn edit(
    app: &TestApp,
    card: &Card,
    n: u32,
    field: &str,
    value: &str,
    seen: &str,
) -> ActionOutcome {
    let form = [
        ("csrf", card.csrf.clone()),
        ("key", action_key(n)),
        ("field", field.to_owned()),
        ("value", value.to_owned()),
        ("seen", seen.to_owned()),
    ];
    app.call_fn(&card.client, endpoint::EDIT_FIELD, &form).await
}

/// Anna (admin) marks the sample lead's numeric, select, multiselect, date,
/// checkbox, text, textarea and URL fields editable (eight: a layout's most).
pub(crate) async fn editable_layout(app: &TestApp) {
    save_editable(app, 0, "110,101,102,103,105,111,109,107").await;
}

async fn save_editable(app: &TestApp, version: i32, ids: &str) {
    save_layout(app, version, ids, "").await;
}

/// Saves Anna's layout for pipeline 1: `ids` shown first and editable,
/// `header` (a field id, or empty) beside the price.
pub(crate) async fn save_layout(app: &TestApp, version: i32, ids: &str, header: &str) {
    let anna = app.open(Open::lead(LEAD_RU).user(USER_ANNA)).await.ok();
    let form = [
        ("csrf", anna.csrf.clone()),
        ("key", action_key(900 + version as u32)),
        ("scope", "pipeline:1".to_owned()),
        ("version", version.to_string()),
        ("fields", ids.to_owned()),
        ("header", header.to_owned()),
        ("sections", String::new()),
        ("editable", ids.to_owned()),
    ];
    let outcome = app
        .call_fn(&anna.client, endpoint::SAVE_LAYOUT, &form)
        .await;
    assert_eq!(outcome, ActionOutcome::Done);
}

/// Text with its no-break spaces (digit grouping) read as plain spaces.
fn plain(text: &str) -> String {
    text.replace(['\u{a0}', '\u{202f}'], " ")
}

fn field_values(record: &Value, id: i64) -> Value {
    record["custom_fields_values"]
        .as_array()
        .and_then(|l| l.iter().find(|f| f["field_id"] == json!(id)))
        .map(|f| f["values"].clone())
        .unwrap_or(Value::Null)
}

#[tokio::test]
async fn each_type_reaches_amocrm_as_documented_and_names_the_user() {
    let app = spawn(Spawn::app().env(RECHECK)).await;
    editable_layout(&app).await;
    let card = app.open(Open::lead(LEAD_RU).user(USER_ANNA)).await.ok();
    let mut editable = attr_values(&card.body, mark::EDITABLE);
    editable.sort_unstable();
    assert_eq!(
        editable,
        ["101", "102", "103", "105", "107", "109", "110", "111", "price"]
    );
    // The empty text field shows, so that it can be filled in.
    assert!(card.body.contains("Пустое поле"));
    let cases: [(&str, &str, Value); 9] = [
        ("price", "2 000 000", json!(2_000_000)),
        ("110", "99,5", json!([{"value": "99.5"}])),
        ("101", "4", json!([{"value": "Звонок", "enum_id": 4}])),
        (
            "102",
            "6,2",
            json!([{"value": "Проектирование", "enum_id": 6}, {"value": "Монтаж", "enum_id": 2}]),
        ),
        ("103", "2026-12-24", json!([{"value": 1_798_059_600}])),
        ("105", "false", json!([{"value": false}])),
        (
            "111",
            "Пропуск на въезд",
            json!([{"value": "Пропуск на въезд"}]),
        ),
        (
            "109",
            "Две строки\nвторая",
            json!([{"value": "Две строки\nвторая"}]),
        ),
        (
            "107",
            "https://example.org/new",
            json!([{"value": "https://example.org/new"}]),
        ),
    ];
    for (n, (field, value, want)) in cases.into_iter().enumerate() {
        let seen = app.fake.record("leads", LEAD_RU).unwrap()["updated_at"].to_string();
        let outcome = edit(&app, &card, n as u32 + 1, field, value, &seen).await;
        assert_eq!(outcome, ActionOutcome::Done, "{field}");
        let lead = app.fake.record("leads", LEAD_RU).unwrap();
        let got = match field {
            "price" => lead["price"].clone(),
            id => field_values(&lead, id.parse().unwrap()),
        };
        assert_eq!(got, want, "{field}");
        assert_eq!(lead["updated_by"], json!(USER_ANNA), "{field}");
    }
    assert_eq!(app.fake.count(LEAD_PATCH), 9);
    // Date and time: the ninth type, in a layout of its own.
    save_editable(&app, 1, "104").await;
    let seen = app.fake.record("leads", LEAD_RU).unwrap()["updated_at"].to_string();
    let card = app.open(Open::lead(LEAD_RU).user(USER_ANNA)).await.ok();
    let outcome = edit(&app, &card, 19, "104", "2026-12-24T14:30", &seen).await;
    assert_eq!(outcome, ActionOutcome::Done);
    let lead = app.fake.record("leads", LEAD_RU).unwrap();
    assert_eq!(field_values(&lead, 104), json!([{"value": 1_798_111_800}]));
    // An empty value clears an optional field.
    let seen = app.fake.record("leads", LEAD_RU).unwrap()["updated_at"].to_string();
    assert_eq!(
        edit(&app, &card, 20, "104", "", &seen).await,
        ActionOutcome::Done
    );
    assert_eq!(
        field_values(&app.fake.record("leads", LEAD_RU).unwrap(), 104),
        Value::Null
    );
    // The card shows the new values.
    let again = app.card_again(&card.client).await;
    assert!(plain(&again).contains("2 000 000"), "the new budget shows");
    assert!(again.contains("Звонок"));
    // Counted by type and outcome; never a value.
    let metrics = reqwest::get(format!("{}/metrics", app.metrics_address.as_ref().unwrap()))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        metrics.contains("amo_card_field_edits_total{field_type=\"select\",outcome=\"done\"} 1")
    );
    assert!(metrics.contains("amo_card_quick_actions_total{kind=\"edit\",outcome=\"done\"} 11"));
    assert!(
        metrics.contains("amo_card_field_edits_total{field_type=\"date_time\",outcome=\"done\"} 2")
    );
    assert!(!metrics.contains("Звонок"));
}

#[tokio::test]
async fn a_customers_next_purchase_is_edited() {
    let app = spawn(Spawn::app().env(RECHECK)).await;
    let card = app
        .open(Open::customer(CUSTOMER).user(USER_ANNA))
        .await
        .ok();
    let mut editable = attr_values(&card.body, mark::EDITABLE);
    editable.sort_unstable();
    assert_eq!(editable, ["next_date", "next_price"]);
    let seen = seen_of(&card.body, "next_price");
    assert_eq!(
        edit(&app, &card, 1, "next_price", "150000", &seen).await,
        ActionOutcome::Done
    );
    let seen = app.fake.record("customers", CUSTOMER).unwrap()["updated_at"].to_string();
    assert_eq!(
        edit(&app, &card, 2, "next_date", "2026-12-24", &seen).await,
        ActionOutcome::Done
    );
    let c = app.fake.record("customers", CUSTOMER).unwrap();
    assert_eq!(
        (c["next_price"].clone(), c["next_date"].clone()),
        (json!(150_000), json!(1_798_059_600))
    );
    assert_eq!(c["updated_by"], json!(USER_ANNA));
    assert_eq!(app.fake.count(CUSTOMER_PATCH), 2);
    // A lead's field on a customer, and an empty date, are refused.
    let seen = c["updated_at"].to_string();
    let wrong = edit(&app, &card, 3, "price", "1", &seen).await;
    assert_eq!(invalid_field(&wrong), Some("field"));
    let empty = edit(&app, &card, 4, "next_date", "", &seen).await;
    assert_eq!(invalid_field(&empty), Some("value"));
    assert_eq!(app.fake.count(CUSTOMER_PATCH), 2);
}

#[tokio::test]
async fn users_who_may_not_edit_see_no_edit_and_are_refused_with_nothing_written() {
    let app = spawn(Spawn::app().env(RECHECK)).await;
    editable_layout(&app).await;
    // Olga may view every lead and edit none.
    let olga = app.open(Open::lead(LEAD_RU).user(USER_OLGA)).await.ok();
    assert!(attr_values(&olga.body, mark::EDITABLE).is_empty());
    let seen = app.fake.record("leads", LEAD_RU).unwrap()["updated_at"].to_string();
    let refused = edit(&app, &olga, 1, "price", "1", &seen).await;
    assert_eq!(problem(&refused), Some(CardProblem::NoRights));
    // Oleg may edit leads, but not in the won stage of pipeline 1.
    app.fake
        .change_record("leads", LEAD_PAVEL, "status_id", json!(142));
    let oleg = app.open(Open::lead(LEAD_PAVEL).user(USER_OLEG)).await.ok();
    assert!(attr_values(&oleg.body, mark::EDITABLE).is_empty());
    let seen = app.fake.record("leads", LEAD_PAVEL).unwrap()["updated_at"].to_string();
    let refused = edit(&app, &oleg, 2, "price", "1", &seen).await;
    assert_eq!(problem(&refused), Some(CardProblem::NoRights));
    // Pavel may edit his own lead: while it is his, and not once it is taken away.
    app.fake
        .change_record("leads", LEAD_PAVEL, "status_id", json!(10));
    let pavel = app.open(Open::lead(LEAD_PAVEL).user(USER_PAVEL)).await.ok();
    assert!(attr_values(&pavel.body, mark::EDITABLE).contains(&"price"));
    app.fake.set_lead_responsible(LEAD_PAVEL, USER_ANNA);
    let seen = app.fake.record("leads", LEAD_PAVEL).unwrap()["updated_at"].to_string();
    let refused = edit(&app, &pavel, 3, "price", "1", &seen).await;
    assert_eq!(problem(&refused), Some(CardProblem::NoRights));
    // A hand-made post for a field the layout does not make editable (108 is
    // an address, 112 not a key field), or one that does not exist.
    let anna = app.open(Open::lead(LEAD_RU).user(USER_ANNA)).await.ok();
    let seen = app.fake.record("leads", LEAD_RU).unwrap()["updated_at"].to_string();
    for (n, field) in ["108", "112", "999", "budget", "next_price"]
        .into_iter()
        .enumerate()
    {
        let refused = edit(&app, &anna, 10 + n as u32, field, "1", &seen).await;
        assert_eq!(invalid_field(&refused), Some("field"), "{field}");
    }
    assert_eq!(app.fake.count(LEAD_PATCH), 0);
}

#[tokio::test]
async fn bad_values_are_explained_in_the_users_language_and_write_nothing() {
    let app = spawn(Spawn::app().env(RECHECK)).await;
    editable_layout(&app).await;
    let card = app.open(Open::lead(LEAD_RU).user(USER_ANNA)).await.ok();
    let seen = app.fake.record("leads", LEAD_RU).unwrap()["updated_at"].to_string();
    let cases = [
        ("price", "сто", "Это не число"),
        ("price", "-5", "Допустимо от 0 до 2147483647"),
        ("price", "12,5", "целым"),
        ("110", "12abc", "Это не число"),
        ("101", "2", "не вариант этого поля"),
        ("102", "2,99", "«99»"),
        ("103", "24.12.2026", "ГГГГ-ММ-ДД"),
        ("105", "maybe", "«Да» или «Нет»"),
        ("107", "ftp://example.org", "http://"),
    ];
    for (n, (field, value, says)) in cases.into_iter().enumerate() {
        let outcome = edit(&app, &card, n as u32 + 1, field, value, &seen).await;
        assert_eq!(invalid_field(&outcome), Some("value"), "{field} {value}");
        assert!(
            message(&outcome).contains(says),
            "{field}: {}",
            message(&outcome)
        );
    }
    let long = "я".repeat(257);
    let outcome = edit(&app, &card, 30, "111", &long, &seen).await;
    assert!(message(&outcome).contains("256"), "{}", message(&outcome));
    let outcome = edit(&app, &card, 31, "price", "1", "yesterday").await;
    assert_eq!(invalid_field(&outcome), Some("seen"));
    // A field deleted in amoCRM after the card opened.
    app.fake.delete_custom_field(110);
    let outcome = edit(&app, &card, 32, "110", "5", &seen).await;
    assert_eq!(invalid_field(&outcome), Some("field"));
    assert!(message(&outcome).contains("больше нет"));
    assert_eq!(app.fake.count(LEAD_PATCH), 0);
}

#[tokio::test]
async fn a_change_made_in_amocrm_after_the_card_opened_is_reported_not_overwritten() {
    let app = spawn(Spawn::app().env(RECHECK)).await;
    let card = app.open(Open::lead(LEAD_RU).user(USER_ANNA)).await.ok();
    let seen = seen_of(&card.body, "price");
    app.fake
        .change_record("leads", LEAD_RU, "price", json!(1_700_000));
    let outcome = edit(&app, &card, 1, "price", "2000000", &seen).await;
    let ActionOutcome::Conflict { message, seen: now } = outcome else {
        panic!("not a conflict: {outcome:?}");
    };
    assert!(
        message.contains("Эта сделка изменилась в amoCRM"),
        "{message}"
    );
    assert!(
        plain(&message).contains("1 700 000"),
        "the current value: {message}"
    );
    assert!(message.contains("2000000"), "the user's value: {message}");
    assert_eq!(app.fake.count(LEAD_PATCH), 0);
    assert_eq!(
        app.fake.record("leads", LEAD_RU).unwrap()["price"],
        json!(1_700_000)
    );
    // Applied to the current record: the same edit with the new `seen`.
    let outcome = edit(&app, &card, 2, "price", "2000000", &now.to_string()).await;
    assert_eq!(outcome, ActionOutcome::Done);
    assert_eq!(
        app.fake.record("leads", LEAD_RU).unwrap()["price"],
        json!(2_000_000)
    );
}

#[tokio::test]
async fn a_double_submit_writes_once_and_a_retry_after_a_failure_writes() {
    let app = spawn(Spawn::app().env(RECHECK)).await;
    let card = app.open(Open::lead(LEAD_RU).user(USER_ANNA)).await.ok();
    let seen = seen_of(&card.body, "price");
    assert_eq!(
        edit(&app, &card, 1, "price", "10", &seen).await,
        ActionOutcome::Done
    );
    // The same key again: saved already, even though the record moved on.
    assert_eq!(
        edit(&app, &card, 1, "price", "10", &seen).await,
        ActionOutcome::Duplicate
    );
    assert_eq!(app.fake.count(LEAD_PATCH), 1);

    let seen = app.fake.record("leads", LEAD_RU).unwrap()["updated_at"].to_string();
    app.fake.fail_next_writes(1);
    let failed = edit(&app, &card, 2, "price", "20", &seen).await;
    assert_eq!(problem(&failed), Some(CardProblem::Unavailable));
    assert_eq!(
        app.fake.record("leads", LEAD_RU).unwrap()["price"],
        json!(10)
    );
    // The same key retried is really retried, and lands once.
    assert_eq!(
        edit(&app, &card, 2, "price", "20", &seen).await,
        ActionOutcome::Done
    );
    assert_eq!(
        app.fake.record("leads", LEAD_RU).unwrap()["price"],
        json!(20)
    );
    assert_eq!(app.fake.count(LEAD_PATCH), 3, "one failed, two written");
}

#[tokio::test]
async fn without_script_the_form_posts_and_the_card_says_so() {
    let app = spawn(Spawn::app().env(RECHECK)).await;
    editable_layout(&app).await;
    let card = app.open(Open::lead(LEAD_RU).user(USER_ANNA)).await.ok();
    let seen = seen_of(&card.body, "102");
    // A plain form: the multiselect's boxes post as `choices[]`.
    let form = [
        ("csrf", card.csrf.clone()),
        ("key", action_key(1)),
        ("field", "102".to_owned()),
        ("seen", seen),
        ("choices[]", "3".to_owned()),
        ("choices[]", "6".to_owned()),
    ];
    let res = card
        .client
        .post(format!("{}{}", app.address, endpoint::EDIT_FIELD))
        .header("origin", app.address.clone())
        .header("referer", format!("{}/", app.address))
        .header("accept", "text/html")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert!(res.status().is_redirection(), "{}", res.status());
    let lead = app.fake.record("leads", LEAD_RU).unwrap();
    assert_eq!(
        field_values(&lead, 102),
        json!([{"value": "Доставка", "enum_id": 3}, {"value": "Проектирование", "enum_id": 6}])
    );
    let again = app.card_again(&card.client).await;
    assert!(again.contains("Поле сохранено"), "the notice");
}

#[tokio::test]
async fn junk_edits_cost_amocrm_nothing_and_a_session_has_a_call_budget() {
    let app = spawn(Spawn::app().env(RECHECK)).await;
    editable_layout(&app).await;
    let card = app.open(Open::lead(LEAD_RU).user(USER_ANNA)).await.ok();
    let seen = seen_of(&card.body, "price");
    app.fake.reset_counts();
    // Twenty invalid values in a row: a budget that is not a number, a
    // numeric field given words.
    for n in 0..20 {
        let (field, value) = if n % 2 == 0 {
            ("price", "lots")
        } else {
            ("110", "many")
        };
        let outcome = edit(&app, &card, 100 + n, field, value, &seen).await;
        assert_eq!(invalid_field(&outcome), Some("value"), "{outcome:?}");
    }
    assert!(
        app.fake.api_calls() <= 2,
        "twenty junk edits cost {} amoCRM calls",
        app.fake.api_calls()
    );
    // Valid edits that find the record changed (no write) still cost calls:
    // past 90 calls a minute the session is refused, without a call.
    app.fake
        .change_record("leads", LEAD_RU, "price", json!(1_700_000));
    let mut refused = None;
    for n in 0..60 {
        let outcome = edit(&app, &card, 200 + n, "110", "5", &seen).await;
        if problem(&outcome) == Some(CardProblem::RateLimited) {
            refused = Some(n);
            break;
        }
        assert!(
            matches!(outcome, ActionOutcome::Conflict { .. }),
            "{outcome:?}"
        );
    }
    let Some(at) = refused else {
        panic!("60 edits and no budget")
    };
    let spent = app.fake.api_calls();
    assert!(
        (80..=100).contains(&spent),
        "refused after {at} edits, {spent} calls"
    );
    let again = edit(&app, &card, 300, "110", "5", &seen).await;
    assert_eq!(problem(&again), Some(CardProblem::RateLimited));
    assert_eq!(app.fake.api_calls(), spent, "a refused edit makes no call");
    assert_eq!(app.fake.count(LEAD_PATCH), 0);
}
