//! Facts about the caller that handlers and server functions share.

use std::net::{IpAddr, SocketAddr};

use axum::extract::ConnectInfo;
use http::header::ACCEPT_LANGUAGE;
use http::{Extensions, HeaderMap};

use crate::i18n::choice::LangSources;
use crate::i18n::Lang;

/// The device's language from `Accept-Language`, when it names one we speak.
pub fn device_lang(headers: &HeaderMap) -> Option<Lang> {
    headers
        .get(ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Lang::from_accept_language)
}

/// The language of a page no amoCRM user is known for (the install pages, a
/// refused link): the device's, else the market of `account_host`.
pub fn page_lang(headers: &HeaderMap, account_host: Option<&str>) -> Lang {
    LangSources {
        device: device_lang(headers),
        account_host,
        ..LangSources::default()
    }
    .choose()
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
