//! Command line: `amo-mobile-card` serves; `--help` explains.

use std::process::ExitCode;

use leptos::config::get_configuration;

use crate::server::app::error::StartupError;
use crate::server::app::startup::Application;
use crate::server::base::config::Settings;
use crate::server::base::telemetry;
use crate::server::widget;

const USAGE: &str = "usage:
  amo-mobile-card [serve]
      Serves the amoCRM mobile card. Configuration comes from the environment
      (and a .env file); see README.md.
  amo-mobile-card widget --out widget.zip --support-email you@your-domain
                        [--frame-url https://host/] [--color #rrggbb]
      Writes the widget archive to upload in the integration's settings. The
      support address is required (amoCRM shows it to users; example.com and
      example.org are refused). The frame URL defaults to the origin of
      AMO_REDIRECT_URI. The colour is the block title's background: white on
      it must reach 3:1 (refused below, a warning below 4.5:1).";

pub async fn run(args: Vec<String>) -> ExitCode {
    match args.first().map(String::as_str) {
        None | Some("serve") => match serve().await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("amo-mobile-card: {e}");
                ExitCode::FAILURE
            }
        },
        Some("widget") => match widget(&args[1..]) {
            Ok((path, warning)) => {
                if let Some(warning) = warning {
                    eprintln!("amo-mobile-card widget: warning: {warning}");
                }
                println!("wrote {path}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("amo-mobile-card widget: {e}");
                ExitCode::from(2)
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
    let mut options = conf.leptos_options;
    // A release build names its files by content and writes their hashes next
    // to the binary: use them unless LEPTOS_HASH_FILES says otherwise.
    if std::env::var_os("LEPTOS_HASH_FILES").is_none() {
        options.hash_files = std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(|dir| dir.join(options.hash_file.as_ref())))
            .is_some_and(|file| file.is_file());
    }
    let demo = settings.is_demo();
    let app = Application::build(settings, options, addr).await?;
    tracing::info!(addr = %app.local_addr(), "listening");
    if demo {
        // `make run`'s last word: where to go, on stdout whatever the log filter.
        println!(
            "\n  The demo is up: open http://{}/ (its start page lists every sample card).\n",
            app.local_addr()
        );
    }
    app.run_until_stopped().await
}

/// Writes the archive; answers its path and a warning about the colour, if any.
fn widget(args: &[String]) -> Result<(String, Option<String>), String> {
    let mut out = None;
    let mut frame_url = None;
    let mut support = None;
    let mut color = widget::DEFAULT_COLOR.to_owned();
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let mut value = || {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match flag.as_str() {
            "--out" => out = Some(value()?),
            "--frame-url" => frame_url = Some(value()?),
            "--color" => color = value()?,
            "--support-email" => support = Some(value()?),
            other => return Err(format!("unknown option {other:?}")),
        }
    }
    let out = out.ok_or("--out is required")?;
    let support = support.ok_or_else(|| widget::WidgetError::SupportMissing.to_string())?;
    let frame_url = match frame_url {
        Some(u) => u,
        None => {
            let _ = dotenvy::dotenv();
            let redirect = std::env::var("AMO_REDIRECT_URI")
                .map_err(|_| "give --frame-url, or set AMO_REDIRECT_URI".to_owned())?;
            let u = url::Url::parse(&redirect)
                .map_err(|_| "AMO_REDIRECT_URI is not a URL".to_owned())?;
            format!("{}://{}/", u.scheme(), u.host_str().unwrap_or_default())
        }
    };
    let spec = widget::WidgetSpec::new(&frame_url, &color, &support).map_err(|e| e.to_string())?;
    let bytes = widget::archive(&spec).map_err(|e| e.to_string())?;
    std::fs::write(&out, bytes).map_err(|e| format!("cannot write {out}: {e}"))?;
    Ok((out, spec.warning))
}
