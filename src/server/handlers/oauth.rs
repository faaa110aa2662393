//! `GET /oauth/callback` (install) and `GET /oauth/disconnect` (uninstall hook).

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use hmac::{Hmac, Mac};
use http::header::{CACHE_CONTROL, REFERRER_POLICY};
use sha2::Sha256;
use subtle::ConstantTimeEq;

use crate::i18n::Lang;
use crate::server::accounts::InstallError;
use crate::server::request::{client_ip, lang_from_headers};
use crate::server::state::AppState;

/// A small self-contained result page; every dynamic string is escaped.
fn page(status: StatusCode, lang: Lang, title: &str, text: &str) -> Response {
    let html = format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title><style>body{{font-family:-apple-system,system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;line-height:1.4}}</style></head>\
         <body><h1>{}</h1><p>{}</p></body></html>",
        lang.code(),
        escape(title),
        escape(title),
        escape(text)
    );
    let mut res = (status, Html(html)).into_response();
    res.headers_mut()
        .insert(CACHE_CONTROL, http::HeaderValue::from_static("no-store"));
    res.headers_mut().insert(
        REFERRER_POLICY,
        http::HeaderValue::from_static("no-referrer"),
    );
    res
}

pub fn escape(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '<' => "&lt;".to_owned(),
            '>' => "&gt;".to_owned(),
            '&' => "&amp;".to_owned(),
            '"' => "&quot;".to_owned(),
            '\'' => "&#39;".to_owned(),
            c => c.to_string(),
        })
        .collect()
}

pub async fn callback(
    State(state): State<AppState>,
    headers: HeaderMap,
    extensions: http::Extensions,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let lang = lang_from_headers(&headers);
    // Unauthenticated, and every request costs calls to amoCRM: a looping
    // client gets a plain refusal instead.
    let client = client_ip(&headers, &extensions, state.settings.trust_proxy_headers);
    if client.is_some_and(|ip| !state.throttles.oauth_callback.hit(ip)) {
        tracing::warn!("install callback throttled");
        let (t, x) = match lang {
            Lang::Ru => (
                "Слишком много попыток",
                "Подождите минуту и установите интеграцию ещё раз.",
            ),
            Lang::En => (
                "Too many attempts",
                "Wait a minute, then install the integration again.",
            ),
        };
        return page(StatusCode::TOO_MANY_REQUESTS, lang, t, x);
    }
    let get = |k: &str| q.get(k).map(String::as_str).unwrap_or_default();
    // amoCRM sends the denial as `error=access_denied` when the admin says no.
    if !get("error").is_empty() {
        let (t, x) = match lang {
            Lang::Ru => (
                "Установка отменена",
                "Доступ не был предоставлен. Установите интеграцию ещё раз, если это ошибка.",
            ),
            Lang::En => (
                "Installation cancelled",
                "Access was not granted. Install the integration again if this was a mistake.",
            ),
        };
        return page(StatusCode::BAD_REQUEST, lang, t, x);
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
            state.amo.invalidate_meta(account_id);
            let (t, x) = match lang {
                Lang::Ru => ("Интеграция установлена", "Карточка появится в сделках и покупателях в приложении amoCRM. Эту вкладку можно закрыть."),
                Lang::En => ("Integration installed", "The card now appears in leads and customers in the amoCRM app. You can close this tab."),
            };
            page(StatusCode::OK, lang, t, x)
        }
        Err(e) => {
            tracing::warn!(error = %e, "install failed");
            let (status, title, text) = install_error_text(&e, lang);
            page(status, lang, title, &text)
        }
    }
}

fn install_error_text(e: &InstallError, lang: Lang) -> (StatusCode, &'static str, String) {
    let ru = lang == Lang::Ru;
    let title = if ru {
        "Не удалось установить интеграцию"
    } else {
        "The integration could not be installed"
    };
    let (status, text) = match e {
        InstallError::BadReferer(_) | InstallError::MissingCode | InstallError::WrongClient => (
            StatusCode::BAD_REQUEST,
            if ru {
                "Ссылка установки неполная или выдана не amoCRM. Начните установку заново из amoМаркета."
            } else {
                "The install link is incomplete or did not come from amoCRM. Start the installation again from amoMarket."
            },
        ),
        InstallError::CodeRejected(_) => (
            StatusCode::BAD_REQUEST,
            if ru {
                "amoCRM не принял код установки: он уже использован или устарел (живёт 20 минут). Установите интеграцию ещё раз."
            } else {
                "amoCRM did not accept the install code: it was already used or expired (it lives 20 minutes). Install the integration again."
            },
        ),
        InstallError::Timeout
        | InstallError::RateLimited
        | InstallError::Unavailable
        | InstallError::BadResponse => (
            StatusCode::BAD_GATEWAY,
            if ru {
                "amoCRM не ответил как ожидалось. Обновите страницу через минуту — если код ещё действует, установка завершится."
            } else {
                "amoCRM did not answer as expected. Reload this page in a minute: if the code is still valid, the installation will complete."
            },
        ),
        InstallError::Store => (
            StatusCode::SERVICE_UNAVAILABLE,
            if ru {
                "Наш сервис временно недоступен. Обновите страницу через минуту."
            } else {
                "Our service is temporarily unavailable. Reload this page in a minute."
            },
        ),
    };
    (status, title, text.to_owned())
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
            state.amo.invalidate_meta(account_id);
            tracing::info!(account_id, existed, "account disconnected");
            (StatusCode::OK, "ok")
        }
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, "try again"),
    }
}
