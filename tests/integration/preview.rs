use amo_mobile_card::contract::endpoint;
use amo_mobile_card::contract::mark;
use amo_mobile_card::demo::fake::FakeAmo;
use amo_mobile_card::server::base::config::Settings;
use base64::Engine;

use crate::helpers::problem;
use crate::helpers::{card_state, csrf_of, fresh_database, marked, settings, spawn, Spawn};
use amo_mobile_card::contract::ActionOutcome;
use amo_mobile_card::model::CardProblem;

const PREVIEW_SECRET: &str = "preview-secret-of-at-least-24-chars";

fn basic(password: &str) -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("admin:{password}"))
    )
}

fn no_redirects() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

#[tokio::test]
async fn production_preview_is_off_without_a_secret() {
    let app = spawn(Spawn::app()).await;
    for path in [
        "/preview",
        "/preview/frame?kind=leads&id=1001&account=31000001",
        "/__demo/open",
    ] {
        let res = no_redirects()
            .get(format!("{}{path}", app.address))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404, "{path}");
    }
    assert_eq!(app.fake.api_calls(), 0);
}

#[tokio::test]
async fn production_preview_needs_the_secret() {
    let db = fresh_database().await;
    let fake = FakeAmo::new();
    let base = fake.spawn().await.unwrap();
    let s = settings(
        &db,
        &[
            ("AMO_API_BASE_URL", base.as_str()),
            ("PREVIEW_SECRET", PREVIEW_SECRET),
        ],
    );
    let app = spawn(Spawn::with(s, fake)).await;
    assert_eq!(app.install(31_000_001).await.status(), 200);
    app.fake.reset_counts();
    let frame = format!(
        "{}/preview/frame?kind=leads&id=1001&account=31000001&user=7000001",
        app.address
    );
    let res = no_redirects().get(&frame).send().await.unwrap();
    assert_eq!(res.status(), 401);
    assert!(res.headers()["www-authenticate"]
        .to_str()
        .unwrap()
        .starts_with("Basic"));
    let res = get_as(&frame, Some("guess")).await;
    assert_eq!(res.status(), 401);
    assert_eq!(app.fake.api_calls(), 0, "no real account was read");

    let page = get_as(&format!("{}/preview", app.address), Some(PREVIEW_SECRET)).await;
    assert_eq!(page.status(), 200);
    let res = get_as(&frame, Some(PREVIEW_SECRET)).await;
    assert_eq!(res.status(), 303);
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with("/?token="));
    let body = app
        .webview()
        .get(format!("{}{location}", app.address))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(card_state(&body).as_deref(), Some("ok"));
}

/// GET `url` without following redirects, with the preview password when given.
async fn get_as(url: &str, password: Option<&str>) -> reqwest::Response {
    let mut req = no_redirects().get(url);
    if let Some(p) = password {
        req = req.header("authorization", basic(p));
    }
    req.send().await.unwrap()
}

/// A production app with the preview on and the sample account installed.
async fn production_preview(extra: &[(&str, &str)]) -> crate::helpers::TestApp {
    let db = fresh_database().await;
    let fake = FakeAmo::new();
    let base = fake.spawn().await.unwrap();
    let mut vars = vec![
        ("AMO_API_BASE_URL", base.as_str()),
        ("PREVIEW_SECRET", PREVIEW_SECRET),
    ];
    vars.extend_from_slice(extra);
    let app = spawn(Spawn::with(settings(&db, &vars), fake)).await;
    assert_eq!(app.install(31_000_001).await.status(), 200);
    app
}

/// Opens the preview's frame as the operator; returns the WebView and the card page.
async fn preview_card(
    app: &crate::helpers::TestApp,
    query: &str,
) -> (reqwest::Client, u16, String) {
    let res = get_as(
        &format!("{}/preview/frame?{query}", app.address),
        Some(PREVIEW_SECRET),
    )
    .await;
    if res.status() != 303 {
        let status = res.status().as_u16();
        return (app.webview(), status, res.text().await.unwrap());
    }
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    let webview = app.webview();
    let body = webview
        .get(format!("{}{location}", app.address))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    (webview, 200, body)
}

#[tokio::test]
async fn the_production_preview_is_read_only_and_names_a_real_user() {
    let app = production_preview(&[]).await;
    let (_, status, body) = preview_card(&app, "kind=leads&id=1001&account=31000001").await;
    assert_eq!(status, 400, "no made-up user: {body}");
    assert!(body.contains("user id"));

    let (webview, status, body) =
        preview_card(&app, "kind=leads&id=1001&account=31000001&user=7000001").await;
    assert_eq!(status, 200);
    assert_eq!(card_state(&body).as_deref(), Some("ok"));
    assert!(!body.contains("quick-actions"), "no quick actions offered");
    assert!(
        !body.contains("complete-task"),
        "no task completion offered"
    );
    let outcome = app
        .add_note(&webview, &csrf_of(&body), 1, "from the preview")
        .await;
    assert_eq!(
        problem(&outcome),
        Some(CardProblem::NoAccess),
        "{outcome:?}"
    );
    assert!(
        app.fake.notes().is_empty(),
        "nothing written to the real account"
    );

    // PREVIEW_WRITES: actions again, attributed to the named user.
    let writable = production_preview(&[("PREVIEW_WRITES", "true")]).await;
    let (webview, _, body) = preview_card(
        &writable,
        "kind=leads&id=1001&account=31000001&user=7000002",
    )
    .await;
    assert!(body.contains("quick-actions"));
    let outcome = writable
        .add_note(&webview, &csrf_of(&body), 2, "from the preview")
        .await;
    assert_eq!(outcome, ActionOutcome::Done);
    assert_eq!(writable.fake.notes()[0]["created_by"], 7_000_002);
    // Field edits and layouts never, PREVIEW_WRITES or not: amoCRM would show
    // them as the named user's own.
    let csrf = csrf_of(&body);
    let edit = writable
        .call_fn(
            &webview,
            endpoint::EDIT_FIELD,
            &[
                ("csrf", csrf.clone()),
                ("key", crate::helpers::action_key(3)),
                ("field", "price".into()),
                ("value", "1".into()),
                ("seen", "0".into()),
            ],
        )
        .await;
    assert_eq!(problem(&edit), Some(CardProblem::NoAccess), "{edit:?}");
    let layout = webview
        .post(format!("{}{}", writable.address, endpoint::SAVE_LAYOUT))
        .header("origin", writable.address.clone())
        .form(&[
            ("csrf", csrf),
            ("key", crate::helpers::action_key(4)),
            ("scope", "pipeline:1".into()),
            ("version", "0".into()),
            ("fields", "".into()),
            ("header", "".into()),
            ("sections", "contacts,company,tasks,history,fields".into()),
            ("editable", String::new()),
        ])
        .send()
        .await
        .unwrap();
    // A layout refusal carries its problem's status.
    assert_eq!(layout.status(), 403);
    let layout: ActionOutcome = layout.json().await.unwrap();
    assert_eq!(problem(&layout), Some(CardProblem::NoAccess), "{layout:?}");
    assert_eq!(writable.fake.count("PATCH /api/v4/leads/{id}"), 0);
}

#[tokio::test]
async fn failed_preview_logins_are_throttled() {
    let app = production_preview(&[]).await;
    let frame = format!("{}/preview", app.address);
    for _ in 0..5 {
        let res = get_as(&frame, Some("guess")).await;
        assert_eq!(res.status(), 401);
    }
    // Past the limit even the right password waits.
    let res = get_as(&frame, Some(PREVIEW_SECRET)).await;
    assert_eq!(res.status(), 429);
}

#[tokio::test]
async fn demo_boots_without_postgres_and_previews_every_state() {
    let demo = Settings::from_lookup(|_| None).unwrap();
    assert!(demo.database_url.is_none());
    let app = spawn(Spawn::with(demo, FakeAmo::new())).await;
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let page = client
        .get(format!("{}/preview", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("<iframe"));
    // `/` as such is the demo's start page, with the sample cards one tap away;
    // with a card request's parameters it is the card's "open it in amoCRM".
    let start = reqwest::get(format!("{}/", app.address)).await.unwrap();
    assert_eq!(start.status(), 200);
    let start = start.text().await.unwrap();
    assert!(start.contains("data-demo-start"), "{start}");
    assert!(
        start.contains("/__demo/open?kind=leads&amp;id=1001"),
        "{start}"
    );
    let card = reqwest::get(format!("{}/?from=ios", app.address))
        .await
        .unwrap();
    assert_eq!(card.status(), 401);
    assert!(card
        .text()
        .await
        .unwrap()
        .contains("data-state=\"no-token\""));
    let card_state = |state: &str| marked(mark::CARD_STATE, state);
    let blocked = |state: &str| format!("data-state=\"{state}\"");
    let expect = [
        ("ok", card_state("ok")),
        ("default-layout", card_state("ok")),
        ("not-found", card_state("not-found")),
        ("no-rights", card_state("no-rights")),
        ("customers-disabled", card_state("customers-disabled")),
        ("no-token", blocked("no-token")),
        ("expired", blocked("expired")),
        ("not-yet-valid", blocked("not-yet-valid")),
        ("invalid", blocked("invalid")),
        ("wrong-integration", blocked("wrong-integration")),
        ("already-used", blocked("already-used")),
        ("unsupported", blocked("unsupported")),
        // The card, whose redirect opens the after-meeting sheet.
        ("wrap-up", card_state("ok")),
    ];
    for (state, needle) in expect {
        let kind = if state == "customers-disabled" {
            "customers"
        } else {
            "leads"
        };
        let body = reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .unwrap()
            .get(format!(
                "{}/preview/frame?kind={kind}&state={state}&lang=en",
                app.address
            ))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(body.contains(&needle), "{state}");
        assert!(body.contains("lang=\"en\""), "{state} in English");
        // The demo ships a layout for its sample pipeline; the preview also
        // shows the card without it.
        match state {
            "ok" => assert!(body.contains(&marked(mark::HEADER_FIELD, "103"))),
            "default-layout" => assert!(!body.contains(mark::HEADER_FIELD)),
            _ => {}
        }
    }
}

#[tokio::test]
async fn the_demo_installs_as_many_accounts_as_asked_each_on_its_host() {
    let demo = Settings::from_lookup(|k| (k == "DEMO_ACCOUNTS").then(|| "5".to_owned())).unwrap();
    let app = spawn(Spawn::with(demo, FakeAmo::new())).await;
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let open = |account: i64| {
        let url = format!("{}/__demo/open?account={account}", app.address);
        let client = client.clone();
        async move { client.get(url).send().await.unwrap().text().await.unwrap() }
    };
    for account in [31_000_001, 31_000_002, 31_000_003, 31_000_005] {
        assert_eq!(
            card_state(&open(account).await).as_deref(),
            Some("ok"),
            "{account}"
        );
    }
    // The sixth was not asked for: never installed.
    assert_eq!(
        card_state(&open(31_000_006).await).as_deref(),
        Some("needs-reinstall")
    );
}

#[tokio::test]
async fn the_demo_amocrm_follows_the_configured_rate_limit() {
    // A load test raises the limit: the demo's own amoCRM must not answer 429
    // to a cold card's burst of calls (8 at once) past amoCRM's 7 a second.
    let demo = Settings::from_lookup(|k| match k {
        "DEMO_ACCOUNTS" => Some("4".to_owned()),
        "AMO_RATE_LIMIT_PER_SECOND" => Some("1000".to_owned()),
        _ => None,
    })
    .unwrap();
    let app = spawn(Spawn::with(demo, FakeAmo::new())).await;
    let open = |account: i64| {
        let url = format!("{}/__demo/open?account={account}", app.address);
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .unwrap();
        async move { client.get(url).send().await.unwrap().text().await.unwrap() }
    };
    // Two cold accounts at once: every call of both cards inside one second.
    let (a, b) = tokio::join!(open(31_000_003), open(31_000_004));
    for (account, body) in [(31_000_003, a), (31_000_004, b)] {
        assert_eq!(card_state(&body).as_deref(), Some("ok"), "{account}");
    }
}

#[tokio::test]
async fn production_has_no_demo_routes() {
    let app = spawn(Spawn::app()).await;
    let client = reqwest::Client::new();
    let get = client
        .get(format!("{}/__demo/open", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(get.status(), 404);
    for path in ["faults", "reset"] {
        let post = client
            .post(format!("{}/__demo/{path}", app.address))
            .json(&serde_json::json!({}))
            .send()
            .await
            .unwrap();
        assert_eq!(post.status(), 404, "{path}");
    }
}

#[tokio::test]
async fn the_preview_hands_out_the_widget_archive_checked_like_the_command() {
    let app = production_preview(&[]).await;
    let url = |query: &str| format!("{}/preview/widget?{query}", app.address);
    let good = "support_email=help%40vendor.io&color=%231769c2";
    assert_eq!(get_as(&url(good), None).await.status(), 401);
    let res = get_as(&url(good), Some(PREVIEW_SECRET)).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/zip");
    assert!(res.headers().get("x-widget-warning").is_none());
    let zip = res.bytes().await.unwrap();
    assert_eq!(&zip[..2], b"PK");
    for needle in ["i18n/es.json", "i18n/id.json", "help@vendor.io"] {
        assert!(
            zip.windows(needle.len()).any(|w| w == needle.as_bytes()),
            "{needle}"
        );
    }
    for (query, says) in [
        ("color=%231769c2", "--support-email"),
        ("support_email=a%40example.com", "placeholder"),
        ("support_email=help%40vendor.io&color=%23ffff00", "1.07:1"),
        ("support_email=help%40vendor.io&color=red", "#rrggbb"),
    ] {
        let res = get_as(&url(query), Some(PREVIEW_SECRET)).await;
        assert_eq!(res.status(), 400, "{query}");
        let body = res.text().await.unwrap();
        assert_eq!(body.trim().lines().count(), 1, "{body}");
        assert!(body.contains(says), "{query}: {body}");
    }
    let res = get_as(
        &url("support_email=help%40vendor.io&color=%231b7bdc"),
        Some(PREVIEW_SECRET),
    )
    .await;
    assert_eq!(res.status(), 200);
    assert!(res.headers()["x-widget-warning"]
        .to_str()
        .unwrap()
        .contains("4.27:1"));
}
