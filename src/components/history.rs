//! The record's recent history: server-rendered entries, and a "show more"
//! island that appends the next page as HTML the server rendered.

use leptos::prelude::*;

use crate::api::history_page::history_page;
use crate::i18n::Lang;
use crate::model::{CallInfo, HistoryEntry, HistoryView, Link};

/// Texts longer than this fold behind "read all".
const FOLD_AFTER_CHARS: usize = 280;

#[component]
pub fn HistorySection(history: HistoryView, lang: Lang, csrf: String) -> impl IntoView {
    let HistoryView { entries, next_page } = history;
    (!entries.is_empty()).then(|| {
        view! {
            <section class="section history">
                <h2 class="section-header">{lang.history().title}</h2>
                <ul class="group history-list">
                    <HistoryEntries entries lang />
                </ul>
                {next_page.map(|page| view! { <ShowMoreHistory csrf lang page /> })}
            </section>
        }
    })
}

#[component]
pub fn HistoryEntries(entries: Vec<HistoryEntry>, lang: Lang) -> impl IntoView {
    entries
        .into_iter()
        .map(|e| {
            let meta = match e.author {
                Some(a) => format!("{} · {a}", e.when),
                None => e.when,
            };
            view! {
                <li class="row history-entry" data-kind=e.kind.code() data-note-id=e.id>
                    <div class="history-body">
                        <p class="history-meta num">{meta}</p>
                        {match e.call {
                            Some(call) => view! { <CallLine title=e.text call lang /> }.into_any(),
                            None => view! { <FoldedText text=e.text lang /> }.into_any(),
                        }}
                    </div>
                </li>
            }
        })
        .collect_view()
}

#[component]
fn CallLine(title: String, call: CallInfo, lang: Lang) -> impl IntoView {
    let CallInfo {
        phone,
        duration,
        outcome,
        recording,
    } = call;
    view! {
        <p class="history-call">
            <strong>{title}</strong>
            {phone.map(|(text, link)| match link {
                Link::Tel(href) => view! { " " <a class="action-link" href=href>{text}</a> }.into_any(),
                _ => view! { " " <span>{text}</span> }.into_any(),
            })}
            {duration.map(|d| view! { <span class="num">{format!(" · {d}")}</span> })}
        </p>
        {outcome.map(|o| view! { <p class="history-text">{o}</p> })}
        {recording.and_then(|r| match r {
            Link::Web(href) => Some(view! {
                <a class="history-link" href=href rel="noopener noreferrer" target="_blank">{lang.history().recording}</a>
            }),
            _ => None,
        })}
    }
}

/// Long text folds: the head with "read all", the whole text once opened (no script).
#[component]
fn FoldedText(text: String, lang: Lang) -> impl IntoView {
    if text.chars().count() <= FOLD_AFTER_CHARS {
        return view! { <p class="history-text">{text}</p> }.into_any();
    }
    let head: String = text.chars().take(FOLD_AFTER_CHARS).collect();
    view! {
        <details class="fold">
            <summary>
                <span class="history-text fold-head">{format!("{}…", head.trim_end())}</span>
                " "
                <span class="fold-more">{lang.history().read_whole}</span>
            </summary>
            <p class="history-text">{text}</p>
        </details>
    }
    .into_any()
}

/// Appends the next page of history in place.
#[island]
fn ShowMoreHistory(csrf: String, lang: Lang, page: u32) -> impl IntoView {
    let next = RwSignal::new(Some(page));
    let busy = RwSignal::new(false);
    let failed = RwSignal::new(false);
    let csrf = StoredValue::new(csrf);
    let load = move |_| {
        let Some(page) = next.get_untracked() else {
            return;
        };
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        failed.set(false);
        leptos::task::spawn_local(async move {
            match history_page(csrf.get_value(), page).await {
                Ok(more) => {
                    append_entries(&more.html);
                    next.set(more.next_page);
                }
                Err(_) => failed.set(true),
            }
            busy.set(false);
        });
    };
    let label = lang.history().show_more;
    let failed_text = lang.history().load_failed;
    view! {
        <div class="history-more" hidden=move || next.get().is_none()>
            <button type="button" class="link-button" on:click=load aria-busy=move || if busy.get() { "true" } else { "false" }>
                {label}
            </button>
            <span class="refresh-error" role="status">{move || failed.get().then_some(failed_text)}</span>
        </div>
    }
}

#[cfg(feature = "hydrate")]
fn append_entries(html: &str) {
    let list = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(".history-list").ok().flatten());
    if let Some(list) = list {
        let _ = list.insert_adjacent_html("beforeend", html);
    }
}

#[cfg(not(feature = "hydrate"))]
fn append_entries(_html: &str) {}
