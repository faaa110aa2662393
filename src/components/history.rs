//! The record's recent history: server-rendered entries, and "show more",
//! which the card's island turns into the next page appended in place.

use leptos::prelude::*;

use crate::contract::role;
use crate::i18n::Lang;
use crate::model::{CallInfo, HistoryEntry, HistoryView, Link, Section};

/// Texts longer than this fold behind "read all".
const FOLD_AFTER_CHARS: usize = 280;

#[component]
pub fn HistorySection(history: HistoryView, lang: Lang, csrf: String) -> impl IntoView {
    let HistoryView { entries, next_page } = history;
    (!entries.is_empty()).then(|| {
        view! {
            <section class="section history" data-section=Section::History.code()>
                <h2 class="section-header">{lang.history().title}</h2>
                <ul class="group history-list" data-enhance=role::HISTORY>
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
                Link::Tel(href) => view! { " " <a class="action-link" href=href data-enhance=role::CALL>{text}</a> }.into_any(),
                _ => view! { " " <span>{text}</span> }.into_any(),
            })}
            {duration.map(|d| view! { <span class="num">{format!(" · {d}")}</span> })}
        </p>
        {outcome.map(|o| view! { <p class="history-text">{o}</p> })}
        {recording.and_then(|r| match r {
            // In the same window, its address in sight (see `card::rows`).
            Link::Web(href) => Some(view! {
                <p class="history-recording">
                    <a class="history-link" href=href.clone() rel="noopener noreferrer">{lang.history().recording}</a>
                    <span class="link-address">{href}</span>
                </p>
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

/// "Show more": the island reveals it when it hydrates (without script it would
/// do nothing), posts the page number and appends the HTML the server rendered.
#[component]
fn ShowMoreHistory(csrf: String, lang: Lang, page: u32) -> impl IntoView {
    let t = lang.history();
    view! {
        <div class="history-more" data-page=page data-csrf=csrf data-failed=t.load_failed hidden
            data-enhance=role::MORE>
            <button type="button" class="link-button" data-enhance=role::LOAD_MORE>{t.show_more}</button>
            <span class="refresh-error" role="status" data-enhance=role::MORE_STATUS></span>
        </div>
    }
}
