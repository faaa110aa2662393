//! In the field: the record's recent history and logging a call.

use amo_mobile_card::contract::endpoint;
use amo_mobile_card::demo::fixtures::{ACCOUNT_ID, CUSTOMER, LEAD_RU, USER_ANNA, USER_OLGA};
use serde_json::{json, Value};

use crate::helpers::{action_key, csrf_of, spawn, Card, Open, Spawn, TestApp};
use crate::helpers::{assert_page, invalid_field, problem};
use amo_mobile_card::contract::ActionOutcome;
use amo_mobile_card::model::CardProblem;

const NOTES: &str = "GET /api/v4/{entity}/{id}/notes";

#[tokio::test]
async fn the_card_shows_the_five_newest_entries_for_one_more_call() {
    let app = spawn(Spawn::app()).await;
    let (status, body) = app.open(Open::lead(LEAD_RU)).await.page();
    assert_page(status, &body, 200, "ok");
    assert_eq!(app.fake.count(NOTES), 1);
    for id in [40_008, 40_007, 40_006, 40_005, 40_004] {
        assert!(
            body.contains(&format!("data-note-id=\"{id}\"")),
            "{id} shown"
        );
    }
    assert!(
        !body.contains("data-note-id=\"40003\""),
        "the sixth waits for show more"
    );
    // Newest first.
    let at = |id: i64| body.find(&format!("data-note-id=\"{id}\"")).unwrap();
    assert!(at(40_008) < at(40_007) && at(40_007) < at(40_004));
    // A call: direction, number, duration, outcome.
    for needle in [
        "Исходящий звонок",
        "href=\"tel:+79001234567\"",
        "1 мин 35 с",
        "Перезвонить позже · Просили перезвонить в пятницу",
        "Не дозвонился",
    ] {
        assert!(body.contains(needle), "missing {needle:?}");
    }
    // Text stays text; links only from safe values; long texts fold.
    assert!(!body.contains("<img src=x") && body.contains("&lt;img src=x"));
    assert!(!body.contains("href=\"javascript:"));
    assert!(body.contains("class=\"fold\"") && body.contains("Читать полностью"));
    assert!(body.contains("Показать ещё"));
}

#[tokio::test]
async fn show_more_loads_the_next_page_until_the_end() {
    let app = spawn(Spawn::app()).await;
    let Card {
        client: webview,
        csrf,
        ..
    } = app.open(Open::lead(LEAD_RU)).await;
    let more: Value = app
        .call_json(
            &webview,
            endpoint::HISTORY_PAGE,
            &[("csrf", csrf.clone()), ("page", "2".into())],
        )
        .await;
    let html = more["html"].as_str().unwrap();
    assert!(html.contains("Отправила КП") && html.contains("Заявка с сайта"));
    assert!(html.contains("Входящий звонок") && html.contains("5 мин 12 с"));
    assert!(!html.contains("Обещали скидку"), "page 1 is not repeated");
    assert_eq!(more["next_page"], Value::Null, "eight entries: two pages");
    // A customer's history, and a stale page asks for nothing it should not.
    let Card {
        client: webview,
        csrf,
        ..
    } = app.open(Open::customer(CUSTOMER)).await;
    let page = |csrf: String, page: &str| {
        webview
            .post(format!("{}{}", app.address, endpoint::HISTORY_PAGE))
            .header("origin", app.address.clone())
            .form(&[("csrf", csrf), ("page", page.to_owned())])
            .send()
    };
    // The client's mistakes are 4xx, not server errors.
    assert_eq!(page(csrf.clone(), "0").await.unwrap().status(), 400);
    assert_eq!(page(csrf.clone(), "1001").await.unwrap().status(), 400);
    assert_eq!(page("forged".into(), "2").await.unwrap().status(), 401);
}

fn call_form(
    csrf: &str,
    n: u32,
    phone: &str,
    status: &str,
    follow_up: &str,
) -> Vec<(&'static str, String)> {
    vec![
        ("csrf", csrf.to_owned()),
        ("key", action_key(n)),
        ("call[phone]", phone.to_owned()),
        ("call[name]", "Иван Петров".to_owned()),
        ("call[duration]", "95".to_owned()),
        ("call[status]", status.to_owned()),
        ("call[comment]", "Договорились о встрече".to_owned()),
        ("call[follow_up]", follow_up.to_owned()),
    ]
}

async fn log_call(
    app: &TestApp,
    webview: &reqwest::Client,
    form: &[(&str, String)],
) -> ActionOutcome {
    app.call_fn(webview, endpoint::LOG_CALL, form).await
}

#[tokio::test]
async fn a_logged_call_is_a_call_out_note_and_a_task_sent_once() {
    let app = spawn(Spawn::app()).await;
    let tasks_before = app.fake.tasks().len();
    let Card {
        client: webview,
        csrf,
        ..
    } = app.open(Open::lead(LEAD_RU)).await;
    let form = call_form(&csrf, 1, "+7 900 123-45-67", "4", "tomorrow");
    assert_eq!(log_call(&app, &webview, &form).await, ActionOutcome::Done);
    // A double tap sends the same key: nothing twice.
    assert_eq!(
        log_call(&app, &webview, &form).await,
        ActionOutcome::Duplicate
    );
    // One request: the call note with exactly the params amoCRM's docs list
    // for it, and the outcome as a common note beside it.
    assert_eq!(app.fake.count("POST /api/v4/{entity}/{id}/notes"), 1);
    let notes = app.fake.notes();
    assert_eq!(notes.len(), 2);
    let note = &notes[0];
    assert_eq!(note["note_type"], "call_out");
    assert_eq!(note["created_by"], USER_ANNA);
    assert_eq!(note["responsible_user_id"], USER_ANNA);
    let p = &note["params"];
    let mut keys: Vec<&str> = p.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        ["call_responsible", "duration", "phone", "source", "uniq"]
    );
    assert_eq!(p["uniq"], json!(action_key(1)));
    assert_eq!(p["duration"], 95);
    assert_eq!(p["source"], "amo-mobile-card");
    assert_eq!(p["phone"], "+7 900 123-45-67");
    assert_eq!(p["call_responsible"], USER_ANNA);
    assert_eq!(notes[1]["note_type"], "common");
    assert_eq!(notes[1]["created_by"], USER_ANNA);
    let result = notes[1]["params"]["text"].as_str().unwrap();
    assert!(
        result.starts_with("Разговор состоялся. Договорились о встрече."),
        "{result}"
    );
    assert!(
        result.contains("оценена"),
        "the duration is labelled an estimate: {result}"
    );
    let tasks = app.fake.tasks();
    assert_eq!(tasks.len(), tasks_before + 1);
    let task = tasks.last().unwrap();
    // Everyone who sees the lead sees the task: no name, no number in it.
    assert_eq!(task["text"], "Перезвонить после звонка");
    assert_eq!(task["entity_id"], LEAD_RU);
    // The logged call is now the newest history entry.
    let (_, body) = app.open(Open::lead(LEAD_RU)).await.page();
    assert!(body.find("Договорились о встрече").unwrap() < body.find("Обещали скидку").unwrap());
}

#[tokio::test]
async fn bad_call_input_is_refused_and_nothing_is_sent() {
    let app = spawn(Spawn::app()).await;
    let Card {
        client: webview,
        csrf,
        ..
    } = app.open(Open::lead(LEAD_RU)).await;
    for (n, (phone, status, follow_up, field)) in [
        ("javascript:alert(1)", "4", "none", "phone"),
        ("", "4", "none", "phone"),
        ("+7 900 123-45-67", "9", "none", "status"),
        ("+7 900 123-45-67", "0", "none", "status"),
        ("+7 900 123-45-67", "4", "custom", "follow_up"),
        ("+7 900 123-45-67", "4", "someday", "follow_up"),
    ]
    .into_iter()
    .enumerate()
    {
        let form = call_form(&csrf, n as u32, phone, status, follow_up);
        let outcome = log_call(&app, &webview, &form).await;
        assert_eq!(
            invalid_field(&outcome),
            Some(field),
            "{phone} {status} {follow_up}: {outcome:?}"
        );
    }
    let mut long = call_form(&csrf, 50, "+7 900 123-45-67", "4", "none");
    long[6].1 = "я".repeat(1001);
    assert_eq!(
        invalid_field(&log_call(&app, &webview, &long).await),
        Some("comment")
    );
    assert!(app.fake.notes().is_empty());
    assert_eq!(app.fake.count("POST /api/v4/{entity}/{id}/notes"), 0);
}

#[tokio::test]
async fn without_edit_rights_no_call_is_logged() {
    let app = spawn(Spawn::app()).await;
    let Card {
        status: _,
        body,
        client: webview,
        ..
    } = app.open(Open::lead(LEAD_RU).user(USER_OLGA)).await;
    assert!(
        !body.contains("class=\"call-log\""),
        "the sheet is not even on the page"
    );
    let form = call_form(&csrf_of(&body), 1, "+7 900 123-45-67", "4", "none");
    let outcome = log_call(&app, &webview, &form).await;
    assert_eq!(
        problem(&outcome),
        Some(CardProblem::NoRights),
        "{outcome:?}"
    );
    assert_eq!(app.fake.count("POST /api/v4/{entity}/{id}/notes"), 0);
}

#[tokio::test]
async fn the_fake_takes_call_notes_as_amocrm_documents_them() {
    let app = spawn(Spawn::app()).await;
    let pool = sqlx::PgPool::connect(&app.database_url).await.unwrap();
    let (_, token) = app.accounts(pool).access_token(ACCOUNT_ID).await.unwrap();
    let base = app.settings.api_base_url.clone().expect("fake base");
    let http = reqwest::Client::new();
    let post = |params: serde_json::Value| {
        http.post(format!("{base}api/v4/leads/{LEAD_RU}/notes"))
            .bearer_auth(&token)
            .json(&json!([{"note_type": "call_out", "params": params}]))
            .send()
    };
    let code = |body: serde_json::Value| {
        body["validation-errors"][0]["errors"][0]["code"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    };
    // Params the note type does not take (they belong to the Calls API).
    let extra = post(
        json!({"uniq": "u1", "duration": 5, "source": "s", "phone": "+7 900",
        "call_status": 4, "call_result": "ok"}),
    )
    .await
    .unwrap();
    assert_eq!(extra.status(), 400);
    assert_eq!(code(extra.json().await.unwrap()), "FieldNotExpected");
    // Duration and source are required.
    for missing in ["duration", "source"] {
        let mut params = json!({"uniq": "u2", "duration": 5, "source": "s", "phone": "+7 900"});
        params.as_object_mut().unwrap().remove(missing);
        let res = post(params).await.unwrap();
        assert_eq!(res.status(), 400, "{missing}");
        assert_eq!(code(res.json().await.unwrap()), "FieldMissing");
    }
    let ok = post(
        json!({"uniq": "u3", "duration": 5, "source": "s", "phone": "+7 900",
        "link": "https://example.com/r.mp3", "call_responsible": USER_ANNA}),
    )
    .await
    .unwrap();
    assert_eq!(ok.status(), 200);
    assert_eq!(app.fake.notes().len(), 1);
}
