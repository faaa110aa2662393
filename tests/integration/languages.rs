//! Six languages: every screen a user meets speaks only the user's, and the
//! language is chosen in the documented order (`i18n::choice`).

use amo_mobile_card::contract::endpoint;
use amo_mobile_card::contract::mark;
use amo_mobile_card::contract::ActionOutcome;
use amo_mobile_card::demo::fixtures::{ACCOUNT_ID, CUSTOMER, LEAD_RU, USERS_BY_LANG, USER_JOHN};
use amo_mobile_card::i18n::{catalog, Lang};
use amo_mobile_card::model::EntityKind;
use amo_mobile_card::server::auth::token;
use serde_json::{json, Value};

use crate::helpers::{action_key, csrf_of, marked, spawn, Open, Spawn, TestApp, SECRET};

/// The text nodes a reader sees, and the attributes read aloud or shown.
fn text_nodes(html: &str) -> Vec<String> {
    let mut nodes = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        nodes.push(rest[..open].to_owned());
        let tag = &rest[open..];
        // Scripts and styles are not read.
        let skip_to = ["script", "style"].iter().find_map(|name| {
            tag[1..]
                .starts_with(name)
                .then(|| {
                    tag.find(&format!("</{name}>"))
                        .map(|end| end + name.len() + 3)
                })
                .flatten()
        });
        let end = skip_to
            .or_else(|| tag.find('>').map(|e| e + 1))
            .unwrap_or(tag.len());
        let inside = &tag[..end];
        for attr in ["aria-label=\"", "placeholder=\"", "title=\"", "alt=\""] {
            if let Some(v) = inside.split(attr).nth(1).and_then(|v| v.split('"').next()) {
                nodes.push(v.to_owned());
            }
        }
        rest = &tag[end..];
    }
    nodes.push(rest.to_owned());
    nodes
        .into_iter()
        .map(|n| {
            n.replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&#x27;", "'")
                .trim()
                .to_owned()
        })
        .filter(|n| !n.is_empty())
        .collect()
}

fn visible_text(html: &str) -> String {
    text_nodes(html).join(" \n ")
}

/// Everything the fake amoCRM knows, as text: a node found in it is the
/// record's data (Russian sample data stays Russian in every language).
fn sample_data() -> String {
    use amo_mobile_card::demo::fixtures as f;
    let mut all = vec![
        f::account(ACCOUNT_ID),
        f::pipelines(),
        f::customer_statuses(),
    ];
    for list in [
        f::users(),
        f::contacts(),
        f::companies(),
        f::leads(0),
        f::customers(0),
        f::tasks(0),
        f::notes(0),
        f::custom_field_defs("leads"),
        f::loss_reasons(ACCOUNT_ID),
        f::stage_descriptions(ACCOUNT_ID, 1, 12),
        f::stage_descriptions(ACCOUNT_ID, 1, 13),
    ] {
        all.extend(list);
    }
    all.iter()
        .map(|v| v.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The nodes of `html` that are ours: not found in the sample data (a folded
/// note's head ends with "…").
fn our_text(html: &str, data: &str) -> String {
    // A node may join data with ours ("Jan 2, 2026 · Анна", "Монтаж, Доставка").
    text_nodes(html)
        .iter()
        .flat_map(|n| n.split(" · ").flat_map(|p| p.split(", ")))
        .map(str::to_owned)
        .filter(|n| {
            let head = n.trim_end_matches('…').trim();
            let escaped = serde_json::to_string(head).unwrap_or_default();
            !data.contains(escaped.trim_matches('"'))
        })
        .collect::<Vec<_>>()
        .join(" \n ")
}

/// Words that mark English outside English.
const ENGLISH: [&str; 14] = [
    "the", "and", "your", "you", "this", "with", "could", "was", "again", "save", "cancel", "open",
    "task", "call",
];

/// Whether `needle` stands in `text` as whole words.
fn has_phrase(text: &str, needle: &str) -> bool {
    text.match_indices(needle).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The fixed pieces of every other language's texts that `lang` does not share
/// (templates split at their placeholders; pieces shorter than four letters,
/// like "No" or "OK", say nothing about a language).
fn foreign_pieces(lang: Lang) -> Vec<(Lang, String)> {
    let own: Vec<&str> = catalog(lang).into_iter().map(|(_, t)| t).collect();
    let mut pieces = Vec::new();
    for other in Lang::ALL.into_iter().filter(|l| *l != lang) {
        for (_, text) in catalog(other) {
            for piece in text.split(['{', '}']).step_by(2) {
                let piece = piece.trim_matches(|c: char| !c.is_alphanumeric());
                let shared = own.iter().any(|t| has_phrase(t, piece));
                if piece.chars().filter(|c| c.is_alphabetic()).count() >= 4 && !shared {
                    pieces.push((other, piece.to_owned()));
                }
            }
        }
    }
    pieces.sort_by(|a, b| a.1.cmp(&b.1));
    pieces.dedup_by(|a, b| a.1 == b.1);
    pieces
}

/// Fails on a page that is not in `lang` or carries another language's text:
/// Cyrillic outside Russian, English words outside English, or any text of
/// another language's catalog (the record's own data aside).
fn assert_speaks(lang: Lang, screen: &str, html: &str) {
    assert!(
        html.contains(&format!("<html lang=\"{}\"", lang.code())),
        "{screen}: not marked {lang:?}"
    );
    let text = our_text(html, &sample_data());
    if lang != Lang::Ru {
        let cyrillic: String = text
            .split(" \n ")
            .filter(|n| n.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c)))
            .collect::<Vec<_>>()
            .join(" | ");
        assert!(
            cyrillic.is_empty(),
            "{screen} in {lang:?} has Cyrillic: {cyrillic}"
        );
    }
    if !matches!(lang, Lang::Ru | Lang::En) {
        for word in ENGLISH {
            assert!(
                !has_phrase(&text.to_lowercase(), word),
                "{screen} in {lang:?} says {word:?}"
            );
        }
    }
    for (other, piece) in foreign_pieces(lang) {
        assert!(
            !has_phrase(&text, &piece),
            "{screen} in {lang:?} says {piece:?} ({other:?})"
        );
    }
}

async fn get(
    app: &TestApp,
    path: &str,
    accept_language: Option<&str>,
) -> (reqwest::Client, String) {
    let webview = app.webview();
    let mut req = webview.get(format!("{}{path}", app.address));
    if let Some(al) = accept_language {
        req = req.header("accept-language", al);
    }
    let body = req.send().await.unwrap().text().await.unwrap();
    (webview, body)
}

fn card_path(app: &TestApp, claims: &Value) -> String {
    format!("/?token={}&from=ios", app.token(claims))
}

#[tokio::test]
async fn every_screen_speaks_the_users_language_only() {
    let app = spawn(Spawn::app()).await;
    for (lang, user) in Lang::ALL.into_iter().zip(USERS_BY_LANG) {
        // The profile decides: the phone asks for nothing.
        for (kind, id) in [
            (EntityKind::Lead, LEAD_RU),
            (EntityKind::Customer, CUSTOMER),
        ] {
            let mut claims = app.claims(kind, id);
            claims["user_id"] = json!(user);
            let (webview, body) = get(&app, &card_path(&app, &claims), None).await;
            assert!(
                body.contains(&marked(mark::CARD_STATE, "ok")),
                "{lang:?} {kind:?}"
            );
            assert_speaks(lang, &format!("{kind:?} card"), &body);
            // A quick action's answer, and a refusal, in the same language.
            if kind == EntityKind::Lead {
                let form = [
                    ("csrf", csrf_of(&body)),
                    ("key", action_key(u32::try_from(user).unwrap())),
                    ("text", "  ".to_owned()),
                ];
                match app.call_fn(&webview, endpoint::ADD_NOTE, &form).await {
                    ActionOutcome::Invalid { message, .. } => {
                        assert_eq!(message, lang.actions().text_empty, "{lang:?}")
                    }
                    other => panic!("{lang:?}: {other:?}"),
                }
            }
        }
        // A record that is gone: a problem state.
        let mut claims = app.claims(EntityKind::Lead, 777_777_777);
        claims["user_id"] = json!(user);
        let (_, body) = get(&app, &card_path(&app, &claims), None).await;
        assert!(
            body.contains(&marked(mark::CARD_STATE, "not-found")),
            "{lang:?}"
        );
        assert_speaks(lang, "not-found", &body);

        // Before a user is known the device's language decides.
        let device = Some(lang.code());
        let (_, body) = get(&app, "/", device).await;
        assert_speaks(lang, "no-token", &body);
        let mut expired = app.claims(EntityKind::Lead, LEAD_RU);
        expired["exp"] = json!(0);
        let (_, body) = get(&app, &card_path(&app, &expired), device).await;
        assert!(body.contains("data-state=\"expired\""), "{lang:?}");
        assert_speaks(lang, "expired", &body);
        let forged = token::mint(&app.claims(EntityKind::Lead, LEAD_RU), "not-the-secret");
        let (_, body) = get(&app, &format!("/?token={forged}"), device).await;
        assert_speaks(lang, "invalid", &body);
        let used = card_path(&app, &app.claims(EntityKind::Lead, LEAD_RU));
        get(&app, &used, device).await;
        let (_, body) = get(&app, &used, device).await;
        assert!(body.contains("data-state=\"already-used\""), "{lang:?}");
        assert_speaks(lang, "already-used", &body);
        // The install pages.
        let (_, body) = get(&app, "/oauth/install?brand=nope", device).await;
        assert!(body.contains(lang.install().unknown_brand), "{lang:?}");
        assert_speaks(lang, "install", &body);
        let (_, body) = get(
            &app,
            "/oauth/callback?error=access_denied&referer=x.kommo.com",
            device,
        )
        .await;
        assert!(body.contains(lang.install().cancelled_title), "{lang:?}");
        assert_speaks(lang, "install cancelled", &body);
    }
    assert!(!SECRET.is_empty());
}

/// The language of the card `user` opens on `account` (installed on `host`), asking with `accept_language`.
async fn card_lang(
    app: &TestApp,
    account: i64,
    host: &str,
    user: i64,
    accept_language: &str,
) -> String {
    let res = app.install_on(account, host).await;
    let status = res.status();
    assert_eq!(status, 200, "{}", res.text().await.unwrap());
    let mut claims = app.claims(EntityKind::Lead, LEAD_RU);
    claims["account_id"] = json!(account);
    claims["user_id"] = json!(user);
    token::point_at_host(&mut claims, host);
    let (_, body) = get(app, &card_path(app, &claims), Some(accept_language)).await;
    assert!(body.contains(&marked(mark::CARD_STATE, "ok")), "{host}");
    let at = body.find("<html lang=\"").expect("html lang") + 12;
    body[at..at + 2].to_owned()
}

#[tokio::test]
async fn without_a_profile_language_the_device_then_the_market_decides() {
    let app = spawn(Spawn::app()).await;
    // John's profile names no language (for both accounts: one fake amoCRM).
    app.fake.set_user(USER_JOHN, "lang", Value::Null);
    // A phone in French: Kommo → English, amoCRM.ru → Russian; never a guess.
    assert_eq!(
        card_lang(&app, 31_000_051, "acmecorp.kommo.com", USER_JOHN, "fr-FR").await,
        "en"
    );
    assert_eq!(
        card_lang(&app, 31_000_052, "acmecorp.amocrm.ru", USER_JOHN, "fr-FR").await,
        "ru"
    );
    // A phone in a language we speak wins over the market.
    assert_eq!(
        card_lang(
            &app,
            31_000_053,
            "lojaboa.kommo.com",
            USER_JOHN,
            "pt-BR,pt;q=0.9"
        )
        .await,
        "pt"
    );
    // A profile written `pt_BR` is Portuguese (João's), whatever the phone says.
    let mut claims = app.claims(EntityKind::Customer, CUSTOMER);
    claims["user_id"] = json!(USERS_BY_LANG[3]);
    let (_, body) = get(&app, &card_path(&app, &claims), Some("ru-RU")).await;
    assert!(body.contains("<html lang=\"pt\""));
    assert!(body.contains(Lang::Pt.card().next_purchase));
}

#[tokio::test]
async fn no_link_in_the_card_opens_a_new_window() {
    let app = spawn(Spawn::app()).await;
    for (kind, id) in [
        (EntityKind::Lead, LEAD_RU),
        (EntityKind::Customer, CUSTOMER),
    ] {
        let (_, body) = app.open(Open::of(kind, id)).await.page();
        assert!(body.contains(&marked(mark::CARD_STATE, "ok")));
        assert!(!body.contains("target="), "{kind:?}: a target attribute");
        assert!(!body.contains("window.open"), "{kind:?}");
        // Web links keep rel and show their address.
        for link in body.split("<a ").skip(1) {
            let tag = link.split('>').next().unwrap_or_default();
            if tag.contains("href=\"http") {
                assert!(tag.contains("rel=\"noopener noreferrer\""), "{tag}");
                let href = tag
                    .split("href=\"")
                    .nth(1)
                    .and_then(|h| h.split('"').next())
                    .unwrap();
                assert!(
                    visible_text(&body).contains(&href.replace("&amp;", "&")),
                    "{href} not shown"
                );
            }
        }
    }
}
