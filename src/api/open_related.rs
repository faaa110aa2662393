use leptos::prelude::*;

use crate::contract::ActionOutcome;

/// Opens `lead`, one of the card's contact `contact`'s other deals, as the
/// card: a new card session for it replaces this one.
#[server(prefix = "/api", endpoint = "open_related")]
pub async fn open_related(
    csrf: String,
    contact: String,
    lead: String,
) -> Result<ActionOutcome, ServerFnError> {
    crate::server::actions::open_related::open_related(&csrf, &contact, &lead).await
}
