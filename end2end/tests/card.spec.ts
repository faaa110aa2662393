import { expect, Page } from "@playwright/test";
import { MARK, open, reset, setFaults, test } from "./fixtures";

// Demo mode: the server mints a real disposable token for the demo account and
// redirects to the card, exactly as the amoCRM app would open it.

test.beforeEach(async ({ page }) => {
  await reset(page);
});

test("lead card: content, links, and no token left in the address bar", async ({ page }) => {
  const res = await open(page, "leads", 1001);
  expect(res?.status()).toBe(200);
  await expect(page).toHaveURL(/\/$/);
  expect(page.url()).not.toContain("token=");
  const card = page.locator(`.card-content[${MARK.cardState}=ok]`);
  await expect(card.locator(".card-name")).toHaveText("Поставка оборудования для склада");
  await expect(card.locator(".card-headline")).toContainText("500");
  await expect(card.locator(".pill")).toContainText("Переговоры");
  await expect(card.locator('.contacts a[href="tel:+79001234567"]')).toBeVisible();
  await expect(card.locator('a[href="mailto:ivan@example.ru"]')).toBeVisible();
  await expect(card.locator(".task-due.overdue")).toHaveCount(1);
  // The skeleton is gone once the card streamed in.
  await expect(page.locator(".skeleton")).toBeHidden();
});

test("customer card", async ({ page }) => {
  await open(page, "customers", 5001);
  const card = page.locator(`.card-content[${MARK.cardState}=ok]`);
  await expect(card.locator(".card-name")).toHaveText("Сеть кофеен «Зерно»");
  await expect(card).toContainText("LTV");
  await expect(card).toContainText("Напомнить о закупке");
});

test("show all expands the long field list", async ({ page }) => {
  await open(page, "leads", 1001);
  const more = page.locator("details.more");
  await expect(more.locator(".row").first()).toBeHidden();
  await more.locator("summary").click();
  await expect(more.locator(".row").first()).toBeVisible();
});

test("refresh reloads the card without reloading the page", async ({ page }) => {
  await open(page, "leads", 1001);
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  await page.evaluate(() => ((window as any).__stillHere = true));
  await page.locator(".card-content").evaluate((el) => el.setAttribute("data-old", "1"));
  await page.locator(".refresh").click();
  await expect(page.locator(".card-content[data-old]")).toHaveCount(0);
  await expect(page.locator(`.card-content[${MARK.cardState}=ok]`)).toBeVisible();
  expect(await page.evaluate(() => (window as any).__stillHere)).toBe(true);
});

test("hostile data is escaped and wraps without horizontal scroll", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await open(page, "leads", 1003);
  const name = page.locator(".card-name");
  await expect(name).toContainText("<script>alert('x')</script>");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
});

test("no horizontal scroll at 320 px on the full lead card", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await open(page, "leads", 1001);
  await expect(page.locator(".card-content")).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
});

for (const [faults, state] of [
  [{ status: 500 }, "unavailable"],
  [{ html_403: true }, "no-access"],
  [{ status: 429 }, "rate-limited"],
] as const) {
  test(`amoCRM failure shows the ${state} state`, async ({ page }) => {
    await setFaults(page, faults);
    await open(page, "leads", 1001);
    await expect(page.locator(`[${MARK.cardState}=${state}]`)).toBeVisible();
  });
}

test("a deleted lead is not found", async ({ page }) => {
  await open(page, "leads", 1004);
  await expect(page.locator(`[${MARK.cardState}=not-found]`)).toBeVisible();
});

test("replaying a used token is refused", async ({ page, browser }) => {
  const res = await page.request.get("/__demo/open?kind=leads&id=1001", { maxRedirects: 0 });
  const location = res.headers()["location"];
  expect(location).toContain("token=");
  await page.goto(location);
  await expect(page.locator(".card-content")).toBeVisible();
  const other = await browser.newContext();
  const replay = await other.newPage();
  const second = await replay.goto(location);
  expect(second?.status()).toBe(403);
  await expect(replay.locator("[data-state=already-used]")).toBeVisible();
  await other.close();
});

test.describe("dark mode", () => {
  test.use({ colorScheme: "dark" });
  test("uses the dark palette", async ({ page }, info) => {
    await open(page, "leads", 1001);
    await expect(page.locator(".card-content")).toBeVisible();
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe("rgb(0, 0, 0)");
    await page.screenshot({ path: info.outputPath(`lead-dark-${info.project.name}.png`), fullPage: true });
  });
});

test("light screenshot artifact", async ({ page }, info) => {
  await open(page, "leads", 1001);
  await expect(page.locator(".card-content")).toBeVisible();
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(bg).toBe("rgb(242, 242, 247)");
  await page.screenshot({ path: info.outputPath(`lead-light-${info.project.name}.png`), fullPage: true });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the card is complete HTML", async ({ page }) => {
    await open(page, "leads", 1001);
    await expect(page.locator(`.card-content[${MARK.cardState}=ok] .card-name`)).toBeVisible();
    await expect(page.locator(".skeleton")).toBeHidden();
    await expect(page.locator('.contacts a[href="tel:+79001234567"]')).toBeVisible();
  });
});

test("every task row keeps Complete on the right of its text, 320 to 430 px", async ({ page }, info) => {
  test.skip(info.project.name !== "mobile", "phone widths");
  for (const width of [320, 390, 430]) {
    await page.setViewportSize({ width, height: 800 });
    await open(page, "leads", 1001);
    await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
    const rows = page.locator(".task");
    await expect(rows).toHaveCount(2);
    for (let i = 0; i < 2; i++) {
      const label = (await rows.nth(i).locator(".row-label").boundingBox())!;
      const button = (await rows.nth(i).locator(".complete-open").boundingBox())!;
      expect(button.x, `row ${i} at ${width}`).toBeGreaterThanOrEqual(label.x + label.width - 1);
      expect(button.y, `row ${i} at ${width}`).toBeLessThan(label.y + label.height);
    }
  }
});
