//! The one way the client talks to the server: a form-encoded POST to a
//! server function, read as JSON.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::UrlSearchParams;

use crate::contract::NEXT_STEP_HEADER;

/// A server function's JSON answer, and whether it offers the next step.
pub struct Reply {
    pub json: JsValue,
    pub next_step: bool,
}

/// POSTs `body` to a server function; its JSON answer, or `None` when there
/// was none (network down, a server error): the write may or may not be saved.
pub async fn post(url: &str, body: &UrlSearchParams) -> Option<JsValue> {
    post_reply(url, body).await.map(|r| r.json)
}

/// [`post`], with what the answer's headers say besides.
pub async fn post_reply(url: &str, body: &UrlSearchParams) -> Option<Reply> {
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(body);
    let answer = JsFuture::from(web_sys::window()?.fetch_with_str_and_init(url, &init))
        .await
        .ok()?
        .dyn_into::<web_sys::Response>()
        .ok()?;
    if !answer.ok() {
        return None;
    }
    let next_step = answer.headers().has(NEXT_STEP_HEADER).unwrap_or(false);
    let json = JsFuture::from(answer.json().ok()?).await.ok()?;
    Some(Reply { json, next_step })
}
