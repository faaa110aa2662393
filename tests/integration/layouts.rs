//! Card layouts: an active account admin saves one per scope (a pipeline, or
//! customers); every card of that scope then shows it, at no extra amoCRM call.

use amo_mobile_card::contract::endpoint;
use amo_mobile_card::contract::mark;
use amo_mobile_card::contract::ActionOutcome;
use amo_mobile_card::demo::fixtures::{
    CUSTOMER, LEAD_EN_WON, LEAD_RU, LEAD_STALE, USER_ANNA, USER_JOHN, USER_PAVEL,
};
use amo_mobile_card::model::{CardProblem, EntityKind};
use serde_json::json;

use crate::helpers::{
    action_key, assert_page, attr_values, marked, spawn, Card, Open, Spawn, TestApp,
};

/// Rights are read again before every write, as a revoked admin must be refused at once.
const RECHECK: &[(&str, &str)] = &[("AMO_RIGHTS_RECHECK_SECS", "0")];

async fn session(app: &TestApp, user: i64, kind: EntityKind, id: i64) -> Card {
    app.open(Open::of(kind, id).user(user)).await.ok()
}

/// Posts `/api/save_layout` as the card's `fetch` does: the status and the outcome.
async fn save(
    app: &TestApp,
    who: &Card,
    n: u32,
    fields: [(&str, &str); 5],
) -> (u16, ActionOutcome) {
    save_with(app, who, n, &fields).await
}

/// [`save`] with any fields (the stale days, the editor's per-stage inputs).
async fn save_with(
    app: &TestApp,
    who: &Card,
    n: u32,
    fields: &[(&str, &str)],
) -> (u16, ActionOutcome) {
    let mut form: Vec<(&str, String)> = vec![("csrf", who.csrf.clone()), ("key", action_key(n))];
    form.extend(fields.iter().map(|(k, v)| (*k, (*v).to_owned())));
    let res = who
        .client
        .post(format!("{}{}", app.address, endpoint::SAVE_LAYOUT))
        .header("origin", app.address.clone())
        .form(&form)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.expect("an outcome"))
}

fn layout<'a>(
    scope: &'a str,
    version: &'a str,
    fields: &'a str,
    header: &'a str,
    sections: &'a str,
) -> [(&'static str, &'a str); 5] {
    [
        ("scope", scope),
        ("version", version),
        ("fields", fields),
        ("header", header),
        ("sections", sections),
    ]
}

async fn card(app: &TestApp, user: i64, kind: EntityKind, id: i64) -> String {
    let Card {
        status,
        body,
        client: _,
        ..
    } = app.open(Open::of(kind, id).user(user)).await;
    assert_page(status, &body, 200, "ok");
    body
}

fn invalid_field(outcome: &ActionOutcome) -> &str {
    match outcome {
        ActionOutcome::Invalid { field, .. } => field,
        other => panic!("not invalid: {other:?}"),
    }
}

#[tokio::test]
async fn an_admins_layout_shapes_every_card_of_its_pipeline_and_only_those() {
    let app = spawn(Spawn::app().env(RECHECK)).await;
    let before = card(&app, USER_ANNA, EntityKind::Lead, LEAD_RU).await;
    assert!(before.contains(mark::CUSTOMISE));
    let default_ids = attr_values(&before, mark::FIELD_ID);
    let anna = session(&app, USER_ANNA, EntityKind::Lead, LEAD_RU).await;
    let form = layout("pipeline:1", "0", "104,101,103", "105", "tasks,-company");
    assert_eq!(save(&app, &anna, 1, form).await, (200, ActionOutcome::Done));

    let after = card(&app, USER_ANNA, EntityKind::Lead, LEAD_RU).await;
    let ids = attr_values(&after, mark::FIELD_ID);
    assert_eq!(ids[..3], ["104", "101", "103"]);
    // The header field shows up top and not again among the other fields.
    assert_eq!(attr_values(&after, mark::HEADER_FIELD), ["105"]);
    assert!(!ids.contains(&"105"));
    assert_eq!(ids.len() + 1, default_ids.len(), "no field lost or doubled");
    assert_eq!(
        attr_values(&after, mark::SECTION),
        ["tasks", "contacts", "history", "fields"]
    );
    // Another pipeline's lead, and customers, keep the default.
    let other = card(&app, USER_ANNA, EntityKind::Lead, LEAD_EN_WON).await;
    assert_eq!(attr_values(&other, mark::PIPELINE), ["2"]);
    assert!(attr_values(&other, mark::HEADER_FIELD).is_empty());
    let customer = card(&app, USER_ANNA, EntityKind::Customer, CUSTOMER).await;
    assert!(attr_values(&customer, mark::SECTION).contains(&"contacts"));
}

#[tokio::test]
async fn the_second_of_two_saves_from_one_version_is_refused() {
    let app = spawn(Spawn::app().env(RECHECK)).await;
    let anna = session(&app, USER_ANNA, EntityKind::Lead, LEAD_RU).await;
    let john = session(&app, USER_JOHN, EntityKind::Lead, LEAD_RU).await;
    let first = layout("pipeline:1", "0", "101", "", "");
    assert_eq!(
        save(&app, &anna, 1, first).await,
        (200, ActionOutcome::Done)
    );
    let second = layout("pipeline:1", "0", "109", "", "");
    let (status, outcome) = save(&app, &john, 2, second).await;
    assert_eq!((status, invalid_field(&outcome)), (200, "version"));
    // The first stands; saving from its version works.
    let body = card(&app, USER_ANNA, EntityKind::Lead, LEAD_RU).await;
    assert_eq!(attr_values(&body, mark::FIELD_ID)[0], "101");
    let third = layout("pipeline:1", "1", "109", "", "");
    assert_eq!(
        save(&app, &john, 3, third).await,
        (200, ActionOutcome::Done)
    );
    let body = card(&app, USER_ANNA, EntityKind::Lead, LEAD_RU).await;
    assert_eq!(attr_values(&body, mark::FIELD_ID)[0], "109");
}

#[tokio::test]
async fn only_an_active_admin_may_save_and_a_refusal_changes_nothing() {
    let app = spawn(Spawn::app().env(RECHECK)).await;
    // Pavel changes his own leads, but is no admin: no entry, and a 403 by hand.
    let pavel_card = card(
        &app,
        USER_PAVEL,
        EntityKind::Lead,
        amo_mobile_card::demo::fixtures::LEAD_PAVEL,
    )
    .await;
    assert!(!pavel_card.contains(mark::CUSTOMISE));
    let pavel = session(
        &app,
        USER_PAVEL,
        EntityKind::Lead,
        amo_mobile_card::demo::fixtures::LEAD_PAVEL,
    )
    .await;
    let (status, outcome) = save(&app, &pavel, 1, layout("pipeline:1", "0", "101", "", "")).await;
    assert_eq!(status, 403);
    assert!(matches!(
        outcome,
        ActionOutcome::Failed {
            problem: CardProblem::NoRights,
            ..
        }
    ));
    // A user the account does not list (another account's, say): the card
    // opens without rights, and a save is refused.
    let stranger = app.open(Open::lead(LEAD_RU).user(7_000_099)).await;
    assert_eq!(stranger.status, 200);
    assert!(!stranger.body.contains(mark::CUSTOMISE));
    assert!(!stranger.csrf.is_empty());
    let (status, _) = save(&app, &stranger, 3, layout("pipeline:1", "0", "101", "", "")).await;
    assert_eq!(status, 403);
    // An admin deactivated after opening the card is refused at the save.
    let anna = session(&app, USER_ANNA, EntityKind::Lead, LEAD_RU).await;
    let mut rights = amo_mobile_card::demo::fixtures::users()
        .into_iter()
        .find(|u| u["id"] == json!(USER_ANNA))
        .expect("Anna")["rights"]
        .clone();
    rights["is_active"] = json!(false);
    app.fake.set_user(USER_ANNA, "rights", rights);
    let (status, _) = save(&app, &anna, 2, layout("pipeline:1", "0", "101", "", "")).await;
    assert_eq!(status, 403);
    // Nothing changed: John (still an admin) sees the default order.
    let body = card(&app, USER_JOHN, EntityKind::Lead, LEAD_RU).await;
    assert!(attr_values(&body, mark::HEADER_FIELD).is_empty());
    assert_eq!(
        attr_values(&body, mark::SECTION),
        ["contacts", "company", "tasks", "history", "fields"]
    );
}

#[tokio::test]
async fn bad_layouts_are_refused_with_the_field_at_fault() {
    let app = spawn(Spawn::app().env(RECHECK)).await;
    let anna = session(&app, USER_ANNA, EntityKind::Lead, LEAD_RU).await;
    let cases = [
        (layout("pipeline:1", "0", "101,999", "", ""), "fields"),
        // 130 is a customer field: not the lead's.
        (layout("pipeline:1", "0", "130", "", ""), "fields"),
        (layout("pipeline:1", "0", "101", "999", ""), "header"),
        (
            layout(
                "pipeline:1",
                "0",
                "101,102,103,104,105,106,107,109,110",
                "",
                "",
            ),
            "fields",
        ),
        (layout("pipeline:1", "0", "101,101", "", ""), "fields"),
        (layout("pipeline:1", "0", "abc", "", ""), "fields"),
        (
            layout("pipeline:1", "0", "101", "", "tasks,notes"),
            "sections",
        ),
        (layout("pipeline:77", "0", "101", "", ""), "scope"),
        (layout("leads", "0", "101", "", ""), "scope"),
        (layout("pipeline:1", "x", "101", "", ""), "version"),
    ];
    for (n, (form, field)) in cases.into_iter().enumerate() {
        let (status, outcome) = save(&app, &anna, 10 + n as u32, form).await;
        assert_eq!((status, invalid_field(&outcome)), (200, field), "{form:?}");
        if let ActionOutcome::Invalid { message, .. } = &outcome {
            assert!(!message.is_empty() && !message.contains('{'), "{message}");
        }
    }
    // Every refusal left the card as it was.
    let body = card(&app, USER_ANNA, EntityKind::Lead, LEAD_RU).await;
    assert!(attr_values(&body, mark::HEADER_FIELD).is_empty());
    // A customer field is right for customers.
    let form = layout("customers", "0", "130", "", "-history");
    assert_eq!(
        save(&app, &anna, 40, form).await,
        (200, ActionOutcome::Done)
    );
    let body = card(&app, USER_ANNA, EntityKind::Customer, CUSTOMER).await;
    assert_eq!(attr_values(&body, mark::FIELD_ID)[0], "130");
    assert!(!attr_values(&body, mark::SECTION).contains(&"history"));
}

#[tokio::test]
async fn a_field_deleted_in_amocrm_is_skipped_and_a_layout_costs_no_amocrm_call() {
    let app = spawn(Spawn::app().env(RECHECK)).await;
    // Warm: the metadata is cached; count one card open's calls without a layout.
    card(&app, USER_ANNA, EntityKind::Lead, LEAD_RU).await;
    app.fake.reset_counts();
    card(&app, USER_ANNA, EntityKind::Lead, LEAD_RU).await;
    let without = app.fake.api_calls();
    let anna = session(&app, USER_ANNA, EntityKind::Lead, LEAD_RU).await;
    let form = layout("pipeline:1", "0", "103,101", "103", "");
    assert_eq!(save(&app, &anna, 1, form).await, (200, ActionOutcome::Done));
    card(&app, USER_ANNA, EntityKind::Lead, LEAD_RU).await;
    app.fake.reset_counts();
    let body = card(&app, USER_ANNA, EntityKind::Lead, LEAD_RU).await;
    assert_eq!(
        app.fake.api_calls(),
        without,
        "a layout costs no amoCRM call"
    );
    assert_eq!(attr_values(&body, mark::FIELD_ID)[..2], ["103", "101"]);

    app.fake.delete_custom_field(103);
    let body = card(&app, USER_ANNA, EntityKind::Lead, LEAD_RU).await;
    assert_eq!(attr_values(&body, mark::FIELD_ID)[0], "101");
    assert!(!attr_values(&body, mark::FIELD_ID).contains(&"103"));
    assert!(attr_values(&body, mark::HEADER_FIELD).is_empty());
}

#[tokio::test]
async fn the_editor_is_for_admins_and_steps_without_script() {
    let app = spawn(Spawn::app().env(RECHECK)).await;
    let anna = session(&app, USER_ANNA, EntityKind::Lead, LEAD_RU).await;
    // A step is a navigation from the editor itself (the browser says so).
    let get_from = |who: &Card, query: &str, site: &'static str| {
        let url = format!("{}/layout?{query}", app.address);
        let client = who.client.clone();
        async move {
            let res = client
                .get(url)
                .header("sec-fetch-site", site)
                .send()
                .await
                .unwrap();
            (res.status().as_u16(), res.text().await.unwrap())
        }
    };
    let get = |who: &Card, query: &str| get_from(who, query, "same-origin");
    let (status, body) = get(&anna, "scope=pipeline:1").await;
    assert_eq!(status, 200);
    assert!(body.contains("data-layout-editor"));
    // amoCRM's fields, with their names, including those the lead leaves empty.
    for name in ["Дата поставки", "Номер договора", "Город"] {
        assert!(body.contains(name), "{name}");
    }
    // A step: add a field, then move it up; the draft is in the form.
    let (_, body) = get(
        &anna,
        "scope=pipeline:1&draft=1&version=0&fields=101&header=&sections=&op=add:114",
    )
    .await;
    assert!(body.contains("name=\"fields\" value=\"101,114\""), "add");
    let (_, body) = get(
        &anna,
        "scope=pipeline:1&draft=1&version=0&fields=101,114&header=&sections=&op=up:114",
    )
    .await;
    assert!(body.contains("name=\"fields\" value=\"114,101\""), "up");
    // The same draft from another site's link is not put in front of Save.
    let (_, forged) = get_from(
        &anna,
        "scope=pipeline:1&draft=1&version=0&fields=114&header=&sections=&op=up:114",
        "cross-site",
    )
    .await;
    assert!(
        !forged.contains("name=\"fields\" value=\"114\""),
        "cross-site draft"
    );
    // The save form carries the session's CSRF value and the version.
    assert!(body.contains(&format!("action=\"{}\"", endpoint::SAVE_LAYOUT)));
    assert!(body.contains("name=\"version\" value=\"0\""));
    // Not an admin, or no session: refused.
    let pavel = session(
        &app,
        USER_PAVEL,
        EntityKind::Lead,
        amo_mobile_card::demo::fixtures::LEAD_PAVEL,
    )
    .await;
    assert_eq!(get(&pavel, "scope=pipeline:1").await.0, 403);
    let stranger = Card {
        status: 0,
        client: app.webview(),
        csrf: String::new(),
        body: String::new(),
    };
    assert_eq!(get(&stranger, "scope=pipeline:1").await.0, 401);
    assert_eq!(get(&anna, "scope=pipeline:77").await.0, 400);
}

/// The strip's stage fact of `body`, as the card shows it.
fn stage_fact(body: &str) -> (Vec<&str>, String) {
    let at = body
        .find(&marked(mark::STRIP_ITEM, "stage"))
        .expect("a stage fact");
    let li = &body[body[..at].rfind("<li").unwrap_or(at)..];
    let li = &li[..li.find("</li>").unwrap_or(li.len())];
    let text = li
        .split("strip-text\">")
        .nth(1)
        .and_then(|t| t.split('<').next())
        .unwrap_or_default();
    (attr_values(li, mark::STALE), text.to_owned())
}

#[tokio::test]
async fn stale_days_are_saved_refused_when_malformed_and_shown_on_the_strip() {
    let app = spawn(Spawn::app().env(RECHECK)).await;
    let anna = session(&app, USER_ANNA, EntityKind::Lead, LEAD_RU).await;
    let stale = || card(&app, USER_ANNA, EntityKind::Lead, LEAD_STALE);
    assert_eq!(stage_fact(&stale().await).0, Vec::<&str>::new());
    let pipeline = |stale_days: &'static str| {
        vec![
            ("scope", "pipeline:1"),
            ("version", "0"),
            ("stale_days", stale_days),
        ]
    };
    // Malformed, out of 1–365, a closed stage, another pipeline's, a stage
    // twice, a bad per-stage input, and any on customers: named, nothing saved.
    let mut cases: Vec<Vec<(&str, &str)>> = [
        "12:0",
        "12:366",
        "12",
        "x:3",
        "12:3.5",
        "99:3",
        "142:3",
        "143:3",
        "20:3",
        "12:3,12:4",
    ]
    .into_iter()
    .map(pipeline)
    .collect();
    cases.push(vec![
        ("scope", "pipeline:1"),
        ("version", "0"),
        ("stale_12", "abc"),
    ]);
    cases.push(vec![
        ("scope", "customers"),
        ("version", "0"),
        ("stale_days", "501:3"),
    ]);
    for (n, form) in cases.iter().enumerate() {
        let (status, outcome) = save_with(&app, &anna, 10 + n as u32, form).await;
        assert_eq!(
            (status, invalid_field(&outcome)),
            (200, "stale_days"),
            "{form:?}"
        );
        if let ActionOutcome::Invalid { message, .. } = &outcome {
            assert!(!message.is_empty() && !message.contains('{'), "{message}");
        }
    }
    assert_eq!(stage_fact(&stale().await).0, Vec::<&str>::new());

    // 45 days in stage 12 against a limit of 30: stale, in words.
    let form = pipeline("12:30");
    assert_eq!(
        save_with(&app, &anna, 40, &form).await,
        (200, ActionOutcome::Done)
    );
    let body = stale().await;
    assert_eq!(
        stage_fact(&body),
        (vec!["30"], "45 дней на этапе — застой после 30".to_owned())
    );
    // The sample lead has been 6 days in stage 11, which has no limit.
    let ru = card(&app, USER_ANNA, EntityKind::Lead, LEAD_RU).await;
    assert_eq!(stage_fact(&ru).0, Vec::<&str>::new());

    // The editor's per-stage inputs lay over the pairs: 12 cleared, 11 set.
    let form = [
        ("scope", "pipeline:1"),
        ("version", "1"),
        ("stale_days", "12:30"),
        ("stale_12", ""),
        ("stale_11", "3"),
    ];
    assert_eq!(
        save_with(&app, &anna, 41, &form).await,
        (200, ActionOutcome::Done)
    );
    assert_eq!(stage_fact(&stale().await).0, Vec::<&str>::new());
    let ru = card(&app, USER_ANNA, EntityKind::Lead, LEAD_RU).await;
    assert_eq!(
        stage_fact(&ru),
        (vec!["3"], "6 дней на этапе — застой после 3".to_owned())
    );
    // The editor shows one input per open stage, the saved limit filled in.
    let editor = anna
        .client
        .get(format!("{}/layout?scope=pipeline:1", app.address))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(
        attr_values(&editor, "data-stale-stage"),
        ["10", "11", "12", "13"]
    );
    assert!(
        editor.contains("name=\"stale_11\" form=\"save-layout\" value=\"3\""),
        "{editor}"
    );
    assert!(editor.contains("name=\"stale_days\" value=\"11:3\""));
}
