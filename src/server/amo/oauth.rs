//! The OAuth 2.0 token endpoint: code exchange and refresh.

use serde_json::json;

use crate::server::amo::transport::Transport;
use crate::server::amo::truncate_for_log;
use crate::server::amo::types::TokenPair;
use crate::server::config::Integration;

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum OAuthError {
    /// amoCRM says the code or refresh token is no good (used, revoked, expired).
    #[error("amoCRM rejected the grant ({status}): {hint}")]
    Rejected { status: u16, hint: String },
    #[error("amoCRM's token endpoint is unavailable")]
    Unavailable,
    #[error("amoCRM's token endpoint timed out")]
    Timeout,
    #[error("amoCRM's token endpoint answered something unreadable")]
    BadResponse,
}

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
        self.token_request(transport, host, &body).await
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
        self.token_request(transport, host, &body).await
    }

    async fn token_request(
        &self,
        transport: &Transport,
        host: &str,
        body: &serde_json::Value,
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

/// Token responses must not reach logs even when malformed.
fn redact(body: &str) -> String {
    if body.contains("token") {
        "[body mentioning tokens redacted]".into()
    } else {
        body.to_owned()
    }
}
