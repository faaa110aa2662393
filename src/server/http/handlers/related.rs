//! `GET /related/deals?contact=<id>`: a contact's other deals, from the
//! card's `data-related="deals"` line (see `card::related_deals`);
//! `GET /related/products`: the deal's products (see `card::products`).

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use leptos::prelude::*;

use crate::contract::page;
use crate::i18n::{fill, Lang};
use crate::model::{CardProblem, EntityKind};
use crate::server::auth::session::CardSession;
use crate::server::card::load::{load, Entity, Loaded, Purpose, Refusal};
use crate::server::card::products;
use crate::server::card::related_deals::{self, NotRelated};
use crate::server::card::rights::{Area, Op};
use crate::server::http::pages::document;
use crate::server::http::pages::related::{
    BudgetOffer, DealProducts, NotLoaded, NotLoadedView, ProductsView, RelatedDeals, RelatedView,
};
use crate::server::state::AppState;

use super::side_page::{self, page, refusal};

fn no_rights(lang: Lang) -> Response {
    let (title, text) = lang.problem(CardProblem::NoRights);
    refusal(StatusCode::FORBIDDEN, lang, title, text)
}

/// A list that did not load: the sentence and a one-line retry of `again`
/// (the same page), under the way back to the card, which stays as it was.
fn not_loaded(lang: Lang, title: &'static str, text: &'static str, again: &str) -> Response {
    let view = NotLoadedView {
        lang,
        title,
        text,
        again: again.to_owned(),
    };
    page(
        StatusCode::BAD_GATEWAY,
        document(|| view! { <NotLoaded page=view /> }),
    )
}

/// The card session, its language and its record as the user may view it
/// (read now), or the page that says why not.
async fn opened(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<(CardSession, Lang, Loaded), Response> {
    let (session, lang) = side_page::session(state, headers).await?;
    match load(&state.amo, &session, Purpose::View).await {
        Ok(loaded) => Ok((session, lang, loaded)),
        Err(Refusal::Amo(e)) => Err(side_page::unavailable(&e, lang)),
        Err(Refusal::NoRights(_)) => Err(no_rights(lang)),
    }
}

pub async fn deals(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let (session, lang, loaded) = match opened(&state, &headers).await {
        Ok(found) => found,
        Err(page) => return page,
    };
    let amo = &state.amo;
    let t = lang.related();
    let contact = q.get("contact").and_then(|c| c.parse::<i64>().ok());
    let Some(contact) = contact.filter(|c| *c > 0) else {
        return refusal(StatusCode::NOT_FOUND, lang, t.other_deals, t.not_linked);
    };
    match related_deals::list(amo, &session, &loaded, contact, lang).await {
        Ok(list) => {
            let view = RelatedView {
                lang,
                list,
                csrf: session.info().csrf,
            };
            page(
                StatusCode::OK,
                document(|| view! { <RelatedDeals page=view /> }),
            )
        }
        Err(NotRelated::NotLinked) => {
            refusal(StatusCode::NOT_FOUND, lang, t.other_deals, t.not_linked)
        }
        Err(NotRelated::NoRights) => no_rights(lang),
        Err(NotRelated::Amo(e)) => {
            tracing::info!(account_id = session.account_id, error = %e, "related deals not read");
            let again = format!("{}?contact={contact}", page::RELATED_DEALS);
            not_loaded(lang, t.other_deals, t.not_loaded, &again)
        }
    }
}

pub async fn products(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let (session, lang, loaded) = match opened(&state, &headers).await {
        Ok(found) => found,
        Err(page) => return page,
    };
    let amo = &state.amo;
    let t = lang.related();
    // With the user's rights unknown the card shows no amounts: nor does this.
    if loaded.access.gap().is_some() {
        return no_rights(lang);
    }
    let Some(Entity::Lead(lead)) = loaded.entity.as_ref() else {
        return refusal(StatusCode::NOT_FOUND, lang, t.products_title, t.not_loaded);
    };
    let list = match products::list(amo, &session, &loaded, lead, lang).await {
        Ok(list) => list,
        Err(e) => {
            tracing::info!(account_id = session.account_id, error = %e, "products not read");
            return not_loaded(
                lang,
                t.products_title,
                t.products_not_loaded,
                page::PRODUCTS,
            );
        }
    };
    let (_, record) = loaded.subject(EntityKind::Lead);
    let access = &loaded.access;
    // The budget follows the products when the user may change it, the
    // total is not zero (an emptied deal keeps its budget), and it differs.
    let whole = list.sum.round();
    let budget = (access.may(Area::Lead, Op::Edit, record)
        && whole > 0.0
        && lead.price.map(f64::round) != Some(whole))
    .then(|| BudgetOffer {
        value: format!("{whole:.0}"),
        text: fill(t.budget_offer, &[("total", &list.whole_text)]),
        seen: lead.updated_at.unwrap_or(0),
    });
    let secure = state.settings.secure_cookies();
    let (notice, clear) = side_page::notice(&headers, secure);
    let view = ProductsView {
        lang,
        list,
        csrf: session.info().csrf,
        editable: access.may_change_products(record),
        budget,
        notice,
    };
    let mut res = page(
        StatusCode::OK,
        document(|| view! { <DealProducts page=view /> }),
    );
    side_page::append_cookie(&mut res, clear);
    res
}
