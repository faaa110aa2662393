//! The token endpoint: codes, single-use rotating refresh tokens, faults.

use std::time::Duration;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::json;

use super::{hal, hal_raw, now_unix, problem, FakeAmo};

#[derive(Deserialize)]
pub(super) struct TokenRequest {
    #[serde(default)]
    grant_type: String,
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    refresh_token: Option<String>,
    #[serde(default)]
    client_id: String,
    #[serde(default)]
    client_secret: String,
}

pub(super) async fn token(
    State(fake): State<FakeAmo>,
    body: Option<Json<TokenRequest>>,
) -> Response {
    let Some(Json(req)) = body else {
        return problem(StatusCode::BAD_REQUEST, "Bad Request", "Malformed JSON");
    };
    let endpoint = format!("POST /oauth2/access_token {}", req.grant_type);
    let (token_status, token_hang, token_redirect, bad_redirect) = fake.with(|s| {
        *s.counts.entry(endpoint).or_default() += 1;
        (
            s.faults.token_status,
            s.faults.token_hang,
            s.faults.token_redirect.clone(),
            s.faults.token_bad_redirect,
        )
    });
    if bad_redirect {
        let body = json!({"title": "Некорректный запрос", "type": "https://developers.amocrm.ru/v3/errors/OAuthProblemJson", "status": 400, "detail": "В запросе отсутствует ряд параметров или параметры невалидны"});
        return (
            StatusCode::BAD_REQUEST,
            [(header::CONTENT_TYPE, "application/problem+json")],
            body.to_string(),
        )
            .into_response();
    }
    if let Some(to) = token_redirect {
        return (StatusCode::TEMPORARY_REDIRECT, [(header::LOCATION, to)]).into_response();
    }
    if token_hang {
        tokio::time::sleep(Duration::from_secs(3_600)).await;
    }
    if let Some(status) = token_status {
        if status == 200 {
            return hal_raw(StatusCode::OK, "{\"token_type\": \"Bearer\", \"acc");
        }
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        return problem(status, "Error", "Injected failure");
    }
    if req.client_id.is_empty() || req.client_secret.is_empty() {
        return problem(
            StatusCode::BAD_REQUEST,
            "Bad Request",
            "client_id and client_secret are required",
        );
    }
    let account = fake.with(|s| match req.grant_type.as_str() {
        "authorization_code" => s
            .codes
            .remove(req.code.as_deref().unwrap_or_default())
            .ok_or("Authorization code has been revoked"),
        "refresh_token" => {
            let rt = req.refresh_token.clone().unwrap_or_default();
            if s.revoked.contains(&rt) {
                return Err("Token has been revoked");
            }
            match s.refresh.remove(&rt) {
                Some(a) => {
                    // Single use: the old refresh token dies with this exchange.
                    s.revoked.insert(rt);
                    Ok(a)
                }
                None => Err("Cannot decrypt the refresh token"),
            }
        }
        _ => Err("Unsupported grant type"),
    });
    let account = match account {
        Ok(a) => a,
        Err(hint) => {
            let body = json!({"hint": hint, "title": "Некорректный запрос", "type": "https://developers.amocrm.ru/v3/errors/OAuthProblemJson", "status": 400, "detail": "В запросе отсутствует ряд параметров или параметры невалидны"});
            return (
                StatusCode::BAD_REQUEST,
                [(header::CONTENT_TYPE, "application/problem+json")],
                body.to_string(),
            )
                .into_response();
        }
    };
    let (access, refresh, ttl) = fake.with(|s| {
        let access = format!("fake-access-{}", uuid::Uuid::new_v4().simple());
        let refresh = format!("fake-refresh-{}", uuid::Uuid::new_v4().simple());
        s.access
            .insert(access.clone(), (account, now_unix() + s.access_ttl));
        s.refresh.insert(refresh.clone(), account);
        (access, refresh, s.access_ttl)
    });
    hal(
        json!({"token_type": "Bearer", "expires_in": ttl, "access_token": access, "refresh_token": refresh}),
    )
}
