//! gzip for the card's HTML and the server functions' answers, without
//! holding back the stream: every chunk Leptos sends (the shell with its
//! skeleton first, the card when amoCRM answers) is compressed and flushed on
//! its own, so the phone paints the skeleton as early as it would uncompressed.
//! tower-http's encoder buffers across chunks, which is why it is not used
//! here. Built assets are never compressed per request: they are precompressed
//! at build time and served by `ServeDir`.
//!
//! BREACH: the card HTML holds the session's CSRF value next to data that
//! account users can edit, and a plain `GET /` with the session cookie renders
//! the card again, so an attacker who can watch sizes on the wire could get
//! many compressed renders. Each render therefore carries the CSRF value
//! masked with a fresh random pad (`server::csrf`): no two responses repeat
//! its bytes, and compression has nothing stable to match them against.

use std::io::Write;

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use flate2::write::GzEncoder;
use flate2::Compression;
use futures::StreamExt;
use http::header::{
    HeaderValue, ACCEPT_ENCODING, CONTENT_ENCODING, CONTENT_LENGTH, CONTENT_TYPE, VARY,
};

/// Compresses `text/html` and JSON answers for clients that accept gzip.
pub async fn gzip(req: Request, next: Next) -> Response {
    let accepts = accepts_gzip(req.headers());
    let mut res = next.run(req).await;
    res.headers_mut()
        .append(VARY, HeaderValue::from_static("accept-encoding"));
    if !accepts || !compressible(&res) {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    parts.headers.remove(CONTENT_LENGTH);
    parts
        .headers
        .insert(CONTENT_ENCODING, HeaderValue::from_static("gzip"));
    Response::from_parts(parts, Body::from_stream(flushed(body)))
}

fn accepts_gzip(headers: &http::HeaderMap) -> bool {
    headers
        .get_all(ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|coding| {
            let name = coding.split(';').next().unwrap_or_default().trim();
            (name.eq_ignore_ascii_case("gzip") || name == "*") && !q_zero(coding)
        })
}

/// `q=0`, `q=0.0`, `q=0.00`…: the client refuses that coding.
fn q_zero(coding: &str) -> bool {
    coding.split(';').skip(1).any(|p| {
        p.trim()
            .strip_prefix("q=")
            .and_then(|q| q.trim().parse::<f32>().ok())
            .is_some_and(|q| q == 0.0)
    })
}

fn compressible(res: &Response) -> bool {
    let headers = res.headers();
    if headers.contains_key(CONTENT_ENCODING) {
        return false;
    }
    headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html") || t.starts_with("application/json"))
}

/// The body, gzip-compressed chunk by chunk with a sync flush after each.
fn flushed(body: Body) -> impl futures::Stream<Item = Result<Bytes, axum::Error>> + Send {
    // Level 1: most of the size win (24 KB of card HTML to about 7 KB) for a
    // fraction of the CPU of the default level, which the bench showed at 11%
    // of the server's samples.
    let encoder = GzEncoder::new(Vec::new(), Compression::fast());
    futures::stream::unfold(
        (body.into_data_stream(), Some(encoder)),
        |(mut chunks, encoder)| async move {
            let mut encoder = encoder?;
            match chunks.next().await {
                Some(Ok(chunk)) => {
                    let out = encoder
                        .write_all(&chunk)
                        .and_then(|()| encoder.flush())
                        .map(|()| Bytes::from(std::mem::take(encoder.get_mut())))
                        .map_err(axum::Error::new);
                    Some((out, (chunks, Some(encoder))))
                }
                Some(Err(e)) => Some((Err(e), (chunks, None))),
                None => {
                    let out = encoder.finish().map(Bytes::from).map_err(axum::Error::new);
                    Some((out, (chunks, None)))
                }
            }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::read::GzDecoder;
    use std::io::Read;

    fn headers(accept: &str) -> http::HeaderMap {
        let mut h = http::HeaderMap::new();
        h.insert(ACCEPT_ENCODING, HeaderValue::from_str(accept).unwrap());
        h
    }

    #[test]
    fn gzip_is_used_only_when_accepted() {
        assert!(accepts_gzip(&headers("gzip, deflate, br")));
        assert!(accepts_gzip(&headers("br;q=1.0, gzip;q=0.8")));
        assert!(accepts_gzip(&headers("*")));
        assert!(!accepts_gzip(&headers("br")));
        assert!(!accepts_gzip(&headers("gzip;q=0")));
        assert!(!accepts_gzip(&headers("gzip; q=0.0")));
        assert!(!accepts_gzip(&http::HeaderMap::new()));
    }

    #[tokio::test]
    async fn every_chunk_is_decodable_as_soon_as_it_arrives() {
        let chunks = vec![
            Ok::<_, std::io::Error>(Bytes::from("<html><body><div class=skeleton>")),
            Ok(Bytes::from("<article>the card</article></body></html>")),
        ];
        let body = Body::from_stream(futures::stream::iter(chunks));
        let parts: Vec<Bytes> = flushed(body).map(|c| c.expect("chunk")).collect().await;
        // The first chunk alone already decodes to the first piece of HTML.
        let mut first = String::new();
        let mut decoder = GzDecoder::new(&parts[0][..]);
        let _ = decoder.read_to_string(&mut first);
        assert_eq!(first, "<html><body><div class=skeleton>");
        // All of them make the whole page.
        let all: Vec<u8> = parts.iter().flat_map(|p| p.to_vec()).collect();
        let mut whole = String::new();
        GzDecoder::new(&all[..])
            .read_to_string(&mut whole)
            .expect("complete gzip");
        assert_eq!(
            whole,
            "<html><body><div class=skeleton><article>the card</article></body></html>"
        );
    }
}
