//! The account's own sales process (#40): a stage's required lead fields and
//! the loss reasons, enforced on the card as amoCRM's interface does (its
//! API does not), each refusal writing nothing.

use amo_mobile_card::contract::{endpoint, field, mark, ActionOutcome};
use amo_mobile_card::demo::fixtures::{
    FIELD_CONTRACT, LEAD_RU, LOSS_NO_NEED, LOSS_PRICE, STAGE_SIGNED,
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
    // Out of the card's second of amoCRM's 7 a second.
    tokio::time::sleep(std::time::Duration::from_millis(1_100)).await;
    let base = app
        .settings
        .api_base_url
        .clone()
        .expect("the fake's address");
    let token = app
        .fake
        .access_token(amo_mobile_card::demo::fixtures::ACCOUNT_ID)
        .expect("installed");
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
