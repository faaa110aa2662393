//! "Log the call?": after the user tapped a contact's number and comes back to
//! the card, offer to record the call (outcome, comment, follow-up task).
//! Dismissing is one tap, and a tap is never asked about twice.

use leptos::prelude::*;

use crate::api::log_call::log_call;
use crate::components::actions::{failure_text, new_key};
use crate::components::sheet::BottomSheet;
use crate::i18n::{fill, Lang};
use crate::model::{ActionOutcome, CallForm, CallStatus, CALL_COMMENT_MAX_CHARS};

/// A tapped number: who, which, and when (ms since the epoch).
#[derive(Clone, Debug, PartialEq)]
struct Tap {
    name: String,
    phone: String,
    at: f64,
}

#[island]
pub fn CallLogger(csrf: String, lang: Lang) -> impl IntoView {
    let csrf = StoredValue::new(csrf);
    // The tap waiting for the user to come back, and the call the sheet is about.
    let pending = StoredValue::new(None::<Tap>);
    let sheet = RwSignal::new(None::<(Tap, i64)>);
    let status = RwSignal::new(CallStatus::Talked as i64);
    let comment = RwSignal::new(String::new());
    let follow_up = RwSignal::new(String::from("none"));
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let toast = RwSignal::new(None::<&'static str>);
    // One key per sheet: a double tap on Save sends the same submission.
    let key = StoredValue::new(String::new());

    let on_tap = move |name: String, phone: String| {
        pending.set_value(Some(Tap {
            name,
            phone,
            at: now_ms(),
        }));
    };
    let on_back = move || {
        if let Some(tap) = pending.get_value() {
            pending.set_value(None);
            let secs = ((now_ms() - tap.at) / 1000.0).max(0.0) as i64;
            key.set_value(new_key());
            status.set(CallStatus::Talked as i64);
            comment.set(String::new());
            follow_up.set("none".into());
            error.set(None);
            toast.set(None);
            sheet.set(Some((tap, secs)));
        }
    };
    crate::components::actions::track_keyboard();
    #[cfg(feature = "hydrate")]
    watch_calls(on_tap, on_back);
    #[cfg(not(feature = "hydrate"))]
    let _ = (on_tap, on_back);

    let dismiss = move || sheet.set(None);
    // Focus goes into the sheet when it opens (the user came back from the call).
    Effect::new(move |_| {
        if sheet.with(Option::is_some) {
            crate::components::actions::focus_soon(format!(
                ".call-sheet :is({})",
                crate::components::actions::SHEET_FOCUS
            ));
        }
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some((tap, secs)) = sheet.get_untracked() else {
            return;
        };
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let (s, c, f, k) = (
            status.get_untracked(),
            comment.get_untracked(),
            follow_up.get_untracked(),
            key.get_value(),
        );
        leptos::task::spawn_local(async move {
            let call = CallForm {
                phone: tap.phone,
                name: tap.name,
                duration: secs,
                status: s,
                comment: c,
                follow_up: f,
            };
            let outcome = log_call(csrf.get_value(), k, call)
                .await
                .unwrap_or(ActionOutcome::Uncertain);
            busy.set(false);
            match failure_text(&outcome, lang) {
                None => {
                    sheet.set(None);
                    toast.set(Some(lang.calls().call_logged));
                }
                Some(message) => error.set(Some(message)),
            }
        });
    };

    let presets = [
        ("none", lang.calls().no_task),
        ("hour", lang.actions().in_1_hour),
        ("today", lang.actions().today),
        ("tomorrow", lang.actions().tomorrow),
        ("week", lang.actions().next_week),
    ];
    view! {
        <div class="call-log">
            <p class="call-toast" role="status">{move || toast.get()}</p>
            <BottomSheet
                open=Signal::derive(move || sheet.get().is_some())
                on_close=Callback::new(move |_| dismiss())
                class="call-sheet"
            >
                {move || sheet.get().map(|(tap, secs)| {
                    let who = if tap.name.is_empty() { tap.phone.clone() } else { tap.name.clone() };
                    let minutes = (secs + 30) / 60;
                    view! {
                        <form class="sheet-form call-form" on:submit=save>
                            <h2 class="sheet-title">
                                {fill(lang.calls().log_call_to, &[("who", &who)])}
                            </h2>
                            <p class="call-estimate num">
                                {fill(lang.calls().minutes_estimate, &[("minutes", &minutes.to_string())])}
                            </p>
                            <fieldset class="presets call-outcomes">
                                <legend>{lang.calls().outcome}</legend>
                                {CallStatus::ALL.into_iter().map(|st| {
                                    let code = st as i64;
                                    view! {
                                        <label class="preset">
                                            <input type="radio" name="status" value=code
                                                prop:checked=move || status.get() == code
                                                on:change=move |_| status.set(code) />
                                            <span>{lang.call_status(st)}</span>
                                        </label>
                                    }
                                }).collect_view()}
                            </fieldset>
                            <textarea
                                name="comment"
                                aria-label=lang.calls().comment
                                rows="3"
                                maxlength=CALL_COMMENT_MAX_CHARS.to_string()
                                placeholder=lang.calls().comment_optional
                                prop:value=move || comment.get()
                                on:input=move |ev| comment.set(event_target_value(&ev))
                            ></textarea>
                            <label class="field">
                                <span>{lang.calls().follow_up_task}</span>
                                <select name="follow_up" on:change=move |ev| follow_up.set(event_target_value(&ev))>
                                    {presets.into_iter().map(|(value, label)| view! {
                                        <option value=value selected=move || follow_up.get() == value>{label}</option>
                                    }).collect_view()}
                                </select>
                            </label>
                            <p class="field-error" role="alert">{move || error.get()}</p>
                            <div class="sheet-buttons">
                                <button type="button" class="link-button call-dismiss" on:click=move |_| dismiss()>
                                    {lang.calls().not_now}
                                </button>
                                <button type="submit" class="button primary" disabled=move || busy.get()>
                                    {move || if busy.get() { lang.actions().saving } else { lang.calls().log_call }}
                                </button>
                            </div>
                        </form>
                    }
                })}
            </BottomSheet>
        </div>
    }
}

fn now_ms() -> f64 {
    #[cfg(feature = "hydrate")]
    {
        js_sys::Date::now()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        0.0
    }
}

/// Taps on `tel:` links (anywhere in the card, which refresh may replace) and
/// the page coming back into view.
#[cfg(feature = "hydrate")]
fn watch_calls(on_tap: impl Fn(String, String) + 'static, on_back: impl Fn() + 'static) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let click = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
        let link = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a[href^='tel:']").ok().flatten());
        if let Some(link) = link {
            let phone = link.text_content().unwrap_or_default().trim().to_owned();
            let name = link.get_attribute("data-call-name").unwrap_or_default();
            on_tap(name, phone);
        }
    });
    let _ = doc.add_event_listener_with_callback_and_bool(
        "click",
        click.as_ref().unchecked_ref(),
        true,
    );
    click.forget();
    let doc2 = doc.clone();
    let visible = Closure::<dyn Fn()>::new(move || {
        if doc2.visibility_state() == web_sys::VisibilityState::Visible {
            on_back();
        }
    });
    let _ =
        doc.add_event_listener_with_callback("visibilitychange", visible.as_ref().unchecked_ref());
    visible.forget();
}
