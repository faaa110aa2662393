//! Plain axum handlers: the card route's gate, health checks, OAuth endpoints,
//! the preview, and the request throttle in front of the card.

pub mod card;
pub mod health;
pub mod layout;
pub mod oauth;
pub mod preview;
pub mod preview_widget;
pub mod related;
pub mod side_page;
pub mod throttled;
