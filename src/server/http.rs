//! The outer door: axum handlers, the pages outside the card, security headers
//! and compression. No domain logic lives here, and nothing else imports it
//! except start-up.

pub mod compress;
pub mod handlers;
pub mod pages;
pub mod security;
