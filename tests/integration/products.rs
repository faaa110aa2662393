//! The deal's products changed from the card (#42): a quantity or a removed
//! line is one link call to amoCRM, only for a user with the catalogs right
//! and the deal's edit right, never for a line of another deal or a quantity
//! that is not one; the budget is offered to follow the total; a list that
//! does not load says so with a retry and leaves the card as it was.

use amo_mobile_card::contract::{endpoint, mark, page, ActionOutcome};
use amo_mobile_card::demo::fake::Faults;
use amo_mobile_card::demo::fixtures::{LEAD_PAVEL, LEAD_RU, USER_ANNA, USER_OLEG, USER_PAVEL};
use amo_mobile_card::model::CardProblem;
use serde_json::json;

use crate::helpers::{action_key, attr_values, invalid_field, spawn, Card, Open, Spawn, TestApp};

const RACK: i64 = 525_439;
const MONTAGE: i64 = 525_440;
/// In the catalog, not on the sample deal.
const DELIVERY: i64 = 525_441;
const LINK: &str = "POST /api/v4/leads/{id}/link";
const UNLINK: &str = "POST /api/v4/leads/{id}/unlink";

async fn products_page(app: &TestApp, card: &Card) -> (u16, String) {
    let res = card
        .client
        .get(format!("{}{}", app.address, page::PRODUCTS))
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

async fn change(app: &TestApp, card: &Card, key: u32, fields: &[(&str, &str)]) -> ActionOutcome {
    let mut form = vec![("csrf", card.csrf.clone()), ("key", action_key(key))];
    form.extend(fields.iter().map(|(k, v)| (*k, (*v).to_owned())));
    app.call_fn(&card.client, endpoint::CHANGE_PRODUCT, &form)
        .await
}

fn refused_by_rights(outcome: &ActionOutcome) -> bool {
    matches!(
        outcome,
        ActionOutcome::Failed {
            problem: CardProblem::NoRights,
            ..
        }
    )
}

#[tokio::test]
async fn a_quantity_and_a_removal_are_one_amocrm_write_each() {
    let app = spawn(Spawn::app()).await;
    let card = app.open(Open::lead(LEAD_RU).user(USER_ANNA)).await.ok();
    let (status, before) = products_page(&app, &card).await;
    assert_eq!(status, 200);
    assert_eq!(before.matches("name=\"quantity\"").count(), 2, "{before}");
    let rack = RACK.to_string();
    let outcome = change(&app, &card, 1, &[("product", &rack), ("quantity", "3,5")]).await;
    assert_eq!(outcome, ActionOutcome::Done);
    assert_eq!(app.fake.count(LINK), 1);
    assert_eq!(
        app.fake.lead_products(LEAD_RU),
        [(RACK, 3.5), (MONTAGE, 1.0)]
    );
    // The same quantity again (a new submission) writes nothing.
    let again = change(&app, &card, 2, &[("product", &rack), ("quantity", "3.5")]).await;
    assert_eq!(again, ActionOutcome::Done);
    assert_eq!(app.fake.count(LINK), 1);
    // Nor does a resend of the first submission.
    let resend = change(&app, &card, 1, &[("product", &rack), ("quantity", "3,5")]).await;
    assert_eq!(resend, ActionOutcome::Done);
    assert_eq!(app.fake.count(LINK), 1);

    let montage = MONTAGE.to_string();
    let removed = change(&app, &card, 3, &[("product", &montage), ("remove", "1")]).await;
    assert_eq!(removed, ActionOutcome::Done);
    assert_eq!(app.fake.count(UNLINK), 1);
    assert_eq!(app.fake.lead_products(LEAD_RU), [(RACK, 3.5)]);
    let (_, after) = products_page(&app, &card).await;
    assert_eq!(attr_values(&after, mark::PRODUCT), [rack.as_str()]);
    assert!(after.contains("3.5 × 42"), "{after}");
    assert!(after.contains("Итого: 147"), "{after}");
}

#[tokio::test]
async fn bad_input_is_named_and_writes_nothing() {
    let app = spawn(Spawn::app()).await;
    let card = app.open(Open::lead(LEAD_RU).user(USER_ANNA)).await.ok();
    let rack = RACK.to_string();
    for (n, quantity) in ["0", "-1", "abc", "1.2345", "", "1000001"]
        .into_iter()
        .enumerate()
    {
        let outcome = change(
            &app,
            &card,
            n as u32,
            &[("product", &rack), ("quantity", quantity)],
        )
        .await;
        assert_eq!(
            invalid_field(&outcome),
            Some("quantity"),
            "{quantity:?}: {outcome:?}"
        );
    }
    // A product of the catalog that is not on this deal, a made-up one, none.
    for (n, product) in [DELIVERY.to_string(), "999".into(), "x".into()]
        .iter()
        .enumerate()
    {
        let outcome = change(
            &app,
            &card,
            10 + n as u32,
            &[("product", product), ("quantity", "2")],
        )
        .await;
        assert_eq!(
            invalid_field(&outcome),
            Some("product"),
            "{product}: {outcome:?}"
        );
        let gone = change(
            &app,
            &card,
            20 + n as u32,
            &[("product", product), ("remove", "1")],
        )
        .await;
        assert_eq!(invalid_field(&gone), Some("product"), "{product}: {gone:?}");
    }
    assert_eq!(app.fake.count(LINK) + app.fake.count(UNLINK), 0);
    assert_eq!(
        app.fake.lead_products(LEAD_RU),
        [(RACK, 2.0), (MONTAGE, 1.0)]
    );
}

#[tokio::test]
async fn only_the_catalogs_right_with_the_deals_edit_right_changes_products() {
    let app = spawn(Spawn::app()).await;
    // Pavel's deal gets a rack.
    let mut pavel_deal = app.fake.record("leads", LEAD_PAVEL).expect("Pavel's deal");
    pavel_deal["_embedded"]["catalog_elements"] =
        json!([{"id": RACK, "metadata": {"quantity": 1, "catalog_id": 4521}}]);
    app.fake.change_record(
        "leads",
        LEAD_PAVEL,
        "_embedded",
        pavel_deal["_embedded"].clone(),
    );
    // Oleg edits every deal but has no catalogs right: the list, read-only.
    let oleg = app.open(Open::lead(LEAD_PAVEL).user(USER_OLEG)).await.ok();
    let (status, page) = products_page(&app, &oleg).await;
    assert_eq!(status, 200);
    assert_eq!(attr_values(&page, mark::PRODUCT).len(), 1);
    assert!(!page.contains("name=\"quantity\""), "{page}");
    let rack = RACK.to_string();
    let outcome = change(&app, &oleg, 1, &[("product", &rack), ("quantity", "5")]).await;
    assert!(refused_by_rights(&outcome), "{outcome:?}");

    // Pavel has the catalogs right and edits his own deals only.
    let pavel = app.open(Open::lead(LEAD_PAVEL).user(USER_PAVEL)).await.ok();
    let (_, his) = products_page(&app, &pavel).await;
    assert!(his.contains("name=\"quantity\""), "{his}");
    let outcome = change(&app, &pavel, 2, &[("product", &rack), ("quantity", "4")]).await;
    assert_eq!(outcome, ActionOutcome::Done);
    assert_eq!(app.fake.lead_products(LEAD_PAVEL), [(RACK, 4.0)]);
    // The deal handed to Anna: his right is gone at the next write.
    app.fake.set_lead_responsible(LEAD_PAVEL, USER_ANNA);
    let outcome = change(&app, &pavel, 3, &[("product", &rack), ("remove", "1")]).await;
    assert!(refused_by_rights(&outcome), "{outcome:?}");
    assert_eq!(app.fake.lead_products(LEAD_PAVEL), [(RACK, 4.0)]);
    assert_eq!(app.fake.count(LINK), 1);
    assert_eq!(app.fake.count(UNLINK), 0);
}

#[tokio::test]
async fn the_budget_is_offered_to_follow_the_products_total() {
    let app = spawn(Spawn::app()).await;
    let card = app.open(Open::lead(LEAD_RU).user(USER_ANNA)).await.ok();
    let (_, page) = products_page(&app, &card).await;
    // The sample deal's budget is 1 500 000; its products make 89 000.
    assert_eq!(page.matches(mark::BUDGET_OFFER).count(), 1, "{page}");
    assert!(page.contains("Поставить бюджет 89"), "{page}");
    let seen = app.fake.record("leads", LEAD_RU).unwrap()["updated_at"].to_string();
    let form = [
        ("csrf", card.csrf.clone()),
        ("key", action_key(1)),
        ("field", "price".to_owned()),
        ("value", "89000".to_owned()),
        ("seen", seen),
    ];
    let outcome = app.call_fn(&card.client, endpoint::EDIT_FIELD, &form).await;
    assert_eq!(outcome, ActionOutcome::Done);
    assert_eq!(app.fake.record("leads", LEAD_RU).unwrap()["price"], 89_000);
    let (_, after) = products_page(&app, &card).await;
    assert!(
        !after.contains(mark::BUDGET_OFFER),
        "the budget follows: no offer"
    );
    // Olga reads every deal and edits none: offered nothing.
    let olga = app
        .open(Open::lead(LEAD_RU).user(amo_mobile_card::demo::fixtures::USER_OLGA))
        .await
        .ok();
    app.fake
        .change_record("leads", LEAD_RU, "price", json!(1_000));
    let (_, hers) = products_page(&app, &olga).await;
    assert!(!hers.contains(mark::BUDGET_OFFER), "{hers}");
    assert!(!hers.contains("name=\"quantity\""));
}

#[tokio::test]
async fn a_list_that_does_not_load_offers_a_retry_and_the_card_stays() {
    let app = spawn(Spawn::app()).await;
    let card = app.open(Open::lead(LEAD_RU).user(USER_ANNA)).await.ok();
    app.fake.set_faults(Faults {
        endpoint_status: Some(("GET /api/v4/catalogs/{id}/elements".to_owned(), 500)),
        ..Default::default()
    });
    let (status, page) = products_page(&app, &card).await;
    assert_eq!(status, 502, "{page}");
    assert!(page.contains("Товары не загрузились"), "{page}");
    assert!(page.contains(mark::RETRY), "{page}");
    assert!(
        page.contains(&format!("href=\"{}\"", page::PRODUCTS)),
        "{page}"
    );
    // The card itself does not depend on the list.
    let body = app.card_again(&card.client).await;
    assert!(body.contains("data-card-state=\"ok\""));
    app.fake.set_faults(Faults::default());
    assert_eq!(products_page(&app, &card).await.0, 200);
}

#[tokio::test]
async fn the_fake_validates_links_as_amocrm_documents_them() {
    let app = spawn(Spawn::app()).await;
    let _ = app.open(Open::lead(LEAD_RU)).await.ok();
    let (base, token) = app.amo_api().await;
    let post = |path: String, body: serde_json::Value| {
        let (base, token) = (base.clone(), token.clone());
        async move {
            reqwest::Client::new()
                .post(base.join(&path).unwrap())
                .bearer_auth(token)
                .json(&body)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    let link = format!("api/v4/leads/{LEAD_RU}/link");
    let line = |q: serde_json::Value, catalog: i64| {
        json!([{"to_entity_id": RACK, "to_entity_type": "catalog_elements",
            "metadata": {"quantity": q, "catalog_id": catalog}}])
    };
    assert_eq!(post(link.clone(), line(json!(0), 4521)).await, 400, "zero");
    assert_eq!(
        post(link.clone(), line(json!("2"), 4521)).await,
        400,
        "a string"
    );
    assert_eq!(
        post(link.clone(), line(json!(2), 1)).await,
        400,
        "another catalog"
    );
    assert_eq!(post(link.clone(), json!([])).await, 400, "nothing");
    assert_eq!(
        post("api/v4/leads/424242/link".into(), line(json!(2), 4521)).await,
        404
    );
    assert_eq!(
        app.fake.lead_products(LEAD_RU),
        [(RACK, 2.0), (MONTAGE, 1.0)]
    );
    assert_eq!(post(link, line(json!(1.5), 4521)).await, 200);
    let unlink = format!("api/v4/leads/{LEAD_RU}/unlink");
    let gone = json!([{"to_entity_id": MONTAGE, "to_entity_type": "catalog_elements",
        "metadata": {"catalog_id": 4521}}]);
    assert_eq!(post(unlink, gone).await, 204);
    assert_eq!(app.fake.lead_products(LEAD_RU), [(RACK, 1.5)]);
}
