import { expect, Page } from "@playwright/test";
import { audit, MARK, open, reset, test, USER } from "./fixtures";

// axe-core over every screen a user can meet, light and dark: no serious or
// critical violation of WCAG 2.x A/AA.
const BLOCKED = ["no-token", "expired", "not-yet-valid", "invalid", "wrong-integration", "already-used", "unsupported"];

// Skipped before a page is made (`isMobile` is the project's option).
test.skip(({ isMobile }) => !isMobile, "one audit per screen is enough");

test.beforeEach(async ({ page }) => {
  await reset(page);
});

for (const scheme of ["light", "dark"] as const) {
  test.describe(`${scheme}`, () => {
    test.use({ colorScheme: scheme });

    test("lead card, and its open sheets", async ({ page }) => {
      await open(page, "leads", 1001);
      await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
      await audit(page, "lead card");
      await page.getByRole("button", { name: "Задача" }).click();
      await expect(page.locator(".task-form")).toBeVisible();
      await audit(page, "task sheet");
    });

    test("customer card", async ({ page }) => {
      await open(page, "customers", 5001);
      await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
      await audit(page, "customer card");
    });

    test("card problems and rights states", async ({ page }) => {
      await open(page, "leads", 1004);
      await expect(page.locator(`[${MARK.cardState}=not-found]`)).toBeVisible();
      await audit(page, "not found");
      await open(page, "leads", 1001, { user: USER.maria });
      await expect(page.locator(`[${MARK.cardState}=no-rights]`)).toBeVisible();
      await audit(page, "no rights");
      await open(page, "leads", 1002, { user: USER.maria });
      await expect(page.locator("[data-withheld=contacts]")).toBeVisible();
      await audit(page, "contacts withheld");
    });

    test("every blocked state", async ({ page }) => {
      for (const state of BLOCKED) {
        await page.goto(`/preview/frame?kind=leads&state=${state}&scheme=${scheme}`);
        await expect(page.locator(`[data-state=${state}]`)).toBeVisible();
        await audit(page, state);
      }
    });

    test("the preview", async ({ page }) => {
      await page.goto(`/preview?scheme=${scheme}`);
      await expect(page.frameLocator("#card").locator(".card-content")).toBeVisible();
      await audit(page, "preview");
    });
  });
}

test("a sheet takes focus, Escape closes it, and focus returns to its button", async ({ page }) => {
  await open(page, "leads", 1001);
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  const button = page.locator(".action[data-sheet=note]");
  await button.click();
  await expect(page.locator(".note-form textarea")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.locator(".quick-actions .sheet")).toBeHidden();
  await expect(button).toBeFocused();
});

test("a larger system text size keeps the card inside 320 px", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 700 });
  await open(page, "leads", 1001);
  await expect(page.locator(`.card-content[${MARK.cardState}=ok]`)).toBeVisible();
  // Dynamic Type scales the root font (-apple-system-body on iOS): 150 % here.
  await page.evaluate(() => (document.documentElement.style.fontSize = "150%"));
  const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  expect(scroll).toBeLessThanOrEqual(client);
});

test("with the keyboard taking half the screen, Save stays in reach", async ({ page }) => {
  await open(page, "leads", 1001);
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  await page.locator(".action[data-sheet=task]").click();
  await page.locator(".task-form input[name=text]").fill("Позвонить");
  // The visible part of the screen halves, as when the keyboard opens.
  const { width } = page.viewportSize()!;
  await page.setViewportSize({ width, height: 420 });
  const save = page.locator(".task-form button[type=submit]");
  await expect(save).toBeInViewport();
  await save.click();
  await expect(page.locator(".quick-actions .toast")).toHaveText("Задача создана");
});
