//! Facts about the caller that handlers and server functions share.

use std::net::{IpAddr, SocketAddr};

use axum::extract::ConnectInfo;
use http::header::ACCEPT_LANGUAGE;
use http::{Extensions, HeaderMap};

use crate::i18n::Lang;

/// The language the client asks for, from `Accept-Language`.
pub fn lang_from_headers(headers: &HeaderMap) -> Lang {
    headers
        .get(ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(Lang::from_accept_language)
        .unwrap_or_default()
}

/// The first value of a query parameter, percent-decoded.
pub fn query_param(query: Option<&str>, name: &str) -> Option<String> {
    url::form_urlencoded::parse(query?.as_bytes())
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
        .filter(|v| !v.is_empty())
}

/// The client's address: the peer, or behind a trusted proxy (`TRUST_PROXY_HEADERS`)
/// the last address the proxy appended to `X-Forwarded-For`. `None` only when the
/// server was not started with connection info (some tests).
pub fn client_ip(
    headers: &HeaderMap,
    extensions: &Extensions,
    trust_proxy: bool,
) -> Option<IpAddr> {
    if trust_proxy {
        let forwarded = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|a| a.trim().parse::<IpAddr>().ok())
            .next_back();
        if forwarded.is_some() {
            return forwarded;
        }
    }
    extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip())
}
