import { expect, Page } from "@playwright/test";
import { MARK, open, reset, stats, test, USER } from "./fixtures";

// Editing a field from the card (#29): the demo's layout makes the area and
// the source editable on pipeline 1; the budget and a customer's next
// purchase are editable for whoever may edit the record. The sheet shows
// the right control; the row shows amoCRM's new value once it confirmed.

test.beforeEach(async ({ page }) => {
  await reset(page);
});

const row = (page: Page, field: string) => page.locator(`[${MARK.editable}="${field}"]`);

test.describe("with script", () => {
  test.beforeEach(async ({}, info) => {
    test.skip(info.project.name !== "mobile", "a phone's keypad and pickers");
  });

  test("the budget with the numeric keypad, a select, and a date", async ({ page }) => {
    await open(page, "leads", 1001, { ready: "loaded" });
    await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");

    await row(page, "price").locator(".edit-open").click();
    const money = row(page, "price").locator("input[name=value]");
    await expect(money).toBeVisible();
    await expect(money).toHaveAttribute("inputmode", "numeric");
    await expect(money).toBeFocused();
    await money.fill("2500000");
    await row(page, "price").locator("button[type=submit]").click();
    await expect(row(page, "price").locator(".edit-open")).toContainText(/2\s500\s000/);
    await expect(page.locator("[data-enhance=refresh-status]")).toHaveText("Поле сохранено");

    await row(page, "101").locator(".edit-open").click();
    await row(page, "101").getByLabel("Звонок").check();
    await row(page, "101").locator("button[type=submit]").click();
    await expect(row(page, "101").locator(".edit-open")).toContainText("Звонок");
    expect((await stats(page)).record_updates).toBe(2);

    await open(page, "customers", 5001, { ready: "loaded" });
    await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
    await row(page, "next_date").locator(".edit-open").click();
    const date = row(page, "next_date").locator("input[name=value]");
    await expect(date).toHaveAttribute("type", "date");
    await date.fill("2026-12-24");
    await row(page, "next_date").locator("button[type=submit]").click();
    await expect(row(page, "next_date").locator(".edit-open")).toContainText("24 дек");
  });

  test("a bad value is explained in the sheet and what was typed stays", async ({ page }) => {
    await open(page, "leads", 1001, { ready: "loaded" });
    await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
    await row(page, "110").locator(".edit-open").click();
    const input = row(page, "110").locator("input[name=value]");
    await input.fill("двенадцать");
    await row(page, "110").locator("button[type=submit]").click();
    await expect(row(page, "110").locator(".field-error")).toHaveText("Это не число");
    await expect(input).toHaveValue("двенадцать");
    expect((await stats(page)).record_updates).toBe(0);
  });

  test("with the keyboard taking half the screen, Save stays in reach", async ({ page }) => {
    await open(page, "leads", 1001, { ready: "loaded" });
    await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
    await row(page, "price").locator(".edit-open").click();
    await row(page, "price").locator("input[name=value]").fill("7");
    const { width } = page.viewportSize()!;
    await page.setViewportSize({ width, height: 420 });
    const save = row(page, "price").locator("button[type=submit]");
    await expect(save).toBeInViewport();
    await save.click();
    await expect(row(page, "price").locator(".edit-open")).toContainText("7");
  });

  test("someone who may only view the lead sees no edit", async ({ page }) => {
    await open(page, "leads", 1001, { user: USER.olga });
    await expect(page.locator(`.card-content[${MARK.cardState}=ok]`)).toBeVisible();
    await expect(page.locator(`[${MARK.editable}]`)).toHaveCount(0);
  });
});

test.describe("without script", () => {
  test.use({ javaScriptEnabled: false });
  test("the same edit works through the form and the notice", async ({ page }, info) => {
    test.skip(info.project.name !== "mobile", "one browser is enough for plain HTML");
    await open(page, "leads", 1001, { ready: "loaded" });
    await expect(row(page, "price").locator(".sheet")).toBeHidden();
    await row(page, "price").locator(".edit-open").click();
    const form = row(page, "price").locator(".edit-form");
    await expect(form).toBeVisible();
    await form.locator("input[name=value]").fill("3100000");
    await form.locator("button[type=submit]").click();
    await expect(page.locator(".flash")).toHaveText("Поле сохранено");
    await expect(row(page, "price").locator(".edit-open")).toContainText(/3\s100\s000/);
    expect((await stats(page)).record_updates).toBe(1);
  });
});
