//! The process: command line, start-up, configuration, shared state, the
//! database pool, telemetry, metrics, and the request facts and throttles
//! every room reads.

pub mod cli;
pub mod config;
pub mod db;
pub mod error;
pub mod metrics;
pub mod request;
pub mod samples;
pub mod startup;
pub mod state;
pub mod telemetry;
pub mod throttle;
