//! Sheets as dialogs: open from the action bar (or the call logger), close by
//! Cancel, the backdrop or Escape; focus goes in, and back to the button.
//! Save stays disabled while a required field is blank.

use web_sys::Element;

use super::dom::{self, attr, closest, find, find_all, find_in_document, set_hidden};

/// What a sheet's first focus lands on.
const FOCUS: &str = "textarea, input:not([type=hidden]), select, button, summary";

/// A click on an action button, a Cancel or a backdrop; `true` when handled.
pub fn on_click(target: &Element) -> bool {
    if let Some(button) = closest(target, ".quick-actions .action[data-sheet]") {
        if let Some(root) = closest(&button, ".quick-actions") {
            open_action(&root, &attr(&button, "data-sheet"));
        }
        return true;
    }
    if let Some(close) = closest(target, "[data-close], .sheet-backdrop") {
        if let Some(root) = closest(&close, ".quick-actions, .call-log") {
            close_sheet(&root);
        }
        return true;
    }
    false
}

/// Opens the quick action `name` with focus on its form's first field.
fn open_action(actions: &Element, name: &str) {
    let focus = format!(".quick-actions .sheet-form[data-sheet={name}] :is({FOCUS})");
    open(actions, name, focus);
}

/// Shows the sheet of `root` with its form `name` (the forms without a name,
/// as the call logger's, always show), and focuses `focus`.
pub fn open(root: &Element, name: &str, focus: String) {
    let Some(sheet) = find(root, ".sheet") else {
        return;
    };
    for form in find_all(&sheet, ".sheet-form[data-sheet]") {
        set_hidden(&form, attr(&form, "data-sheet") != name);
    }
    for details in find_all(&sheet, "details[open]") {
        let _ = details.remove_attribute("open");
    }
    for line in find_all(root, ".field-error, .toast, .call-toast") {
        line.set_text_content(None);
    }
    for form in find_all(&sheet, "form") {
        update_buttons(&form);
    }
    set_hidden(&sheet, false);
    let _ = root.set_attribute("data-open", name);
    dom::focus_soon(focus);
}

pub fn close_sheet(root: &Element) {
    let Some(sheet) = find(root, ".sheet") else {
        return;
    };
    set_hidden(&sheet, true);
    let opened = attr(root, "data-open");
    let _ = root.remove_attribute("data-open");
    if !opened.is_empty() && root.class_list().contains("quick-actions") {
        dom::focus_soon(format!(".quick-actions .action[data-sheet={opened}]"));
    }
}

pub fn close_all() {
    let Some(doc) = dom::document().and_then(|d| d.document_element()) else {
        return;
    };
    for root in find_all(&doc, ".quick-actions[data-open], .call-log[data-open]") {
        close_sheet(&root);
    }
}

/// Typing: the note's counter, and Save enabled once the text is not blank.
pub fn on_input(target: &Element) {
    if let Some(form) = closest(target, "form") {
        sync(&form);
    }
}

/// Takes over what happened before the wasm arrived: a sheet opened as the
/// page's `#target` becomes an island sheet (the hash goes, so closing it
/// works), and counters and Save buttons match what was already typed.
pub fn adopt(root: &Element) {
    for form in find_all(root, ".quick-actions form") {
        sync(&form);
    }
    let Some(target) = find(root, ".quick-actions .sheet-form:target") else {
        return;
    };
    if let Some(window) = web_sys::window() {
        let path = window.location().pathname().unwrap_or_else(|_| "/".into());
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
        }
    }
    if let Some(actions) = closest(&target, ".quick-actions") {
        open_action(&actions, &attr(&target, "data-sheet"));
    }
}

/// The note's counter and the form's Save button, from what the fields hold.
fn sync(form: &Element) {
    if let Some(counter) = find(form, ".counter[data-max]") {
        let len = find(form, "textarea")
            .map(|t| dom::value(&t).chars().count())
            .unwrap_or(0);
        counter.set_text_content(Some(&format!("{len} / {}", attr(&counter, "data-max"))));
    }
    update_buttons(form);
}

/// Save is disabled while the form is busy or a required field is blank.
pub fn update_buttons(form: &Element) {
    let blank = find_all(form, "[required]")
        .iter()
        .any(|f| dom::value(f).trim().is_empty());
    let busy = dom::is_busy(form);
    for button in find_all(form, "button[type=submit]") {
        dom::set_flag(&button, "disabled", blank || busy);
    }
}

/// After a successful submission: the form is empty again for the next one.
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
    let Some(root) =
        find_in_document(":root").and_then(|r| r.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let vv = viewport.clone();
    let update = move |_| {
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
    let update = std::rc::Rc::new(update);
    for event in ["resize", "scroll"] {
        let update = update.clone();
        dom::listen(&viewport, event, false, move |ev| update(ev));
    }
}
