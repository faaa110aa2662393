//! Server-only code (the `ssr` feature): nothing here reaches the wasm bundle.
//!
//! Rooms by concern, arrows pointing one way: `http` (the outer door) →
//! `actions` / `card` (the domain) → `amo` (amoCRM) → nothing of ours; `auth`
//! (who is asking) sits beside the domain; `app` wires everything together and
//! holds the plumbing every room reads (settings, state, metrics).

pub mod actions;
pub mod amo;
pub mod app;
pub mod auth;
pub mod card;
pub mod http;
pub mod widget;
