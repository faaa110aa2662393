import { expect, Page } from "@playwright/test";
import { audit, MARK, open, reset, test, USERS_BY_LANG } from "./fixtures";


// Skipped before a page is made (`isMobile` is the project's option).
test.skip(({ isMobile }) => !isMobile, "a phone's width is what is measured");

test.beforeEach(async ({ page }) => {
  await reset(page);
});

test("every language fits 320 px without horizontal scroll", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  const lengths: [string, number][] = [];
  for (const lang of Object.keys(USERS_BY_LANG)) {
    for (const kind of ["leads", "customers"] as const) {
      await open(page, kind, undefined, { user: USERS_BY_LANG[lang] });
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      await expect(page.locator(`.card-content[${MARK.cardState}=ok]`)).toBeVisible();
      const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      expect(scroll, `${lang} ${kind}`).toBeLessThanOrEqual(client);
      if (kind === "leads") {
        await page.locator(".action[data-sheet=task]").click();
        const sheet = page.locator(".task-form");
        await expect(sheet).toBeVisible();
        const box = await sheet.boundingBox();
        expect(box!.x + box!.width, `${lang} task sheet`).toBeLessThanOrEqual(320);
        lengths.push([lang, (await page.locator("body").innerText()).length]);
      }
    }
  }
  // Which language is longest on the card (written to the report for the README).
  lengths.sort((a, b) => b[1] - a[1]);
  test.info().annotations.push({ type: "longest", description: lengths.map(([l, n]) => `${l} ${n}`).join(", ") });
});

for (const lang of ["es", "tr"]) {
  for (const scheme of ["light", "dark"] as const) {
    test(`axe: the card in ${lang}, ${scheme}`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      for (const kind of ["leads", "customers"] as const) {
        await open(page, kind, undefined, { user: USERS_BY_LANG[lang], ready: "hydrated" });
        await expect(page.locator("html")).toHaveAttribute("lang", lang);
        if (kind === "leads") {
          await page.locator(".action[data-sheet=task]").click();
          await expect(page.locator(".task-form")).toBeVisible();
        }
        await audit(page, `${lang} ${kind} ${scheme}`);
      }
    });
  }
}

test("the preview offers a user per language and speaks the chosen one", async ({ page }) => {
  await page.goto("/preview?lang=tr");
  await expect(page.locator("html")).toHaveAttribute("lang", "tr");
  const users = await page.locator("select[name=user] option").allInnerTexts();
  for (const name of ["Anna", "John", "Lucía", "João", "Ayşe", "Putri"]) {
    expect(users.join("|"), name).toContain(name);
  }
  await page.selectOption("select[name=user]", String(USERS_BY_LANG.id));
  await page.selectOption("select[name=lang]", "id");
  await expect(page.frameLocator("iframe#card").locator("html")).toHaveAttribute("lang", "id");
  await expect(page.locator("#controls strong")).toHaveText("Pratinjau");
});
