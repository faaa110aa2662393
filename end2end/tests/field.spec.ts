import { expect, Page } from "@playwright/test";
import { open, reset, stats, test } from "./fixtures";

/** The user leaves the card (the phone app takes over) and comes back. */
async function leaveAndReturn(page: Page) {
  await page.evaluate(() => {
    const set = (state: string) => {
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => state });
      document.dispatchEvent(new Event("visibilitychange"));
    };
    set("hidden");
    set("visible");
  });
}

/** Taps a contact's number; the test browser must not try to dial. */
async function tapNumber(page: Page, href: string) {
  await page.evaluate(() =>
    window.addEventListener("click", (e) => {
      if ((e.target as Element).closest?.("a[href^='tel:']")) e.preventDefault();
    }),
  );
  await page.locator(`.contacts a[href="${href}"]`).first().click();
}

async function notesPosted(page: Page): Promise<number> {
  return (await stats(page)).notes;
}

// Skipped before a page is made (`isMobile` is the project's option).
test.skip(({ isMobile }) => !isMobile, "the field features are for the phone");

test.beforeEach(async ({ page }) => {
  await reset(page);
});

test("history: the five newest entries, then show more in place", async ({ page }) => {
  await open(page, "leads", 1001);
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  const entries = page.locator(".history-entry");
  await expect(entries).toHaveCount(5);
  await expect(entries.first()).toContainText("Обещали скидку");
  await page.getByRole("button", { name: "Показать ещё" }).click();
  await expect(entries).toHaveCount(8);
  await expect(entries.last()).toContainText("Заявка с сайта");
  await expect(page.locator(".history-more")).toBeHidden();
  // A long note folds and opens.
  const fold = page.locator(".fold").first();
  await fold.locator("summary").click();
  await expect(fold).toHaveAttribute("open", "");
});

test("log a call: the sheet appears after the user comes back and saves once on a double tap", async ({ page }) => {
  await open(page, "leads", 1001);
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  const sheet = page.locator(".call-sheet");
  await expect(sheet).toBeHidden();
  await tapNumber(page, "tel:+79001234567");
  await expect(sheet).toBeHidden();
  await leaveAndReturn(page);
  await expect(sheet).toBeVisible();
  await expect(sheet.locator(".sheet-title")).toContainText("Иван Петров");
  await sheet.getByLabel("Перезвонить позже").check();
  await sheet.locator('textarea[name="call[comment]"]').fill("Перезвонить в пятницу");
  await sheet.locator('select[name="call[follow_up]"]').selectOption("tomorrow");
  await sheet.locator("button[type=submit]").dblclick();
  await expect(sheet).toBeHidden();
  await expect(page.locator(".call-toast")).toHaveText("Звонок записан");
  // Once, as one request: the call note and its outcome beside it.
  expect(await notesPosted(page)).toBe(2);
});

test("dismissing is one tap and never asks twice for the same tap", async ({ page }) => {
  await open(page, "leads", 1001);
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  const sheet = page.locator(".call-sheet");
  await tapNumber(page, "tel:+79001234567");
  await leaveAndReturn(page);
  await expect(sheet).toBeVisible();
  await sheet.getByRole("button", { name: "Не сейчас" }).click();
  await expect(sheet).toBeHidden();
  await leaveAndReturn(page);
  await expect(sheet).toBeHidden();
  expect(await notesPosted(page)).toBe(0);
});
