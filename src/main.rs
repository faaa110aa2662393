#[cfg(feature = "ssr")]
#[tokio::main]
async fn main() -> std::process::ExitCode {
    amo_mobile_card::server::app::cli::run(std::env::args().skip(1).collect()).await
}

#[cfg(not(feature = "ssr"))]
fn main() {
    // The binary is server-only; the wasm bundle enters through `hydrate()`.
}
