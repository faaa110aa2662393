// What every spec shares: the demo's doors (open a sample card, reset,
// stats), the demo's users, the card's marks and the accessibility check.
// Names follow `src/contract.rs` (marks) and `src/demo/fixtures.rs` (users).
import { expect, Page, test as base } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

// @ts-ignore: a plain ES module shared with the WebKit suite.
import { serverUrl } from "../demo-server.mjs";

/** Every spec's `test`: its pages talk to its own worker's demo server. */
export const test = base.extend({
  baseURL: async ({}, use, testInfo) => {
    await use(serverUrl(testInfo.parallelIndex));
  },
});

export type Kind = "leads" | "customers";

/** The demo's users by what their amoCRM rights let them do (`demo/fixtures.rs`). */
export const USER = {
  anna: 7000001, // admin, Russian
  john: 7000002, // admin, English
  maria: 7000003, // her group's leads, no contacts, changes only her own
  pavel: 7000004, // changes his own leads (1006)
  olga: 7000005, // sees everything, changes nothing
} as const;

/** An administrator whose amoCRM profile is in each language the card speaks. */
export const USERS_BY_LANG: Record<string, number> = {
  ru: 7000001,
  en: 7000002,
  es: 7000008,
  pt: 7000009,
  tr: 7000010,
  id: 7000011,
};

/** The card's marks (`contract::mark` in `src/contract.rs`). */
export const MARK = {
  cardState: "data-card-state",
  pipeline: "data-pipeline",
  fieldId: "data-field-id",
  headerField: "data-header-field",
  section: "data-section",
  customise: "data-customise",
  editable: "data-editable",
  strip: "data-strip",
  stripItem: "data-strip-item",
  stage: "data-stage",
  requires: "data-requires",
  lossReason: "data-loss-reason",
  stale: "data-stale",
  guidance: "data-guidance",
  nextStep: "data-next-step",
  wrapUp: "data-wrap-up",
  related: "data-related",
  relatedDeal: "data-related-deal",
  product: "data-product",
  budgetOffer: "data-budget-offer",
  retry: "data-retry",
} as const;

export type Ready = "none" | "loaded" | "hydrated";

/**
 * Opens a sample card the way the amoCRM app would (the demo mints a real
 * disposable token and redirects), then waits until it is `ready`: not at all,
 * the card's data shown, or the client enhancer running.
 */
export async function open(
  page: Page,
  kind: Kind,
  id?: number,
  { user, ready = "none" }: { user?: number; ready?: Ready } = {},
) {
  const query = [`kind=${kind}`, id ? `id=${id}` : "", user ? `user=${user}` : ""].filter(Boolean);
  const res = await page.goto(`/__demo/open?${query.join("&")}`);
  if (ready === "loaded") {
    await expect(page.locator(`.card-content[${MARK.cardState}=ok]`)).toBeVisible();
  } else if (ready === "hydrated") {
    await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  }
  return res;
}

/** The fake amoCRM's counters (calls, writes, sends). */
export const stats = async (page: Page) => (await page.request.get("/__demo/stats")).json();

/** Back to the fixtures: data, faults and counters. */
export async function reset(page: Page) {
  expect((await page.request.post("/__demo/reset")).status()).toBe(204);
}

/** Turns the fake amoCRM's failure switches. */
export async function setFaults(page: Page, faults: Record<string, unknown>) {
  const res = await page.request.post("/__demo/faults", { data: faults });
  expect(res.status()).toBe(204);
}

/** axe-core over the page: no serious or critical WCAG 2.x A/AA violation. */
export async function audit(page: Page, what: string) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const bad = result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
  expect(bad, what).toEqual([]);
}
