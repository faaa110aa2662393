//! Our cookies: their names (`__Host-` behind https), how a request's are read
//! and how ours are set (HttpOnly, SameSite=Lax, the whole site).

use base64::Engine;
use chrono::{DateTime, Utc};
use cookie::{Cookie, SameSite};

/// The name of one of our cookies. On https it takes the `__Host-` prefix:
/// browsers then refuse it unless it is `Secure`, host-only and for `/`, so no
/// sibling subdomain can plant or overwrite it. Made by [`cookie_name!`].
#[derive(Clone, Copy, Debug)]
pub struct CookieName {
    plain: &'static str,
    host: &'static str,
}

impl CookieName {
    #[doc(hidden)]
    pub const fn __new(plain: &'static str, host: &'static str) -> Self {
        Self { plain, host }
    }

    /// The name for a server that is (or is not) served over https.
    pub fn get(self, secure: bool) -> &'static str {
        if secure {
            self.host
        } else {
            self.plain
        }
    }
}

/// A [`CookieName`] whose `__Host-` form is derived from its plain name, so
/// the two never disagree.
#[macro_export]
macro_rules! cookie_name {
    ($plain:literal) => {
        $crate::server::auth::cookies::CookieName::__new($plain, concat!("__Host-", $plain))
    };
}

/// The card session's cookie.
pub const SESSION_COOKIE: CookieName = cookie_name!("amc_session");

/// The session secret a request's `Cookie` headers carry, under the cookie
/// name this server uses (`secure`: served over https). Unparsable cookies are
/// skipped; an oversized value is no session of ours.
pub fn session_secret(headers: &http::HeaderMap, secure: bool) -> Option<String> {
    cookie_value(headers, SESSION_COOKIE.get(secure)).filter(|v| !v.is_empty() && v.len() <= 128)
}

/// The value of the cookie `name` among all of a request's `Cookie` headers;
/// unparsable cookies are skipped.
pub fn cookie_value(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value_trimmed().to_owned())
}

/// `Set-Cookie` for a session that ends at `expires_at`.
pub fn session_cookie(
    secret: &str,
    expires_at: DateTime<Utc>,
    now: DateTime<Utc>,
    secure: bool,
) -> String {
    let max_age = (expires_at - now).num_seconds().max(0);
    http_only_cookie(SESSION_COOKIE, secret.to_owned(), max_age, secure)
}

/// `Set-Cookie` for one of our cookies: the whole site, never read by script,
/// sent on the WebView's own navigations (Lax), `Secure` and `__Host-` behind
/// https.
pub fn http_only_cookie(
    name: CookieName,
    value: String,
    max_age_secs: i64,
    secure: bool,
) -> String {
    Cookie::build((name.get(secure), value))
        .path("/")
        .max_age(cookie::time::Duration::seconds(max_age_secs))
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .build()
        .to_string()
}

/// A random URL-safe value of `bytes` random bytes: session secrets, CSRF
/// values, install states, CSP nonces.
pub fn random_token(bytes: usize) -> String {
    let raw: Vec<u8> = (0..bytes).map(|_| rand::random::<u8>()).collect();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(raw)
}
