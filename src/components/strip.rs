use leptos::prelude::*;

use crate::i18n::Lang;
use crate::model::StripItem;

/// Where the record stands, under the header: each fact is an icon (its
/// meaning read out first, from `label`) and a short text; a late or missing
/// one gets the warning icon and colour, and its text says so in words.
#[component]
pub fn StatusStrip(items: Vec<StripItem>, lang: Lang) -> impl IntoView {
    (!items.is_empty()).then(|| {
        view! {
            <ul class="strip" data-strip aria-label=lang.strip().strip>
                {items
                    .into_iter()
                    .map(|i| {
                        let class = if i.warn { "strip-item is-warn" } else { "strip-item" };
                        view! {
                            <li class=class data-strip-item=i.kind.code() data-stale=i.stale_after>
                                <span class="strip-icon" data-icon=i.icon.code() aria-hidden="true"></span>
                                <span class="visually-hidden">{i.label}" "</span>
                                <span class="strip-text">{i.text}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    })
}
