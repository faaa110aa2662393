import { expect, Page } from "@playwright/test";
import { audit, MARK, open, reset, test } from "./fixtures";

// What else the client is (#42): a contact's other deals, their list, and a
// deal of it opened as the card, then the way back. Plain links and forms:
// the same with and without script.
test.use({ locale: "ru-RU" });

// Skipped before a page is made (`isMobile` is the project's option).
test.skip(({ isMobile }) => !isMobile, "the phone's card");

test.beforeEach(async ({ page }) => {
  await reset(page);
});

async function walk(page: Page, check: boolean) {
  await expect(page.locator(`.card-content[${MARK.cardState}=ok]`)).toBeVisible();
  const line = page.locator(`[${MARK.related}=deals]`).first();
  await expect(line).toHaveText("2 другие сделки");
  await line.click();
  const deals = page.locator(`[${MARK.relatedDeal}]`);
  await expect(deals).toHaveCount(2);
  await expect(page.locator(".summary")).toContainText("Открытых: 2, успешных: 0");
  if (check) await audit(page, "related deals");
  await deals.filter({ hasText: "Стеллажи для второго склада" }).getByRole("button").click();
  await expect(page.locator("h1")).toHaveText("Стеллажи для второго склада");
  // And back: the sample lead is one of Ivan's other deals from here.
  await page.locator(`[${MARK.related}=deals]`).first().click();
  await page.locator(`[${MARK.relatedDeal}]`, { hasText: "Поставка оборудования для склада" }).getByRole("button").click();
  await expect(page.locator("h1")).toHaveText("Поставка оборудования для склада");
}

test("a contact's other deals open as cards and lead back", async ({ page }) => {
  await open(page, "leads", 1001, { ready: "hydrated" });
  await walk(page, true);
});

test("the deal's products: the line, then names, quantities and the total", async ({ page }) => {
  await open(page, "leads", 1001, { ready: "hydrated" });
  const line = page.locator(`[${MARK.related}=products]`);
  await expect(line).toHaveText("Товары (2)");
  await line.click();
  await expect(page.locator("[data-product]")).toHaveCount(2);
  await expect(page.locator(".summary")).toContainText("Итого: 89");
  await audit(page, "products");
  await page.getByRole("link", { name: "Назад к карточке" }).click();
  await expect(page.locator(`.card-content[${MARK.cardState}=ok]`)).toBeVisible();
});

// A quantity changed on the products page, then the budget set to the new
// total: plain forms (the page has no script), back on the same page with
// what happened said once.
async function changeQuantity(page: Page, check: boolean) {
  await page.locator(`[${MARK.related}=products]`).click();
  const rack = page.locator(`[${MARK.product}]`, { hasText: "Стеллаж складской" });
  await rack.getByLabel("Количество").fill("3");
  await rack.getByRole("button", { name: /^Сохранить/ }).click();
  await expect(page.getByRole("status")).toHaveText("Товары сделки обновлены");
  await expect(rack.getByLabel("Количество")).toHaveValue("3");
  await expect(page.locator(".summary")).toContainText(/Итого: 131\s000/);
  const offer = page.locator(`[${MARK.budgetOffer}]`);
  await expect(offer).toContainText(/Поставить бюджет 131\s000/);
  if (check) await audit(page, "products, editable");
  await offer.getByRole("button", { name: "Поставить бюджет" }).click();
  // The budget is the card's: the card shows it.
  await expect(page.locator(`.card-content[${MARK.cardState}=ok]`)).toBeVisible();
  await expect(page.locator(".card-content")).toContainText(/131\s000/);
}

test("a product's quantity changes and the budget follows", async ({ page }) => {
  await open(page, "leads", 1001, { ready: "hydrated" });
  await changeQuantity(page, true);
});

test.describe("without script", () => {
  test.use({ javaScriptEnabled: false });

  test("the same walk with plain links and forms", async ({ page }) => {
    await open(page, "leads", 1001);
    await walk(page, false);
  });

  test("the same quantity change", async ({ page }) => {
    await open(page, "leads", 1001);
    await changeQuantity(page, false);
  });
});
