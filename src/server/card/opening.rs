//! One card opening, as the card route runs it: the first step before the
//! page starts ([`Opening::begin`]: the record and the user's rights), the
//! stream's loader for the rest ([`Opening::loader`]), and their metrics and
//! the one "card open" log line per request, whatever the outcome.

use std::sync::Arc;
use std::time::Instant;

use tracing::Instrument;

use crate::i18n::Lang;
use crate::model::CardProblem;
use crate::page::CardLoader;
use crate::server::amo::transport::counting_calls;
use crate::server::amo::AmoClient;
use crate::server::auth::session::CardSession;
use crate::server::base::metrics::Metrics;

use super::layout_store::LayoutStore;
use super::{access, open, render, Opened};

/// A card being opened: the first step's answer and what it cost.
pub struct Opening {
    pub opened: Result<Opened, CardProblem>,
    first_calls: u32,
    started: Instant,
}

impl Opening {
    /// The first step: settles the record and the user's rights, so that a
    /// refusal is a 4xx page holding none of the record.
    pub async fn begin(amo: &AmoClient, s: &CardSession, writable: bool, started: Instant) -> Self {
        let (opened, first_calls) = counting_calls(open(amo, s, writable)).await;
        Self {
            opened,
            first_calls,
            started,
        }
    }

    /// The user's amoCRM language: from the opened record's metadata, else the
    /// cached metadata (a refusal speaks the user's language too).
    pub async fn user_lang(&self, amo: &AmoClient, s: &CardSession) -> Option<Lang> {
        match &self.opened {
            Ok(o) => o.user_lang(),
            Err(_) => access::cached_user_lang(amo, s).await,
        }
    }

    /// The second step, run by the page as it streams: the card in `lang`
    /// (shaped by `layouts` when given), counted and logged once done.
    pub fn loader(
        self,
        amo: Arc<AmoClient>,
        layouts: Option<LayoutStore>,
        session: CardSession,
        metrics: Arc<Metrics>,
        lang: Lang,
    ) -> CardLoader {
        // The card loads on Leptos' executor: keep this request's span (and id).
        let span = tracing::Span::current();
        let Self {
            opened,
            first_calls,
            started,
        } = self;
        CardLoader::new(move || {
            let (amo, layouts, session, metrics, opened) = (
                amo.clone(),
                layouts.clone(),
                session.clone(),
                metrics.clone(),
                opened.clone(),
            );
            Box::pin(
                async move {
                    let (result, calls) = match &opened {
                        Ok(o) => {
                            counting_calls(render(&amo, layouts.as_ref(), &session, o, lang)).await
                        }
                        Err(p) => (Err(*p), 0),
                    };
                    let outcome = match &result {
                        Ok(card) if card.withheld.unloaded => "partial",
                        Ok(_) => "ok",
                        Err(p) => p.code(),
                    };
                    metrics.card_loaded(outcome, started.elapsed());
                    tracing::info!(
                        account_id = session.account_id,
                        entity = session.entity.api_name(),
                        outcome,
                        amo_calls = first_calls + calls,
                        ms = millis(started),
                        "card open"
                    );
                    result
                }
                .instrument(span.clone()),
            )
        })
    }
}

/// A card that did not get as far as its record (no token, a used one, the
/// session store down): counted and logged as the opened ones are.
pub fn not_opened(metrics: &Metrics, outcome: &'static str, started: Instant) {
    metrics.card_open(outcome);
    tracing::info!(outcome, amo_calls = 0, ms = millis(started), "card open");
}

fn millis(since: Instant) -> u64 {
    u64::try_from(since.elapsed().as_millis()).unwrap_or(u64::MAX)
}
