//! The amoCRM side: REST client, OAuth calls, rate limit, metadata cache.

pub mod client;
pub mod error;
pub mod oauth;
pub mod rate_limit;
pub mod types;

pub use client::AmoClient;
pub use error::AmoError;

use url::Url;

/// Where calls for an account go: `AMO_API_BASE_URL` when set, else the account's own host.
pub fn base_url(api_base_override: Option<&Url>, account_host: &str) -> Option<Url> {
    match api_base_override {
        Some(base) => Some(base.clone()),
        None => Url::parse(&format!("https://{account_host}/")).ok(),
    }
}

/// Keeps a response body short enough to log and free of control characters.
pub fn truncate_for_log(body: &str) -> String {
    body.chars().filter(|c| !c.is_control()).take(300).collect()
}
