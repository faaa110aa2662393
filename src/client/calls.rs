//! "Log the call?": remembers a tapped number (anywhere in the card, which
//! refresh may replace) and, when the user comes back, fills the
//! server-rendered call sheet (who, an estimate of how long) and opens it.
//! The tap is taken when the sheet opens: it is never asked about twice.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::ev;
use wasm_bindgen::JsCast;
use web_sys::Document;

use super::dom::{self, attr, field, one, up};
use super::sheets;
use crate::contract::{attr as mark, field as name, role, sheet};
use crate::i18n::fill;

struct Tap {
    name: String,
    phone: String,
    /// When, in ms since the epoch.
    at: f64,
}

#[derive(Clone)]
pub struct Calls {
    pending: Rc<RefCell<Option<Tap>>>,
}

impl Calls {
    pub fn install(doc: &Document) -> Self {
        let calls = Self {
            pending: Rc::default(),
        };
        if dom::in_document(role::CALL_LOG).is_none() {
            return calls;
        }
        let pending = calls.pending.clone();
        // Capture: the system takes over on the tap itself.
        dom::on_document(doc, ev::click, true, move |e| {
            let link = dom::event_element(&e).and_then(|el| up(&el, role::CALL));
            if let Some(link) = link {
                *pending.borrow_mut() = Some(Tap {
                    name: attr(&link, mark::CALL_NAME),
                    phone: link.text_content().unwrap_or_default().trim().to_owned(),
                    at: js_sys::Date::now(),
                });
            }
        });
        calls
    }

    /// The page is visible again: offer to log the call that was tapped.
    pub fn came_back(&self) {
        let Some(tap) = self.pending.borrow_mut().take() else {
            return;
        };
        let Some(host) = dom::in_document(role::CALL_LOG) else {
            return;
        };
        let Some(form) =
            one(&host, role::SEND).and_then(|f| f.dyn_into::<web_sys::HtmlFormElement>().ok())
        else {
            return;
        };
        sheets::reset(&form);
        let secs = ((js_sys::Date::now() - tap.at) / 1000.0).max(0.0) as i64;
        dom::set_value(field(&form, name::CALL_PHONE), &tap.phone);
        dom::set_value(field(&form, name::CALL_NAME), &tap.name);
        dom::set_value(field(&form, name::CALL_DURATION), &secs.to_string());
        let who = if tap.name.is_empty() {
            &tap.phone
        } else {
            &tap.name
        };
        let title = fill(&attr(&form, mark::TITLE_TEMPLATE), &[("who", who)]);
        dom::set_text(one(&form, role::TITLE), &title);
        let minutes = ((secs + 30) / 60).to_string();
        let estimate = fill(
            &attr(&form, mark::ESTIMATE_TEMPLATE),
            &[("minutes", &minutes)],
        );
        dom::set_text(one(&form, role::ESTIMATE), &estimate);
        sheets::open(&host, sheet::CALL);
    }
}
