//! What else the client is (#42): a contact's other deals, counted only for
//! a user who may see every deal, listed as far as the user's rights go,
//! and opened as a card in place after the link and the rights are checked.

use amo_mobile_card::contract::{endpoint, mark, ActionOutcome};
use amo_mobile_card::demo::fixtures::{
    LEAD_EN_WON, LEAD_PAVEL, LEAD_RU, LEAD_STALE, USER_ANNA, USER_PAVEL,
};
use amo_mobile_card::model::CardProblem;
use serde_json::json;

use crate::helpers::{attr_values, invalid_field, spawn, Card, Open, Spawn, TestApp};

const IVAN: i64 = 2001;
const JANE: i64 = 2002;

/// The texts of the card's `data-related="deals"` lines, in order.
fn lines(body: &str) -> Vec<String> {
    body.match_indices("data-related=\"deals\"")
        .filter_map(|(at, _)| {
            let rest = &body[at..];
            let open = rest.find('>')? + 1;
            let close = open + rest[open..].find('<')?;
            Some(rest[open..close].to_owned())
        })
        .collect()
}

async fn list(app: &TestApp, card: &Card, contact: i64) -> (u16, String) {
    let res = card
        .client
        .get(format!("{}/related/deals?contact={contact}", app.address))
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

async fn open(app: &TestApp, card: &Card, contact: i64, lead: i64) -> ActionOutcome {
    let form = [
        ("csrf", card.csrf.clone()),
        ("contact", contact.to_string()),
        ("lead", lead.to_string()),
    ];
    app.call_fn(&card.client, endpoint::OPEN_RELATED, &form)
        .await
}

#[tokio::test]
async fn an_admin_sees_the_counts_and_the_list_newest_first() {
    let app = spawn(Spawn::app()).await;
    let card = app.open(Open::lead(LEAD_RU).user(USER_ANNA)).await.ok();
    // Ivan is on Pavel's deal and the stale deal; Jane on the won one.
    assert_eq!(lines(&card.body), ["2 другие сделки", "1 другая сделка"]);
    assert!(card
        .body
        .contains(&format!("/related/deals?contact={IVAN}")));
    let (status, page) = list(&app, &card, IVAN).await;
    assert_eq!(status, 200);
    let ids = attr_values(&page, mark::RELATED_DEAL);
    // Pavel's deal changed two hours ago, the stale one weeks ago.
    assert_eq!(ids, [LEAD_PAVEL.to_string(), LEAD_STALE.to_string()]);
    assert!(page.contains("Открытых: 2, успешных: 0"), "{page}");
    let (_, jane) = list(&app, &card, JANE).await;
    assert!(
        jane.contains("Открытых: 0, успешных: 1 · выиграно 48"),
        "{jane}"
    );
    // A contact that is not this card's: refused, nothing listed.
    assert_eq!(list(&app, &card, 2004).await.0, 404);
}

#[tokio::test]
async fn a_user_who_sees_only_their_own_deals_gets_no_count_and_no_foreign_deal() {
    let app = spawn(Spawn::app()).await;
    // Pavel sees every contact, and only his own deals.
    let mut rights = amo_mobile_card::demo::fixtures::users()
        .into_iter()
        .find(|u| u["id"] == USER_PAVEL)
        .map(|u| u["rights"].clone())
        .expect("Pavel");
    rights["contacts"]["view"] = json!("A");
    app.fake.set_user(USER_PAVEL, "rights", rights);
    let card = app.open(Open::lead(LEAD_PAVEL).user(USER_PAVEL)).await.ok();
    // Ivan's other deals are Anna's: a line without a number.
    assert_eq!(lines(&card.body), ["Другие сделки"]);
    let (status, page) = list(&app, &card, IVAN).await;
    assert_eq!(status, 200);
    assert!(attr_values(&page, mark::RELATED_DEAL).is_empty(), "{page}");
    assert!(page.contains("Других сделок, которые вам видны, нет."));
    assert!(page.contains("Открытых: 0, успешных: 0"));
    // Opening one of them by hand is refused.
    let answer = open(&app, &card, IVAN, LEAD_RU).await;
    assert!(
        matches!(
            answer,
            ActionOutcome::Failed {
                problem: CardProblem::NoRights,
                ..
            }
        ),
        "{answer:?}"
    );
}

#[tokio::test]
async fn a_related_deal_opens_as_the_card_and_only_a_linked_one() {
    let app = spawn(Spawn::app()).await;
    let card = app.open(Open::lead(LEAD_RU).user(USER_ANNA)).await.ok();
    // The won deal is Jane's, not Ivan's.
    let answer = open(&app, &card, IVAN, LEAD_EN_WON).await;
    assert_eq!(invalid_field(&answer), Some("lead"), "{answer:?}");
    assert_eq!(
        invalid_field(&open(&app, &card, IVAN, 0).await),
        Some("lead")
    );
    assert_eq!(
        open(&app, &card, IVAN, LEAD_STALE).await,
        ActionOutcome::Done
    );
    // The same WebView now holds the stale deal's card; no token anywhere.
    let body = app.card_again(&card.client).await;
    assert!(
        body.contains("Стеллажи для второго склада"),
        "the related card"
    );
    assert!(!body.contains("token="));
    // And back: the sample lead is one of Ivan's other deals from there.
    let csrf = attr_values(&body, "data-csrf")
        .first()
        .map(|c| (*c).to_owned())
        .unwrap_or_default();
    let back = Card {
        status: 200,
        body,
        client: card.client.clone(),
        csrf,
    };
    assert_eq!(open(&app, &back, IVAN, LEAD_RU).await, ActionOutcome::Done);
    let again = app.card_again(&card.client).await;
    assert!(again.contains("Поставка оборудования для склада"));
}

#[tokio::test]
async fn without_list_filtering_the_deals_are_read_one_by_one() {
    let app = spawn(Spawn::app()).await;
    let card = app.open(Open::lead(LEAD_RU).user(USER_ANNA)).await.ok();
    app.fake.set_faults(amo_mobile_card::demo::fake::Faults {
        unfiltered_lists: true,
        ..Default::default()
    });
    let (status, page) = list(&app, &card, IVAN).await;
    assert_eq!(status, 200, "{page}");
    let ids = attr_values(&page, mark::RELATED_DEAL);
    assert_eq!(ids.len(), 2, "{page}");
    assert!(app.fake.count("GET /api/v4/leads/{id}") >= 2);
}

#[tokio::test]
async fn the_deals_products_come_with_its_read_and_their_prices_in_one_call() {
    let app = spawn(Spawn::app()).await;
    let card = app.open(Open::lead(LEAD_RU).user(USER_ANNA)).await.ok();
    assert!(
        card.body.contains("Товары (2)"),
        "the line, from the lead's read"
    );
    assert_eq!(app.fake.count("GET /api/v4/catalogs/{id}/elements"), 0);
    let res = card
        .client
        .get(format!("{}/related/products", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let page = res.text().await.unwrap();
    assert_eq!(attr_values(&page, "data-product"), ["525439", "525440"]);
    assert!(page.contains("2 × 42"), "{page}");
    assert!(page.contains("Итого: 89"), "{page}");
    assert_eq!(app.fake.count("GET /api/v4/catalogs/{id}/elements"), 1);
    // A deal without products has no line.
    let bare = app.open(Open::lead(LEAD_STALE).user(USER_ANNA)).await.ok();
    assert!(!bare.body.contains("data-related=\"products\""));
}
