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

use crate::cookie_name;
use crate::i18n::Lang;
use crate::server::amo::accounts::InstallError;
use crate::server::amo::AmoError;
use crate::server::auth::cookies::{cookie_value, http_only_cookie, random_token, CookieName};
use crate::server::base::request::{client_ip, page_lang};
use crate::server::http::pages::document;
use crate::server::http::pages::install::InstallResult;
use crate::server::state::AppState;

/// A `state` that starts with this was minted by [`start`]: the callback then
/// requires the same value in the browser's install cookie. Installs begun in
/// amoCRM's own interface carry no state, or another one, and skip the check.
pub const OWN_STATE_PREFIX: &str = "amc1.";
/// The install cookie lives as long as amoCRM's authorization code (20 min).
const INSTALL_COOKIE_SECS: i64 = 20 * 60;

/// The cookie that binds our `state` to the admin's browser.
const INSTALL_COOKIE: CookieName = cookie_name!("amc_install");

/// amoCRM's and Kommo's consent pages, where our install button sends the admin.
fn consent_url(brand: &str) -> Option<&'static str> {
    match brand {
        "" | "amocrm" => Some("https://www.amocrm.ru/oauth"),
        "kommo" => Some("https://www.kommo.com/oauth"),
        _ => None,
    }
}

/// `GET /oauth/install?brand=amocrm|kommo`: our own install button. Binds a
/// fresh `state` to this browser (an HttpOnly cookie) and sends the admin to
/// the brand's consent page, which returns to `/oauth/callback` with it.
pub async fn start(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let brand = q.get("brand").map(String::as_str).unwrap_or_default();
    // No account yet: the device's language, else the brand's market.
    let market = if brand == "kommo" {
        "www.kommo.com"
    } else {
        "www.amocrm.ru"
    };
    let lang = page_lang(&headers, Some(market));
    let Some(consent) = consent_url(brand) else {
        let t = lang.install();
        return page(
            StatusCode::BAD_REQUEST,
            lang,
            t.failed_title,
            t.unknown_brand,
        );
    };
    let bound = format!("{OWN_STATE_PREFIX}{}", random_token(24));
    let query = url::form_urlencoded::Serializer::new(String::new())
        .append_pair(
            "client_id",
            &state.settings.integration.client_id.to_string(),
        )
        .append_pair("state", &bound)
        .append_pair("mode", "post_message")
        .finish();
    let location = format!("{consent}?{query}");
    let secure = state.settings.secure_cookies();
    let cookie = http_only_cookie(INSTALL_COOKIE, bound, INSTALL_COOKIE_SECS, secure);
    let mut res = (StatusCode::SEE_OTHER, [(http::header::LOCATION, location)]).into_response();
    if let Ok(v) = http::HeaderValue::from_str(&cookie) {
        res.headers_mut().insert(http::header::SET_COOKIE, v);
    }
    res.headers_mut()
        .insert(CACHE_CONTROL, http::HeaderValue::from_static("no-store"));
    res
}

/// Whether the callback's `state` may proceed: a state of ours must equal the
/// install cookie this browser was given by [`start`].
fn state_is_bound(given: &str, cookie: Option<&str>) -> bool {
    if !given.starts_with(OWN_STATE_PREFIX) {
        return true;
    }
    cookie.is_some_and(|c| bool::from(c.as_bytes().ct_eq(given.as_bytes())))
}

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
    // The device's language, else the market of the account being installed.
    let lang = page_lang(&headers, q.get("referer").map(String::as_str));
    let t = lang.install();
    // Unauthenticated, and every request costs calls to amoCRM: a looping
    // client gets a plain refusal instead.
    let client = client_ip(&headers, &extensions, state.settings.trust_proxy_headers);
    let throttles = &state.throttles;
    let over_client = client.is_some_and(|ip| !throttles.oauth_callback.hit(ip));
    if over_client || !throttles.unauthenticated.hit(()) {
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
    let secure = state.settings.secure_cookies();
    let bound = cookie_value(&headers, INSTALL_COOKIE.get(secure));
    if !state_is_bound(get("state"), bound.as_deref()) {
        tracing::warn!("install callback with a state this browser was not given");
        return page(
            StatusCode::BAD_REQUEST,
            lang,
            t.failed_title,
            t.wrong_browser,
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
            // One call tells the installer now whether amoCRM gives this grant
            // the users' rights (users-api.md: admins' grants only).
            let not_admin = state.amo.grant_is_not_admin(account_id).await;
            let text = if not_admin {
                t.installed_not_admin_text
            } else {
                t.installed_text
            };
            let mut res = page(StatusCode::OK, lang, t.installed_title, text);
            // The state is spent: a replayed callback must start over.
            if bound.is_some() {
                let clear = http_only_cookie(INSTALL_COOKIE, String::new(), 0, secure);
                if let Ok(v) = http::HeaderValue::from_str(&clear) {
                    res.headers_mut().insert(http::header::SET_COOKIE, v);
                }
            }
            res
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
    // The hook's signature never changes for an account, so a replayed hook
    // URL verifies forever: forget the grant only once amoCRM confirms it is
    // gone (amoCRM revokes the tokens when the integration is switched off).
    match state.amo.account(account_id).await {
        Ok(_) => {
            tracing::warn!(
                account_id,
                "disconnect hook for a grant that still works: kept"
            );
            return (StatusCode::OK, "ok");
        }
        Err(AmoError::NeedsReinstall | AmoError::NotInstalled) => {}
        Err(e) => {
            tracing::warn!(account_id, error = %e, "disconnect hook: grant not checked");
            return (StatusCode::SERVICE_UNAVAILABLE, "try again");
        }
    }
    // The account's layouts go with its grant: nothing of it is kept.
    let layouts = match state.layouts.forget_account(account_id).await {
        Ok(n) => n,
        Err(e) => {
            tracing::warn!(account_id, error = %e, "disconnect hook: layouts not deleted");
            return (StatusCode::SERVICE_UNAVAILABLE, "try again");
        }
    };
    match state.amo.accounts().forget(account_id).await {
        Ok(existed) => {
            state.amo.invalidate_meta(account_id).await;
            tracing::info!(account_id, existed, layouts, "account disconnected");
            (StatusCode::OK, "ok")
        }
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, "try again"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_own_state_needs_the_browser_cookie() {
        let ours = format!("{OWN_STATE_PREFIX}abc");
        assert!(state_is_bound("", None));
        assert!(state_is_bound("from-amocrm-settings", None));
        assert!(state_is_bound(&ours, Some(&ours)));
        assert!(!state_is_bound(&ours, None));
        assert!(!state_is_bound(&ours, Some("amc1.other")));
        assert!(!state_is_bound(&ours, Some("")));
    }

    #[test]
    fn the_button_knows_both_brands_and_nothing_else() {
        assert_eq!(consent_url(""), Some("https://www.amocrm.ru/oauth"));
        assert_eq!(consent_url("kommo"), Some("https://www.kommo.com/oauth"));
        assert_eq!(consent_url("https://evil.example/oauth"), None);
    }
}
