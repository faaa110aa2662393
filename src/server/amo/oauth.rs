//! The OAuth 2.0 token endpoint: code exchange and refresh.

use serde_json::json;

use crate::server::amo::transport::Transport;
use crate::server::amo::truncate_for_log;
use crate::server::amo::types::TokenPair;
use crate::server::base::config::Integration;

pub use crate::server::amo::error::OAuthError;

/// The integration's side of OAuth: builds the grant requests, reads the answers.
pub struct OAuthClient {
    pub integration: Integration,
}

impl OAuthClient {
    pub async fn exchange_code(
        &self,
        transport: &Transport,
        host: &str,
        code: &str,
    ) -> Result<TokenPair, OAuthError> {
        let body = json!({
            "client_id": self.integration.client_id.to_string(),
            "client_secret": self.integration.client_secret.expose(),
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": self.integration.redirect_uri.as_str(),
        });
        self.token_request(transport, host, &body, Grant::Code)
            .await
    }

    pub async fn refresh(
        &self,
        transport: &Transport,
        host: &str,
        refresh_token: &str,
    ) -> Result<TokenPair, OAuthError> {
        let body = json!({
            "client_id": self.integration.client_id.to_string(),
            "client_secret": self.integration.client_secret.expose(),
            "grant_type": "refresh_token",
            "refresh_token": refresh_token,
            "redirect_uri": self.integration.redirect_uri.as_str(),
        });
        self.token_request(transport, host, &body, Grant::Refresh)
            .await
    }

    async fn token_request(
        &self,
        transport: &Transport,
        host: &str,
        body: &serde_json::Value,
        grant: Grant,
    ) -> Result<TokenPair, OAuthError> {
        let answer = transport.token_endpoint(host, body).await?;
        let (status, text) = (answer.status.as_u16(), answer.body);
        match status {
            200 | 201 => serde_json::from_str::<TokenPair>(&text)
                .ok()
                .filter(|p| !p.access_token.is_empty() && !p.refresh_token.is_empty())
                .ok_or_else(|| {
                    tracing::warn!(body = %truncate_for_log(&redact(&text)), "unreadable token response");
                    OAuthError::BadResponse
                }),
            // The integration itself refused (a rotated or mistyped secret):
            // every account's grant is still good, none may be marked revoked.
            // A refresh refused without a word about the token is about the
            // request (amoCRM's "Некорректный запрос" for a redirect_uri that
            // no longer matches the integration's): the grant stays.
            400 | 401 | 403
                if client_refused(&text)
                    || (grant == Grant::Refresh && !token_refused(&text)) =>
            {
                tracing::error!(
                    status,
                    body = %truncate_for_log(&redact(&text)),
                    "amoCRM refused the integration's own settings: check AMO_CLIENT_ID, AMO_CLIENT_SECRET and AMO_REDIRECT_URI against the integration in amoCRM"
                );
                Err(OAuthError::ClientRefused)
            }
            400 | 401 | 403 => {
                let hint = serde_json::from_str::<serde_json::Value>(&text)
                    .ok()
                    .and_then(|v| {
                        v.get("hint")
                            .or_else(|| v.get("detail"))
                            .or_else(|| v.get("title"))
                            .and_then(|h| h.as_str().map(str::to_owned))
                    })
                    .unwrap_or_else(|| "no details".into());
                Err(OAuthError::Rejected {
                    status,
                    hint: truncate_for_log(&hint),
                })
            }
            _ => {
                tracing::warn!(status, body = %truncate_for_log(&redact(&text)), "token endpoint failed");
                Err(OAuthError::Unavailable)
            }
        }
    }
}

/// Which grant a token request carries.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Grant {
    Code,
    Refresh,
}

/// Whether a token endpoint refusal is about the token it carried: OAuth's
/// `invalid_grant`, or amoCRM's hint ("Token has been revoked", "… expired").
fn token_refused(body: &str) -> bool {
    let Ok(v) = serde_json::from_str::<serde_json::Value>(body) else {
        return false;
    };
    let text = |k: &str| {
        v.get(k)
            .and_then(|x| x.as_str())
            .unwrap_or_default()
            .to_ascii_lowercase()
    };
    text("error") == "invalid_grant"
        || ["hint", "error_description", "message"]
            .iter()
            .map(|k| text(k))
            .any(|t| t.contains("token") || t.contains("revoked") || t.contains("expired"))
}

/// Token responses must not reach logs even when malformed.
fn redact(body: &str) -> String {
    if body.contains("token") {
        "[body mentioning tokens redacted]".into()
    } else {
        body.to_owned()
    }
}

/// Whether a token endpoint refusal is about the client (OAuth's
/// `invalid_client`), not about the code or refresh token it carried.
fn client_refused(body: &str) -> bool {
    let Ok(v) = serde_json::from_str::<serde_json::Value>(body) else {
        return false;
    };
    let says = |k: &str, what: &str| {
        v.get(k)
            .and_then(|x| x.as_str())
            .is_some_and(|x| x.eq_ignore_ascii_case(what))
    };
    says("error", "invalid_client")
        || ["hint", "detail", "message", "error_description"]
            .iter()
            .any(|k| {
                says(k, "Client authentication failed") || says(k, "Авторизация клиента не прошла")
            })
        || says("title", "Некорректный клиент")
}

#[cfg(test)]
mod client_refusal_tests {
    use super::client_refused;

    #[test]
    fn a_refused_client_is_told_apart_from_a_revoked_token() {
        assert!(client_refused(
            r#"{"error":"invalid_client","error_description":"Client authentication failed","message":"Client authentication failed"}"#
        ));
        assert!(client_refused(
            r#"{"title":"Unauthorized","hint":"Client authentication failed"}"#
        ));
        assert!(!client_refused(
            r#"{"title":"Unauthorized","hint":"Token has been revoked"}"#
        ));
        assert!(!client_refused(r#"{"error":"invalid_grant"}"#));
        assert!(!client_refused("<html>401</html>"));
        // amoCRM's Russian wording of a refused client.
        assert!(client_refused(
            r#"{"title":"Некорректный клиент","status":401,"detail":"Авторизация клиента не прошла"}"#
        ));
    }

    #[test]
    fn only_a_refusal_that_names_the_token_condemns_the_grant() {
        use super::token_refused;
        assert!(token_refused(
            r#"{"hint":"Token has been revoked","title":"Некорректный запрос","status":401}"#
        ));
        assert!(token_refused(r#"{"hint":"Token has expired"}"#));
        assert!(token_refused(r#"{"error":"invalid_grant"}"#));
        // A wrong redirect_uri: amoCRM's bare "invalid request" says nothing of the token.
        assert!(!token_refused(
            r#"{"title":"Некорректный запрос","status":400,"detail":"В запросе отсутствует ряд параметров или параметры невалидны"}"#
        ));
        assert!(!token_refused("<html>400</html>"));
    }
}
