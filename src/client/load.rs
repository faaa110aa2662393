//! HTML the server renders, fetched in place: the whole card (refresh, on tap
//! and when the user comes back after a while) and the next page of history.

use wasm_bindgen::JsValue;
use web_sys::{Element, UrlSearchParams};

use super::dom::{self, attr, one, up};
use super::fetch::post;
use crate::contract::{attr as mark, class, endpoint, field, role};

/// Refresh after the page was hidden at least this long (the user went back to the app).
pub const STALE_AFTER_MS: f64 = 60_000.0;

/// A click on refresh or "show more"; `true` when handled.
pub fn on_click(target: &Element) -> bool {
    if up(target, role::REFRESH).is_some() {
        refresh();
        return true;
    }
    if let Some(more) = up(target, role::LOAD_MORE).and_then(|b| up(&b, role::MORE)) {
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
/// hydration: everything in it works through the client's listeners.
pub fn refresh() {
    refresh_saying(None);
}

/// A refresh that, once the new card is in, says `done` (a saved edit).
pub fn refresh_saying(done: Option<String>) {
    let Some(link) = dom::in_document(role::REFRESH) else {
        return;
    };
    if dom::is_busy(&link) {
        return;
    }
    let Some(body) = params(&[(field::CSRF, &attr(&link, mark::CSRF))]) else {
        return;
    };
    let status = dom::in_document(role::REFRESH_STATUS);
    dom::set_text(status.clone(), "");
    dom::set_busy(&link, true);
    leptos::task::spawn_local(async move {
        let html = post(endpoint::REFRESH_CARD, &body)
            .await
            .and_then(|v| v.as_string());
        let saved = match (html, dom::in_document(role::CARD)) {
            (Some(html), Some(card)) => {
                card.set_outer_html(&html);
                done
            }
            _ => {
                dom::set_text(status.clone(), &attr(&link, mark::FAILED));
                None
            }
        };
        if let Some(status) = &status {
            let _ = status
                .class_list()
                .toggle_with_force(class::SAVED, saved.is_some());
        }
        if let Some(text) = saved {
            dom::set_text(status, &text);
        }
        dom::set_busy(&link, false);
    });
}

/// Appends the next page of history and moves "show more" on (or hides it).
fn show_more(more: Element) {
    if dom::is_busy(&more) {
        return;
    }
    let page = attr(&more, mark::PAGE);
    let csrf = attr(&more, mark::CSRF);
    let Some(body) = params(&[(field::CSRF, &csrf), (field::PAGE, &page)]) else {
        return;
    };
    let status = one(&more, role::MORE_STATUS);
    dom::set_text(status.clone(), "");
    dom::set_busy(&more, true);
    leptos::task::spawn_local(async move {
        let answer = post(endpoint::HISTORY_PAGE, &body).await;
        let get = |name: &str| {
            answer
                .as_ref()
                .and_then(|a| js_sys::Reflect::get(a, &name.into()).ok())
                .unwrap_or(JsValue::UNDEFINED)
        };
        match (get("html").as_string(), dom::in_document(role::HISTORY)) {
            (Some(html), Some(list)) => {
                let _ = list.insert_adjacent_html("beforeend", &html);
                match get("next_page").as_f64() {
                    Some(next) => {
                        let _ = more.set_attribute(mark::PAGE, &(next as u32).to_string());
                    }
                    None => dom::set_hidden(&more, true),
                }
            }
            _ => dom::set_text(status, &attr(&more, mark::FAILED)),
        }
        dom::set_busy(&more, false);
    });
}
