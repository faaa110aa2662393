use amo_mobile_card::contract::endpoint;
use amo_mobile_card::demo::fake::Faults;
use amo_mobile_card::demo::fixtures::{CUSTOMER, LEAD_RU, LOSS_PRICE, USER_ANNA};
use serde_json::json;

use crate::helpers::{action_key, spawn, Card, Open, Spawn};
use crate::helpers::{invalid_field, problem};
use amo_mobile_card::contract::ActionOutcome;
use amo_mobile_card::model::CardProblem;

#[tokio::test]
async fn add_note_validates_and_attributes_to_the_user() {
    let app = spawn(Spawn::app()).await;
    let Card { client, csrf, .. } = app.open(Open::lead(LEAD_RU)).await;
    let empty = app
        .call_fn(
            &client,
            endpoint::ADD_NOTE,
            &[
                ("csrf", csrf.clone()),
                ("key", action_key(1)),
                ("text", "   ".into()),
            ],
        )
        .await;
    assert_eq!(invalid_field(&empty), Some("text"));
    let long = app
        .call_fn(
            &client,
            endpoint::ADD_NOTE,
            &[
                ("csrf", csrf.clone()),
                ("key", action_key(2)),
                ("text", "я".repeat(2001)),
            ],
        )
        .await;
    assert_eq!(invalid_field(&long), Some("text"));
    assert!(
        app.fake.notes().is_empty(),
        "nothing sent for invalid input"
    );

    let done = app
        .call_fn(
            &client,
            endpoint::ADD_NOTE,
            &[
                ("csrf", csrf.clone()),
                ("key", action_key(3)),
                ("text", "Клиент просит скидку".into()),
            ],
        )
        .await;
    assert_eq!(done, ActionOutcome::Done);
    // A double tap resends the same key: not written twice.
    let again = app
        .call_fn(
            &client,
            endpoint::ADD_NOTE,
            &[
                ("csrf", csrf.clone()),
                ("key", action_key(3)),
                ("text", "Клиент просит скидку".into()),
            ],
        )
        .await;
    assert_eq!(again, ActionOutcome::Duplicate);
    let notes = app.fake.notes();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0]["entity_id"], LEAD_RU, "entity from the session");
    assert_eq!(notes[0]["entity_type"], "leads");
    assert_eq!(notes[0]["created_by"], USER_ANNA);
}

#[tokio::test]
async fn a_failed_write_retried_with_its_key_is_really_retried() {
    let app = spawn(Spawn::app()).await;
    let Card { client, csrf, .. } = app.open(Open::lead(LEAD_RU)).await;
    let send = || app.add_note(&client, &csrf, 7, "После встречи");
    // amoCRM fails the first attempt: nothing saved, and the user is told so.
    app.fake.fail_next_writes(1);
    let first = send().await;
    assert_eq!(problem(&first), Some(CardProblem::Unavailable), "{first:?}");
    assert!(app.fake.notes().is_empty());
    // The same key again (the no-script page's key, or a resend after the
    // error) reaches amoCRM: "done" only once amoCRM confirmed it.
    let retry = send().await;
    assert_eq!(retry, ActionOutcome::Done);
    assert_eq!(app.fake.notes().len(), 1);
    // Now it is a duplicate: confirmed, and not written twice.
    let again = send().await;
    assert_eq!(again, ActionOutcome::Duplicate);
    assert_eq!(app.fake.notes().len(), 1);
}

#[tokio::test]
async fn a_resend_of_a_write_amocrm_never_answered_is_not_called_saved() {
    let app = spawn(Spawn::app()).await;
    let Card { client, csrf, .. } = app.open(Open::lead(LEAD_RU)).await;
    let send = || app.add_note(&client, &csrf, 8, "Звонок");
    app.fake.hang_next_writes(1);
    let first = send().await;
    assert_eq!(first, ActionOutcome::Uncertain);
    // The write may have landed: the resend is neither sent again nor "saved".
    let resend = send().await;
    assert_eq!(resend, ActionOutcome::Uncertain);
    assert!(app.fake.notes().is_empty());
}

#[tokio::test]
async fn a_write_amocrm_saved_behind_a_gateway_failure_is_never_sent_twice() {
    let app = spawn(Spawn::app()).await;
    let Card { client, csrf, .. } = app.open(Open::lead(LEAD_RU)).await;
    // A note, a task, a completed task and a logged call, each answered by a
    // balancer's HTML 502 after amoCRM saved it.
    let forms: Vec<(&str, Vec<(&str, String)>)> = vec![
        (endpoint::ADD_NOTE, vec![("text", "После встречи".into())]),
        (
            endpoint::ADD_TASK,
            vec![
                ("text", "Перезвонить".into()),
                ("due", "tomorrow".into()),
                ("custom_due", "".into()),
                ("task_type", "1".into()),
            ],
        ),
        (
            endpoint::COMPLETE_TASK,
            vec![("task_id", "9002".into()), ("result", "Готово".into())],
        ),
        (
            endpoint::LOG_CALL,
            vec![
                ("call[phone]", "+7 900 123-45-67".into()),
                ("call[name]", "Иван Петров".into()),
                ("call[duration]", "60".into()),
                ("call[status]", "4".into()),
                ("call[comment]", "".into()),
                ("call[follow_up]", "none".into()),
            ],
        ),
    ];
    for (n, (name, fields)) in forms.into_iter().enumerate() {
        let mut form = vec![("csrf", csrf.clone()), ("key", action_key(40 + n as u32))];
        form.extend(fields);
        let writes = || {
            app.fake.count("POST /api/v4/{entity}/{id}/notes")
                + app.fake.count("POST /api/v4/tasks")
                + app.fake.count("PATCH /api/v4/tasks/{id}")
        };
        let before = writes();
        app.fake.lose_answers_to_next_writes(1);
        let first = app.call_fn(&client, name, &form).await;
        assert_eq!(first, ActionOutcome::Uncertain, "{name}");
        // The retry with the same key is told the same (or, for the task now
        // closed, that it is closed), and sends nothing.
        let retry = app.call_fn(&client, name, &form).await;
        let closed = name == endpoint::COMPLETE_TASK && invalid_field(&retry) == Some("task");
        assert!(
            retry == ActionOutcome::Uncertain || closed,
            "{name}: {retry:?}"
        );
        assert_eq!(writes(), before + 1, "{name}: written once");
    }
    assert_eq!(app.fake.notes().len(), 3, "the note and the call's two");
}

#[tokio::test]
async fn actions_need_the_session_and_its_csrf_value() {
    let app = spawn(Spawn::app()).await;
    let Card { client, csrf, .. } = app.open(Open::lead(LEAD_RU)).await;
    let wrong = app
        .call_fn(
            &client,
            endpoint::ADD_NOTE,
            &[
                ("csrf", "forged".into()),
                ("key", action_key(1)),
                ("text", "x".into()),
            ],
        )
        .await;
    assert_eq!(problem(&wrong), Some(CardProblem::SessionExpired));
    let no_cookie = app
        .call_fn(
            &reqwest::Client::new(),
            endpoint::ADD_NOTE,
            &[
                ("csrf", csrf.clone()),
                ("key", action_key(2)),
                ("text", "x".into()),
            ],
        )
        .await;
    assert_eq!(problem(&no_cookie), Some(CardProblem::SessionExpired));
    // A cross-site form post is refused even with the right values.
    let res = client
        .post(format!("{}{}", app.address, endpoint::ADD_NOTE))
        .header("origin", "https://evil.example")
        .form(&[
            ("csrf", csrf.clone()),
            ("key", action_key(3)),
            ("text", "x".into()),
        ])
        .send()
        .await
        .unwrap();
    let v: ActionOutcome = res.json().await.unwrap();
    assert_eq!(problem(&v), Some(CardProblem::SessionExpired));
    // A form on another site arrives with `Origin: null` (no-referrer): Fetch
    // Metadata tells it apart from our own no-script forms.
    for site in ["cross-site", "same-site"] {
        let res = client
            .post(format!("{}{}", app.address, endpoint::ADD_NOTE))
            .header("origin", "null")
            .header("sec-fetch-site", site)
            .form(&[
                ("csrf", csrf.clone()),
                ("key", action_key(4)),
                ("text", "x".into()),
            ])
            .send()
            .await
            .unwrap();
        let v: ActionOutcome = res.json().await.unwrap();
        assert_eq!(problem(&v), Some(CardProblem::SessionExpired), "{site}");
    }
    assert!(app.fake.notes().is_empty());
    // Our own no-script form: `Origin: null`, `Sec-Fetch-Site: same-origin`.
    let res = client
        .post(format!("{}{}", app.address, endpoint::ADD_NOTE))
        .header("origin", "null")
        .header("sec-fetch-site", "same-origin")
        .form(&[("csrf", csrf), ("key", action_key(5)), ("text", "x".into())])
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.json::<ActionOutcome>().await.unwrap(),
        ActionOutcome::Done
    );
}

#[tokio::test]
async fn add_task_checks_due_and_type() {
    let app = spawn(Spawn::app()).await;
    let Card { client, csrf, .. } = app.open(Open::customer(CUSTOMER)).await;
    let form = |k: u32, text: &str, due: &str, custom: &str, ty: i64| {
        vec![
            ("csrf", csrf.clone()),
            ("key", action_key(k)),
            ("text", text.to_owned()),
            ("due", due.to_owned()),
            ("custom_due", custom.to_owned()),
            ("task_type", ty.to_string()),
        ]
    };
    let cases = [
        (form(1, "", "tomorrow", "", 1), "text"),
        (form(2, "Call", "someday", "", 1), "due"),
        (form(3, "Call", "custom", "2001-01-01T10:00", 1), "due"),
        (form(4, "Call", "custom", "not a date", 1), "due"),
        (form(5, "Call", "tomorrow", "", 4242), "type"),
    ];
    for (f, field) in cases {
        let v = app.call_fn(&client, endpoint::ADD_TASK, &f).await;
        assert_eq!(invalid_field(&v), Some(field), "{f:?}");
    }
    let before = app.fake.tasks().len();
    let v = app
        .call_fn(
            &client,
            endpoint::ADD_TASK,
            &form(6, "Позвонить", "tomorrow", "", 77),
        )
        .await;
    assert_eq!(v, ActionOutcome::Done);
    let tasks = app.fake.tasks();
    assert_eq!(tasks.len(), before + 1);
    let t = tasks.last().unwrap();
    assert_eq!(
        (t["entity_id"].as_i64(), t["entity_type"].as_str()),
        (Some(CUSTOMER), Some("customers"))
    );
    assert_eq!(t["responsible_user_id"], USER_ANNA);
    assert_eq!(t["task_type_id"], 77);
}

#[tokio::test]
async fn complete_task_only_for_this_cards_open_tasks() {
    let app = spawn(Spawn::app()).await;
    let Card { client, csrf, .. } = app.open(Open::lead(LEAD_RU)).await;
    // 9003 belongs to the customer, not to this lead.
    let v = app
        .call_fn(
            &client,
            endpoint::COMPLETE_TASK,
            &[
                ("csrf", csrf.clone()),
                ("key", action_key(1)),
                ("task_id", "9003".into()),
                ("result", "".into()),
            ],
        )
        .await;
    assert_eq!(invalid_field(&v), Some("task"));
    let v = app
        .call_fn(
            &client,
            endpoint::COMPLETE_TASK,
            &[
                ("csrf", csrf.clone()),
                ("key", action_key(2)),
                ("task_id", "9001".into()),
                ("result", "Договорились".into()),
            ],
        )
        .await;
    assert_eq!(v, ActionOutcome::Done);
    let t = app
        .fake
        .tasks()
        .into_iter()
        .find(|t| t["id"] == 9001)
        .unwrap();
    assert_eq!(t["is_completed"], true);
    assert_eq!(t["result"]["text"], "Договорились");
}

#[tokio::test]
async fn move_status_stays_in_the_pipeline_and_confirms_closing() {
    let app = spawn(Spawn::app()).await;
    let Card { client, csrf, .. } = app.open(Open::lead(LEAD_RU)).await;
    let mv = |k: u32, status: i64, confirmed: bool| {
        vec![
            ("csrf", csrf.clone()),
            ("key", action_key(k)),
            ("status_id", status.to_string()),
            ("confirmed", confirmed.to_string()),
        ]
    };
    // Status 20 is in another pipeline.
    assert_eq!(
        invalid_field(
            &app.call_fn(&client, endpoint::MOVE_STATUS, &mv(1, 20, false))
                .await
        ),
        Some("status")
    );
    assert_eq!(
        invalid_field(
            &app.call_fn(&client, endpoint::MOVE_STATUS, &mv(2, 142, false))
                .await
        ),
        Some("confirm")
    );
    assert_eq!(
        app.call_fn(&client, endpoint::MOVE_STATUS, &mv(3, 12, false))
            .await,
        ActionOutcome::Done
    );
    assert_eq!(app.fake.count("PATCH /api/v4/leads/{id}"), 1);
    assert_eq!(
        app.call_fn(&client, endpoint::MOVE_STATUS, &mv(4, 142, true))
            .await,
        ActionOutcome::Done
    );
    // amoCRM failing: a typed failure, and nothing retried.
    app.fake.set_faults(Faults {
        status: Some(503),
        ..Default::default()
    });
    let v = app
        .call_fn(&client, endpoint::MOVE_STATUS, &{
            // The sample account closes as lost only with one of its reasons.
            let mut lost = mv(5, 143, true);
            lost.push(("loss_reason", LOSS_PRICE.to_string()));
            lost
        })
        .await;
    assert!(problem(&v).is_some(), "{v:?}");
    // Customers have no stages.
    app.fake.set_faults(Faults::default());
    let Card { client, csrf, .. } = app.open(Open::customer(CUSTOMER)).await;
    let v = app
        .call_fn(
            &client,
            endpoint::MOVE_STATUS,
            &[
                ("csrf", csrf),
                ("key", action_key(6)),
                ("status_id", "10".into()),
                ("confirmed", "false".into()),
            ],
        )
        .await;
    assert_eq!(invalid_field(&v), Some("status"));
}

#[tokio::test]
async fn complete_task_finds_a_task_past_the_first_page_and_refuses_a_closed_one() {
    let app = spawn(Spawn::app()).await;
    // 60 open tasks on the lead: the one to complete is due last, on page two of a list.
    for i in 0..60 {
        app.fake.insert_task(json!({
            "id": 20_000 + i, "text": format!("call #{i}"), "complete_till": 4_000_000_000i64 + i,
            "entity_id": LEAD_RU, "entity_type": "leads", "responsible_user_id": USER_ANNA,
            "is_completed": false, "task_type_id": 1,
        }));
    }
    let Card { client, csrf, .. } = app.open(Open::lead(LEAD_RU)).await;
    let complete = |k: u32, id: i64| {
        vec![
            ("csrf", csrf.clone()),
            ("key", action_key(k)),
            ("task_id", id.to_string()),
            ("result", "".to_owned()),
        ]
    };
    assert_eq!(
        app.call_fn(&client, endpoint::COMPLETE_TASK, &complete(1, 20_059))
            .await,
        ActionOutcome::Done
    );
    let again = app
        .call_fn(&client, endpoint::COMPLETE_TASK, &complete(2, 20_059))
        .await;
    assert_eq!(
        invalid_field(&again),
        Some("task"),
        "a closed task is not completed twice"
    );
    let missing = app
        .call_fn(&client, endpoint::COMPLETE_TASK, &complete(3, 99_999_999))
        .await;
    assert_eq!(invalid_field(&missing), Some("task"));
}

/// A browser's own form post (no script): the server redirects back to the card,
/// which shows the outcome once. Script-driven calls set no such message.
#[tokio::test]
async fn a_plain_form_post_returns_to_the_card_with_its_outcome() {
    let app = spawn(Spawn::app()).await;
    let Card { client, csrf, .. } = app.open(Open::lead(LEAD_RU)).await;
    let post = |key: String, text: &str| {
        client
            .post(format!("{}{}", app.address, endpoint::ADD_NOTE))
            .header("origin", app.address.clone())
            .header("accept", "text/html,application/xhtml+xml,*/*;q=0.8")
            .form(&[
                ("csrf", csrf.clone()),
                ("key", key),
                ("text", text.to_owned()),
            ])
            .send()
    };
    let res = post(action_key(1), "Без скрипта").await.expect("form post");
    assert_eq!(res.status(), 302);
    assert_eq!(res.headers()["location"], "/");
    // The card the WebView returns to, and the notice on it if there is one.
    let flash = || async {
        let body = app.card_again(&client).await;
        let start = body.find("class=\"flash\"")?;
        let text = &body[start..];
        let open = text.find('>')? + 1;
        // Up to the next tag (Leptos marks dynamic text with `<!>`).
        let close = open + text[open..].find('<')?;
        Some(text[open..close].to_owned())
    };
    assert_eq!(flash().await.as_deref(), Some("Заметка добавлена"));
    assert_eq!(app.fake.notes().len(), 1);
    assert_eq!(flash().await, None, "shown once");

    // A refusal says why, and the text the user sent is not saved.
    post(action_key(2), "   ").await.expect("form post");
    assert_eq!(flash().await.as_deref(), Some("Введите текст."));
    assert_eq!(app.fake.notes().len(), 1);

    // The island's fetch asks for no HTML: a JSON outcome and no message.
    let outcome = app
        .call_fn(
            &client,
            endpoint::ADD_NOTE,
            &[
                ("csrf", csrf.clone()),
                ("key", action_key(3)),
                ("text", "Со скриптом".into()),
            ],
        )
        .await;
    assert_eq!(outcome, ActionOutcome::Done);
    assert_eq!(flash().await, None);

    // A post whose session check failed sets no notice at all.
    let res = client
        .post(format!("{}{}", app.address, endpoint::ADD_NOTE))
        .header("origin", app.address.clone())
        .header("accept", "text/html")
        .form(&[
            ("csrf", "forged".to_owned()),
            ("key", action_key(4)),
            ("text", "x".into()),
        ])
        .send()
        .await
        .expect("form post");
    assert!(
        !res.headers()
            .get_all("set-cookie")
            .iter()
            .any(|c| c.to_str().unwrap_or_default().contains("amc_notice")),
        "no notice for a refused session"
    );
}

/// BREACH: every render of the card carries the CSRF value under a fresh mask,
/// and each of them is accepted.
#[tokio::test]
async fn each_render_masks_the_csrf_value_afresh() {
    let app = spawn(Spawn::app()).await;
    let Card {
        client,
        csrf: first,
        ..
    } = app.open(Open::lead(LEAD_RU)).await;
    let second = crate::helpers::csrf_of(&app.card_again(&client).await);
    assert_ne!(first, second, "the same secret bytes in two responses");
    for (n, csrf) in [(1, first), (2, second)] {
        assert_eq!(
            app.add_note(&client, &csrf, n, "x").await,
            ActionOutcome::Done
        );
    }
}
