//! Integration tests: the real server on a random port, a fresh Postgres database per test.

mod card_session;
mod health;
mod helpers;
