//! `GET /oauth/callback` (install) and `GET /oauth/disconnect` (uninstall hook).

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use hmac::{Hmac, Mac};
use http::header::{CACHE_CONTROL, REFERRER_POLICY};
use sha2::Sha256;
use subtle::ConstantTimeEq;

use leptos::prelude::*;

use crate::i18n::Lang;
use crate::server::accounts::InstallError;
use crate::server::pages::document;
use crate::server::pages::install::InstallResult;
use crate::server::request::{client_ip, lang_from_headers};
use crate::server::state::AppState;

/// The install result page, never cached and never sent on as a referrer.
fn page(status: StatusCode, lang: Lang, title: &'static str, text: &'static str) -> Response {
    let html = document(|| view! { <InstallResult lang title text /> });
    let mut res = (status, Html(html)).into_response();
    res.headers_mut()
        .insert(CACHE_CONTROL, http::HeaderValue::from_static("no-store"));
    res.headers_mut().insert(
        REFERRER_POLICY,
        http::HeaderValue::from_static("no-referrer"),
    );
    res
}

pub async fn callback(
    State(state): State<AppState>,
    headers: HeaderMap,
    extensions: http::Extensions,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let lang = lang_from_headers(&headers);
    let t = lang.install();
    // Unauthenticated, and every request costs calls to amoCRM: a looping
    // client gets a plain refusal instead.
    let client = client_ip(&headers, &extensions, state.settings.trust_proxy_headers);
    if client.is_some_and(|ip| !state.throttles.oauth_callback.hit(ip)) {
        tracing::warn!("install callback throttled");
        return page(
            StatusCode::TOO_MANY_REQUESTS,
            lang,
            t.throttled_title,
            t.throttled_text,
        );
    }
    let get = |k: &str| q.get(k).map(String::as_str).unwrap_or_default();
    // amoCRM sends the denial as `error=access_denied` when the admin says no.
    if !get("error").is_empty() {
        return page(
            StatusCode::BAD_REQUEST,
            lang,
            t.cancelled_title,
            t.cancelled_text,
        );
    }
    let client_id = get("client_id");
    let result = if !client_id.is_empty()
        && !client_id.eq_ignore_ascii_case(&state.settings.integration.client_id.to_string())
    {
        Err(InstallError::WrongClient)
    } else {
        state
            .amo
            .accounts()
            .install(get("referer"), get("code"))
            .await
    };
    match result {
        Ok(account_id) => {
            state.amo.invalidate_meta(account_id).await;
            page(StatusCode::OK, lang, t.installed_title, t.installed_text)
        }
        Err(e) => {
            tracing::warn!(error = %e, "install failed");
            let (status, text) = install_error_text(&e, lang);
            page(status, lang, t.failed_title, text)
        }
    }
}

fn install_error_text(e: &InstallError, lang: Lang) -> (StatusCode, &'static str) {
    let t = lang.install();
    match e {
        InstallError::BadReferer(_) | InstallError::MissingCode | InstallError::WrongClient => {
            (StatusCode::BAD_REQUEST, t.bad_link)
        }
        InstallError::CodeRejected(_) => (StatusCode::BAD_REQUEST, t.code_rejected),
        InstallError::Timeout
        | InstallError::RateLimited
        | InstallError::Unavailable
        | InstallError::BadResponse => (StatusCode::BAD_GATEWAY, t.amo_unexpected),
        InstallError::Store => (StatusCode::SERVICE_UNAVAILABLE, t.store_down),
    }
}

/// The disconnect hook's signature: hex(HMAC-SHA256(client_secret, client_id + "|" + account_id)).
pub fn disconnect_signature(secret: &str, client_id: &str, account_id: &str) -> Option<String> {
    // HMAC takes keys of any length; `None` is unreachable but is refused, not unwrapped.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes()).ok()?;
    mac.update(format!("{client_id}|{account_id}").as_bytes());
    Some(hex::encode(mac.finalize().into_bytes()))
}

pub async fn disconnect(
    State(state): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
) -> (StatusCode, &'static str) {
    let get = |k: &str| q.get(k).map(String::as_str).unwrap_or_default();
    let client_id = state.settings.integration.client_id.to_string();
    let account_raw = get("account_id");
    let Ok(account_id) = account_raw.parse::<i64>() else {
        return (StatusCode::BAD_REQUEST, "account_id must be a number");
    };
    if account_id <= 0 {
        return (StatusCode::BAD_REQUEST, "account_id must be positive");
    }
    let Some(expected) = disconnect_signature(
        state.settings.integration.client_secret.expose(),
        &client_id,
        account_raw,
    ) else {
        return (StatusCode::UNAUTHORIZED, "bad signature");
    };
    let given = get("signature").to_ascii_lowercase();
    let signature_ok: bool = expected.as_bytes().ct_eq(given.as_bytes()).into();
    if !signature_ok || !get("client_uuid").eq_ignore_ascii_case(&client_id) {
        tracing::warn!(account_id, "disconnect with a bad signature refused");
        return (StatusCode::UNAUTHORIZED, "bad signature");
    }
    match state.amo.accounts().forget(account_id).await {
        Ok(existed) => {
            state.amo.invalidate_meta(account_id).await;
            tracing::info!(account_id, existed, "account disconnected");
            (StatusCode::OK, "ok")
        }
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, "try again"),
    }
}
