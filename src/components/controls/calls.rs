//! "Log the call?": remembers a tapped `tel:` link (anywhere in the card,
//! which refresh may replace) and, when the user comes back, fills the
//! server-rendered call sheet (who, an estimate of how long) and opens it.
//! The tap is taken when the sheet opens: it is never asked about twice.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::Document;

use super::dom::{self, attr, closest, find, find_in_document};
use super::sheets;
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
        if find_in_document(".call-log").is_none() {
            return calls;
        }
        let pending = calls.pending.clone();
        // Capture: the system takes over on the tap itself.
        dom::listen(doc, "click", true, move |ev| {
            let link = dom::event_element(&ev).and_then(|el| closest(&el, "a[href^='tel:']"));
            if let Some(link) = link {
                *pending.borrow_mut() = Some(Tap {
                    name: attr(&link, "data-call-name"),
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
        let Some(root) = find_in_document(".call-log") else {
            return;
        };
        let Some(form) =
            find(&root, ".call-form").and_then(|f| f.dyn_into::<web_sys::HtmlFormElement>().ok())
        else {
            return;
        };
        sheets::reset(&form);
        let secs = ((js_sys::Date::now() - tap.at) / 1000.0).max(0.0) as i64;
        let field = |name: &str| find(&form, &format!("input[name='call[{name}]']"));
        dom::set_value(field("phone"), &tap.phone);
        dom::set_value(field("name"), &tap.name);
        dom::set_value(field("duration"), &secs.to_string());
        let who = if tap.name.is_empty() {
            &tap.phone
        } else {
            &tap.name
        };
        let title = fill(&attr(&form, "data-title"), &[("who", who)]);
        dom::set_text(find(&form, ".sheet-title"), &title);
        let minutes = ((secs + 30) / 60).to_string();
        let estimate = fill(&attr(&form, "data-estimate"), &[("minutes", &minutes)]);
        dom::set_text(find(&form, ".call-estimate"), &estimate);
        sheets::open(
            &root,
            "call",
            ".call-sheet :is(textarea, input:not([type=hidden]), select, button)".to_owned(),
        );
    }
}
