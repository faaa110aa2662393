//! Integration tests: the real server on a random port, a fresh Postgres
//! database per test, and the fake amoCRM over real HTTP.

mod accounts;
mod actions;
mod amo_client;
mod card_session;
mod cards;
mod conformance;
mod contract;
mod edits;
mod field;
mod hardening;
mod health;
mod helpers;
mod languages;
mod layouts;
mod metrics;
mod preview;
mod process;
mod products;
mod related;
mod reliability;
mod replicas;
mod rights;
mod strip;
mod wrap_up;
