//! The names the client relies on (`src/contract.rs`) are the names the server
//! renders: a renamed role, attribute, panel or field fails here, not on a
//! phone. The client finds nothing else.

use std::collections::BTreeSet;

use amo_mobile_card::contract::{
    after, attr, endpoint, field, mark, optimistic, role, sheet, AFTER, ENHANCE, OPTIMISTIC,
};
use amo_mobile_card::demo::fixtures::LEAD_RU;
use serde_json::Value;

use crate::helpers::{assert_page, attr_values, spawn, Card, Open, Spawn};

/// Every value of `name="…"` attributes in `html`, split on spaces.
fn tokens(html: &str, name: &str) -> BTreeSet<String> {
    attr_values(html, name)
        .into_iter()
        .flat_map(|v| v.split_whitespace().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn every_name_the_client_relies_on_is_in_the_rendered_card() {
    let app = spawn(Spawn::app()).await;
    let (status, body) = app.open(Open::lead(LEAD_RU)).await.page();
    assert_page(status, &body, 200, "ok");

    let roles = tokens(&body, ENHANCE);
    for r in role::ALL {
        assert!(roles.contains(r), "role {r:?} not rendered");
    }
    assert!(
        roles.iter().all(|r| role::ALL.contains(&r.as_str())),
        "a role the contract does not name: {roles:?}"
    );
    for a in attr::RENDERED {
        assert!(
            body.contains(&format!(" {a}=\"")),
            "attribute {a} not rendered"
        );
    }
    let marks = tokens(&body, OPTIMISTIC);
    for m in [optimistic::STAGE, optimistic::COMPLETE] {
        assert!(marks.contains(m), "optimistic {m:?} not rendered");
    }
    let panels = tokens(&body, attr::SHEET);
    for s in [sheet::NOTE, sheet::TASK, sheet::STAGE, sheet::CALL] {
        assert!(panels.contains(s), "panel {s:?} not rendered");
    }
    let fields = tokens(&body, "name");
    for f in field::ALL {
        assert!(fields.contains(f), "field {f:?} not rendered");
    }
    let after = tokens(&body, AFTER);
    assert!(
        after.contains(after::REFRESH),
        "{AFTER} {:?} not rendered",
        after::REFRESH
    );
    // With an admin's layout (a header field, editable fields among them a
    // multiselect) every mark and the multiselect's options are rendered.
    crate::edits::save_layout(&app, 0, "110,101,102,103", "103").await;
    let (_, body) = app.open(Open::lead(LEAD_RU)).await.page();
    assert!(
        tokens(&body, "name").contains(field::CHOICES),
        "field {:?} not rendered",
        field::CHOICES
    );
    for m in mark::ALL {
        assert!(body.contains(&format!(" {m}")), "mark {m} not rendered");
    }
    // The client's bare posts reach their server functions under the contract's names.
    let Card {
        client: webview,
        csrf,
        ..
    } = app.open(Open::lead(LEAD_RU)).await;
    let post = |url: &'static str, form: Vec<(&'static str, String)>| {
        let webview = webview.clone();
        let address = app.address.clone();
        async move {
            webview
                .post(format!("{address}{url}"))
                .header("origin", address.clone())
                .form(&form)
                .send()
                .await
                .expect("post")
        }
    };
    let refreshed = post(endpoint::REFRESH_CARD, vec![(field::CSRF, csrf.clone())]).await;
    assert_eq!(refreshed.status(), 200);
    let html: String = refreshed.json().await.expect("html");
    assert!(tokens(&html, ENHANCE).contains(role::CARD));
    let more = post(
        endpoint::HISTORY_PAGE,
        vec![(field::CSRF, csrf.clone()), (field::PAGE, "2".into())],
    )
    .await;
    assert_eq!(more.status(), 200);
    let more: Value = more.json().await.expect("json");
    assert!(more["html"]
        .as_str()
        .is_some_and(|h| h.contains("data-note-id")));
}

#[tokio::test]
async fn the_card_marks_its_pipeline_sections_and_fields_in_display_order() {
    use amo_mobile_card::demo::fixtures::{lead_fields, CUSTOMER};
    use amo_mobile_card::model::Section;
    let app = spawn(Spawn::app()).await;
    let (status, body) = app.open(Open::lead(LEAD_RU)).await.page();
    assert_page(status, &body, 200, "ok");
    assert_eq!(attr_values(&body, mark::PIPELINE), ["1"]);
    // With no layout, the default order: every section the lead has, as today.
    let sections: Vec<&str> = Section::ALL.iter().map(|s| s.code()).collect();
    assert_eq!(attr_values(&body, mark::SECTION), sections);
    // Each custom field row carries its id, in the order the card shows them
    // (amoCRM's order; empty and unknown-type fields are not shown).
    let ids = attr_values(&body, mark::FIELD_ID);
    let fixture: Vec<String> = lead_fields()
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field_id"].to_string())
        .collect();
    assert!(ids.len() >= 5, "{ids:?}");
    let mut rest = fixture.iter();
    for id in &ids {
        assert!(rest.any(|f| f == id), "{id} out of amoCRM's order: {ids:?}");
    }
    // A customer has no pipeline.
    let (status, body) = app.open(Open::customer(CUSTOMER)).await.page();
    assert_page(status, &body, 200, "ok");
    assert!(attr_values(&body, mark::PIPELINE).is_empty());
    assert!(attr_values(&body, mark::SECTION).contains(&"history"));
}
