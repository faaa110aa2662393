//! HTML the server renders, fetched in place: the whole card (refresh, on tap
//! and when the user comes back after a while) and the next page of history.

use wasm_bindgen::JsValue;
use web_sys::{Element, UrlSearchParams};

use super::dom::{self, attr, closest, find, find_in_document};
use super::submit::post;

/// Refresh after the page was hidden at least this long (the user went back to the app).
pub const STALE_AFTER_MS: f64 = 60_000.0;

/// A click on refresh or "show more"; `true` when handled.
pub fn on_click(target: &Element) -> bool {
    if closest(target, ".refresh").is_some() {
        refresh();
        return true;
    }
    if let Some(more) =
        closest(target, ".history-more button").and_then(|b| closest(&b, ".history-more"))
    {
        show_more(more);
        return true;
    }
    false
}

fn params(pairs: &[(&str, &str)]) -> Option<UrlSearchParams> {
    let params = UrlSearchParams::new().ok()?;
    for (k, v) in pairs {
        params.append(k, v);
    }
    Some(params)
}

/// Swaps the card's content for a fresh render. The new HTML needs no
/// hydration: everything in it works through this island's listeners.
pub fn refresh() {
    let Some(link) = find_in_document(".refresh") else {
        return;
    };
    if dom::is_busy(&link) {
        return;
    }
    let Some(body) = params(&[("csrf", &attr(&link, "data-csrf"))]) else {
        return;
    };
    let status = find_in_document(".refresh-bar .refresh-error");
    dom::set_text(status.clone(), "");
    dom::set_busy(&link, true);
    leptos::task::spawn_local(async move {
        let html = post("/api/refresh_card", &body)
            .await
            .and_then(|v| v.as_string());
        match (html, find_in_document(".card-content")) {
            (Some(html), Some(card)) => card.set_outer_html(&html),
            _ => dom::set_text(status, &attr(&link, "data-failed")),
        }
        dom::set_busy(&link, false);
    });
}

/// Appends the next page of history and moves "show more" on (or hides it).
fn show_more(more: Element) {
    if dom::is_busy(&more) {
        return;
    }
    let page = attr(&more, "data-page");
    let Some(body) = params(&[("csrf", &attr(&more, "data-csrf")), ("page", &page)]) else {
        return;
    };
    let status = find(&more, ".refresh-error");
    dom::set_text(status.clone(), "");
    dom::set_busy(&more, true);
    leptos::task::spawn_local(async move {
        let answer = post("/api/history_page", &body).await;
        let field = |name: &str| {
            answer
                .as_ref()
                .and_then(|a| js_sys::Reflect::get(a, &name.into()).ok())
                .unwrap_or(JsValue::UNDEFINED)
        };
        match (field("html").as_string(), find_in_document(".history-list")) {
            (Some(html), Some(list)) => {
                let _ = list.insert_adjacent_html("beforeend", &html);
                match field("next_page").as_f64() {
                    Some(next) => {
                        let _ = more.set_attribute("data-page", &(next as u32).to_string());
                    }
                    None => dom::set_hidden(&more, true),
                }
            }
            _ => dom::set_text(status, &attr(&more, "data-failed")),
        }
        dom::set_busy(&more, false);
    });
}
