use leptos::prelude::*;

use crate::i18n::Lang;
use crate::model::{CardSessionInfo, EntityKind};

/// The card of the session's lead or customer.
#[component]
pub fn CardPage(session: CardSessionInfo, lang: Lang) -> impl IntoView {
    let kind = match (session.entity, lang) {
        (EntityKind::Lead, Lang::Ru) => "Сделка",
        (EntityKind::Lead, Lang::En) => "Lead",
        (EntityKind::Customer, Lang::Ru) => "Покупатель",
        (EntityKind::Customer, Lang::En) => "Customer",
    };
    view! {
        <article class="card" data-entity=session.entity.api_name() data-entity-id=session.entity_id>
            <section class="section">
                <ul class="group">
                    <li class="row">
                        <span class="row-label">{kind}</span>
                        <span class="row-value num">{format!("#{}", session.entity_id)}</span>
                    </li>
                </ul>
            </section>
        </article>
    }
}
