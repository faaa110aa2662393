//! The status strip on real cards: its facts, what it costs in amoCRM calls
//! and round trips, and a card that shows without it when the events call fails.

use amo_mobile_card::contract::mark;
use std::time::Duration;

use amo_mobile_card::demo::fake::Faults;
use amo_mobile_card::demo::fixtures::{
    ACCOUNT_ID, CUSTOMER, LEAD_EN_WON, LEAD_HOSTILE, LEAD_PAVEL, LEAD_RU, LEAD_STALE, USER_ANNA,
    USER_JOHN, USER_MARIA, USER_PAVEL,
};

use crate::helpers::{assert_page, card_state, spawn, Open, Spawn, TestApp};

const EVENTS: &str = "GET /api/v4/events";

/// The fake amoCRM's API base and a live access token of the sample account,
/// to act in "amoCRM" beside the card.
async fn fake_api(app: &TestApp) -> (String, String) {
    let pool = sqlx::PgPool::connect(&app.database_url).await.unwrap();
    let (_, token) = app.accounts(pool).access_token(ACCOUNT_ID).await.unwrap();
    let base = app.settings.api_base_url.clone().expect("fake base");
    (format!("{base}api/v4"), token)
}

/// The strip's facts in order: (`data-strip-item`, screen-reader label, visible text).
fn strip(body: &str) -> Vec<(String, String, String)> {
    let Some(start) = body.find(&format!("{} ", mark::STRIP)) else {
        return Vec::new();
    };
    let end = body[start..]
        .find("</ul>")
        .map_or(body.len(), |e| start + e);
    let text_of = |s: &str, class: &str| -> String {
        let marker = format!("class=\"{class}\">");
        s.find(&marker)
            .map(|at| &s[at + marker.len()..])
            .and_then(|rest| rest.find("</span>").map(|e| &rest[..e]))
            .map(|t| {
                t.replace("<!-- -->", "")
                    .replace("<!>", "")
                    .trim()
                    .to_owned()
            })
            .unwrap_or_default()
    };
    body[start..end]
        .split(format!("{}=\"", mark::STRIP_ITEM).as_str())
        .skip(1)
        .map(|item| {
            let kind = item[..item.find('"').unwrap_or(0)].to_owned();
            (
                kind,
                text_of(item, "visually-hidden"),
                text_of(item, "strip-text"),
            )
        })
        .collect()
}

fn kinds(facts: &[(String, String, String)]) -> Vec<&str> {
    facts.iter().map(|(k, _, _)| k.as_str()).collect()
}

#[tokio::test]
async fn a_warm_lead_card_adds_two_calls_and_no_round_trip() {
    let app = spawn(Spawn::app()).await;
    let (_, body) = app.open(Open::lead(LEAD_RU)).await.page();
    assert_eq!(card_state(&body).as_deref(), Some("ok"));
    // Let the cold open's calls leave the 7-a-second window (else the
    // limiter, not the card, makes a third wave).
    tokio::time::sleep(Duration::from_millis(1_200)).await;
    // Warm: every amoCRM answer takes 250 ms, so each round trip is one wave.
    app.fake.set_faults(Faults {
        latency_ms: 250,
        ..Faults::default()
    });
    app.fake.reset_counts();
    let (status, body) = app.open(Open::lead(LEAD_RU)).await.page();
    assert_page(status, &body, 200, "ok");
    // The lead; then contacts, company, tasks, history, the lead's events
    // and its contacts' chats together.
    assert_eq!(app.fake.api_calls(), 7);
    assert_eq!(app.fake.count(EVENTS), 2);
    assert_eq!(app.fake.round_trips(Duration::from_millis(150)), 2);
    let facts = strip(&body);
    assert_eq!(kinds(&facts), ["contact", "stage", "next"], "{facts:?}");
    assert_eq!(facts[0].1, "Последнее сообщение в чате:");
    assert_eq!(facts[1].2, "6 дней на этапе");
    // The task due two hours ago: late today or since yesterday.
    assert!(facts[2].2.starts_with("Просрочка"), "{facts:?}");
}

#[tokio::test]
async fn each_sample_lead_shows_its_state() {
    let app = spawn(Spawn::app()).await;
    let text = |facts: &[(String, String, String)]| -> Vec<String> {
        facts.iter().map(|(_, _, t)| t.clone()).collect()
    };
    // A stale deal: weeks in its stage, the last SMS long ago, no task.
    let stale = strip(
        &app.open(Open::lead(LEAD_STALE).user(USER_ANNA))
            .await
            .ok()
            .body,
    );
    assert_eq!(
        text(&stale),
        ["38 дней назад", "45 дней на этапе", "Нет задачи"]
    );
    assert_eq!(stale[0].1, "Последнее SMS:");
    assert!(stale[2].1.starts_with("Следующий шаг"));
    // A new lead: no contact yet, under a day in its stage (never moved).
    let new = strip(
        &app.open(Open::lead(LEAD_HOSTILE).user(USER_ANNA))
            .await
            .ok()
            .body,
    );
    assert_eq!(
        text(&new),
        ["Нет контактов", "Новая на этапе", "Нет задачи"]
    );
    // A won deal in English: no next step asked of it.
    let won = strip(
        &app.open(Open::lead(LEAD_EN_WON).user(USER_JOHN))
            .await
            .ok()
            .body,
    );
    assert_eq!(text(&won), ["3 days ago", "1 day in stage"]);
    // A lead that never moved counts from its creation; its next task is tomorrow.
    let pavel = strip(
        &app.open(Open::lead(LEAD_PAVEL).user(USER_ANNA))
            .await
            .ok()
            .body,
    );
    assert_eq!(pavel[1].2, "3 дня на этапе");
    assert!(pavel[2].2.starts_with("Завтра "), "{pavel:?}");
}

#[tokio::test]
async fn a_customers_strip_counts_down_to_the_next_purchase() {
    let app = spawn(Spawn::app()).await;
    let facts = strip(
        &app.open(Open::customer(CUSTOMER).user(USER_ANNA))
            .await
            .ok()
            .body,
    );
    assert_eq!(kinds(&facts), ["contact", "next-purchase", "next"]);
    assert_eq!(
        (facts[0].1.as_str(), facts[0].2.as_str()),
        ("Последний звонок:", "2 дня назад")
    );
    assert_eq!(
        (facts[1].1.as_str(), facts[1].2.as_str()),
        ("Следующая покупка:", "Через 5 дней")
    );
    assert!(facts[2].2.starts_with("Завтра "), "{facts:?}");
    // The customers filter is the singular `customer`, without stage moves;
    // the second events call asks the customer's contact for chats.
    assert_eq!(app.fake.count(EVENTS), 2);
}

#[tokio::test]
async fn a_hidden_contacts_events_do_not_count() {
    let app = spawn(Spawn::app()).await;
    // Anna sees every contact: the newest is a chat a few hours ago.
    let anna = strip(
        &app.open(Open::lead(LEAD_PAVEL).user(USER_ANNA))
            .await
            .ok()
            .body,
    );
    assert_eq!(anna[0].1, "Последнее сообщение в чате:");
    // Pavel may not see Иван Петров: neither the chat with Иван nor Иван's
    // call counts; his own contact's call does.
    let pavel = strip(
        &app.open(Open::lead(LEAD_PAVEL).user(USER_PAVEL))
            .await
            .ok()
            .body,
    );
    assert_eq!(
        (pavel[0].1.as_str(), pavel[0].2.as_str()),
        ("Последний звонок:", "2 дня назад")
    );
    // Maria sees no contacts at all: the won deal's SMS is not hers to
    // count, and the strip does not claim there was none.
    let maria = strip(
        &app.open(Open::lead(LEAD_EN_WON).user(USER_MARIA))
            .await
            .ok()
            .body,
    );
    assert_eq!(kinds(&maria), ["stage"], "{maria:?}");
}

#[tokio::test]
async fn the_card_shows_without_the_strip_when_events_fail_or_are_refused() {
    let app = spawn(Spawn::app()).await;
    for status in [500, 429, 403] {
        app.fake.set_faults(Faults {
            endpoint_status: Some((EVENTS.to_owned(), status)),
            ..Faults::default()
        });
        let (code, body) = app.open(Open::lead(LEAD_RU)).await.page();
        assert_page(code, &body, 200, "ok");
        assert!(
            strip(&body).is_empty() && !body.contains(mark::STRIP),
            "{status}"
        );
        // Nothing alarming: no "some parts did not load" line.
        assert!(!body.contains("data-unloaded"), "{status}");
        assert!(body.contains("Иван Петров"), "the rest of the card shows");
    }
    app.fake.set_faults(Faults::default());
    let (_, body) = app.open(Open::lead(LEAD_RU)).await.page();
    assert_eq!(kinds(&strip(&body)), ["contact", "stage", "next"]);
}

#[tokio::test]
async fn unknown_rights_show_no_strip_and_ask_for_no_events() {
    let app = spawn(Spawn::app()).await;
    app.fake.set_faults(Faults {
        users_status: Some(500),
        ..Faults::default()
    });
    let (code, body) = app.open(Open::lead(LEAD_RU)).await.page();
    assert_page(code, &body, 200, "ok");
    assert!(body.contains("data-rights-gap"));
    assert!(!body.contains(mark::STRIP));
    assert_eq!(app.fake.count(EVENTS), 0);
}

#[tokio::test]
async fn a_stage_move_and_a_logged_call_reach_the_strip() {
    let app = spawn(Spawn::app()).await;
    app.fake.clear_events();
    let now = crate::helpers::chrono_now();
    app.fake.insert_event(amo_mobile_card::demo::fake::event(
        1,
        "lead_status_changed",
        "lead",
        LEAD_STALE,
        now - 90 * 86_400,
        USER_ANNA,
        serde_json::json!([{"lead_status": {"id": 12, "pipeline_id": 1}}]),
    ));
    let before = strip(
        &app.open(Open::lead(LEAD_STALE).user(USER_ANNA))
            .await
            .ok()
            .body,
    );
    assert_eq!(before[0].2, "Нет контактов");
    assert_eq!(before[1].2, "90 дней на этапе");
    // Someone moves the deal on in amoCRM and logs a call on it, out of the
    // card's second of amoCRM's 7 calls a second.
    tokio::time::sleep(std::time::Duration::from_millis(1_100)).await;
    let (api, token) = fake_api(&app).await;
    let http = reqwest::Client::new();
    let moved = http
        .patch(format!("{api}/leads/{LEAD_STALE}"))
        .bearer_auth(&token)
        .json(&serde_json::json!({"status_id": 11, "pipeline_id": 1, "updated_by": USER_ANNA}))
        .send()
        .await
        .unwrap();
    assert_eq!(moved.status(), 200);
    let call = serde_json::json!([{"note_type": "call_out", "created_by": USER_ANNA, "params":
        {"uniq": "s1", "duration": 30, "source": "test", "phone": "+7 900 123-45-67"}}]);
    let noted = http
        .post(format!("{api}/leads/{LEAD_STALE}/notes"))
        .bearer_auth(&token)
        .json(&call)
        .send()
        .await
        .unwrap();
    assert_eq!(noted.status(), 200);
    let after = strip(
        &app.open(Open::lead(LEAD_STALE).user(USER_ANNA))
            .await
            .ok()
            .body,
    );
    assert_eq!(
        (after[0].1.as_str(), after[0].2.as_str()),
        ("Последний звонок:", "Сегодня")
    );
    assert_eq!(after[1].2, "Новая на этапе");
}

#[tokio::test]
async fn the_fake_lists_events_as_amocrm_documents() {
    let app = spawn(Spawn::app()).await;
    let (api, token) = fake_api(&app).await;
    // Many requests in a row: past amoCRM's 7 a second the fake would answer 429.
    app.fake.set_faults(Faults {
        no_rate_limit: true,
        ..Faults::default()
    });
    let http = reqwest::Client::new();
    let get = |query: &str| {
        http.get(format!("{api}/events?{query}"))
            .bearer_auth(&token)
            .send()
    };
    // Newest first, with amoCRM's fields.
    let page: serde_json::Value = get("filter[entity]=lead&filter[entity_id][]=1001&limit=100")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let events = page["_embedded"]["events"].as_array().unwrap();
    // The deal's chat is not among them: chats are found by their contact.
    assert_eq!(events.len(), 4);
    let times: Vec<i64> = events
        .iter()
        .map(|e| e["created_at"].as_i64().unwrap())
        .collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "{times:?}");
    assert_eq!(events[0]["type"], "outgoing_call");
    assert!(events[0]["id"].is_string() && events[0]["entity_type"] == "lead");
    let chats: serde_json::Value = get("filter[entity]=contact&filter[entity_id][]=2001&filter[type][]=incoming_chat_message&filter[type][]=outgoing_chat_message&limit=100")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let chats = chats["_embedded"]["events"].as_array().unwrap();
    assert_eq!(chats.len(), 2, "{chats:?}");
    assert!(chats
        .iter()
        .all(|e| e["entity_type"] == "lead" && e["linked_talk_contact_id"] == 2001));
    // Types as a list or comma-separated; paging with `_links.next`.
    let one: serde_json::Value = get("filter[entity]=lead&filter[entity_id]=1001&filter[type]=incoming_call,outgoing_call&limit=2")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(one["_embedded"]["events"].as_array().unwrap().len(), 2);
    assert!(one["_links"]["next"]["href"].is_string());
    // Nothing matches: 204.
    let none = get("filter[entity]=lead&filter[entity_id][]=1005")
        .await
        .unwrap();
    assert_eq!(none.status(), 204);
    // Ids need exactly one entity type; at most 100 a page; known types only.
    for bad in [
        "filter[entity][]=lead&filter[entity][]=contact&filter[entity_id][]=1001",
        "filter[entity_id][]=1001",
        "filter[entity]=lead&filter[entity_id][]=1001&limit=101",
        "filter[entity]=lead&filter[type][]=lead_teleported",
        // E-mail is not among the documented event types.
        "filter[entity]=lead&filter[type][]=incoming_mail",
        "filter[entity]=lead&filter[type]=outgoing_call,outgoing_mail",
        "filter[entity]=leads",
    ] {
        assert_eq!(get(bad).await.unwrap().status(), 400, "{bad}");
    }
}

#[tokio::test]
async fn without_the_contacts_a_restricted_user_is_credited_with_no_contact() {
    let app = spawn(Spawn::app()).await;
    for status in [429, 503] {
        app.fake.set_faults(Faults {
            endpoint_status: Some(("GET /api/v4/contacts".into(), status)),
            ..Faults::default()
        });
        // Pavel sees only his own contacts: with none read, no call in the
        // feed can be shown to be with one of them.
        let pavel = strip(
            &app.open(Open::lead(LEAD_PAVEL).user(USER_PAVEL))
                .await
                .ok()
                .body,
        );
        assert!(!kinds(&pavel).contains(&"contact"), "{status}: {pavel:?}");
        // Anna sees every contact: the feed is hers whatever the contacts call did.
        let anna = strip(
            &app.open(Open::lead(LEAD_PAVEL).user(USER_ANNA))
                .await
                .ok()
                .body,
        );
        assert_eq!(anna[0].0, "contact", "{status}: {anna:?}");
        tokio::time::sleep(Duration::from_millis(1_100)).await;
    }
}
