//! How a value links out: shared by the card's rows and its history.

/// How a value row links out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Link {
    None,
    Web(String),
    Tel(String),
    Mail(String),
}
