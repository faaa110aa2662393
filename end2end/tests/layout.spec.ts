import { expect, Page } from "@playwright/test";
import { audit, MARK, open, reset, test } from "./fixtures";

// An account admin shapes the card of a pipeline in the editor; every card of
// that pipeline then shows the chosen fields first. The editor is plain HTML:
// each step is a button of one form, so it works the same without script.

test.beforeEach(async ({ page }) => {
  await reset(page);
});

const step = (page: Page, op: string) => page.locator(`button[name=op][value="${op}"]`).click();

async function shapeAndCheck(page: Page) {
  await open(page, "leads", 1001);
  await expect(page.locator(`.card-content[${MARK.cardState}=ok]`)).toBeVisible();
  // The demo's shipped layout: three key fields and the delivery date up top.
  await expect(page.locator(`[${MARK.headerField}]`)).toHaveAttribute(`${MARK.headerField}`, "103");
  await page.locator(`[${MARK.customise}]`).click();
  await expect(page.locator("[data-layout-editor]")).toBeVisible();
  for (const op of ["remove:108", "remove:110", "remove:101", "add:109", "add:105", "add:102", "up:102", "header:106", "hide:company"]) {
    await step(page, op);
  }
  await expect(page.locator("[data-layout-keys] li")).toHaveCount(3);
  await expect(page.locator("[data-layout-preview]")).toContainText("Бюджет монтажа");
  await page.locator("button.save").click();

  await open(page, "leads", 1001);
  const card = page.locator(`.card-content[${MARK.cardState}=ok]`);
  await expect(card).toBeVisible();
  const ids = await card.locator(`[${MARK.fieldId}]`).evaluateAll((rows, mark) => rows.map((r) => r.getAttribute(mark)), MARK.fieldId);
  expect(ids.slice(0, 3)).toEqual(["109", "102", "105"]);
  await expect(card.locator(`[${MARK.headerField}]`)).toHaveAttribute(`${MARK.headerField}`, "106");
  await expect(card.locator(`[${MARK.section}=company]`)).toHaveCount(0);
  await expect(card.locator(`[${MARK.section}=contacts]`)).toBeVisible();

  // A lead of another pipeline keeps the default shape.
  await open(page, "leads", 1002);
  await expect(page.locator(`.card-content[${MARK.cardState}=ok]`)).toBeVisible();
  await expect(page.locator(`[${MARK.headerField}]`)).toHaveCount(0);
}

test("an admin picks the key fields and the header field of a pipeline", async ({ page }) => {
  await shapeAndCheck(page);
});

test("someone who is not an admin has no way in", async ({ page }) => {
  await open(page, "leads", 1006, { user: 7000004 });
  await expect(page.locator(`.card-content[${MARK.cardState}=ok]`)).toBeVisible();
  await expect(page.locator(`[${MARK.customise}]`)).toHaveCount(0);
  const res = await page.goto("/layout?scope=pipeline:1");
  expect(res?.status()).toBe(403);
});

test.describe("without script", () => {
  test.use({ javaScriptEnabled: false });
  test("the editor still saves", async ({ page }, info) => {
    test.skip(info.project.name !== "mobile", "one browser is enough for plain HTML");
    await shapeAndCheck(page);
  });
});

for (const scheme of ["light", "dark"] as const) {
  test(`the editor is accessible and fits 320 px (${scheme})`, async ({ page }, info) => {
    test.skip(info.project.name !== "mobile", "a phone's width is what is measured");
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 320, height: 640 });
    await open(page, "leads", 1001);
    await page.locator(`[${MARK.customise}]`).click();
    await expect(page.locator("[data-layout-editor]")).toBeVisible();
    const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    expect(scroll).toBeLessThanOrEqual(client);
    await audit(page, `layout editor ${scheme}`);
  });
}
