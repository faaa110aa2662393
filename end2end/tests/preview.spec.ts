import { expect } from "@playwright/test";
import { MARK, reset, test } from "./fixtures";

test.beforeEach(async ({ page }) => {
  await reset(page);
});

test("the preview frames the card and every control changes it", async ({ page }) => {
  await page.goto("/preview");
  const frame = page.frameLocator("iframe#card");
  await expect(frame.locator(`.card-content[${MARK.cardState}=ok]`)).toBeVisible();

  await page.selectOption("select[name=kind]", "customers");
  await expect(frame.locator(".card-name")).toHaveText("Сеть кофеен «Зерно»");

  await page.selectOption("select[name=state]", "expired");
  await expect(frame.locator("[data-state=expired]")).toBeVisible();

  await page.selectOption("select[name=state]", "customers-disabled");
  await expect(frame.locator(`[${MARK.cardState}=customers-disabled]`)).toBeVisible();

  await page.selectOption("select[name=lang]", "en");
  await expect(frame.locator("h1")).toHaveText("Customers are off");

  await page.selectOption("select[name=state]", "ok");
  await page.selectOption("select[name=scheme]", "dark");
  await expect(frame.locator(".card-content")).toBeVisible();
  const bg = await frame.locator("body").evaluate((b) => getComputedStyle(b).backgroundColor);
  expect(bg).toBe("rgb(0, 0, 0)");

  await page.selectOption("select[name=width]", "320");
  await expect(page.locator("iframe#card")).toHaveAttribute("width", "320");
  const scroll = await frame.locator("html").evaluate((h) => h.scrollWidth);
  expect(scroll).toBeLessThanOrEqual(320);
});

test("the manifest colour, a link to the view, and a gallery of every state", async ({ page }) => {
  await page.goto("/preview?color=%23aa3300&lang=en");
  await expect(page.locator(".titlebar")).toHaveCSS("background-color", "rgb(170, 51, 0)");
  expect(await page.locator("#link").getAttribute("href")).toContain("color=%23aa3300");
  // Inside the phone there is no desktop scrollbar.
  await expect(page.frameLocator("iframe#card").locator("html")).toHaveAttribute("data-framed", "phone");
  await page.getByRole("link", { name: /Gallery/ }).click();
  await expect(page.locator(".phone")).toHaveCount(26);
  await expect(page.locator("figcaption").first()).toHaveText("ok · light");
  await expect(page.locator("figcaption").nth(1)).toHaveText("ok · dark");
  // The demo's layout, and the same card without it.
  await expect(page.locator("figcaption").nth(2)).toHaveText("default-layout · light");
  const withLayout = page.frameLocator("iframe").nth(0);
  const without = page.frameLocator("iframe").nth(2);
  await expect(withLayout.locator(`[${MARK.headerField}]`)).toHaveCount(1);
  await expect(without.locator(`.card-content[${MARK.cardState}=ok]`)).toBeVisible();
  await expect(without.locator(`[${MARK.headerField}]`)).toHaveCount(0);
  await expect(page.locator(".titlebar").first()).toHaveCSS("background-color", "rgb(170, 51, 0)");
  // Last, the after-meeting sheet open on the card (frames load as they
  // scroll in: this one is far down).
  await expect(page.locator("figcaption").nth(24)).toHaveText("wrap-up · light");
  await page.locator(".phone").nth(24).scrollIntoViewIfNeeded();
  await expect(page.frameLocator("iframe").nth(24).locator(".wrap-form")).toBeVisible();
});
