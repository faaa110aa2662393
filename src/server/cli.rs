//! Command line: `amo-mobile-card` serves; `--help` explains.

use std::process::ExitCode;

use leptos::config::get_configuration;

use crate::server::config::Settings;
use crate::server::error::StartupError;
use crate::server::startup::Application;
use crate::server::telemetry;

const USAGE: &str = "usage: amo-mobile-card [serve]

Serves the amoCRM mobile card. Configuration comes from the environment
(and a .env file); see README.md.";

pub async fn run(args: Vec<String>) -> ExitCode {
    match args.first().map(String::as_str) {
        None | Some("serve") => match serve().await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("amo-mobile-card: {e}");
                ExitCode::FAILURE
            }
        },
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some(other) => {
            eprintln!("amo-mobile-card: unknown command {other:?}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

async fn serve() -> Result<(), StartupError> {
    telemetry::init();
    let settings = Settings::from_process_env()?;
    let conf = get_configuration(None).map_err(|e| StartupError::Leptos(e.to_string()))?;
    let addr = conf.leptos_options.site_addr;
    if settings.is_demo() {
        tracing::warn!("AMO_CLIENT_ID is not set: starting in demo mode with sample data");
    }
    let app = Application::build(settings, conf.leptos_options, addr).await?;
    tracing::info!(addr = %app.local_addr(), "listening");
    app.run_until_stopped().await
}
