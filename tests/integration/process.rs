//! The account's own sales process (#40): a stage's required lead fields and
//! the loss reasons, enforced on the card as amoCRM's interface does (its
//! API does not), each refusal writing nothing.

use amo_mobile_card::contract::{self, endpoint, field, mark, ActionOutcome};
use amo_mobile_card::demo::fixtures::{
    FIELD_CONTRACT, LEAD_PAVEL, LEAD_RU, LEAD_STALE, LOSS_NO_NEED, LOSS_PRICE, STAGE_SIGNED,
    USER_ANNA, USER_PAVEL,
};
use serde_json::Value;

use crate::helpers::{action_key, attr_values, invalid_field, spawn, Card, Open, Spawn, TestApp};

const LEAD_PATCH: &str = "PATCH /api/v4/leads/{id}";
const LOST: i64 = 143;

fn form(card: &Card, n: u32, status: i64, extra: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut form = vec![
        (field::CSRF.to_owned(), card.csrf.clone()),
        (field::KEY.to_owned(), action_key(n)),
        ("status_id".to_owned(), status.to_string()),
        ("confirmed".to_owned(), "true".to_owned()),
    ];
    form.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    form
}

async fn post(app: &TestApp, card: &Card, form: &[(String, String)]) -> ActionOutcome {
    let form: Vec<(&str, String)> = form.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    app.call_fn(&card.client, endpoint::MOVE_STATUS, &form)
        .await
}

fn lead(app: &TestApp) -> Value {
    app.fake.record("leads", LEAD_RU).expect("the sample lead")
}

#[tokio::test]
async fn the_stage_sheet_names_the_rules() {
    let app = spawn(Spawn::app()).await;
    let card = app.open(Open::lead(LEAD_RU)).await.ok();
    let stages = attr_values(&card.body, mark::STAGE);
    assert!(
        stages.contains(&"13") && stages.contains(&"143"),
        "{stages:?}"
    );
    assert_eq!(attr_values(&card.body, mark::REQUIRES), ["114"]);
    let reasons = attr_values(&card.body, mark::LOSS_REASON);
    assert_eq!(reasons.len(), 3, "{reasons:?}");
    assert!(reasons.contains(&LOSS_NO_NEED.to_string().as_str()));
    assert!(card
        .body
        .contains(&format!("name=\"{}\"", field::required(FIELD_CONTRACT))));
    // The admin's guidance: whole when short, folded when long, none where
    // the stage has no description.
    assert_eq!(attr_values(&card.body, mark::GUIDANCE), ["12", "13"]);
    let short = &card.body[card.body.find("data-guidance=\"12\"").expect("12")..];
    let short = &short[..short.find("</p>").expect("a paragraph")];
    assert!(
        short.contains("Договоритесь о следующем звонке.") && !short.contains("<summary"),
        "{short}"
    );
    let folded = &card.body[card.body.find("data-guidance=\"13\"").expect("13")..];
    assert!(folded.contains("<summary>") && folded.contains("Договор подписан: внесите"));
    assert_eq!(
        app.fake.count("GET /api/v4/leads/pipelines/{id}/statuses"),
        1
    );
    // Warm: the rules come from this replica's copies (no extra call).
    app.fake.reset_counts();
    let again = app.open(Open::lead(LEAD_RU)).await.ok();
    assert_eq!(attr_values(&again.body, mark::REQUIRES), ["114"]);
    assert_eq!(attr_values(&again.body, mark::GUIDANCE), ["12", "13"]);
    assert_eq!(app.fake.count("GET /api/v4/leads/custom_fields"), 0);
    assert_eq!(app.fake.count("GET /api/v4/leads/loss_reasons"), 0);
    assert_eq!(
        app.fake.count("GET /api/v4/leads/pipelines/{id}/statuses"),
        0
    );
}

/// The fake reads a pipeline's stages as amoCRM's leads_pipelines.md says:
/// descriptions only when `with` asks for them; a pipeline it lacks is 404.
#[tokio::test]
async fn the_fake_serves_stage_descriptions_as_documented() {
    let app = spawn(Spawn::app()).await;
    let token = app
        .fake
        .access_token(amo_mobile_card::demo::fixtures::ACCOUNT_ID)
        .expect("installed");
    let get = |path: String| {
        let (client, token) = (reqwest::Client::new(), token.clone());
        async move {
            let res = client.get(path).bearer_auth(token).send().await.unwrap();
            let status = res.status().as_u16();
            (status, res.json::<Value>().await.unwrap_or_default())
        }
    };
    let api = app
        .settings
        .api_base_url
        .clone()
        .expect("the fake's address");
    let base = format!("{api}api/v4/leads/pipelines");
    let (status, with) = get(format!("{base}/1/statuses?with=descriptions")).await;
    assert_eq!(status, 200);
    let statuses = with["_embedded"]["statuses"].as_array().unwrap();
    let of = |id: i64| statuses.iter().find(|s| s["id"] == id).unwrap();
    assert_eq!(of(12)["descriptions"][0]["level"], "newbie");
    assert_eq!(of(10)["descriptions"], serde_json::json!([]));
    let (_, without) = get(format!("{base}/1/statuses")).await;
    assert!(without["_embedded"]["statuses"][0]
        .get("descriptions")
        .is_none());
    assert_eq!(get(format!("{base}/77/statuses")).await.0, 404);
}

#[tokio::test]
async fn a_gated_move_needs_its_field_and_sends_both_in_one_update() {
    let app = spawn(Spawn::app()).await;
    let card = app.open(Open::lead(LEAD_RU)).await.ok();
    let name = field::required(FIELD_CONTRACT);
    let before = lead(&app)["status_id"].clone();

    let without = post(&app, &card, &form(&card, 1, STAGE_SIGNED, &[])).await;
    assert_eq!(invalid_field(&without), Some(name.as_str()), "{without:?}");
    let blank = post(&app, &card, &form(&card, 2, STAGE_SIGNED, &[(&name, "  ")])).await;
    assert_eq!(invalid_field(&blank), Some(name.as_str()));
    assert_eq!(app.fake.count(LEAD_PATCH), 0, "nothing written");
    assert_eq!(lead(&app)["status_id"], before);

    let with = form(&card, 3, STAGE_SIGNED, &[(&name, "Д-2026/14")]);
    assert_eq!(post(&app, &card, &with).await, ActionOutcome::Done);
    assert_eq!(app.fake.count(LEAD_PATCH), 1, "one update");
    let now = lead(&app);
    assert_eq!(now["status_id"], STAGE_SIGNED);
    let contract = now["custom_fields_values"]
        .as_array()
        .and_then(|l| l.iter().find(|f| f["field_id"] == FIELD_CONTRACT))
        .expect("the contract number");
    assert_eq!(contract["values"][0]["value"], "Д-2026/14");
}

#[tokio::test]
async fn lost_takes_one_of_the_accounts_reasons_and_nothing_else() {
    let app = spawn(Spawn::app()).await;
    let card = app.open(Open::lead(LEAD_RU)).await.ok();
    let reason = field::LOSS_REASON;
    let cases: [(&[(&str, &str)], i64); 4] = [
        (&[], LOST),
        (&[(reason, "999")], LOST),
        (&[(reason, "not-a-number")], LOST),
        (&[(reason, "4203749")], 12),
    ];
    for (n, (extra, status)) in cases.iter().enumerate() {
        let answer = post(&app, &card, &form(&card, n as u32, *status, extra)).await;
        assert_eq!(invalid_field(&answer), Some(reason), "{extra:?} {answer:?}");
    }
    assert_eq!(app.fake.count(LEAD_PATCH), 0, "nothing written");

    let price = LOSS_PRICE.to_string();
    let lost = form(&card, 9, LOST, &[(reason, &price)]);
    assert_eq!(post(&app, &card, &lost).await, ActionOutcome::Done);
    assert_eq!(app.fake.count(LEAD_PATCH), 1);
    let now = lead(&app);
    assert_eq!(now["status_id"], LOST);
    assert_eq!(now["loss_reason_id"], LOSS_PRICE);
}

#[tokio::test]
async fn the_fake_refuses_a_reason_with_another_stage_as_amocrm_does() {
    let app = spawn(Spawn::app()).await;
    let _ = app.open(Open::lead(LEAD_RU)).await.ok();
    let (base, token) = app.amo_api().await;
    let res = reqwest::Client::new()
        .patch(base.join(&format!("api/v4/leads/{LEAD_RU}")).unwrap())
        .bearer_auth(token)
        .json(&serde_json::json!({"status_id": 12, "loss_reason_id": LOSS_NO_NEED}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let body = res.text().await.unwrap();
    assert!(
        body.contains("Loss reason can be specified only for lost lead"),
        "{body}"
    );
}

/// The contact's and the company's required fields are filled in amoCRM
/// only: named in the sheet, and a move posted anyway writes nothing, by
/// the rules amoCRM holds at write time.
#[tokio::test]
async fn a_contact_or_company_field_rule_blocks_the_move_with_its_name() {
    let app = spawn(Spawn::app()).await;
    // Pavel's client has no e-mail, which "Договор подписан" needs.
    let pavel = app.open(Open::lead(LEAD_PAVEL).user(USER_PAVEL)).await.ok();
    let blocked = "Сначала заполните у контакта «Email» в amoCRM";
    assert!(pavel.body.contains(blocked), "the sheet names it");
    // Not a lead field: no control for it, and not in data-requires.
    assert_eq!(attr_values(&pavel.body, mark::REQUIRES), ["114"]);
    let contract = field::required(FIELD_CONTRACT);
    let with = form(&pavel, 1, STAGE_SIGNED, &[(&contract, "Д-1")]);
    let answer = post(&app, &pavel, &with).await;
    assert_eq!(invalid_field(&answer), Some("status"), "{answer:?}");
    match &answer {
        ActionOutcome::Invalid { message, .. } => assert_eq!(message, blocked),
        other => panic!("{other:?}"),
    }
    assert_eq!(app.fake.count(LEAD_PATCH), 0, "nothing written");
    // Anna's sample lead: its contact has an e-mail and its company a phone.
    let anna = app.open(Open::lead(LEAD_RU).user(USER_ANNA)).await.ok();
    assert!(!anna.body.contains("Сначала заполните у"));

    // The admin makes the company's phone required after the card opened:
    // the stale deal has no company, so its move is refused by today's rule.
    let stale = app.open(Open::lead(LEAD_STALE).user(USER_ANNA)).await.ok();
    assert!(!stale.body.contains("Сначала заполните у компании"));
    app.fake
        .require_field("companies", 2, Some((1, STAGE_SIGNED)));
    let with = form(&stale, 2, STAGE_SIGNED, &[(&contract, "Д-2")]);
    let answer = post(&app, &stale, &with).await;
    match &answer {
        ActionOutcome::Invalid { field, message } => {
            assert_eq!(field, "status");
            assert!(message.contains("у компании «Телефон»"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(app.fake.count(LEAD_PATCH), 0, "nothing written");
    // With the rule lifted the same move lands, in one update.
    app.fake.require_field("companies", 2, None);
    let with = form(&stale, 3, STAGE_SIGNED, &[(&contract, "Д-2")]);
    assert_eq!(post(&app, &stale, &with).await, ActionOutcome::Done);
    assert_eq!(app.fake.count(LEAD_PATCH), 1);
}

/// The hidden offer block of a card: `Some(true)` when shown.
fn offer_shown(body: &str) -> Option<bool> {
    let at = body.find(mark::NEXT_STEP)?;
    let tag_start = body[..at].rfind('<')?;
    let tag = &body[tag_start..at + body[at..].find('>')?];
    Some(!tag.contains(" hidden"))
}

/// After a completion or a move that leaves an open deal without an open
/// task, the answer offers the next step (a header for the island, the
/// notice for a form without script), once per action; never for a
/// closing move or while a task is still open.
#[tokio::test]
async fn the_next_step_is_offered_when_the_deal_is_left_without_a_task() {
    let app = spawn(Spawn::app()).await;
    let send = |card: &Card, endpoint: &'static str, form: Vec<(String, String)>| {
        let (client, url) = (card.client.clone(), format!("{}{endpoint}", app.address));
        let origin = app.address.clone();
        async move {
            let res = client
                .post(url)
                .header("origin", origin)
                .form(&form)
                .send()
                .await
                .unwrap();
            let offered = res.headers().get(contract::NEXT_STEP_HEADER).is_some();
            let status = res.status();
            let text = res.text().await.unwrap();
            let outcome: ActionOutcome =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{status} {text:?}: {e}"));
            (outcome, offered)
        }
    };
    // The sample lead has two open tasks: the first completion leaves one.
    let ru = app.open(Open::lead(LEAD_RU).user(USER_ANNA)).await.ok();
    assert_eq!(offer_shown(&ru.body), Some(false), "rendered, hidden");
    let complete = |n: u32, task: i64| {
        vec![
            (field::CSRF.to_owned(), ru.csrf.clone()),
            (field::KEY.to_owned(), action_key(n)),
            ("task_id".to_owned(), task.to_string()),
            ("result".to_owned(), String::new()),
        ]
    };
    let first = send(&ru, endpoint::COMPLETE_TASK, complete(1, 9001)).await;
    assert_eq!(first, (ActionOutcome::Done, false));
    let last = send(&ru, endpoint::COMPLETE_TASK, complete(2, 9002)).await;
    assert_eq!(last, (ActionOutcome::Done, true));
    // The same action sent again writes nothing and is not asked twice.
    let again = send(&ru, endpoint::COMPLETE_TASK, complete(2, 9002)).await;
    assert!(again.0 != ActionOutcome::Done && !again.1, "{again:?}");

    // The stale deal has no task: moving it on offers; closing it does not.
    let stale = app.open(Open::lead(LEAD_STALE).user(USER_ANNA)).await.ok();
    let moved = send(&stale, endpoint::MOVE_STATUS, form(&stale, 3, 11, &[])).await;
    assert_eq!(moved, (ActionOutcome::Done, true));
    let won = send(&stale, endpoint::MOVE_STATUS, form(&stale, 4, 142, &[])).await;
    assert_eq!(won, (ActionOutcome::Done, false));
    // A lead with an open task moved on: nothing to offer.
    let pavel = app.open(Open::lead(LEAD_PAVEL).user(USER_PAVEL)).await.ok();
    let moved = send(&pavel, endpoint::MOVE_STATUS, form(&pavel, 5, 11, &[])).await;
    assert_eq!(moved, (ActionOutcome::Done, false));

    // Without script: the card the form returns to shows the offer, once.
    let bare = app.open(Open::lead(LEAD_STALE).user(USER_ANNA)).await.ok();
    assert_eq!(offer_shown(&bare.body), None, "a won deal is not offered");
    app.fake.reset();
    let fresh = app.open(Open::lead(LEAD_STALE).user(USER_ANNA)).await.ok();
    let res = fresh
        .client
        .post(format!("{}{}", app.address, endpoint::MOVE_STATUS))
        .header("origin", app.address.clone())
        .header("accept", "text/html")
        .form(&form(&fresh, 6, 11, &[]))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 302);
    let back = app.card_again(&fresh.client).await;
    assert_eq!(offer_shown(&back), Some(true), "offered after the move");
    let later = app.card_again(&fresh.client).await;
    assert_eq!(offer_shown(&later), Some(false), "once");
}
