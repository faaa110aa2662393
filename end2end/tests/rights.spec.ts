import { expect, Page } from "@playwright/test";
import { MARK, open, reset, test, USER } from "./fixtures";


// Skipped before a page is made (`isMobile` is the project's option).
test.skip(({ isMobile }) => !isMobile, "the card's rights are the same on every screen");

test.beforeEach(async ({ page }) => {
  await reset(page);
});

test("a lead the user may not see is a designed 'no rights' state with none of its data", async ({ page }) => {
  const res = await open(page, "leads", 1001, { user: USER.maria });
  expect(res?.status()).toBe(403);
  const state = page.locator(`[${MARK.cardState}=no-rights]`);
  await expect(state).toBeVisible();
  await expect(state.locator("h1")).toHaveText("Нет прав на эту запись");
  const html = await page.content();
  for (const text of ["Поставка оборудования", "Иван Петров", "+7 900", "ivan@example.ru"]) {
    expect(html).not.toContain(text);
  }
  await expect(page.locator(".quick-actions")).toHaveCount(0);
});

test("contacts hidden by rights: the lead shows, its contacts do not", async ({ page }) => {
  await open(page, "leads", 1002, { user: USER.maria });
  const card = page.locator(`.card-content[${MARK.cardState}=ok]`);
  await expect(card.locator(".card-name")).toHaveText("Website redesign");
  await expect(card.locator("[data-withheld=contacts]")).toHaveText(/1 контакт скрыто/);
  await expect(card.locator(".contacts .person")).toHaveCount(0);
  await expect(card.locator('a[href^="tel:"], a[href^="mailto:"]')).toHaveCount(0);
  // Not her lead: nothing to change.
  await expect(page.locator(".quick-actions")).toHaveCount(0);
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
});

test("a read-only user gets no quick actions and no Complete buttons", async ({ page }) => {
  await open(page, "leads", 1001, { user: USER.olga });
  const card = page.locator(`.card-content[${MARK.cardState}=ok]`);
  // Olga's amoCRM profile is in English.
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(card.locator('.contacts a[href="tel:+79001234567"]')).toBeVisible();
  await expect(card.locator(".task")).toHaveCount(2);
  await expect(page.locator(".quick-actions, .complete-task")).toHaveCount(0);
});
