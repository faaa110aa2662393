use amo_mobile_card::server::config::Settings;
use amo_mobile_card::server::fake_amo::FakeAmo;
use base64::Engine;

use crate::helpers::{card_state, fresh_database, settings, spawn_app, spawn_with};

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
    let app = spawn_app().await;
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
    let app = spawn_with(s, fake).await;
    assert_eq!(app.install(31_000_001).await.status(), 200);
    app.fake.reset_counts();
    let frame = format!(
        "{}/preview/frame?kind=leads&id=1001&account=31000001",
        app.address
    );
    let res = no_redirects().get(&frame).send().await.unwrap();
    assert_eq!(res.status(), 401);
    assert!(res.headers()["www-authenticate"]
        .to_str()
        .unwrap()
        .starts_with("Basic"));
    let res = no_redirects()
        .get(&frame)
        .header("authorization", basic("guess"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    assert_eq!(app.fake.api_calls(), 0, "no real account was read");

    let page = no_redirects()
        .get(format!("{}/preview", app.address))
        .header("authorization", basic(PREVIEW_SECRET))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let res = no_redirects()
        .get(&frame)
        .header("authorization", basic(PREVIEW_SECRET))
        .send()
        .await
        .unwrap();
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

#[tokio::test]
async fn demo_boots_without_postgres_and_previews_every_state() {
    let demo = Settings::from_lookup(|_| None).unwrap();
    assert!(demo.database_url.is_none());
    let app = spawn_with(demo, FakeAmo::new()).await;
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
    let expect = [
        ("ok", "data-card-state=\"ok\""),
        ("not-found", "data-card-state=\"not-found\""),
        (
            "customers-disabled",
            "data-card-state=\"customers-disabled\"",
        ),
        ("no-token", "data-state=\"no-token\""),
        ("expired", "data-state=\"expired\""),
        ("not-yet-valid", "data-state=\"not-yet-valid\""),
        ("invalid", "data-state=\"invalid\""),
        ("wrong-integration", "data-state=\"wrong-integration\""),
        ("already-used", "data-state=\"already-used\""),
        ("unsupported", "data-state=\"unsupported\""),
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
        assert!(body.contains(needle), "{state}");
        assert!(body.contains("lang=\"en\""), "{state} in English");
    }
}
