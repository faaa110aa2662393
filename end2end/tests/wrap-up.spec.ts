import { expect, Locator } from "@playwright/test";
import { MARK, open, reset, stats, test, USERS_BY_LANG } from "./fixtures";

// After the meeting (#41): the whole update (a note, a stage move, a new
// budget, the next task with a chip due date) in one sheet, at most 6 taps
// on a phone, typing not counted.


// Skipped before a page is made (`isMobile` is the project's option).
test.skip(({ isMobile }) => !isMobile, "the phone's sheet");

test.beforeEach(async ({ page }) => {
  await reset(page);
});

const LABELS = {
  ru: { open: "После встречи", stage: "Принимают решение", type: "Встреча", due: "Через 3 дня", saved: "Сохранено" },
  en: { open: "After the meeting", stage: "Принимают решение", type: "Встреча", due: "In 3 days", saved: "Saved" },
} as const;

for (const lang of ["ru", "en"] as const) {
  test(`the full update takes at most 6 taps (${lang})`, async ({ page }) => {
    const l = LABELS[lang];
    let taps = 0;
    const tap = async (target: Locator) => {
      taps += 1;
      await target.tap();
    };
    await open(page, "leads", 1001, { user: USERS_BY_LANG[lang], ready: "hydrated" });
    const before = (await stats(page)).notes;
    await tap(page.locator(`[${MARK.wrapUp}]`));
    const sheet = page.locator(".wrap-form");
    await expect(sheet).toBeVisible();
    // The keyboard opens in the note: typing, no tap.
    await expect(sheet.locator("textarea[name=note]")).toBeFocused();
    await page.keyboard.type("Agreed on a March delivery");
    await tap(sheet.locator(".stage-chip", { hasText: l.stage }));
    const budget = sheet.locator("input[name=price]");
    await tap(budget);
    await budget.fill("2000000");
    await tap(sheet.locator(".wrap-next .preset", { hasText: l.type }));
    await tap(sheet.locator(".wrap-due .preset", { hasText: l.due }));
    await tap(sheet.locator("button[type=submit]"));
    await expect(page.locator(`[data-enhance~=refresh-status]`)).toContainText(l.saved);
    expect(taps, "taps for the full update").toBeLessThanOrEqual(6);
    await expect(page.locator(".card-status .pill")).toHaveText(l.stage);
    expect((await stats(page)).notes).toBe(before + 1);
    const after = await stats(page);
    expect(after.tasks_added, "one task").toBe(1);
    expect(after.record_updates, "one lead update").toBe(1);
  });
}

test("the sheet at 320 px with the keyboard open keeps Save reachable", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 568 });
  await open(page, "leads", 1001, { user: USERS_BY_LANG.ru, ready: "hydrated" });
  await page.locator(`[${MARK.wrapUp}]`).tap();
  const sheet = page.locator(".wrap-form");
  await expect(sheet).toBeVisible();
  // The keyboard takes about half the screen.
  await page.setViewportSize({ width: 320, height: 300 });
  const save = sheet.locator("button[type=submit]");
  await save.scrollIntoViewIfNeeded();
  const box = await save.boundingBox();
  expect(box).not.toBeNull();
  expect(box!.y + box!.height).toBeLessThanOrEqual(300 + 1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
});

test.describe("without script", () => {
  test.use({ javaScriptEnabled: false, locale: "ru-RU" });

  test("the sheet is a plain form that posts and comes back with the outcome", async ({ page }) => {
    await open(page, "leads", 1001);
    await expect(page.locator(`.card-content[${MARK.cardState}=ok]`)).toBeVisible();
    await page.locator(`[${MARK.wrapUp}]`).click();
    const sheet = page.locator(".wrap-form");
    await expect(sheet).toBeVisible();
    await sheet.locator("textarea[name=note]").fill("Без скрипта");
    await sheet.locator(".stage-chip", { hasText: "Принимают решение" }).click();
    await sheet.locator("input[name=task_text]").fill("Перезвонить");
    await sheet.locator("button[type=submit]").click();
    await expect(page.locator(".flash")).toHaveText("Сохранено");
    await expect(page.locator(".card-status .pill")).toHaveText("Принимают решение");
    expect((await stats(page)).notes).toBe(1);
  });
});
