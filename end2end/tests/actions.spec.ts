import { expect, Page } from "@playwright/test";
import { MARK, open, reset, stats, test } from "./fixtures";

// The labels below are the Russian ones.
test.use({ locale: "ru-RU" });

test.beforeEach(async ({ page }) => {
  await reset(page);
});

test("add a note: empty refused, saved, confirmed", async ({ page }) => {
  await open(page, "leads", 1001, { ready: "hydrated" });
  await page.getByRole("button", { name: "Заметка" }).click();
  const form = page.locator(".note-form");
  await expect(form.locator("button[type=submit]")).toBeDisabled();
  await form.locator("textarea").fill("Клиент просит скидку 5%");
  await expect(form.locator(".counter")).toHaveText("23 / 2000");
  await form.locator("button[type=submit]").click();
  await expect(page.locator(".toast")).toHaveText("Заметка добавлена");
  await expect(page.locator(".quick-actions .sheet")).toBeHidden();
  expect((await stats(page)).notes).toBe(1);
});

test("a double tap does not create a duplicate note", async ({ page }) => {
  await open(page, "leads", 1001, { ready: "hydrated" });
  await page.getByRole("button", { name: "Заметка" }).click();
  await page.locator(".note-form textarea").fill("Один раз");
  await page.locator(".note-form button[type=submit]").dblclick();
  await expect(page.locator(".toast")).toHaveText("Заметка добавлена");
  expect((await stats(page)).notes).toBe(1);
});

test("a failed note keeps the text and says why", async ({ page }) => {
  await open(page, "leads", 1001, { ready: "hydrated" });
  await page.request.post("/__demo/faults", { data: { status: 500 } });
  await page.getByRole("button", { name: "Заметка" }).click();
  await page.locator(".note-form textarea").fill("Не потеряй меня");
  await page.locator(".note-form button[type=submit]").click();
  await expect(page.locator(".note-form .field-error")).toContainText("Ничего не сохранено");
  await expect(page.locator(".note-form textarea")).toHaveValue("Не потеряй меня");
  expect((await stats(page)).notes).toBe(0);
});

test("create a task with a preset, then complete it", async ({ page }) => {
  await open(page, "leads", 1005, { ready: "hydrated" });
  await page.getByRole("button", { name: "Задача" }).click();
  const form = page.locator(".task-form");
  await form.locator("input[name=text]").fill("Отправить договор");
  await form.getByText("Сегодня").click();
  await form.locator("select").selectOption({ label: "Встреча" });
  await form.locator("button[type=submit]").click();
  await expect(page.locator(".toast")).toHaveText("Задача создана");
  // Refresh shows the new task, and its form works after the swap.
  await page.locator(".refresh").click();
  const row = page.locator(".task", { hasText: "Отправить договор" });
  await expect(row).toBeVisible();
  await row.locator(".complete-open", { hasText: "Выполнить" }).click();
  await row.locator("input[name=result]").fill("Отправлен");
  await row.getByRole("button", { name: "Готово" }).click();
  await expect(row).toBeHidden();
});

test("custom due date in the past is refused with a field error", async ({ page }) => {
  await open(page, "leads", 1005, { ready: "hydrated" });
  await page.getByRole("button", { name: "Задача" }).click();
  const form = page.locator(".task-form");
  await form.locator("input[name=text]").fill("Вчерашняя");
  await form.getByText("Дата…").click();
  await form.locator("input[type=datetime-local]").fill("2020-01-01T10:00");
  await form.locator("button[type=submit]").click();
  await expect(form.locator(".field-error")).toContainText("прошёл");
  await expect(form.locator("input[name=text]")).toHaveValue("Вчерашняя");
});

test("move a lead; closing asks for confirmation", async ({ page }) => {
  await open(page, "leads", 1001, { ready: "hydrated" });
  await page.getByRole("button", { name: "Этап" }).click();
  await page.locator(".status-option", { hasText: "Принимают решение" }).click();
  await expect(page.locator(".card-status .pill")).toHaveText("Принимают решение");
  await expect(page.locator(".toast")).toHaveText("Этап изменён");
  await page.getByRole("button", { name: "Этап" }).click();
  await page.locator(".status-option", { hasText: "Успешно реализовано" }).click();
  // Closing the lead asks first: the stage opens its own confirmation.
  const closing = page.locator(".status-close[open]");
  await expect(closing.locator(".confirm-question")).toHaveText("Закрыть сделку как успешную?");
  await closing.locator(".button.confirm").click();
  await expect(page.locator(".card-status .pill")).toHaveText("Успешно реализовано");
});

test("a failed move rolls the stage back", async ({ page }) => {
  await open(page, "leads", 1001, { ready: "hydrated" });
  await page.request.post("/__demo/faults", { data: { status: 500 } });
  await page.getByRole("button", { name: "Этап" }).click();
  await page.locator(".status-option", { hasText: "Принимают решение" }).click();
  await expect(page.locator(".status-form .field-error")).not.toBeEmpty();
  await expect(page.locator(".card-status .pill")).toHaveText("Переговоры");
});

test("a sheet opened before the wasm arrived is taken over when it does", async ({ page }) => {
  let release = () => {};
  const arrived = new Promise<void>((r) => (release = r));
  await page.route("**/*.wasm", async (route) => {
    await arrived;
    await route.continue();
  });
  await open(page, "leads", 1001);
  await expect(page.locator(`.card-content[${MARK.cardState}=ok]`)).toBeVisible();
  // Plain HTML: the sheet opens as the page's #target.
  await page.getByRole("button", { name: "Заметка" }).click();
  await page.locator(".note-form textarea").fill("До гидратации");
  release();
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  await expect(page.locator(".note-form .counter")).toHaveText("13 / 2000");
  await page.locator(".note-form button[type=submit]").click();
  await expect(page.locator(".toast")).toHaveText("Заметка добавлена");
  await expect(page.locator(".quick-actions .sheet")).toBeHidden();
  expect(new URL(page.url()).hash).toBe("");
  expect((await stats(page)).notes).toBe(1);
});

test("a resend after no answer repeats the key and writes once; a saved note's form gets a new key", async ({ page }) => {
  await open(page, "leads", 1001, { ready: "hydrated" });
  const keys: string[] = [];
  let first = true;
  await page.route("**/api/add_note", async (route) => {
    keys.push(new URLSearchParams(route.request().postData() ?? "").get("key") ?? "");
    if (first) {
      // amoCRM gets the note, the phone never hears back.
      first = false;
      await route.fetch();
      await route.abort("failed");
      return;
    }
    await route.continue();
  });
  await page.getByRole("button", { name: "Заметка" }).click();
  await page.locator(".note-form textarea").fill("Связь пропала");
  await page.locator(".note-form button[type=submit]").click();
  await expect(page.locator(".note-form .field-error")).not.toBeEmpty();
  await expect(page.locator(".note-form textarea")).toHaveValue("Связь пропала");
  expect((await stats(page)).notes).toBe(1);
  // Sending again repeats the key: the server knows it was saved.
  await page.locator(".note-form button[type=submit]").click();
  await expect(page.locator(".toast")).toHaveText("Заметка добавлена");
  expect((await stats(page)).notes).toBe(1);
  expect(keys).toHaveLength(2);
  expect(keys[1]).toBe(keys[0]);
  // The next note is a new write with a new key.
  await page.getByRole("button", { name: "Заметка" }).click();
  await page.locator(".note-form textarea").fill("Вторая заметка");
  await page.locator(".note-form button[type=submit]").click();
  await expect(page.locator(".toast")).toHaveText("Заметка добавлена");
  expect((await stats(page)).notes).toBe(2);
  expect(keys).toHaveLength(3);
  expect(keys[2]).not.toBe(keys[0]);
});
