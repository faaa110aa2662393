//! Server-only code: configuration, persistence, amoCRM access, HTTP plumbing.

pub mod access;
pub mod accounts;
pub mod actions;
pub mod amo;
pub mod auth;
pub mod card;
pub mod cli;
pub mod config;
pub mod db;
pub mod error;
pub mod format;
pub mod handlers;
pub mod history;
pub mod metrics;
pub mod notice;
pub mod pages;
pub mod request;
pub mod rights;
pub mod security;
pub mod session;
pub mod startup;
pub mod state;
pub mod telemetry;
pub mod throttle;
pub mod token;
pub mod widget;
