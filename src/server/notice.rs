//! What a form sent without script ended with. Leptos answers a plain HTML
//! form post to a server function with a redirect back to the card, which
//! cannot carry the outcome; a short-lived cookie does, and the card shows it
//! once and clears it. With script, the island shows outcomes in place and no
//! cookie is set.

use http::header::ACCEPT;
use http::HeaderMap;

const NAME: &str = "amc_notice";
/// Long enough for the redirect, short enough not to greet a later card.
const MAX_AGE_SECS: i64 = 60;
/// A message longer than this is cut: cookies are small.
const MAX_CHARS: usize = 400;

/// A browser's own form post asks for HTML; the island's `fetch` does not.
pub fn from_plain_form(headers: &HeaderMap) -> bool {
    headers
        .get_all(ACCEPT)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.contains("text/html"))
}

/// `Set-Cookie` that carries `message` to the next card render.
pub fn set(message: &str, secure: bool) -> String {
    let short: String = message.chars().take(MAX_CHARS).collect();
    let encoded: String = url::form_urlencoded::byte_serialize(short.as_bytes()).collect();
    build(encoded, MAX_AGE_SECS, secure)
}

/// `Set-Cookie` that removes the message once shown.
pub fn clear(secure: bool) -> String {
    build(String::new(), 0, secure)
}

fn build(value: String, max_age: i64, secure: bool) -> String {
    crate::server::session::http_only_cookie(NAME, value, max_age, secure)
}

/// The message waiting for this request, if any.
pub fn read(headers: &HeaderMap) -> Option<String> {
    let raw = crate::server::session::cookie_value(headers, NAME)?;
    let message: String = url::form_urlencoded::parse(format!("m={raw}").as_bytes())
        .map(|(_, v)| v.into_owned())
        .next()?;
    let message: String = message.chars().take(MAX_CHARS).collect();
    (!message.trim().is_empty()).then_some(message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn request_with(set_cookie: &str) -> HeaderMap {
        let pair = set_cookie.split(';').next().unwrap_or_default().to_owned();
        let mut headers = HeaderMap::new();
        headers.insert(http::header::COOKIE, HeaderValue::from_str(&pair).unwrap());
        headers
    }

    #[test]
    fn a_message_survives_the_cookie_round_trip() {
        let message = "Срок уже прошёл; a=b & \"quotes\" + 100%";
        assert_eq!(
            read(&request_with(&set(message, true))).as_deref(),
            Some(message)
        );
    }

    #[test]
    fn a_cleared_or_missing_message_is_none() {
        assert_eq!(read(&request_with(&clear(false))), None);
        assert_eq!(read(&HeaderMap::new()), None);
        assert!(clear(true).contains("Max-Age=0"));
    }

    #[test]
    fn only_a_browser_form_post_asks_for_html() {
        let mut headers = HeaderMap::new();
        assert!(!from_plain_form(&headers));
        headers.insert(ACCEPT, HeaderValue::from_static("*/*"));
        assert!(!from_plain_form(&headers));
        headers.insert(
            ACCEPT,
            HeaderValue::from_static("text/html,application/xhtml+xml,*/*;q=0.8"),
        );
        assert!(from_plain_form(&headers));
    }
}
