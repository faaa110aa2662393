//! What a form sent without script ended with. Leptos answers a plain HTML
//! form post to a server function with a redirect back to the card, which
//! cannot carry the outcome; a short-lived cookie does, and the card shows it
//! once and clears it. With script, the island shows outcomes in place and no
//! cookie is set.
//!
//! The cookie is bound to the card session that earned it: its value carries
//! an HMAC of the message keyed with the session's secret (which only that
//! browser and the HttpOnly session cookie hold), so a sibling host that plants
//! an `amc_notice` cannot put words in the card. On https it is `__Host-`.

use base64::Engine;
use hmac::{Hmac, Mac};
use http::header::ACCEPT;
use http::HeaderMap;
use sha2::Sha256;
use subtle::ConstantTimeEq;

use crate::cookie_name;
use crate::server::auth::cookies::CookieName;

const NAME: CookieName = cookie_name!("amc_notice");
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

/// What the card says on its next render: the message, and whether the
/// action left the deal without an open task (the card offers the next step).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Notice {
    pub message: String,
    pub next_step: bool,
}

/// The flag's spelling in the cookie.
fn flag(next_step: bool) -> &'static str {
    if next_step {
        "n"
    } else {
        "-"
    }
}

/// The message's tag under the session's secret (base64url).
fn sign(message: &str, next_step: bool, session_secret: &str) -> Option<String> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(session_secret.as_bytes()).ok()?;
    mac.update(b"amc_notice\0");
    mac.update(flag(next_step).as_bytes());
    mac.update(b"\0");
    mac.update(message.as_bytes());
    Some(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes()))
}

/// `Set-Cookie` that carries `notice` to the next card render of the session
/// whose cookie secret is `session_secret`.
pub fn set(notice: &Notice, session_secret: &str, secure: bool) -> Option<String> {
    let short: String = notice.message.chars().take(MAX_CHARS).collect();
    let tag = sign(&short, notice.next_step, session_secret)?;
    let encoded: String = url::form_urlencoded::byte_serialize(short.as_bytes()).collect();
    let next = flag(notice.next_step);
    Some(build(
        format!("{tag}.{next}.{encoded}"),
        MAX_AGE_SECS,
        secure,
    ))
}

/// `Set-Cookie` that removes the message once shown.
pub fn clear(secure: bool) -> String {
    build(String::new(), 0, secure)
}

fn build(value: String, max_age: i64, secure: bool) -> String {
    crate::server::auth::cookies::http_only_cookie(NAME, value, max_age, secure)
}

/// What a page shows once: the notice signed for the session whose secret
/// is `session_secret`, and the `Set-Cookie` that clears any notice cookie
/// the request carries (signed or not).
pub fn take(
    headers: &HeaderMap,
    session_secret: Option<&str>,
    secure: bool,
) -> (Option<Notice>, Option<String>) {
    let said = session_secret.and_then(|secret| read(headers, secret, secure));
    let clear = present(headers, secure).then(|| clear(secure));
    (said, clear)
}

/// Whether the request carries a notice cookie at all (signed or not): it is
/// cleared either way.
pub fn present(headers: &HeaderMap, secure: bool) -> bool {
    crate::server::auth::cookies::cookie_value(headers, NAME.get(secure))
        .is_some_and(|v| !v.is_empty())
}

/// The notice waiting for this request's session, if any, and only when it
/// was signed for that session.
pub fn read(headers: &HeaderMap, session_secret: &str, secure: bool) -> Option<Notice> {
    let raw = crate::server::auth::cookies::cookie_value(headers, NAME.get(secure))?;
    let (tag, rest) = raw.split_once('.')?;
    let (next, encoded) = rest.split_once('.')?;
    let next_step = match next {
        "n" => true,
        "-" => false,
        _ => return None,
    };
    let message: String = url::form_urlencoded::parse(format!("m={encoded}").as_bytes())
        .map(|(_, v)| v.into_owned())
        .next()?;
    let expected = sign(&message, next_step, session_secret)?;
    if !bool::from(expected.as_bytes().ct_eq(tag.as_bytes())) {
        return None;
    }
    (!message.trim().is_empty()).then_some(Notice { message, next_step })
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

    const SESSION: &str = "session-secret-of-this-browser";

    #[test]
    fn a_message_survives_the_cookie_round_trip() {
        let message = "Срок уже прошёл; a=b & \"quotes\" + 100%. Ok.";
        for secure in [true, false] {
            for next_step in [false, true] {
                let notice = Notice {
                    message: message.to_owned(),
                    next_step,
                };
                let cookie = set(&notice, SESSION, secure).unwrap();
                assert_eq!(cookie.starts_with("__Host-"), secure);
                assert_eq!(read(&request_with(&cookie), SESSION, secure), Some(notice));
            }
        }
    }

    #[test]
    fn a_message_is_read_only_by_the_session_it_was_set_for() {
        let saved = Notice {
            message: "Сохранено".into(),
            next_step: false,
        };
        let cookie = set(&saved, SESSION, false).unwrap();
        assert_eq!(read(&request_with(&cookie), "another-session", false), None);
        // Planted by a sibling host: no tag, or a tag for other words.
        let planted = "amc_notice=%D0%9E%D0%BF%D0%BB%D0%B0%D1%82%D0%B8%D1%82%D0%B5";
        assert_eq!(read(&request_with(planted), SESSION, false), None);
        let (tag, _) = cookie["amc_notice=".len()..].split_once('.').unwrap();
        let swapped = format!("amc_notice={tag}.-.Pay%20now");
        assert_eq!(read(&request_with(&swapped), SESSION, false), None);
        // Nor can the offer be switched on under the same tag.
        let offered = cookie.replacen(&format!("{tag}.-."), &format!("{tag}.n."), 1);
        assert_eq!(read(&request_with(&offered), SESSION, false), None);
        assert!(present(&request_with(planted), false));
    }

    #[test]
    fn a_cleared_or_missing_message_is_none() {
        assert_eq!(read(&request_with(&clear(false)), SESSION, false), None);
        assert_eq!(read(&HeaderMap::new(), SESSION, false), None);
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
