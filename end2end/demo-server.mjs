// How both browser suites start the server under test: the debug build
// `cargo leptos build` made, in demo mode, on its own port and database.
export const SERVER_COMMAND = "./target/debug/amo-mobile-card";

export function demoServerEnv(port, databaseUrl) {
  return {
    LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
    LEPTOS_SITE_ROOT: "target/site",
    RUST_LOG: process.env.RUST_LOG ?? "warn",
    DATABASE_URL: databaseUrl ?? "",
    // A demo on a database runs only when asked for by name.
    DEMO_MODE: "true",
    AMO_CLIENT_ID: "",
    AMO_CLIENT_SECRET: "",
    AMO_REDIRECT_URI: "",
  };
}
