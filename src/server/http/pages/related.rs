//! The pages the card's related lines open (#42): a contact's other deals
//! (each deal's Open posts to `/api/open_related`, which opens that deal's
//! card in place) and the deal's products (quantities and Remove post to
//! `/api/change_product`, the budget offer to `/api/edit_field`). Plain
//! HTML, no script; a list that did not load says so with a retry.

use leptos::prelude::*;

use crate::contract::{endpoint, field};
use crate::i18n::{fill, Lang};
use crate::server::card::products::ProductsList;
use crate::server::card::related_deals::DealsList;

use super::layout::STYLE;

const EXTRA: &str = "
.deal{display:block}
.deal .meta{display:block;font-size:13px;color:var(--label-2)}
.deal form{margin:0}
.summary{margin:6px 16px 12px;color:var(--label-2);font-size:15px}
.line-form{display:flex;align-items:center;gap:8px;margin:0}
.line-form input{font:inherit;width:5rem;min-height:44px;padding:0 8px;border:.5px solid var(--sep);border-radius:8px;background:var(--bg);color:var(--label)}
.line-form label{font-size:13px;color:var(--label-2)}
.offer{background:var(--card);border-radius:10px;padding:8px 16px;margin-top:12px}
.offer p{margin:4px 0}
.notice{background:var(--card);border-radius:10px;padding:10px 16px;margin:0 0 12px}
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
    /// The card session's masked CSRF value.
    pub csrf: String,
    /// Whether the user may change quantities and remove lines.
    pub editable: bool,
    pub budget: Option<BudgetOffer>,
    /// What the last form sent without script came to.
    pub notice: Option<String>,
}

/// "Set the budget to 89 000 ₽?": the whole total and the deal's
/// `updated_at`, for `/api/edit_field`.
pub struct BudgetOffer {
    pub value: String,
    pub text: String,
    pub seen: i64,
}

/// A form's CSRF value and a fresh idempotency key.
fn secured(csrf: &str) -> impl IntoView {
    view! {
        <input type="hidden" name=field::CSRF value=csrf.to_owned() />
        <input type="hidden" name=field::KEY value=uuid::Uuid::new_v4().to_string() />
    }
}

/// The deal's products: name, quantity × price, the line's total, the sum;
/// for a user with the catalogs right, each line's quantity and Remove.
#[component]
pub fn DealProducts(page: ProductsView) -> impl IntoView {
    let ProductsView {
        lang,
        list,
        csrf,
        editable,
        budget,
        notice,
    } = page;
    let t = lang.related();
    let empty = list.lines.is_empty();
    let lines = list
        .lines
        .into_iter()
        .map(|l| {
            let each = l.price.map(|p| format!("{} × {p}", l.quantity));
            let quantity_id = format!("quantity-{}", l.id);
            let change = editable.then(|| {
                view! {
                    <form class="line-form" method="post" action=endpoint::CHANGE_PRODUCT>
                        {secured(&csrf)}
                        <input type="hidden" name="product" value=l.id />
                        <label for=quantity_id.clone()>{t.quantity}</label>
                        <input id=quantity_id type="text" inputmode="decimal" name="quantity"
                            value=l.quantity.clone() required size="6" autocomplete="off" />
                        <button type="submit" aria-label=format!("{}: {}", t.save_quantity, l.name)>{t.save_quantity}</button>
                    </form>
                    <form class="line-form" method="post" action=endpoint::CHANGE_PRODUCT>
                        {secured(&csrf)}
                        <input type="hidden" name="product" value=l.id />
                        <input type="hidden" name="remove" value="1" />
                        <button type="submit" aria-label=format!("{}: {}", t.remove, l.name)>{t.remove}</button>
                    </form>
                }
            });
            view! {
                <li class="deal" data-product=l.id>
                    <span class="name">{l.name.clone()}</span>
                    <span class="meta">{each.unwrap_or(l.quantity.clone())}</span>
                    {l.total.map(|t| view! { <span class="type">{t}</span> })}
                    {change}
                </li>
            }
        })
        .collect_view();
    let offer = budget.map(|b| {
        view! {
            <form class="offer" method="post" action=endpoint::EDIT_FIELD data-budget-offer>
                {secured(&csrf)}
                <input type="hidden" name=field::FIELD value="price" />
                <input type="hidden" name=field::VALUE value=b.value />
                <input type="hidden" name=field::SEEN value=b.seen />
                <p>{b.text}</p>
                <button type="submit">{t.set_budget}</button>
            </form>
        }
    });
    let body = view! {
        {notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
        {if empty {
            view! { <p class="hint">{t.no_products}</p> }.into_any()
        } else {
            view! {
                <ul>{lines}</ul>
                <p class="summary">{list.total}</p>
            }
            .into_any()
        }}
        {offer}
    };
    side_page(lang, t.products_title.to_owned(), "products", body)
}

pub struct NotLoadedView {
    pub lang: Lang,
    pub title: &'static str,
    pub text: &'static str,
    /// The same page's address, for the retry.
    pub again: String,
}

/// A list that did not load, and its one-line retry.
#[component]
pub fn NotLoaded(page: NotLoadedView) -> impl IntoView {
    let NotLoadedView {
        lang,
        title,
        text,
        again,
    } = page;
    let body = view! {
        <p class="summary" role="alert">
            {text}" "<a href=again data-retry>{lang.related().retry}</a>
        </p>
    };
    side_page(lang, title.to_owned(), "failed", body)
}
