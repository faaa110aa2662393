//! Server-only code (the `ssr` feature): nothing here reaches the wasm bundle.
//!
//! Rooms by concern, top to bottom (an arrow only points down; the order is
//! `LAYERS` in `tests/architecture.rs`): `app` (cli, start-up: wires it all) →
//! `http` (the outer door) → `actions` → `state` (AppState, RequestContext) →
//! `card` → `auth` (who is asking) → `amo` (amoCRM) → `base` (settings, db,
//! metrics, telemetry, throttles: what every room reads).

pub mod actions;
pub mod amo;
pub mod app;
pub mod auth;
pub mod base;
pub mod card;
pub mod edit;
pub mod http;
pub mod state;
pub mod widget;
