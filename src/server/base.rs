//! What every room may read, and which reads no room of ours: settings
//! (`config`), the database pool, telemetry, metrics, the request facts
//! (language, query, client address), the throttles, and what the preview
//! offers in demo mode (`samples`).

pub mod config;
pub mod db;
pub mod metrics;
pub mod request;
pub mod samples;
pub mod telemetry;
pub mod throttle;
