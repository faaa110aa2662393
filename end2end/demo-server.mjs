// How both browser suites start the server under test: the debug build
// `cargo leptos build` made, in demo mode, on its own port and database.
export const SERVER_COMMAND = "./target/debug/amo-mobile-card";

// amoCRM's budget is 7 requests a second per account, and the demo has one
// account: at 7 a card costs about a second of waiting in the rate limiter, so
// the browser suites spent most of their time queueing (30 card opens: 35.8 s
// at 7, 0.6 s at 1000). The budget itself (the limiter, the fake's 429s, the
// card's "too many requests" state) is the integration suite's to check
// (`amo_client.rs`, `replicas.rs`, `cards.rs`); these suites check pages.
const RATE_LIMIT_PER_SECOND = "1000";

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
    AMO_RATE_LIMIT_PER_SECOND: RATE_LIMIT_PER_SECOND,
  };
}

// The Playwright suite runs one demo server per worker, each with its own
// in-process fake amoCRM (whose failure switches are global to it) and its
// own database, so that two workers never see each other's faults or data.
export const E2E_WORKERS = 2;
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3410);

/** The address of worker `index`'s server (`testInfo.parallelIndex`). */
export function serverUrl(index) {
  return `http://127.0.0.1:${E2E_PORT + index}`;
}

/** Worker `index`'s database: the first is E2E_DATABASE_URL, the next its name + `_<index>`. */
export function serverDatabase(index) {
  const url = process.env.E2E_DATABASE_URL;
  if (!url || index === 0) return url;
  return url.replace(/\/([^/?]+)(\?|$)/, (_, name, tail) => `/${name}_${index}${tail}`);
}
