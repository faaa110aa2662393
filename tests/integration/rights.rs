//! The card shows and changes no more than the opening user's amoCRM rights allow.

use amo_mobile_card::contract::endpoint;
use amo_mobile_card::demo::fake::Faults;
use amo_mobile_card::demo::fixtures::{
    CUSTOMER, LEAD_EN_WON, LEAD_LOST_BARE, LEAD_PAVEL, LEAD_RU, USER_ANNA, USER_INACTIVE,
    USER_JOHN, USER_MARIA, USER_OLEG, USER_OLGA, USER_PAVEL,
};
use amo_mobile_card::model::EntityKind;
use serde_json::{json, Value};

use crate::helpers::{action_key, card_state, csrf_of, spawn, Card, Open, Spawn, TestApp};
use crate::helpers::{assert_page, message, problem};
use amo_mobile_card::contract::ActionOutcome;
use amo_mobile_card::model::CardProblem;

/// The amoCRM writes the fake received.
fn writes(app: &TestApp) -> u64 {
    [
        "POST /api/v4/{entity}/{id}/notes",
        "POST /api/v4/tasks",
        "PATCH /api/v4/tasks/{id}",
        "PATCH /api/v4/leads/{id}",
    ]
    .iter()
    .map(|e| app.fake.count(e))
    .sum()
}

/// Calls every quick action on the open card; returns each outcome.
async fn try_every_action(
    app: &TestApp,
    webview: &reqwest::Client,
    body: &str,
    task: i64,
    stage: i64,
) -> Vec<ActionOutcome> {
    let csrf = csrf_of(body);
    let mut outcomes = Vec::new();
    for (n, (name, form)) in [
        (endpoint::ADD_NOTE, vec![("text", "Заметка".to_owned())]),
        (
            endpoint::ADD_TASK,
            vec![
                ("text", "Перезвонить".to_owned()),
                ("due", "tomorrow".to_owned()),
                ("custom_due", String::new()),
                ("task_type", "1".to_owned()),
            ],
        ),
        (
            endpoint::COMPLETE_TASK,
            vec![("task_id", task.to_string()), ("result", String::new())],
        ),
        (
            endpoint::MOVE_STATUS,
            vec![
                ("status_id", stage.to_string()),
                ("confirmed", "true".to_owned()),
            ],
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let mut form = form;
        form.push(("csrf", csrf.clone()));
        form.push(("key", action_key(100 + n as u32)));
        outcomes.push(app.call_fn(webview, name, &form).await);
    }
    outcomes
}

fn refused_by_rights(outcome: &ActionOutcome) -> bool {
    problem(outcome) == Some(CardProblem::NoRights)
}

/// Nothing of LEAD_RU reaches a page that refuses it.
fn holds_nothing_of_lead_ru(body: &str) -> bool {
    [
        "Поставка оборудования",
        "500\u{202f}000",
        "Иван Петров",
        "Jane Doe",
        "+7 900",
        "ivan@example.ru",
        "Ромашка",
        "Позвонить и уточнить сроки",
        "Монтаж, Доставка",
    ]
    .iter()
    .all(|needle| !body.contains(needle))
}

#[tokio::test]
async fn a_record_the_user_may_not_view_is_a_403_without_its_data() {
    let app = spawn(Spawn::app()).await;
    // Pavel sees only his own leads; Maria her group's (John's, not Anna's);
    // Oleg may not see leads in LEAD_RU's stage; the inactive user nothing.
    for user in [USER_PAVEL, USER_MARIA, USER_OLEG, USER_INACTIVE] {
        let Card {
            status,
            body,
            client: _,
            ..
        } = app.open(Open::lead(LEAD_RU).user(user)).await;
        assert_eq!(status, 403, "user {user}");
        assert_eq!(
            card_state(&body).as_deref(),
            Some("no-rights"),
            "user {user}"
        );
        assert!(holds_nothing_of_lead_ru(&body), "user {user} got lead data");
    }
    assert_eq!(
        app.fake.count("GET /api/v4/contacts"),
        0,
        "no contact was even fetched"
    );
    // The same users on records their rights do allow.
    for (user, lead) in [
        (USER_PAVEL, LEAD_PAVEL),
        (USER_MARIA, LEAD_EN_WON),
        (USER_OLEG, LEAD_LOST_BARE),
    ] {
        let Card {
            status,
            body,
            client: _,
            ..
        } = app.open(Open::lead(lead).user(user)).await;
        assert_page(status, &body, 200, "ok");
    }
}

#[tokio::test]
async fn contacts_view_denied_shows_the_lead_without_a_single_contact_detail() {
    let app = spawn(Spawn::app()).await;
    let Card {
        status,
        body,
        client: _,
        ..
    } = app.open(Open::lead(LEAD_EN_WON).user(USER_MARIA)).await;
    assert_page(status, &body, 200, "ok");
    assert!(body.contains("Website redesign"));
    for private in ["Jane Doe", "+1 415", "jane@example.com", "tel:", "mailto:"] {
        assert!(!body.contains(private), "{private} shown");
    }
    assert!(body.contains("data-withheld=\"contacts\""));
    assert!(
        body.contains("1 контакт скрыто"),
        "says how many are hidden"
    );
    assert_eq!(
        app.fake.count("GET /api/v4/contacts"),
        0,
        "not fetched at all"
    );
}

#[tokio::test]
async fn contacts_and_tasks_follow_each_records_owner() {
    let app = spawn(Spawn::app()).await;
    let Card {
        status,
        body,
        client: _,
        ..
    } = app.open(Open::lead(LEAD_PAVEL).user(USER_PAVEL)).await;
    assert_page(status, &body, 200, "ok");
    // His contact is shown; Anna's is counted, not named.
    assert!(body.contains("Сергей Волков") && body.contains("tel:+79165551234"));
    assert!(!body.contains("Иван Петров") && !body.contains("+7 900"));
    // In the history, the call from Anna's contact shows a masked number and no
    // link; the call with his own contact keeps its number.
    assert!(
        body.contains("••• 67"),
        "the hidden contact's call is masked"
    );
    assert!(!body.contains("tel:+79001234567"));
    assert!(body.contains("8 (916) 555-12-34"));
    assert!(body.contains("1 контакт скрыто"));
    // Companies are open to him.
    assert!(body.contains("ООО «Ромашка»"));
    // Both tasks are listed; only his own may be completed.
    assert!(body.contains("Согласовать смету") && body.contains("Проверить оплату"));
    let completable = |id: i64| body.contains(&format!("name=\"task_id\" value=\"{id}\""));
    assert!(completable(9004), "his task offers Complete");
    assert!(!completable(9005), "Anna's task does not");
}

#[tokio::test]
async fn edit_denied_shows_no_action_and_the_server_refuses_each_one() {
    let app = spawn(Spawn::app()).await;
    let tasks_before = app.fake.tasks();
    let Card {
        status,
        body,
        client: webview,
        ..
    } = app.open(Open::lead(LEAD_RU).user(USER_OLGA)).await;
    assert_page(status, &body, 200, "ok");
    assert!(body.contains("Иван Петров"), "she may view everything");
    assert!(
        !body.contains("class=\"quick-actions\"") && !body.contains("class=\"complete-task\""),
        "no action offered"
    );
    let outcomes = try_every_action(&app, &webview, &body, 9001, 12).await;
    assert!(outcomes.iter().all(refused_by_rights), "{outcomes:?}");
    assert!(
        message(&outcomes[0]).contains("rights"),
        "Olga's amoCRM language is English: {outcomes:?}"
    );
    assert_eq!(writes(&app), 0, "amoCRM saw no write");
    assert!(app.fake.notes().is_empty());
    assert_eq!(app.fake.tasks(), tasks_before);
}

#[tokio::test]
async fn the_server_checks_rights_when_the_action_runs_not_when_the_card_rendered() {
    let app = spawn(Spawn::app()).await;
    let Card {
        status: _,
        body,
        client: webview,
        ..
    } = app.open(Open::lead(LEAD_PAVEL).user(USER_PAVEL)).await;
    assert!(body.contains("class=\"quick-actions\""));
    // Anna takes the lead over after Pavel opened it.
    app.fake.set_lead_responsible(LEAD_PAVEL, USER_ANNA);
    let outcomes = try_every_action(&app, &webview, &body, 9004, 11).await;
    assert!(outcomes.iter().all(refused_by_rights), "{outcomes:?}");
    assert_eq!(writes(&app), 0);
}

#[tokio::test]
async fn an_own_task_may_be_completed_another_ones_not() {
    let app = spawn(Spawn::app()).await;
    let Card {
        status: _,
        body,
        client: webview,
        ..
    } = app.open(Open::lead(LEAD_PAVEL).user(USER_PAVEL)).await;
    let csrf = csrf_of(&body);
    let complete = |task: i64, n: u32| {
        let form = vec![
            ("csrf", csrf.clone()),
            ("key", action_key(n)),
            ("task_id", task.to_string()),
            ("result", String::new()),
        ];
        let (app, webview) = (&app, &webview);
        async move { app.call_fn(webview, endpoint::COMPLETE_TASK, &form).await }
    };
    assert!(refused_by_rights(&complete(9005, 1).await));
    assert_eq!(app.fake.count("PATCH /api/v4/tasks/{id}"), 0);
    assert_eq!(complete(9004, 2).await, ActionOutcome::Done);
    assert_eq!(app.fake.count("PATCH /api/v4/tasks/{id}"), 1);
}

#[tokio::test]
async fn stage_rights_limit_the_stage_picker_and_the_move() {
    let app = spawn(Spawn::app()).await;
    let Card {
        status,
        body,
        client: webview,
        ..
    } = app.open(Open::lead(LEAD_LOST_BARE).user(USER_OLEG)).await;
    assert_eq!(status, 200);
    assert!(
        body.contains("Принимают решение"),
        "other stages are offered"
    );
    assert!(!body.contains("Переговоры"), "edit: D there");
    assert!(
        !body.contains("Успешно реализовано"),
        "the won stage is not offered"
    );
    let csrf = csrf_of(&body);
    let move_to = |stage: i64, n: u32| {
        let form = vec![
            ("csrf", csrf.clone()),
            ("key", action_key(n)),
            ("status_id", stage.to_string()),
            ("confirmed", "true".to_owned()),
        ];
        let (app, webview) = (&app, &webview);
        async move { app.call_fn(webview, endpoint::MOVE_STATUS, &form).await }
    };
    assert!(
        refused_by_rights(&move_to(142, 1).await),
        "edit: D in the target stage"
    );
    assert_eq!(app.fake.count("PATCH /api/v4/leads/{id}"), 0);
    assert_eq!(move_to(12, 2).await, ActionOutcome::Done);
    assert_eq!(app.fake.count("PATCH /api/v4/leads/{id}"), 1);
}

#[tokio::test]
async fn customers_follow_the_general_lead_rights() {
    let app = spawn(Spawn::app()).await;
    // The customer is Anna's (group 0).
    for user in [USER_MARIA, USER_PAVEL, USER_INACTIVE] {
        let Card {
            status,
            body,
            client: _,
            ..
        } = app.open(Open::customer(CUSTOMER).user(user)).await;
        assert_page(status, &body, 403, "no-rights");
        assert!(!body.contains("Зерно"), "user {user}");
    }
    let Card {
        status,
        body,
        client: webview,
        ..
    } = app.open(Open::customer(CUSTOMER).user(USER_OLGA)).await;
    assert_page(status, &body, 200, "ok");
    assert!(!body.contains("class=\"quick-actions\""));
    let outcomes = try_every_action(&app, &webview, &body, 9003, 501).await;
    assert!(outcomes[..3].iter().all(refused_by_rights), "{outcomes:?}");
    assert_eq!(writes(&app), 0);
}

#[tokio::test]
async fn unreadable_rights_fail_closed_with_an_explanation() {
    for (faults, gap) in [
        (
            Faults {
                users_without_rights: true,
                ..Default::default()
            },
            "grant-not-admin",
        ),
        (
            Faults {
                users_status: Some(500),
                ..Default::default()
            },
            "users-unreadable",
        ),
    ] {
        let app = spawn(Spawn::app()).await;
        app.fake.set_faults(faults);
        let Card {
            status,
            body,
            client: webview,
            ..
        } = app.open(Open::lead(LEAD_RU).user(USER_ANNA)).await;
        assert_page(status, &body, 200, "ok");
        assert!(
            body.contains("Поставка оборудования"),
            "the lead itself is shown"
        );
        assert!(body.contains(&format!("data-rights-gap=\"{gap}\"")));
        for private in ["Иван Петров", "+7 900", "ivan@example.ru", "Ромашка"] {
            assert!(!body.contains(private), "{gap}: {private} shown");
        }
        // Name and stage only: no tasks, no history, no amounts.
        for guarded in [
            "Позвонить и уточнить сроки",
            "Обещали скидку",
            "Входящий звонок",
            "500\u{202f}000",
        ] {
            assert!(!body.contains(guarded), "{gap}: {guarded} shown");
        }
        assert_eq!(
            app.fake.count("GET /api/v4/{entity}/{id}/notes"),
            0,
            "{gap}"
        );
        assert!(
            !body.contains("class=\"quick-actions\"") && !body.contains("class=\"complete-task\"")
        );
        let outcomes = try_every_action(&app, &webview, &body, 9001, 12).await;
        assert!(
            outcomes.iter().all(refused_by_rights),
            "{gap}: {outcomes:?}"
        );
        assert_eq!(writes(&app), 0);
    }
}

#[tokio::test]
async fn a_user_switched_off_in_amocrm_stops_writing_before_the_metadata_expires() {
    // Re-read the acting user before every write (the default is after a minute).
    let app = crate::helpers::spawn(
        crate::helpers::Spawn::app().env(&[("AMO_RIGHTS_RECHECK_SECS", "0")]),
    )
    .await;
    let Card {
        status,
        body,
        client: webview,
        ..
    } = app.open(Open::lead(LEAD_PAVEL).user(USER_PAVEL)).await;
    assert_page(status, &body, 200, "ok");
    let csrf = csrf_of(&body);
    let note = |n| app.add_note(&webview, &csrf, n, "После встречи");
    assert_eq!(note(1).await, ActionOutcome::Done);
    // An admin switches Pavel off in amoCRM; the cached users still say active.
    let entity = |level: &str| json!({"view": level, "edit": level, "add": level, "delete": level, "export": level});
    app.fake.set_user(
        USER_PAVEL,
        "rights",
        json!({"leads": entity("M"), "contacts": entity("M"), "companies": entity("A"),
            "tasks": {"edit": "M", "delete": "M"}, "status_rights": [], "is_admin": false,
            "is_free": false, "is_active": false, "group_id": 0, "role_id": null}),
    );
    let refused = note(2).await;
    assert!(refused_by_rights(&refused), "{refused:?}");
    assert_eq!(
        app.fake.notes().len(),
        1,
        "nothing written after the switch-off"
    );
}

#[tokio::test]
async fn a_rate_limited_users_call_is_not_remembered_as_unknown_rights() {
    let app = spawn(Spawn::app()).await;
    // The users call is refused by a rate limit (here amoCRM's 429; our own
    // limiter's refusal is the same error): the card says "try again" instead
    // of showing the record with unknown rights, and nothing is cached.
    app.fake.set_faults(Faults {
        users_status: Some(429),
        ..Default::default()
    });
    let Card {
        status,
        body,
        client: _,
        ..
    } = app.open(Open::lead(LEAD_RU).user(USER_MARIA)).await;
    assert_page(status, &body, 429, "rate-limited");
    assert!(!body.contains("Поставка оборудования"));
    app.fake.set_faults(Faults::default());
    // At once (not 30 s later) the next open reads the rights and applies them.
    let Card {
        status,
        body,
        client: _,
        ..
    } = app.open(Open::lead(LEAD_RU).user(USER_ANNA)).await;
    assert_page(status, &body, 200, "ok");
    assert!(!body.contains("data-rights-gap"));
    assert!(body.contains("Иван Петров"));
}

#[tokio::test]
async fn a_user_missing_from_the_list_is_asked_for_then_fails_closed() {
    let app = spawn(Spawn::app()).await;
    let Card {
        status,
        body,
        client: _,
        ..
    } = app.open(Open::lead(LEAD_RU).user(7_000_099)).await;
    assert_eq!(status, 200);
    assert_eq!(app.fake.count("GET /api/v4/users/{id}"), 1);
    assert!(body.contains("data-rights-gap=\"user-unknown\""));
    assert!(!body.contains("Иван Петров"));
}

/// A card page as a phone set to Russian asks for it.
async fn page_in_russian_phone(app: &TestApp, user: i64, query: &str) -> String {
    let mut claims = app.claims(EntityKind::Customer, CUSTOMER);
    claims["user_id"] = json!(user);
    let url = format!("{}{query}", app.card_url(&app.token(&claims)));
    app.webview()
        .get(url)
        .header("accept-language", "ru-RU,ru;q=0.9")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

#[tokio::test]
async fn the_card_speaks_the_users_amocrm_language_unless_asked_otherwise() {
    let app = spawn(Spawn::app()).await;
    // John's profile says English; the phone says Russian.
    let body = page_in_russian_phone(&app, USER_JOHN, "").await;
    assert!(body.contains("lang=\"en\"") && body.contains("Next purchase"));
    // An explicit ?lang= (the preview) wins.
    let body = page_in_russian_phone(&app, USER_JOHN, "&lang=ru").await;
    assert!(body.contains("lang=\"ru\"") && body.contains("Следующая покупка"));
    // Without a language in the profile, Accept-Language decides (a second
    // process: its metadata cache is empty).
    app.fake.set_user(USER_JOHN, "lang", Value::Null);
    let fresh = spawn(Spawn::beside(&app)).await;
    let body = page_in_russian_phone(&fresh, USER_JOHN, "").await;
    assert!(body.contains("lang=\"ru\"") && body.contains("Следующая покупка"));
}

#[tokio::test]
async fn a_group_right_follows_the_groups_as_they_are_at_write_time() {
    let app = crate::helpers::spawn(
        crate::helpers::Spawn::app().env(&[("AMO_RIGHTS_RECHECK_SECS", "0")]),
    )
    .await;
    let entity = |level: &str| json!({"view": level, "edit": level, "add": level, "delete": level, "export": level});
    let with_group = |group: i64, leads: &str, admin: bool| {
        json!({"leads": entity(leads), "contacts": entity("A"), "companies": entity("A"),
            "tasks": {"edit": leads, "delete": leads}, "status_rights": [], "is_admin": admin,
            "is_free": false, "is_active": true, "group_id": group, "role_id": null})
    };
    // Pavel changes his group's leads; Anna, responsible for the lead, is in his group.
    app.fake
        .set_user(USER_PAVEL, "rights", with_group(0, "G", false));
    let Card {
        status,
        body,
        client: webview,
        ..
    } = app.open(Open::lead(LEAD_RU).user(USER_PAVEL)).await;
    assert_page(status, &body, 200, "ok");
    let csrf = csrf_of(&body);
    let note = |n| app.add_note(&webview, &csrf, n, "После встречи");
    assert_eq!(note(1).await, ActionOutcome::Done);
    // An admin moves Anna to another group; the cached users still say group 0.
    app.fake
        .set_user(USER_ANNA, "rights", with_group(1, "A", true));
    let refused = note(2).await;
    assert!(refused_by_rights(&refused), "{refused:?}");
    assert_eq!(app.fake.notes().len(), 1, "nothing written after the move");
}
