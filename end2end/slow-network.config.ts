import { defineConfig } from "@playwright/test";
// @ts-ignore: the suite's browser settings, shared.
import { chromium, iphone } from "./playwright.config";

// `make bench` only: the card on a slow network, against a release server
// bench/run.sh has started (BENCH_BASE_URL). A measurement, not a test.
export default defineConfig({
  testDir: "./bench",
  outputDir: "./test-results/bench",
  timeout: 180_000,
  workers: 1,
  reporter: [["list"]],
  use: { baseURL: process.env.BENCH_BASE_URL ?? "http://127.0.0.1:3499" },
  projects: [{ name: "mobile", use: { ...iphone, launchOptions: chromium } }],
});
