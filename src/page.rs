//! What the card page needs from the server beyond its props, named apart
//! from `app` so that the shell and the components both depend on it and not
//! on each other.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use crate::i18n::Lang;
use crate::model::{CardProblem, CardView};

type LoadFuture = Pin<Box<dyn Future<Output = Result<CardView, CardProblem>> + Send>>;

/// Loads the session's card. Provided by the server for the request; the
/// page only knows it as a function, so no server code reaches the wasm.
#[derive(Clone)]
pub struct CardLoader(Arc<dyn Fn() -> LoadFuture + Send + Sync>);

impl CardLoader {
    pub fn new(f: impl Fn() -> LoadFuture + Send + Sync + 'static) -> Self {
        Self(Arc::new(f))
    }
    pub async fn load(&self) -> Result<CardView, CardProblem> {
        (self.0)().await
    }
}

/// Per-request facts the server hands to the pages.
#[derive(Clone, Debug, Default)]
pub struct PageContext {
    pub lang: Lang,
    pub demo: bool,
    /// Forced colour scheme (`light`/`dark`, from the preview); `None` follows the system.
    pub scheme: Option<&'static str>,
    /// Shown inside the preview's phone frame.
    pub framed: bool,
    /// What a form sent without script ended with (see `server::notice`).
    pub notice: Option<String>,
    /// That form left the deal without an open task: the card offers the next step.
    pub next_step: bool,
}
