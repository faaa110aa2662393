//! A contact's other deals (#42): the list the card's `data-related="deals"`
//! line opens. Plain HTML: each deal's Open is a form that posts to
//! `/api/open_related`, which opens that deal's card in place.

use leptos::prelude::*;

use crate::contract::endpoint;
use crate::i18n::{fill, Lang};
use crate::server::card::products::ProductsList;
use crate::server::card::related_deals::DealsList;

use super::layout::STYLE;

const EXTRA: &str = "
.deal{display:block}
.deal .meta{display:block;font-size:13px;color:var(--label-2)}
.deal form{margin:0}
.summary{margin:6px 16px 12px;color:var(--label-2);font-size:15px}
";

pub struct RelatedView {
    pub lang: Lang,
    pub list: DealsList,
    /// The card session's masked CSRF value.
    pub csrf: String,
}

#[component]
pub fn RelatedDeals(page: RelatedView) -> impl IntoView {
    let RelatedView { lang, list, csrf } = page;
    let t = lang.related();
    let title = fill(t.title, &[("name", &list.contact)]);
    let contact = list.contact_id;
    let empty = list.deals.is_empty();
    let deals = list
        .deals
        .into_iter()
        .map(|d| {
            let meta: Vec<String> = [d.stage, d.price, d.responsible]
                .into_iter()
                .flatten()
                .chain(d.changed.map(|c| fill(t.changed, &[("date", &c)])))
                .collect();
            view! {
                <li class="deal" data-related-deal=d.id>
                    <span class="name">{d.name.clone()}</span>
                    <span class="meta">{meta.join(" · ")}</span>
                    <form method="post" action=endpoint::OPEN_RELATED>
                        <input type="hidden" name="csrf" value=csrf.clone() />
                        <input type="hidden" name="contact" value=contact />
                        <input type="hidden" name="lead" value=d.id />
                        <button type="submit" aria-label=format!("{}: {}", t.open_deal, d.name)>{t.open_deal}</button>
                    </form>
                </li>
            }
        })
        .collect_view();
    let body = view! {
        <p class="summary">{list.summary}</p>
        {if empty {
            view! { <p class="hint">{t.none_visible}</p> }.into_any()
        } else {
            view! { <ul>{deals}</ul> }.into_any()
        }}
        {(list.more > 0).then(|| view! {
            <p class="hint">{fill(t.and_more, &[("n", &list.more.to_string())])}</p>
        })}
    };
    side_page(lang, title, "deals", body)
}

/// The document both pages are: the title, the way back to the card, and
/// `body` under it (`data-related` names the page).
fn side_page(
    lang: Lang,
    title: String,
    related: &'static str,
    body: impl IntoView,
) -> impl IntoView {
    view! {
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <title>{title.clone()}</title>
                <style>{STYLE}{EXTRA}</style>
            </head>
            <body>
                <main data-related=related>
                    <a href="/">{lang.related().back}</a>
                    <h1>{title}</h1>
                    {body}
                </main>
            </body>
        </html>
    }
}

pub struct ProductsView {
    pub lang: Lang,
    pub list: ProductsList,
}

/// The deal's products: name, quantity × price, the line's total, the sum.
#[component]
pub fn DealProducts(page: ProductsView) -> impl IntoView {
    let ProductsView { lang, list } = page;
    let t = lang.related();
    let lines = list
        .lines
        .into_iter()
        .map(|l| {
            let each = l.price.map(|p| format!("{} × {p}", l.quantity));
            view! {
                <li class="deal" data-product=l.id>
                    <span class="name">{l.name}</span>
                    <span class="meta">{each.unwrap_or(l.quantity)}</span>
                    {l.total.map(|t| view! { <span class="type">{t}</span> })}
                </li>
            }
        })
        .collect_view();
    let body = view! {
        <ul>{lines}</ul>
        <p class="summary">{list.total}</p>
    };
    side_page(lang, t.products_title.to_owned(), "products", body)
}
