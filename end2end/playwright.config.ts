import { defineConfig, devices } from "@playwright/test";
// @ts-ignore: a plain ES module shared with the WebKit suite.
import { demoServerEnv, E2E_PORT, E2E_WORKERS, SERVER_COMMAND, serverDatabase, serverUrl } from "./demo-server.mjs";

// Debian's Chromium, never a downloaded browser (the machine has no route to one).
export const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
  ],
};

export const PORT = E2E_PORT;
export const BASE_URL = serverUrl(0);

// The amoCRM app's WKWebView on an iPhone.
export const iphone = {
  ...devices["iPhone 13"],
  defaultBrowserType: "chromium" as const,
  userAgent:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 amoCRM",
};

export default defineConfig({
  testDir: "./tests",
  outputDir: "./test-results",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  // Each worker has its own demo server and fake amoCRM (`tests/fixtures.ts`
  // points its `baseURL` there): a spec's tests run in order in one worker.
  fullyParallel: false,
  workers: E2E_WORKERS,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // list for people; JSON for `make test`, which reads the counts from it.
  reporter: [
    ["list"],
    ["html", { open: "never", outputFolder: "playwright-report" }],
    ["json", { outputFile: "last-run.json" }],
  ],
  use: {
    baseURL: BASE_URL,
    // Off in a full run: `make test-e2e` runs the failed tests again with one.
    trace: "off",
    screenshot: "only-on-failure",
    launchOptions: chromium,
  },
  projects: [
    { name: "mobile", use: { ...iphone, launchOptions: chromium } },
    { name: "desktop", use: { ...devices["Desktop Chrome"], launchOptions: chromium } },
  ],
  webServer: Array.from({ length: E2E_WORKERS }, (_, i) => ({
    // Built by `cargo leptos end-to-end` just before; run from the crate root so
    // `target/site` resolves.
    command: SERVER_COMMAND,
    cwd: "..",
    url: `${serverUrl(i)}/healthz`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    stdout: "pipe" as const,
    stderr: "pipe" as const,
    env: demoServerEnv(E2E_PORT + i, serverDatabase(i)),
  })),
});
