import { test, expect, Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

// The demo has an administrator whose amoCRM profile is in each language.
const USERS: Record<string, number> = { ru: 7000001, en: 7000002, es: 7000008, pt: 7000009, tr: 7000010, id: 7000011 };

const open = (page: Page, kind: "leads" | "customers", lang: string) =>
  page.goto(`/__demo/open?kind=${kind}&user=${USERS[lang]}`);

test.beforeEach(async ({ page }, info) => {
  test.skip(info.project.name !== "mobile", "a phone's width is what is measured");
  expect((await page.request.post("/__demo/reset")).status()).toBe(204);
});

test("every language fits 320 px without horizontal scroll", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  const lengths: [string, number][] = [];
  for (const lang of Object.keys(USERS)) {
    for (const kind of ["leads", "customers"] as const) {
      await open(page, kind, lang);
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      await expect(page.locator(".card-content[data-card-state=ok]")).toBeVisible();
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
        await open(page, kind, lang);
        await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
        await expect(page.locator("html")).toHaveAttribute("lang", lang);
        if (kind === "leads") {
          await page.locator(".action[data-sheet=task]").click();
          await expect(page.locator(".task-form")).toBeVisible();
        }
        const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
        const bad = result.violations
          .filter((v) => v.impact === "serious" || v.impact === "critical")
          .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
        expect(bad, `${lang} ${kind} ${scheme}`).toEqual([]);
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
  await page.selectOption("select[name=user]", String(USERS.id));
  await page.selectOption("select[name=lang]", "id");
  await expect(page.frameLocator("iframe#card").locator("html")).toHaveAttribute("lang", "id");
  await expect(page.locator("#controls strong")).toHaveText("Pratinjau");
});
