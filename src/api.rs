//! Leptos server functions, one per file. Each authenticates through the card
//! session (cookie + the page's CSRF value) and takes the entity from it.

pub mod refresh_card;
