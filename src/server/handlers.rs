//! Plain axum handlers: the card route's gate, health checks, OAuth endpoints.

pub mod card;
pub mod health;
pub mod oauth;
pub mod preview;
