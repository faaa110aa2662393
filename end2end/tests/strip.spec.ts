import { test, expect, Page } from "@playwright/test";

// The status strip (#30): where the deal stands in one line under the header.
// In every language the card speaks it fits one line at 390 px and wraps
// whole facts at 320 px; each fact has an icon and words, late ones say so.

const USERS: Record<string, number> = {
  ru: 7000001,
  en: 7000002,
  es: 7000008,
  pt: 7000009,
  tr: 7000010,
  id: 7000011,
};
// A recent contact with an overdue task, a stale deal with no next step, a customer.
const RECORDS = [
  ["leads", 1001, ["contact", "stage", "next"]],
  ["leads", 1007, ["contact", "stage", "next"]],
  ["customers", 5001, ["contact", "next-purchase", "next"]],
] as const;

test.beforeEach(async ({ page }, info) => {
  test.skip(info.project.name !== "mobile", "a phone's widths");
  expect((await page.request.post("/__demo/reset")).status()).toBe(204);
});

async function open(page: Page, kind: string, id: number, user: number) {
  await page.goto(`/__demo/open?kind=${kind}&id=${id}&user=${user}`);
  await expect(page.locator(".card-content[data-card-state=ok]")).toBeVisible();
}

/** Each fact's box, and the strip's. */
async function boxes(page: Page) {
  return page.locator("[data-strip]").evaluate((strip) => ({
    strip: strip.getBoundingClientRect().toJSON(),
    overflow: strip.scrollWidth - strip.clientWidth,
    items: [...strip.querySelectorAll("[data-strip-item]")].map((li) => ({
      kind: li.getAttribute("data-strip-item"),
      box: li.getBoundingClientRect().toJSON(),
      icon: li.querySelector(".strip-icon")!.getBoundingClientRect().width,
    })),
  }));
}

for (const scheme of ["light", "dark"] as const) {
  test.describe(`${scheme}`, () => {
    test.use({ colorScheme: scheme });

    test(`one line at 390 px in every language (${scheme})`, async ({ page }, info) => {
      await page.setViewportSize({ width: 390, height: 844 });
      for (const [lang, user] of Object.entries(USERS)) {
        for (const [kind, id, want] of RECORDS) {
          await open(page, kind, id, user);
          await expect(page.locator("html")).toHaveAttribute("lang", lang);
          const b = await boxes(page);
          expect(b.items.map((i) => i.kind), `${lang} ${kind} ${id}`).toEqual([...want]);
          const tops = new Set(b.items.map((i) => Math.round(i.box.top)));
          expect(tops.size, `${lang} ${kind} ${id} on one line`).toBe(1);
          expect(b.overflow, `${lang} ${kind} ${id}`).toBeLessThanOrEqual(0);
          for (const i of b.items) expect(i.icon, `${lang} ${i.kind} icon`).toBeGreaterThan(0);
        }
      }
      await open(page, "leads", 1007, USERS.ru);
      await page.locator("[data-strip]").screenshot({ path: info.outputPath(`strip-390-${scheme}.png`) });
    });

    test(`whole facts wrap at 320 px (${scheme})`, async ({ page }, info) => {
      await page.setViewportSize({ width: 320, height: 640 });
      for (const [lang, user] of Object.entries(USERS)) {
        for (const [kind, id] of RECORDS) {
          await open(page, kind, id, user);
          const b = await boxes(page);
          expect(b.overflow, `${lang} ${kind} ${id}`).toBeLessThanOrEqual(0);
          for (const i of b.items) {
            // A fact never breaks inside: one line high, within the strip.
            expect(i.box.height, `${lang} ${i.kind}`).toBeLessThan(26);
            expect(i.box.right, `${lang} ${i.kind}`).toBeLessThanOrEqual(b.strip.right + 0.5);
            expect(i.box.left, `${lang} ${i.kind}`).toBeGreaterThanOrEqual(b.strip.left - 0.5);
          }
        }
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      await open(page, "customers", 5001, USERS.pt);
      await page.locator("[data-strip]").screenshot({ path: info.outputPath(`strip-320-${scheme}.png`) });
    });
  });
}

test("late and missing facts are said in words and marked, not coloured only", async ({ page }) => {
  await open(page, "leads", 1007, USERS.en);
  const next = page.locator("[data-strip-item=next]");
  await expect(next).toHaveClass(/is-warn/);
  await expect(next.locator(".strip-icon")).toHaveAttribute("data-icon", "warning");
  // What a screen reader reads: the fact's meaning, then its words.
  await expect(next).toHaveText("Next step: No task");
  await expect(page.locator("[data-strip-item=contact]")).toHaveText("Last SMS: 38 days ago");
  await expect(page.locator("[data-strip]")).toHaveAttribute("aria-label", "At a glance");

  await open(page, "leads", 1001, USERS.en);
  await expect(page.locator("[data-strip-item=next]")).toContainText("Next step: Overdue");
  await expect(page.locator("[data-strip-item=next]")).toHaveClass(/is-warn/);

  await open(page, "customers", 5001, USERS.en);
  await expect(page.locator("[data-strip-item=next-purchase]")).toHaveText("Next purchase: In 5 days");
  await expect(page.locator("[data-strip-item=next-purchase]")).not.toHaveClass(/is-warn/);
});

test("the strip sits under the header and survives a refresh", async ({ page }) => {
  await open(page, "leads", 1001, USERS.ru);
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  const head = await page.locator(".card-head").boundingBox();
  const strip = await page.locator("[data-strip]").boundingBox();
  expect(strip!.y).toBeGreaterThanOrEqual(head!.y + head!.height - 16);
  await page.locator("[data-enhance=refresh]").click();
  await expect(page.locator("[data-strip-item]")).toHaveCount(3);
});
