//! Quick actions: add a note, create a task, move the lead, complete a task.
//! Islands: the only interactive code of the card. Every submission carries a
//! fresh idempotency key, buttons are disabled while a request is in flight,
//! and a failed write keeps what the user typed.

use leptos::prelude::*;

use crate::api::add_note::add_note;
use crate::api::add_task::add_task;
use crate::api::complete_task::complete_task;
use crate::api::move_status::move_status;
use crate::components::sheet::BottomSheet;
use crate::i18n::Lang;
use crate::model::{
    ActionChoices, ActionOutcome, Allowed, EntityKind, Outcome, StatusOption, NOTE_MAX_CHARS,
    TASK_MAX_CHARS,
};

/// A random key per submission: a double tap resends the same key.
pub(crate) fn new_key() -> String {
    #[cfg(feature = "hydrate")]
    {
        let a = (js_sys::Math::random() * 4_294_967_296.0) as u64;
        let b = (js_sys::Math::random() * 4_294_967_296.0) as u64;
        format!("{a:08x}{b:08x}-{:x}", js_sys::Date::now() as u64)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        String::from("server-render-key")
    }
}

/// The message for a finished submission; `None` when it succeeded.
pub(crate) fn failure_text(outcome: &ActionOutcome, lang: Lang) -> Option<String> {
    match outcome {
        ActionOutcome::Done | ActionOutcome::Duplicate => None,
        ActionOutcome::Invalid { message, .. } | ActionOutcome::Failed { message, .. } => {
            Some(message.clone())
        }
        ActionOutcome::Uncertain => Some(lang.actions().write_uncertain.to_owned()),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Sheet {
    Note,
    Task,
    Status,
}

impl Sheet {
    /// The `data-sheet` of the button that opens it (focus returns there).
    fn code(self) -> &'static str {
        match self {
            Sheet::Note => "note",
            Sheet::Task => "task",
            Sheet::Status => "stage",
        }
    }
}

/// Moves focus to the first element matching `selector`, once it is rendered:
/// into a sheet when it opens, back to its button when it closes.
pub(crate) fn focus_soon(selector: String) {
    #[cfg(feature = "hydrate")]
    request_animation_frame(move || {
        use wasm_bindgen::JsCast;
        let el = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(&selector).ok().flatten())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(el) = el {
            let _ = el.focus();
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = selector;
}

/// Keeps sheets above the on-screen keyboard: the visual viewport shrinks when
/// the keyboard opens (the layout viewport does not, on iOS), so its height and
/// the keyboard's inset go to CSS variables the sheet is placed with. Once per page.
pub(crate) fn track_keyboard() {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::closure::Closure;
        use wasm_bindgen::JsCast;

        let Some(window) = web_sys::window() else {
            return;
        };
        let (Some(doc), Some(viewport)) = (window.document(), window.visual_viewport()) else {
            return;
        };
        let Some(root) = doc.document_element() else {
            return;
        };
        if root.has_attribute("data-keyboard-tracked") {
            return;
        }
        let _ = root.set_attribute("data-keyboard-tracked", "");
        let Ok(root) = root.dyn_into::<web_sys::HtmlElement>() else {
            return;
        };
        let vv = viewport.clone();
        let update = Closure::<dyn Fn()>::new(move || {
            let inner = window
                .inner_height()
                .ok()
                .and_then(|h| h.as_f64())
                .unwrap_or(0.0);
            let inset = (inner - vv.height() - vv.offset_top()).max(0.0);
            // Whole pixels: formatting an f64 would pull float printing (~15 KB) into the wasm.
            let px = |v: f64| format!("{}px", v.round() as i32);
            let style = root.style();
            let _ = style.set_property("--keyboard-inset", &px(inset));
            let _ = style.set_property("--viewport-height", &px(vv.height()));
        });
        for event in ["resize", "scroll"] {
            let _ =
                viewport.add_event_listener_with_callback(event, update.as_ref().unchecked_ref());
        }
        update.forget();
    }
}

/// What a sheet's first focus lands on.
pub(crate) const SHEET_FOCUS: &str = "textarea, input, select, button";

/// Sets the status pill the server rendered; returns the previous text for rollback.
fn set_pill(name: &str, class: &str) -> Option<(String, String)> {
    #[cfg(feature = "hydrate")]
    {
        let doc = web_sys::window()?.document()?;
        let pill = doc.query_selector(".card-status .pill").ok()??;
        let old = (pill.text_content().unwrap_or_default(), pill.class_name());
        pill.set_text_content(Some(name));
        pill.set_class_name(class);
        Some(old)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (name, class);
        None
    }
}

fn pill_class(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Won => "pill pill-won",
        Outcome::Lost => "pill pill-lost",
        Outcome::Open => "pill",
    }
}

#[island]
pub fn QuickActions(
    csrf: String,
    lang: Lang,
    kind: EntityKind,
    choices: ActionChoices,
    allowed: Allowed,
) -> impl IntoView {
    let csrf = StoredValue::new(csrf);
    let sheet = RwSignal::new(None::<Sheet>);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let toast = RwSignal::new(None::<&'static str>);

    let note = RwSignal::new(String::new());
    let task_text = RwSignal::new(String::new());
    let due = RwSignal::new(String::from("tomorrow"));
    let custom_due = RwSignal::new(String::new());
    let task_type = RwSignal::new(choices.task_types.first().map(|t| t.id).unwrap_or(1));
    let current_status = RwSignal::new(choices.current_status);
    let confirm = RwSignal::new(None::<StatusOption>);
    let statuses = StoredValue::new(choices.statuses.clone());
    let task_types = choices.task_types.clone();
    track_keyboard();
    let can_move = allowed.stage && kind == EntityKind::Lead && !choices.statuses.is_empty();

    let open = move |s: Sheet| {
        error.set(None);
        toast.set(None);
        confirm.set(None);
        sheet.set(Some(s));
        focus_soon(format!(".quick-actions .sheet :is({SHEET_FOCUS})"));
    };
    let close = move || {
        if let Some(s) = sheet.get_untracked() {
            focus_soon(format!(".quick-actions .action[data-sheet={}]", s.code()));
        }
        sheet.set(None);
        confirm.set(None);
    };
    // Runs one submission; on success clears the form and confirms briefly.
    let finish = move |outcome: ActionOutcome, done_text: &'static str, on_done: Box<dyn Fn()>| {
        busy.set(false);
        match failure_text(&outcome, lang) {
            None => {
                on_done();
                close();
                toast.set(Some(done_text));
            }
            Some(message) => error.set(Some(message)),
        }
    };

    let submit_note = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let (key, text) = (new_key(), note.get_untracked());
        leptos::task::spawn_local(async move {
            let outcome = add_note(csrf.get_value(), key, text)
                .await
                .unwrap_or(ActionOutcome::Uncertain);
            finish(
                outcome,
                lang.actions().note_added,
                Box::new(move || note.set(String::new())),
            );
        });
    };

    let submit_task = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let key = new_key();
        let (text, d, c, t) = (
            task_text.get_untracked(),
            due.get_untracked(),
            custom_due.get_untracked(),
            task_type.get_untracked(),
        );
        leptos::task::spawn_local(async move {
            let outcome = add_task(csrf.get_value(), key, text, d, c, t)
                .await
                .unwrap_or(ActionOutcome::Uncertain);
            finish(
                outcome,
                lang.actions().task_created,
                Box::new(move || task_text.set(String::new())),
            );
        });
    };

    let choose_status = move |option: StatusOption, confirmed: bool| {
        if busy.get_untracked() {
            return;
        }
        if option.outcome != Outcome::Open && !confirmed {
            confirm.set(Some(option));
            return;
        }
        busy.set(true);
        error.set(None);
        let previous_status = current_status.get_untracked();
        current_status.set(Some(option.id));
        // Optimistic: the pill shows the new stage at once, and goes back on failure.
        let previous_pill = set_pill(&option.name, pill_class(option.outcome));
        let key = new_key();
        leptos::task::spawn_local(async move {
            let outcome = move_status(csrf.get_value(), key, option.id, confirmed)
                .await
                .unwrap_or(ActionOutcome::Uncertain);
            if failure_text(&outcome, lang).is_some() {
                current_status.set(previous_status);
                if let Some((text, class)) = &previous_pill {
                    set_pill(text, class);
                }
            }
            finish(outcome, lang.actions().stage_changed, Box::new(|| ()));
        });
    };

    view! {
        <div class="quick-actions">
            <div class="action-bar" role="toolbar">
                {allowed.note.then(|| view! {
                    <button type="button" class="action" data-sheet="note" on:click=move |_| open(Sheet::Note)>
                        {lang.actions().note}
                    </button>
                })}
                {allowed.task.then(|| view! {
                    <button type="button" class="action" data-sheet="task" on:click=move |_| open(Sheet::Task)>
                        {lang.actions().task}
                    </button>
                })}
                {can_move.then(|| view! {
                    <button type="button" class="action" data-sheet="stage" on:click=move |_| open(Sheet::Status)>
                        {lang.actions().stage}
                    </button>
                })}
            </div>
            <p class="toast" role="status">{move || toast.get()}</p>
            <BottomSheet open=Signal::derive(move || sheet.get().is_some()) on_close=Callback::new(move |_| close())>
                <Show when=move || sheet.get() == Some(Sheet::Note)>
                    <form class="sheet-form note-form" on:submit=submit_note>
                        <h2 class="sheet-title">{lang.actions().new_note}</h2>
                        <textarea
                            name="text"
                            aria-label=lang.actions().note_text
                            rows="5"
                            maxlength=NOTE_MAX_CHARS.to_string()
                            prop:value=move || note.get()
                            on:input=move |ev| note.set(event_target_value(&ev))
                        ></textarea>
                        <p class="counter num">{move || format!("{} / {NOTE_MAX_CHARS}", note.get().chars().count())}</p>
                        <SheetFooter lang busy error close=Callback::new(move |_| close()) disabled=Signal::derive(move || note.get().trim().is_empty()) />
                    </form>
                </Show>
                <Show when=move || sheet.get() == Some(Sheet::Task)>
                    <form class="sheet-form task-form" on:submit=submit_task>
                        <h2 class="sheet-title">{lang.actions().new_task}</h2>
                        <input
                            type="text"
                            name="text"
                            aria-label=lang.actions().what_to_do
                            maxlength=TASK_MAX_CHARS.to_string()
                            placeholder=lang.actions().what_to_do
                            prop:value=move || task_text.get()
                            on:input=move |ev| task_text.set(event_target_value(&ev))
                        />
                        <fieldset class="presets">
                            <legend>{lang.actions().due}</legend>
                            {[("hour", lang.actions().in_1_hour), ("today", lang.actions().today), ("tomorrow", lang.actions().tomorrow), ("week", lang.actions().next_week), ("custom", lang.actions().custom_date)]
                                .into_iter()
                                .map(|(value, label)| view! {
                                    <label class="preset">
                                        <input
                                            type="radio"
                                            name="due"
                                            value=value
                                            prop:checked=move || due.get() == value
                                            on:change=move |_| due.set(value.to_owned())
                                        />
                                        <span>{label}</span>
                                    </label>
                                })
                                .collect_view()}
                        </fieldset>
                        <Show when=move || due.get() == "custom">
                            <input
                                type="datetime-local"
                                name="custom_due"
                                aria-label=lang.actions().due
                                prop:value=move || custom_due.get()
                                on:input=move |ev| custom_due.set(event_target_value(&ev))
                            />
                        </Show>
                        <select name="type" aria-label=lang.actions().task_type on:change=move |ev| task_type.set(event_target_value(&ev).parse().unwrap_or(1))>
                            {task_types.clone().into_iter().map(|t| view! {
                                <option value=t.id.to_string() selected=move || task_type.get() == t.id>{t.name}</option>
                            }).collect_view()}
                        </select>
                        <SheetFooter lang busy error close=Callback::new(move |_| close()) disabled=Signal::derive(move || task_text.get().trim().is_empty()) />
                    </form>
                </Show>
                <Show when=move || sheet.get() == Some(Sheet::Status)>
                    <div class="sheet-form status-form">
                        <h2 class="sheet-title">{lang.actions().lead_stage}</h2>
                        <Show
                            when=move || confirm.get().is_some()
                            fallback=move || view! {
                                <ul class="group status-list">
                                    {statuses.get_value().into_iter().map(|o| {
                                        let id = o.id;
                                        let option = o.clone();
                                        view! {
                                            <li class="row">
                                                <button
                                                    type="button"
                                                    class="status-option"
                                                    aria-pressed=move || if current_status.get() == Some(id) { "true" } else { "false" }
                                                    disabled=move || busy.get()
                                                    style=format!("--status: {}", o.color)
                                                    on:click=move |_| choose_status(option.clone(), false)
                                                >
                                                    <span class="pill-dot" aria-hidden="true"></span>
                                                    {o.name.clone()}
                                                </button>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }
                        >
                            {move || confirm.get().map(|o| {
                                let question = match o.outcome {
                                    Outcome::Won => lang.actions().confirm_won,
                                    _ => lang.actions().confirm_lost,
                                };
                                let option = o.clone();
                                view! {
                                    <p class="confirm-question">{question}</p>
                                    <button type="button" class="button confirm" disabled=move || busy.get() on:click=move |_| choose_status(option.clone(), true)>
                                        {o.name.clone()}
                                    </button>
                                }
                            })}
                        </Show>
                        <p class="field-error" role="alert">{move || error.get()}</p>
                        <button type="button" class="link-button" on:click=move |_| close()>{lang.actions().cancel}</button>
                    </div>
                </Show>
            </BottomSheet>
        </div>
    }
}

#[component]
fn SheetFooter(
    lang: Lang,
    busy: RwSignal<bool>,
    error: RwSignal<Option<String>>,
    close: Callback<()>,
    disabled: Signal<bool>,
) -> impl IntoView {
    view! {
        <p class="field-error" role="alert">{move || error.get()}</p>
        <div class="sheet-buttons">
            <button type="button" class="link-button" on:click=move |_| close.run(())>{lang.actions().cancel}</button>
            <button type="submit" class="button primary" disabled=move || busy.get() || disabled.get() aria-busy=move || if busy.get() { "true" } else { "false" }>
                {move || if busy.get() { lang.actions().saving } else { lang.actions().save }}
            </button>
        </div>
    }
}

/// "Done" on an open task: hides it at once, brings it back if amoCRM refuses.
#[island]
pub fn CompleteTask(csrf: String, lang: Lang, task_id: i64) -> impl IntoView {
    let csrf = StoredValue::new(csrf);
    let open = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let done = RwSignal::new(false);
    let result = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        done.set(true);
        let (key, text) = (new_key(), result.get_untracked());
        leptos::task::spawn_local(async move {
            let outcome = complete_task(csrf.get_value(), key, task_id, text)
                .await
                .unwrap_or(ActionOutcome::Uncertain);
            busy.set(false);
            if let Some(message) = failure_text(&outcome, lang) {
                done.set(false);
                error.set(Some(message));
            }
        });
    };
    view! {
        <div class="complete-task" class:is-done=move || done.get()>
            <Show
                when=move || open.get()
                fallback=move || view! {
                    <button type="button" class="link-button complete-open" on:click=move |_| open.set(true)>
                        {lang.actions().complete}
                    </button>
                }
            >
                <form class="complete-form" on:submit=submit>
                    <input
                        type="text"
                        name="result"
                        aria-label=lang.actions().result
                        maxlength=TASK_MAX_CHARS.to_string()
                        placeholder=lang.actions().result_optional
                        prop:value=move || result.get()
                        on:input=move |ev| result.set(event_target_value(&ev))
                    />
                    <button type="submit" class="button primary" disabled=move || busy.get()>
                        {lang.actions().done}
                    </button>
                </form>
            </Show>
            <p class="field-error" role="alert">{move || error.get()}</p>
        </div>
    }
}
