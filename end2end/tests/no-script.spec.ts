import { expect, Page } from "@playwright/test";
import { MARK, open, reset, stats, test } from "./fixtures";

// Before the wasm arrives (slow network) or without script at all, the quick
// actions are plain forms: they post, and the card comes back with the result.
test.use({ locale: "ru-RU", javaScriptEnabled: false });

// Skipped before a page is made (`isMobile` is the project's option).
test.skip(({ isMobile }) => !isMobile, "one browser is enough for plain HTML");

test.beforeEach(async ({ page }) => {
  await reset(page);
  await open(page, "leads", 1001);
  await expect(page.locator(`.card-content[${MARK.cardState}=ok]`)).toBeVisible();
});

test("a note is saved by the plain form and the card says so", async ({ page }) => {
  await expect(page.locator(".quick-actions .sheet")).toBeHidden();
  await page.getByRole("button", { name: "Заметка" }).click();
  const form = page.locator(".note-form");
  await expect(form).toBeVisible();
  await form.locator("textarea").fill("Без скрипта");
  await form.locator("button[type=submit]").click();
  await expect(page.locator(".flash")).toHaveText("Заметка добавлена");
  await expect(page.locator(`.card-content[${MARK.cardState}=ok]`)).toBeVisible();
  expect((await stats(page)).notes).toBe(1);
  // The message is shown once.
  await page.reload();
  await expect(page.locator(`.card-content[${MARK.cardState}=ok]`)).toBeVisible();
  await expect(page.locator(".flash")).toHaveCount(0);
});

test("a refused write comes back with the reason and saves nothing", async ({ page }) => {
  await page.request.post("/__demo/faults", { data: { status: 500 } });
  await page.getByRole("button", { name: "Заметка" }).click();
  await page.locator(".note-form textarea").fill("Не сохранится");
  await page.locator(".note-form button[type=submit]").click();
  await expect(page.locator(".flash")).toContainText("Ничего не сохранено");
  expect((await stats(page)).notes).toBe(0);
});

test("closing the lead asks first, then moves it", async ({ page }) => {
  await page.getByRole("button", { name: "Этап" }).click();
  await page.locator("summary.status-option", { hasText: "Успешно реализовано" }).click();
  const closing = page.locator(".status-close[open]");
  await expect(closing.locator(".confirm-question")).toHaveText("Закрыть сделку как успешную?");
  await closing.locator(".button.confirm").click();
  await expect(page.locator(".flash")).toHaveText("Этап изменён");
  await expect(page.locator(".card-status .pill")).toHaveText("Успешно реализовано");
});

test("a stage that needs a field asks for it with its control, and the move lands with it", async ({ page }) => {
  await page.getByRole("button", { name: "Этап" }).click();
  const gated = page.locator(`summary[${MARK.requires}]`);
  await expect(gated).toHaveAttribute(MARK.stage, "13");
  await expect(gated).toHaveAttribute(MARK.requires, "114");
  await gated.click();
  const asks = page.locator(".status-close[open]");
  await asks.locator("input[name=cf_114]").fill("Д-2026/14");
  await asks.locator(".button.confirm").click();
  await expect(page.locator(".flash")).toHaveText("Этап изменён");
  await expect(page.locator(".card-status .pill")).toHaveText("Договор подписан");
});

test("closing as lost takes one of the account's reasons", async ({ page }) => {
  await page.getByRole("button", { name: "Этап" }).click();
  await page.locator("summary.status-option", { hasText: "Закрыто и не реализовано" }).click();
  const closing = page.locator(".status-close[open]");
  await expect(closing.locator(`[${MARK.lossReason}]`)).toHaveCount(3);
  await closing.locator("select[name=loss_reason]").selectOption({ label: "Дорого" });
  await closing.locator(".button.confirm").click();
  await expect(page.locator(".flash")).toHaveText("Этап изменён");
  await expect(page.locator(".card-status .pill")).toHaveText("Закрыто и не реализовано");
});

test("a task is completed from its row", async ({ page }) => {
  const row = page.locator(".task").first();
  const text = await row.locator(".task-text").innerText();
  await row.locator(".complete-open").click();
  await row.locator("input[name=result]").fill("Сделано");
  await row.locator(".complete-form button[type=submit]").click();
  await expect(page.locator(".flash")).toHaveText("Задача выполнена");
  await expect(page.locator(".task", { hasText: text })).toHaveCount(0);
});
