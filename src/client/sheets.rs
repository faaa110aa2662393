//! Sheets as dialogs: open from an action button (or the call logger), close
//! by Cancel, the backdrop or Escape; focus goes in, and back to the button.
//! Save stays disabled while a required field is blank.

use web_sys::Element;

use super::dom::{self, attr, one, set_hidden, up};
use crate::contract::{attr as mark, role, with_role};

/// What a sheet's first focus lands on.
const FOCUS: &str = "textarea, input:not([type=hidden]), select, button, summary";

/// A click on an open-sheet button, a Cancel or a backdrop; `true` when handled.
pub fn on_click(target: &Element) -> bool {
    if let Some(button) = up(target, role::OPEN_SHEET) {
        if let Some(host) = up(&button, role::HOST) {
            open(&host, &attr(&button, mark::SHEET));
        }
        // Taken up: the offer has done its work.
        if let Some(offer) = up(&button, role::OFFER) {
            answer_offer(&offer);
        }
        return true;
    }
    if let Some(dismiss) = up(target, role::DISMISS) {
        if let Some(offer) = up(&dismiss, role::OFFER) {
            answer_offer(&offer);
        }
        return true;
    }
    if let Some(close) = up(target, role::CLOSE) {
        if let Some(host) = up(&close, role::HOST) {
            close_sheet(&host);
        }
        return true;
    }
    false
}

thread_local! {
    /// How often the user has answered the offer (Plan or Not now) on this page.
    static OFFER_ANSWERS: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

fn answer_offer(offer: &Element) {
    set_hidden(offer, true);
    OFFER_ANSWERS.with(|n| n.set(n.get().wrapping_add(1)));
}

/// Taken when a send starts: an offer its answer earns is shown only if the
/// user has not answered one since (two sends in flight both earn it; the
/// later answer must not ask again after Plan or Not now).
pub fn offer_ticket() -> u32 {
    OFFER_ANSWERS.with(std::cell::Cell::get)
}

/// Shows the offer to plan the next step (a send started with `ticket` left
/// the deal without an open task); the card has it only where the user may
/// plan one.
pub fn offer_next_step(ticket: u32) {
    if ticket != offer_ticket() {
        return;
    }
    if let Some(offer) = dom::in_document(role::OFFER) {
        set_hidden(&offer, false);
    }
}

/// Shows the sheet of `host` on its panel `name` and focuses the panel's first field.
pub fn open(host: &Element, name: &str) {
    let Some(sheet) = one(host, role::SHEET) else {
        return;
    };
    for panel in dom::select_all(
        &sheet,
        &format!("{}[{}]", with_role(role::PANEL), mark::SHEET),
    ) {
        set_hidden(&panel, attr(&panel, mark::SHEET) != name);
    }
    for details in dom::select_all(&sheet, "[open]") {
        let _ = details.remove_attribute("open");
    }
    for line in dom::all(host, role::ERROR)
        .into_iter()
        .chain(dom::all(host, role::TOAST))
    {
        line.set_text_content(None);
    }
    for form in dom::all(&sheet, role::SEND) {
        update_buttons(&form);
    }
    set_hidden(&sheet, false);
    let _ = host.set_attribute(mark::OPEN, name);
    let panel = format!("{}[{}=\"{name}\"]", with_role(role::PANEL), mark::SHEET);
    let host_sel = format!("{}[{}=\"{name}\"]", with_role(role::HOST), mark::OPEN);
    dom::focus_soon(format!("{host_sel} {panel} :is({FOCUS})"));
}

/// Hides the sheet of `host`; focus goes back to the button that opened it.
pub fn close_sheet(host: &Element) {
    let Some(sheet) = one(host, role::SHEET) else {
        return;
    };
    set_hidden(&sheet, true);
    let opened = attr(host, mark::OPEN);
    let _ = host.remove_attribute(mark::OPEN);
    if !opened.is_empty() {
        let button = format!(
            "{}[{}=\"{opened}\"]",
            with_role(role::OPEN_SHEET),
            mark::SHEET
        );
        dom::focus_soon(button);
    }
}

pub fn close_all() {
    let Some(doc) = dom::document().and_then(|d| d.document_element()) else {
        return;
    };
    let open_hosts = format!("{}[{}]", with_role(role::HOST), mark::OPEN);
    for host in dom::select_all(&doc, &open_hosts) {
        close_sheet(&host);
    }
}

/// Typing: the counter, and Save enabled once the text is not blank.
pub fn on_input(target: &Element) {
    if let Some(form) = up(target, role::SEND) {
        sync(&form);
    }
}

/// Takes over what happened before the wasm arrived: a sheet opened as the
/// page's `#target` becomes a dialog (the hash goes, so closing it works), and
/// counters and Save buttons match what was already typed.
pub fn adopt(root: &Element) {
    for form in dom::all(root, role::SEND) {
        sync(&form);
    }
    let Some(target) = dom::select(root, &format!("{}:target", with_role(role::PANEL))) else {
        return;
    };
    if let Some(window) = web_sys::window() {
        let path = window.location().pathname().unwrap_or_else(|_| "/".into());
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
        }
    }
    if let Some(host) = up(&target, role::HOST) {
        open(&host, &attr(&target, mark::SHEET));
    }
}

/// The form's counter and Save button, from what its fields hold.
fn sync(form: &Element) {
    if let Some(counter) = one(form, role::COUNTER) {
        let len = one(form, role::COUNTED)
            .map(|t| dom::value(&t).chars().count())
            .unwrap_or(0);
        counter.set_text_content(Some(&format!("{len} / {}", attr(&counter, mark::MAX))));
    }
    update_buttons(form);
}

/// Save is disabled while the form is busy or a required field is blank.
pub fn update_buttons(form: &Element) {
    let blank = dom::select_all(form, "[required]")
        .iter()
        .any(|f| dom::value(f).trim().is_empty());
    let busy = dom::is_busy(form);
    for button in dom::select_all(form, "[type=submit]") {
        dom::set_flag(&button, "disabled", blank || busy);
    }
}

/// After a confirmed send: the form is empty again for the next one.
pub fn reset(form: &web_sys::HtmlFormElement) {
    form.reset();
    sync(form);
}

/// Keeps sheets above the on-screen keyboard: the visual viewport shrinks when
/// the keyboard opens (the layout viewport does not, on iOS), so its height and
/// the keyboard's inset go to CSS variables the sheet is placed with.
pub fn track_keyboard() {
    use wasm_bindgen::JsCast;

    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(viewport) = window.visual_viewport() else {
        return;
    };
    let Some(root) = dom::document()
        .and_then(|d| d.document_element())
        .and_then(|r| r.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let vv = viewport.clone();
    let update = move || {
        let inner = window
            .inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or(0.0);
        let inset = (inner - vv.height() - vv.offset_top()).max(0.0);
        // Whole pixels: formatting an f64 would pull float printing into the wasm.
        let px = |v: f64| format!("{}px", v.round() as i32);
        let style = root.style();
        let _ = style.set_property("--keyboard-inset", &px(inset));
        let _ = style.set_property("--viewport-height", &px(vv.height()));
    };
    // A stage's move button sits at the foot of its opened row, which the
    // sheet scrolls: once the keyboard has taken its room, the button the
    // user will tap next comes back into view (only a shown one has boxes).
    let keep = || {
        let Some(doc) = dom::document().and_then(|d| d.document_element()) else {
            return;
        };
        for el in dom::all(&doc, role::KEEP_IN_VIEW) {
            if el.client_height() > 0 {
                el.scroll_into_view_with_bool(false);
            }
        }
    };
    let update = std::rc::Rc::new(update);
    let resized = wasm_bindgen::closure::Closure::<dyn Fn()>::new(keep);
    let _ = viewport.add_event_listener_with_callback("resize", resized.as_ref().unchecked_ref());
    resized.forget();
    for event in ["resize", "scroll"] {
        let update = update.clone();
        let handler = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || update());
        let _ = viewport.add_event_listener_with_callback(event, handler.as_ref().unchecked_ref());
        handler.forget();
    }
}
