import { expect } from "@playwright/test";
import { audit, MARK, test } from "./fixtures";

test.describe("page shell", () => {
  // `/` alone is the demo's start page: a card request carries parameters.
  test("without a token the card explains how to open it", async ({ page }) => {
    const response = await page.goto("/?from=ios");
    expect(response?.status()).toBe(401);
    await expect(page.locator("[data-state=no-token]")).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", /ru|en/);
  });

  test("islands hydrate: the details button toggles", async ({ page }) => {
    await page.goto("/?from=ios");
    const button = page.locator(".disclosure button");
    const detail = page.locator(".disclosure-detail");
    await expect(detail).toBeHidden();
    // hydrate() marks the document once the islands are live.
    await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
    await button.click();
    await expect(button).toHaveAttribute("aria-expanded", "true");
    await expect(detail).toBeVisible();
    await button.click();
    await expect(button).toHaveAttribute("aria-expanded", "false");
    await expect(detail).toBeHidden();
  });

  test("follows Accept-Language", async ({ browser }) => {
    const en = await browser.newContext({ locale: "en-US", extraHTTPHeaders: { "Accept-Language": "en-US,en;q=0.9" } });
    const page = await en.newPage();
    await page.goto("/?from=ios");
    await expect(page.locator("h1")).toHaveText("Open the card in amoCRM");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await en.close();
  });

  test("health endpoints answer", async ({ request }) => {
    expect((await request.get("/healthz")).status()).toBe(200);
    expect((await request.get("/readyz")).status()).toBe(200);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the server-rendered HTML is complete", async ({ page }) => {
    await page.goto("/?from=ios");
    await expect(page.locator("h1")).toBeVisible();
    await expect(page.locator(".blocked-action")).not.toBeEmpty();
    await expect(page.locator(".disclosure button")).toHaveAttribute("aria-expanded", "false");
  });
});

test.describe("the demo's start page", () => {
  test("says what this is and opens every sample card in one tap", async ({ page }) => {
    const response = await page.goto("/");
    expect(response?.status()).toBe(200);
    await expect(page.locator("[data-demo-start] h1")).toBeVisible();
    const links = page.locator("[data-demo-start] a");
    expect(await links.count()).toBeGreaterThanOrEqual(12);
    // No horizontal scroll on the phone or the desktop.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      page.viewportSize()!.width,
    );
    // The first link opens the sample lead as the app would.
    await links.first().click();
    await expect(page.locator(`[${MARK.cardState}=ok]`)).toBeVisible();
    await expect(page).not.toHaveURL(/token=/);
  });

  for (const scheme of ["light", "dark"] as const) {
    test(`has no serious accessibility violation (${scheme})`, async ({ browser }) => {
      const context = await browser.newContext({ colorScheme: scheme });
      const page = await context.newPage();
      await page.goto("/");
      await audit(page, `start page ${scheme}`);
      await context.close();
    });
  }
});
