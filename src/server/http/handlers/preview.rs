//! `GET /preview`: the card inside a phone-sized frame, for a desktop browser.
//!
//! It mints disposable tokens itself, so it must not be an open door:
//! - demo mode: open (everything behind it is sample data);
//! - production: 404 unless `PREVIEW_SECRET` is configured, and then every
//!   request needs HTTP Basic auth whose password is that secret. Only then can
//!   it mint a token for a real account (the operator names the account).

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde_json::json;

use leptos::prelude::*;

use crate::contract::sheet;
use crate::i18n::Lang;
use crate::model::EntityKind;
use crate::server::auth::token;
use crate::server::base::samples::PreviewSamples;
use crate::server::http::pages::document;
use crate::server::http::pages::preview::{Choice, Phone, PreviewPage, PreviewUser, PreviewView};
use crate::server::http::security;
use crate::server::state::AppState;
use crate::server::widget::DEFAULT_COLOR;

mod access;

pub use access::{Denied, PreviewAccess};

const WIDTHS: [u32; 4] = [320, 375, 390, 430];
/// The card's states; `default-layout` is the card as it is without the
/// admin's layout (the gallery shows both side by side); `wrap-up` the card
/// with the after-meeting sheet open.
const STATES: [&str; 13] = [
    "ok",
    "default-layout",
    "not-found",
    "no-rights",
    "customers-disabled",
    "no-token",
    "expired",
    "not-yet-valid",
    "invalid",
    "wrong-integration",
    "already-used",
    "unsupported",
    "wrap-up",
];

/// The query value of `key` if it is one of `options`, else the first option.
fn one_of<'a>(q: &HashMap<String, String>, key: &str, options: &[&'a str]) -> &'a str {
    let given = q.get(key).map(String::as_str).unwrap_or_default();
    options
        .iter()
        .find(|o| **o == given)
        .copied()
        .unwrap_or(options[0])
}

/// The four choices both the page and the frame read from the query, each
/// limited to its known values.
struct Choices {
    kind: &'static str,
    state: &'static str,
    lang: &'static str,
    scheme: &'static str,
}

impl Choices {
    fn from_query(q: &HashMap<String, String>) -> Self {
        Self {
            kind: one_of(q, "kind", &["leads", "customers"]),
            state: one_of(q, "state", &STATES),
            lang: q
                .get("lang")
                .and_then(|l| Lang::from_tag(l))
                .unwrap_or(Lang::Ru)
                .code(),
            scheme: one_of(q, "scheme", &["light", "dark"]),
        }
    }
}

/// A positive integer query value.
fn positive(q: &HashMap<String, String>, key: &str) -> Option<i64> {
    q.get(key)?.parse::<i64>().ok().filter(|v| *v > 0)
}

pub async fn page(
    _: PreviewAccess,
    extensions: http::Extensions,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let Choices {
        kind,
        state: card_state,
        lang,
        scheme,
    } = Choices::from_query(&q);
    let width: u32 = q
        .get("width")
        .and_then(|w| w.parse().ok())
        .filter(|w| WIDTHS.contains(w))
        .unwrap_or(390);
    let id = positive(&q, "id");
    let account = positive(&q, "account");
    let user = positive(&q, "user");
    // The manifest's `mobile.color`: the title bar above the card.
    let color = q
        .get("color")
        .map(|c| crate::server::card::format::color(Some(c)))
        .filter(|c| c != &crate::server::card::format::color(None))
        .unwrap_or_else(|| DEFAULT_COLOR.to_owned());
    let gallery = q.get("view").map(String::as_str) == Some("gallery");
    // The part of a frame's query every frame shares: record, account, user.
    let mut common = String::new();
    if let Some(id) = id {
        common.push_str(&format!("&id={id}"));
    }
    if let Some(a) = account {
        common.push_str(&format!("&account={a}"));
    }
    if let Some(u) = user {
        common.push_str(&format!("&user={u}"));
    }
    let frame_url = |st: &str, sc: &str| {
        format!("/preview/frame?kind={kind}&state={st}&lang={lang}&scheme={sc}{common}")
    };
    let owned = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(v, l)| ((*v).to_owned(), (*l).to_owned()))
            .collect()
    };
    let page_lang = Lang::from_tag(lang).unwrap_or(Lang::Ru);
    let t = page_lang.preview();
    let choice = |name, label, options, current: &str| Choice {
        name,
        label,
        options,
        current: current.to_owned(),
    };
    let states: Vec<(&str, &str)> = STATES.iter().map(|s| (*s, *s)).collect();
    let widths = WIDTHS
        .iter()
        .map(|w| (w.to_string(), format!("{w} px")))
        .collect();
    let viewer = if let Some(samples) = extensions.get::<PreviewSamples>() {
        // The demo's users differ by amoCRM rights: each shows what a role sees.
        let users = samples
            .users
            .iter()
            .map(|(id, label)| (id.to_string(), (*label).to_owned()))
            .collect();
        let current = user.unwrap_or(samples.default_user).to_string();
        PreviewUser::DemoUser(choice("user", t.user, users, &current))
    } else {
        PreviewUser::Named { account, user }
    };
    let phones = if gallery {
        // Every state, light and dark side by side; frames load as they scroll in.
        STATES
            .iter()
            .flat_map(|st| ["light", "dark"].into_iter().map(move |sc| (*st, sc)))
            .map(|(st, sc)| Phone {
                src: frame_url(st, sc),
                scheme: sc,
                caption: format!("{st} · {sc}"),
            })
            .collect()
    } else {
        vec![Phone {
            src: frame_url(card_state, scheme),
            scheme,
            caption: format!("{card_state} · {scheme}"),
        }]
    };
    // A link that reproduces exactly this choice.
    let mut link = format!(
        "/preview?kind={kind}&state={card_state}&scheme={scheme}&lang={lang}&width={width}{common}"
    );
    if color != DEFAULT_COLOR {
        link.push_str(&format!("&color=%23{}", color.trim_start_matches('#')));
    }
    if gallery {
        link.push_str("&view=gallery");
    }
    let other_view = if gallery {
        link.replace("&view=gallery", "")
    } else {
        format!("{link}&view=gallery")
    };
    let nonce = security::nonce();
    let view = PreviewView {
        choices: vec![
            choice(
                "kind",
                t.kind,
                owned(&[("leads", t.lead), ("customers", t.customer)]),
                kind,
            ),
            choice("state", t.state, owned(&states), card_state),
            choice(
                "scheme",
                t.scheme,
                owned(&[("light", t.light), ("dark", t.dark)]),
                scheme,
            ),
            choice(
                "lang",
                t.lang,
                Lang::ALL
                    .iter()
                    .map(|l| (l.code().to_owned(), l.name().to_owned()))
                    .collect(),
                lang,
            ),
            choice("width", t.width, widths, &width.to_string()),
        ],
        id,
        viewer,
        color,
        gallery,
        link,
        other_view,
        phones,
        width,
        lang: page_lang,
        nonce: nonce.clone(),
    };
    let html = document(|| view! { <PreviewPage page=view /> });
    let mut res = Html(html).into_response();
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    if let Ok(csp) = header::HeaderValue::from_str(&security::preview_csp(&nonce)) {
        res.headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    res
}

/// Mints the token the state asks for and sends the frame to the card.
pub async fn frame(
    State(state): State<AppState>,
    _: PreviewAccess,
    extensions: http::Extensions,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let samples = extensions.get::<PreviewSamples>();
    let demo = samples.is_some();
    let Choices {
        kind,
        state: card_state,
        lang,
        scheme,
    } = Choices::from_query(&q);
    let kind: EntityKind = kind.parse().unwrap_or(EntityKind::Lead);
    // The demo knows its sample records; in production the operator names a
    // real account and record.
    let (id, account) = if let Some(samples) = samples {
        let sample = samples.record(kind);
        (positive(&q, "id").unwrap_or(sample), samples.account)
    } else {
        match (positive(&q, "id"), positive(&q, "account")) {
            (Some(id), Some(account)) => (id, account),
            (None, _) => {
                return (StatusCode::BAD_REQUEST, "preview: give the record id").into_response()
            }
            (_, None) => {
                return (StatusCode::BAD_REQUEST, "preview: give the account id").into_response()
            }
        }
    };
    let (mut id, mut account) = (id, account);
    if card_state == "no-token" {
        return Redirect::to(&format!("/?lang={lang}&scheme={scheme}")).into_response();
    }
    if card_state == "not-found" {
        id = 777_777_777;
    }
    if let (Some(samples), "customers-disabled") = (samples, card_state) {
        account = samples.account_without_customers;
    }
    let now = chrono::Utc::now().timestamp();
    let subdomain = if demo { "demo" } else { "preview" };
    // In production the card is seen as a real user of the account, whom the
    // operator names: the preview never makes one up.
    let user = if let Some(samples) = samples {
        let chosen = positive(&q, "user").filter(|u| samples.knows_user(*u));
        if card_state == "no-rights" {
            samples.user_without_rights
        } else {
            chosen.unwrap_or(samples.default_user)
        }
    } else {
        match positive(&q, "user") {
            Some(u) => u,
            None => {
                return (
                    StatusCode::BAD_REQUEST,
                    "preview: give the amoCRM user id whose card you preview",
                )
                    .into_response()
            }
        }
    };
    let mut claims = token::sample_claims(&state.settings, subdomain, account, user, kind, id, now);
    claims["jti"] = json!(format!(
        "{}{}",
        crate::server::auth::PREVIEW_JTI_PREFIX,
        uuid::Uuid::new_v4()
    ));
    if let Ok(Some(host)) = state.amo.accounts().installed_host(account).await {
        token::point_at_host(&mut claims, &host);
    }
    let mut secret = state.settings.integration.client_secret.expose().to_owned();
    match card_state {
        "expired" => claims["exp"] = json!(now - 3600),
        "not-yet-valid" => claims["nbf"] = json!(now + 3600),
        "invalid" => secret.push_str("-wrong"),
        "wrong-integration" => {
            claims["client_uuid"] = json!("00000000-0000-4000-8000-000000000000")
        }
        "unsupported" => claims["data"]["entity_type"] = json!("contacts"),
        _ => {}
    }
    let jwt = token::mint(&claims, &secret);
    if card_state == "already-used" {
        // Spend the token here, so the frame presents a used one.
        if let Ok(t) = state.verifier.verify(&jwt, now) {
            let _ = state.sessions.open(&t, "preview", chrono::Utc::now()).await;
        }
    }
    let layout = if card_state == "default-layout" {
        "&layout=default"
    } else {
        ""
    };
    // The sheet opens as its `#sheet-…` target, as a link without script would.
    let open_sheet = if card_state == "wrap-up" {
        format!("#sheet-{}", sheet::WRAP_UP)
    } else {
        String::new()
    };
    Redirect::to(&format!(
        "/?token={jwt}&from=preview&lang={lang}&scheme={scheme}&framed=1{layout}{open_sheet}"
    ))
    .into_response()
}
