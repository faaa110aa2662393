//! `GET /preview`: the card inside a phone-sized frame, for a desktop browser.
//!
//! It mints disposable tokens itself, so it must not be an open door:
//! - demo mode: open (everything behind it is sample data);
//! - production: 404 unless `PREVIEW_SECRET` is configured, and then every
//!   request needs HTTP Basic auth whose password is that secret. Only then can
//!   it mint a token for a real account (the operator names the account).

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use base64::Engine;
use serde_json::json;
use subtle::ConstantTimeEq;

use crate::model::EntityKind;
use crate::server::fake_amo::fixtures;
use crate::server::handlers::oauth::escape;
use crate::server::request::client_ip;
use crate::server::security;
use crate::server::state::AppState;
use crate::server::token;

const WIDTHS: [u32; 4] = [320, 375, 390, 430];
const STATES: [&str; 11] = [
    "ok",
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
];

/// The demo's users, by what their amoCRM rights let them do.
const DEMO_USERS: [(i64, &str); 7] = [
    (fixtures::USER_ANNA, "Anna: admin"),
    (fixtures::USER_JOHN, "John: admin, English"),
    (fixtures::USER_MARIA, "Maria: group leads, no contacts"),
    (fixtures::USER_PAVEL, "Pavel: own leads and contacts"),
    (fixtures::USER_OLGA, "Olga: read-only"),
    (fixtures::USER_OLEG, "Oleg: stage rights"),
    (fixtures::USER_INACTIVE, "inactive user"),
];

/// Why the preview refused a request.
enum Denied {
    /// Production without `PREVIEW_SECRET`: the preview does not exist.
    Off,
    Unauthorized,
    /// Too many failed logins from this address.
    Throttled,
}

impl IntoResponse for Denied {
    fn into_response(self) -> Response {
        match self {
            Denied::Off => StatusCode::NOT_FOUND.into_response(),
            Denied::Throttled => (
                StatusCode::TOO_MANY_REQUESTS,
                [(header::RETRY_AFTER, "300")],
                "preview: too many failed logins, try again later",
            )
                .into_response(),
            Denied::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                [(
                    header::WWW_AUTHENTICATE,
                    "Basic realm=\"amo-mobile-card preview\", charset=\"UTF-8\"",
                )],
                "preview: authorization required",
            )
                .into_response(),
        }
    }
}

/// `Ok(())` when the caller may use the preview. Failed logins are counted per
/// client address; past the limit even the right password waits.
fn authorize(
    state: &AppState,
    headers: &HeaderMap,
    extensions: &http::Extensions,
) -> Result<(), Denied> {
    if state.settings.is_demo() {
        return Ok(());
    }
    let Some(secret) = &state.settings.preview_secret else {
        return Err(Denied::Off);
    };
    let client = client_ip(headers, extensions, state.settings.trust_proxy_headers);
    let failures = &state.throttles.preview_failures;
    if client.is_some_and(|ip| failures.blocked(ip)) {
        return Err(Denied::Throttled);
    }
    let password = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Basic "))
        .and_then(|b| {
            base64::engine::general_purpose::STANDARD
                .decode(b.trim())
                .ok()
        })
        .and_then(|raw| String::from_utf8(raw).ok())
        .and_then(|pair| pair.split_once(':').map(|(_, p)| p.to_owned()));
    match password {
        Some(p) if bool::from(p.as_bytes().ct_eq(secret.expose().as_bytes())) => Ok(()),
        _ => {
            if let Some(ip) = client {
                failures.hit(ip);
            }
            tracing::warn!("preview login refused");
            Err(Denied::Unauthorized)
        }
    }
}

/// A labelled `<select>` of `(value, label)` options with `current` chosen.
fn select<V: AsRef<str>, L: AsRef<str>>(name: &str, options: &[(V, L)], current: &str) -> String {
    let opts: String = options
        .iter()
        .map(|(v, label)| {
            let v = v.as_ref();
            format!(
                "<option value=\"{}\"{}>{}</option>",
                escape(v),
                if v == current { " selected" } else { "" },
                escape(label.as_ref())
            )
        })
        .collect();
    format!("<label>{name} <select name=\"{name}\">{opts}</select></label>")
}

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
            lang: one_of(q, "lang", &["ru", "en"]),
            scheme: one_of(q, "scheme", &["light", "dark"]),
        }
    }
}

/// A positive integer query value.
fn positive(q: &HashMap<String, String>, key: &str) -> Option<i64> {
    q.get(key)?.parse::<i64>().ok().filter(|v| *v > 0)
}

pub async fn page(
    State(state): State<AppState>,
    headers: HeaderMap,
    extensions: http::Extensions,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    if let Err(denied) = authorize(&state, &headers, &extensions) {
        return denied.into_response();
    }
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
        .map(|c| crate::server::format::color(Some(c)))
        .filter(|c| c != &crate::server::format::color(None))
        .unwrap_or_else(|| "#1769c2".to_owned());
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
    let widths: Vec<(String, String)> = WIDTHS
        .iter()
        .map(|w| (w.to_string(), format!("{w} px")))
        .collect();
    let states: Vec<(&str, &str)> = STATES.iter().map(|s| (*s, *s)).collect();
    let real_account_fields = if state.settings.is_demo() {
        // The demo's users differ by amoCRM rights: each shows what a role sees.
        let users: Vec<(String, &str)> = DEMO_USERS
            .iter()
            .map(|(id, label)| (id.to_string(), *label))
            .collect();
        let current = user.unwrap_or(fixtures::USER_ANNA).to_string();
        select("user", &users, &current)
    } else {
        format!(
            "<label>account <input name=\"account\" inputmode=\"numeric\" value=\"{}\"></label>\
             <label>user <input name=\"user\" inputmode=\"numeric\" value=\"{}\"></label>",
            account.map(|a| a.to_string()).unwrap_or_default(),
            user.map(|u| u.to_string()).unwrap_or_default()
        )
    };
    let title = if lang == "en" {
        "Mobile card"
    } else {
        "Мобильная карточка"
    };
    let phone = |src: &str, sc: &str, caption: &str| {
        format!(
            "<figure class=\"phone\" data-width=\"{width}\"><div class=\"screen\">\
             <div class=\"titlebar\">{title}</div>\
             <iframe id=\"card\" title=\"card: {caption}\" src=\"{src}\" width=\"{width}\" loading=\"lazy\" style=\"color-scheme:{sc};width:{width}px\"></iframe>\
             </div><figcaption>{caption}</figcaption></figure>",
            src = escape(src),
            caption = escape(caption),
        )
    };
    let phones = if gallery {
        // Every state, light and dark side by side; frames load as they scroll in.
        STATES
            .iter()
            .flat_map(|st| ["light", "dark"].into_iter().map(move |sc| (*st, sc)))
            .map(|(st, sc)| phone(&frame_url(st, sc), sc, &format!("{st} · {sc}")))
            .collect::<Vec<_>>()
            .join("")
            .replace("id=\"card\" ", "")
    } else {
        phone(
            &frame_url(card_state, scheme),
            scheme,
            &format!("{card_state} · {scheme}"),
        )
    };
    // A link that reproduces exactly this choice.
    let mut link = format!(
        "/preview?kind={kind}&state={card_state}&scheme={scheme}&lang={lang}&width={width}{common}"
    );
    if color != "#1769c2" {
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
    // Controls apply on change through one nonce'd script (no inline handlers).
    let nonce = security::nonce();
    let html = format!(
        r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>amo-mobile-card preview</title>
<meta name="referrer" content="no-referrer">
<style>
body{{margin:0;font:14px/1.4 -apple-system,system-ui,sans-serif;background:#e5e5ea;color:#1c1c1e;display:flex;gap:32px;padding:24px;align-items:flex-start}}
form{{display:flex;flex-direction:column;gap:10px;min-width:240px;position:sticky;top:24px;background:#fff;padding:16px;border-radius:14px;box-shadow:0 1px 3px rgba(0,0,0,.08)}}
form strong{{font-size:17px}}
label{{display:flex;justify-content:space-between;align-items:center;gap:8px}}
select,input{{font:inherit;padding:6px 8px;border:1px solid #c7c7cc;border-radius:8px;background:#fff;color:#1c1c1e;min-width:0}}
input[type=color]{{padding:0;width:44px;height:30px}}
a{{color:#0066d6}}
.phones{{display:flex;flex-wrap:wrap;gap:32px}}
.phone{{margin:0;border-radius:44px;background:#111;padding:14px;box-shadow:0 10px 40px rgba(0,0,0,.25)}}
.phone figcaption{{color:#fff;text-align:center;padding-top:8px;font-size:13px}}
.screen{{border-radius:32px;overflow:hidden;background:#f2f2f7;display:flex;flex-direction:column}}
.titlebar{{background:{color};color:#fff;font-weight:600;padding:14px 16px 10px;font-size:15px}}
iframe{{border:0;display:block;height:780px}}
</style></head><body>
<form method="get" action="/preview" id="controls">
<strong>Preview</strong>
{kind_select}{state_select}{scheme_select}{lang_select}{width_select}
<label>id <input name="id" inputmode="numeric" value="{id}"></label>
{real_account_fields}
<label>manifest colour <input type="color" name="color" value="{color}"></label>
{gallery_field}
<a href="{link}" id="link">Link to this view</a>
<a href="{other_view}">{other_label}</a>
</form>
<div class="phones">{phones}</div>
<script nonce="{nonce}">for(const c of document.querySelectorAll('#controls select,#controls input'))c.addEventListener('change',()=>c.form.submit())</script>
</body></html>"#,
        nonce = nonce,
        kind_select = select(
            "kind",
            &[("leads", "lead"), ("customers", "customer")],
            kind
        ),
        state_select = select("state", &states, card_state),
        scheme_select = select("scheme", &[("light", "light"), ("dark", "dark")], scheme),
        lang_select = select("lang", &[("ru", "ru"), ("en", "en")], lang),
        width_select = select("width", &widths, &width.to_string()),
        id = id.map(|i| i.to_string()).unwrap_or_default(),
        gallery_field = if gallery {
            "<input type=\"hidden\" name=\"view\" value=\"gallery\">"
        } else {
            ""
        },
        link = escape(&link),
        other_view = escape(&other_view),
        other_label = if gallery {
            "One state"
        } else {
            "Gallery: every state, light and dark"
        },
    );
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
    headers: HeaderMap,
    extensions: http::Extensions,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    if let Err(denied) = authorize(&state, &headers, &extensions) {
        return denied.into_response();
    }
    let demo = state.settings.is_demo();
    let Choices {
        kind,
        state: card_state,
        lang,
        scheme,
    } = Choices::from_query(&q);
    let kind: EntityKind = kind.parse().unwrap_or(EntityKind::Lead);
    let default_id = match kind {
        EntityKind::Lead => fixtures::LEAD_RU,
        EntityKind::Customer => fixtures::CUSTOMER,
    };
    let mut id = positive(&q, "id").unwrap_or(default_id);
    let mut account = if demo {
        fixtures::ACCOUNT_ID
    } else {
        match positive(&q, "account") {
            Some(a) => a,
            None => {
                return (StatusCode::BAD_REQUEST, "preview: give the account id").into_response()
            }
        }
    };
    if card_state == "no-token" {
        return Redirect::to(&format!("/?lang={lang}&scheme={scheme}")).into_response();
    }
    if card_state == "not-found" {
        id = 777_777_777;
    }
    if card_state == "customers-disabled" && demo {
        account = fixtures::ACCOUNT_NO_CUSTOMERS;
    }
    let now = chrono::Utc::now().timestamp();
    let subdomain = if demo { "demo" } else { "preview" };
    // In production the card is seen as a real user of the account, whom the
    // operator names: the preview never makes one up.
    let user = if demo {
        let chosen = positive(&q, "user").filter(|u| DEMO_USERS.iter().any(|(id, _)| id == u));
        if card_state == "no-rights" {
            // Maria's group does not hold Anna's records.
            fixtures::USER_MARIA
        } else {
            chosen.unwrap_or(fixtures::USER_ANNA)
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
    Redirect::to(&format!(
        "/?token={jwt}&from=preview&lang={lang}&scheme={scheme}&framed=1"
    ))
    .into_response()
}
