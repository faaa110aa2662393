//! Start-up errors: each is printed as one line and ends the process.

use crate::server::base::config::ConfigError;
use crate::server::base::db::DbError;

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("configuration: {0}")]
    Config(#[from] ConfigError),
    #[error("leptos configuration: {0}")]
    Leptos(String),
    #[error("{0}")]
    Db(#[from] DbError),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: std::net::SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot start the demo amoCRM: {0}")]
    Demo(#[source] std::io::Error),
    #[error("server error: {0}")]
    Serve(#[source] std::io::Error),
}
