import { test, expect, Page } from "@playwright/test";

// The demo's users differ by amoCRM rights (see fixtures.rs):
const MARIA = 7000003; // her group's leads, no contacts, changes only her own
const OLGA = 7000005; // sees everything, changes nothing

const openAs = (page: Page, user: number, kind: "leads" | "customers", id: number) =>
  page.goto(`/__demo/open?kind=${kind}&id=${id}&user=${user}`);

test.beforeEach(async ({ page }, info) => {
  test.skip(info.project.name !== "mobile", "the card's rights are the same on every screen");
  expect((await page.request.post("/__demo/reset")).status()).toBe(204);
});

test("a lead the user may not see is a designed 'no rights' state with none of its data", async ({ page }) => {
  const res = await openAs(page, MARIA, "leads", 1001);
  expect(res?.status()).toBe(403);
  const state = page.locator("[data-card-state=no-rights]");
  await expect(state).toBeVisible();
  await expect(state.locator("h1")).toHaveText("Нет прав на эту запись");
  const html = await page.content();
  for (const text of ["Поставка оборудования", "Иван Петров", "+7 900", "ivan@example.ru"]) {
    expect(html).not.toContain(text);
  }
  await expect(page.locator(".quick-actions")).toHaveCount(0);
});

test("contacts hidden by rights: the lead shows, its contacts do not", async ({ page }) => {
  await openAs(page, MARIA, "leads", 1002);
  const card = page.locator(".card-content[data-card-state=ok]");
  await expect(card.locator(".card-name")).toHaveText("Website redesign");
  await expect(card.locator("[data-withheld=contacts]")).toHaveText(/1 контакт скрыто/);
  await expect(card.locator(".contacts .person")).toHaveCount(0);
  await expect(card.locator('a[href^="tel:"], a[href^="mailto:"]')).toHaveCount(0);
  // Not her lead: nothing to change.
  await expect(page.locator(".quick-actions")).toHaveCount(0);
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
});

test("a read-only user gets no quick actions and no Complete buttons", async ({ page }) => {
  await openAs(page, OLGA, "leads", 1001);
  const card = page.locator(".card-content[data-card-state=ok]");
  // Olga's amoCRM profile is in English.
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(card.locator('.contacts a[href="tel:+79001234567"]')).toBeVisible();
  await expect(card.locator(".task")).toHaveCount(2);
  await expect(page.locator(".quick-actions, .complete-task")).toHaveCount(0);
});
