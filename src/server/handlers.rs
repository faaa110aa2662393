//! Plain axum handlers: the card route's gate, health checks, OAuth endpoints.

pub mod card;
pub mod demo;
pub mod health;
pub mod oauth;
pub mod preview;
