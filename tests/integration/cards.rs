use amo_mobile_card::demo::fake::Faults;
use amo_mobile_card::demo::fixtures::{
    hostile_name, ACCOUNT_NO_CUSTOMERS, CUSTOMER, LEAD_DELETED, LEAD_EN_WON, LEAD_HOSTILE,
    LEAD_LOST_BARE, LEAD_RU, USER_JOHN,
};
use amo_mobile_card::model::EntityKind;

use crate::helpers::assert_page;
use crate::helpers::{card_state, spawn, Open, Spawn};

#[tokio::test]
async fn lead_card_content() {
    let app = spawn(Spawn::app()).await;
    let (status, body) = app.open(Open::lead(LEAD_RU)).await.page();
    assert_page(status, &body, 200, "ok");
    for needle in [
        "Поставка оборудования для склада",
        "1\u{202f}500\u{202f}000\u{a0}₽",
        "Переговоры",
        "Продажи",
        "Анна Смирнова",
        "href=\"tel:+79001234567\"",
        "href=\"mailto:ivan@example.ru\"",
        "ООО «Ромашка»",
        "Позвонить и уточнить сроки",
        "overdue",
        "Показать все",
        "Монтаж, Доставка",
    ] {
        assert!(body.contains(needle), "missing {needle:?}");
    }
    // Main contact first.
    assert!(body.find("Иван Петров").unwrap() < body.find("Jane Doe").unwrap());
    // Empty fields hidden; unknown field types not dumped as JSON.
    assert!(!body.contains("Пустое поле"));
    assert!(!body.contains("Голограмма"));
}

#[tokio::test]
async fn warm_card_costs_at_most_seven_calls_and_no_metadata() {
    let app = spawn(Spawn::app()).await;
    let (_, body) = app.open(Open::lead(LEAD_RU)).await.page();
    assert_eq!(card_state(&body).as_deref(), Some("ok"));
    let cold = app.fake.api_calls();
    // Lead + metadata (account, pipelines, users, loss reasons), then
    // contacts, company, tasks, the history, the events, the contacts' chats,
    // the lead, contact and company field definitions (the stages' required
    // fields) and the pipeline's stage guidance.
    assert!(cold <= 15, "cold card made {cold} calls");
    app.fake.reset_counts();
    let (_, body) = app.open(Open::lead(LEAD_RU)).await.page();
    assert_eq!(card_state(&body).as_deref(), Some("ok"));
    assert!(
        app.fake.api_calls() <= 7,
        "warm card made {} calls",
        app.fake.api_calls()
    );
    for meta in [
        "GET /api/v4/account",
        "GET /api/v4/leads/pipelines",
        "GET /api/v4/users",
        "GET /api/v4/leads/pipelines/{id}/statuses",
        "GET /api/v4/contacts/custom_fields",
        "GET /api/v4/companies/custom_fields",
    ] {
        assert_eq!(app.fake.count(meta), 0, "{meta} on a warm card");
    }
    // A lead without contacts, company or tasks costs itself, its history and its events.
    app.fake.reset_counts();
    let (_, body) = app.open(Open::lead(LEAD_LOST_BARE)).await.page();
    assert_eq!(card_state(&body).as_deref(), Some("ok"));
    assert_eq!(app.fake.api_calls(), 3);
    assert!(body.contains("pill-lost"));
    let (_, body) = app.open(Open::lead(LEAD_EN_WON)).await.page();
    assert!(body.contains("pill-won"));
}

#[tokio::test]
async fn customer_card_content() {
    let app = spawn(Spawn::app()).await;
    let (status, body) = app.open(Open::customer(CUSTOMER)).await.page();
    assert_page(status, &body, 200, "ok");
    for needle in [
        "Сеть кофеен «Зерно»",
        "120\u{202f}000\u{a0}₽",
        "Постоянный",
        "30 дней",
        "LTV",
        "Средний чек",
        "Напомнить о закупке",
    ] {
        assert!(body.contains(needle), "missing {needle:?}");
    }
}

#[tokio::test]
async fn english_card_in_the_users_amocrm_language() {
    let app = spawn(Spawn::app()).await;
    // John's amoCRM profile is in English (Anna's in Russian).
    let mut claims = app.claims(EntityKind::Customer, CUSTOMER);
    claims["user_id"] = serde_json::json!(USER_JOHN);
    let token = app.token(&claims);
    let body = app
        .webview()
        .get(app.card_url(&token))
        .header("accept-language", "en-US,en;q=0.9")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for needle in ["Next purchase", "30 days", "Average check", "lang=\"en\""] {
        assert!(body.contains(needle), "missing {needle:?}");
    }
}

#[tokio::test]
async fn hostile_data_renders_escaped() {
    let app = spawn(Spawn::app()).await;
    let (_, body) = app.open(Open::lead(LEAD_HOSTILE)).await.page();
    assert_eq!(card_state(&body).as_deref(), Some("ok"));
    assert!(!body.contains("<script>alert"));
    assert!(!body.contains("<img src=x"));
    assert!(!body.contains("<b>тег</b>"));
    assert!(body.contains("&lt;script&gt;"));
    assert!(body.contains("😀🚀 مرحبا بالعالم"));
    assert!(!body.contains("href=\"javascript:"), "no javascript: links");
    assert!(!body.contains("tel:javascript"));
    assert!(hostile_name().chars().count() > 300);
}

#[tokio::test]
async fn every_problem_has_its_state() {
    let app = spawn(Spawn::app()).await;
    let (status, body) = app.open(Open::lead(LEAD_DELETED)).await.page();
    assert_page(status, &body, 404, "not-found");
    let (status, body) = app.open(Open::lead(777_777)).await.page();
    assert_page(status, &body, 404, "not-found");
    for (faults, state) in [
        (
            Faults {
                html_403: true,
                ..Default::default()
            },
            "no-access",
        ),
        (
            Faults {
                status: Some(500),
                ..Default::default()
            },
            "unavailable",
        ),
        (
            Faults {
                malformed_json: true,
                ..Default::default()
            },
            "unavailable",
        ),
        (
            Faults {
                status: Some(429),
                ..Default::default()
            },
            "rate-limited",
        ),
    ] {
        app.fake.set_faults(faults);
        let (status, body) = app.open(Open::lead(LEAD_RU)).await.page();
        // The record is read before the page starts: its status tells the failure.
        let expected = match state {
            "no-access" => 403,
            "rate-limited" => 429,
            _ => 503,
        };
        assert_eq!(status, expected, "{state}");
        assert_eq!(card_state(&body).as_deref(), Some(state));
        if state == "unavailable" || state == "rate-limited" {
            assert!(
                body.contains("<a href=\"/\" class=\"button\">"),
                "retry offered"
            );
        }
    }
    app.fake.set_faults(Faults::default());
    // Customers off in the account: explained, and the customer endpoint is never called.
    assert_eq!(app.install(ACCOUNT_NO_CUSTOMERS).await.status(), 200);
    app.fake.reset_counts();
    let (_, body) = app
        .open(Open::customer(CUSTOMER).account(ACCOUNT_NO_CUSTOMERS))
        .await
        .page();
    assert_eq!(card_state(&body).as_deref(), Some("customers-disabled"));
    assert_eq!(app.fake.count("GET /api/v4/customers/{id}"), 0);
}
