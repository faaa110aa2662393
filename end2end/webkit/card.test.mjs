// The card in WebKit (WebKitGTK's MiniBrowser through WebKitWebDriver), the
// engine family of the iOS WebView the card lives in. Run by `make test`
// (`make test-webkit`) under Xvfb; it starts the demo server and the driver.
import { test as nodeTest, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { Builder, By, until } from "selenium-webdriver";
import { demoServerEnv, SERVER_COMMAND } from "../demo-server.mjs";

const PORT = Number(process.env.WEBKIT_E2E_PORT ?? 3420);
const DRIVER_PORT = Number(process.env.WEBKIT_DRIVER_PORT ?? 4445);
const BASE = `http://127.0.0.1:${PORT}`;
const SHOTS = new URL("../test-results/", import.meta.url).pathname;
const WAIT = 15_000;
/** No test may hang the run. */
const test = (name, fn) => nodeTest(name, { timeout: 90_000 }, fn);

let server;
let nextDriverPort = DRIVER_PORT;

async function waitFor(url) {
  const until = Date.now() + 60_000;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {}
    if (Date.now() > until) throw new Error(`${url} did not come up`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

before(async () => {
  server = spawn(SERVER_COMMAND, {
    cwd: new URL("../..", import.meta.url).pathname,
    env: { ...process.env, ...demoServerEnv(PORT, process.env.WEBKIT_DATABASE_URL) },
    stdio: ["ignore", "inherit", "inherit"],
  });
  await waitFor(`${BASE}/healthz`);
  mkdirSync(SHOTS, { recursive: true });
});

after(() => {
  server?.kill();
});

/** Starts WebKitWebDriver and a MiniBrowser session on it, within `ms`. */
async function startBrowser(ms) {
  const port = nextDriverPort++;
  const webdriver = spawn("WebKitWebDriver", [`--port=${port}`], { stdio: ["ignore", "ignore", "inherit"] });
  const timer = new Promise((_, reject) => setTimeout(() => reject(new Error("WebKit did not start")), ms));
  const session = (async () => {
    await waitFor(`http://127.0.0.1:${port}/status`);
    return new Builder()
      .usingServer(`http://127.0.0.1:${port}`)
      .withCapabilities({
        browserName: "MiniBrowser",
        "webkitgtk:browserOptions": {
          binary: process.env.MINIBROWSER ?? "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
          args: ["--automation"],
        },
      })
      .build();
  })();
  try {
    return { driver: await Promise.race([session, timer]), webdriver };
  } catch (e) {
    webdriver.kill("SIGKILL");
    throw e;
  }
}

/** A fresh WebKit window (its own cookies) on its own driver, closed after
 *  `body`. A browser that fails to start is retried: that is the harness, not
 *  the card. */
async function withBrowser(body) {
  let started;
  for (let attempt = 1; !started; attempt++) {
    try {
      started = await startBrowser(20_000);
    } catch (e) {
      if (attempt >= 3) throw e;
    }
  }
  const { driver, webdriver } = started;
  try {
    await fetch(`${BASE}/__demo/reset`, { method: "POST" });
    await body(driver);
  } finally {
    await driver.quit().catch(() => {});
    webdriver.kill();
  }
}

const js = (driver, script, ...args) => driver.executeScript(script, ...args);

async function openCard(driver, kind, id) {
  await driver.get(`${BASE}/__demo/open?kind=${kind}&id=${id}`);
  await hydrated(driver);
}

async function hydrated(driver) {
  await driver.wait(
    async () => (await js(driver, "return document.documentElement.dataset.hydrated")) === "true",
    WAIT,
    "the islands did not hydrate",
  );
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Retries `act` until it succeeds: like Playwright, wait for the element to
 *  exist, show, stop moving (sheets slide in) and take input. */
async function settle(act, what) {
  const deadline = Date.now() + WAIT;
  for (;;) {
    try {
      return await act();
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`${what}: ${e.name} ${e.message}`);
      await sleep(100);
    }
  }
}

function locate(css, text) {
  return text
    ? By.xpath(`//*[contains(concat(' ', @class, ' '), ' ${css} ') and contains(., '${text}')]`)
    : By.css(css);
}

async function click(driver, css, text) {
  // WebDriver clicks at coordinates: a sheet still sliding in would take the
  // click on its backdrop. Wait for animations to end first.
  await driver.wait(
    async () => js(driver, "return document.getAnimations().every((a) => a.playState !== 'running')"),
    WAIT,
    "animations never settled",
  );
  return settle(async () => {
    const el = await driver.findElement(locate(css, text));
    await el.click();
    return el;
  }, `click ${css} ${text ?? ""}`);
}

async function type(driver, css, keys) {
  return settle(async () => (await driver.findElement(By.css(css))).sendKeys(keys), `type into ${css}`);
}

async function textOf(driver, css) {
  const el = await driver.wait(until.elementLocated(By.css(css)), WAIT);
  return el.getText();
}

async function waitText(driver, css, expected) {
  await driver.wait(async () => {
    const els = await driver.findElements(By.css(css));
    return els.length > 0 && (await els[0].getText()).includes(expected);
  }, WAIT, `${css} never said ${expected}`);
}

/** The keyboard takes the lower half: the visible part of the window halves,
 *  and the button `save` names must stay in full view. */
async function keyboardUp(driver, save) {
  const { width, height } = await driver.manage().window().getRect();
  await driver.manage().window().setRect({ width, height: Math.round(height / 2) });
  await driver.wait(
    async () =>
      js(
        driver,
        `const b = document.querySelector(arguments[0]).getBoundingClientRect();
         const v = window.visualViewport;
         return b.height > 0 && b.top >= 0 && b.bottom <= v.height + 1;`,
        save,
      ),
    WAIT,
    "Save is under the keyboard",
  );
}

const notesPosted = async () => (await (await fetch(`${BASE}/__demo/stats`)).json()).notes;

test("lead card renders, hydrates, and the token leaves the address bar", () =>
  withBrowser(async (driver) => {
    await openCard(driver, "leads", 1001);
    assert.equal(await textOf(driver, ".card-content[data-card-state=ok] .card-name"), "Поставка оборудования для склада");
    const url = await driver.getCurrentUrl();
    assert.ok(!url.includes("token="), url);
    assert.ok(await driver.findElement(By.css('a[href="tel:+79001234567"]')).isDisplayed());
  }));

test("customer card renders and hydrates", () =>
  withBrowser(async (driver) => {
    await openCard(driver, "customers", 5001);
    assert.equal(await textOf(driver, ".card-content[data-card-state=ok] .card-name"), "Сеть кофеен «Зерно»");
  }));

test("a reload in the same window keeps the session", () =>
  withBrowser(async (driver) => {
    await openCard(driver, "leads", 1001);
    await driver.navigate().refresh();
    await hydrated(driver);
    assert.equal(await textOf(driver, ".card-content[data-card-state=ok] .card-name"), "Поставка оборудования для склада");
  }));

for (const width of [320, 390]) {
  test(`no horizontal scroll at ${width} px`, () =>
    withBrowser(async (driver) => {
      // The window cannot be that narrow; the preview frames the card at the width.
      await driver.get(`${BASE}/preview?kind=leads&width=${width}`);
      const frame = await driver.wait(until.elementLocated(By.css("iframe#card")), WAIT);
      await driver.switchTo().frame(frame);
      await driver.wait(until.elementLocated(By.css(".card-content[data-card-state=ok]")), WAIT);
      const [scroll, client] = await js(driver, "const d = document.documentElement; return [d.scrollWidth, d.clientWidth]");
      assert.equal(client, width);
      assert.ok(scroll <= client, `scrollWidth ${scroll} > ${client}`);
      // The status strip in WebKit: its icons are drawn (masks), its facts
      // share one line at 390 px and stay inside the strip at 320 px.
      const strip = await js(driver, `const s = document.querySelector("[data-strip]");
        const items = [...s.querySelectorAll("[data-strip-item]")];
        return items.map((li) => { const r = li.getBoundingClientRect(), i = li.querySelector(".strip-icon");
          const st = getComputedStyle(i);
          return [Math.round(r.top), r.right <= s.getBoundingClientRect().right + 0.5,
            i.getBoundingClientRect().width, st.webkitMaskImage || st.maskImage]; })`);
      assert.equal(strip.length, 3, JSON.stringify(strip));
      for (const [, inside, icon, mask] of strip) {
        assert.ok(inside && icon > 0 && mask && mask !== "none", JSON.stringify(strip));
      }
      if (width === 390) assert.equal(new Set(strip.map(([top]) => top)).size, 1, JSON.stringify(strip));
    }));
}

test("a note is added through the island", () =>
  withBrowser(async (driver) => {
    await openCard(driver, "leads", 1001);
    await click(driver, "action", "Заметка");
    await type(driver, ".note-form textarea", "Заметка из WebKit");
    await click(driver, ".note-form button[type=submit]");
    await waitText(driver, ".quick-actions .toast", "Заметка добавлена");
    assert.equal(await notesPosted(), 1);
  }));

test("a task is created, then completed", () =>
  withBrowser(async (driver) => {
    await openCard(driver, "leads", 1005);
    await click(driver, "action", "Задача");
    await type(driver, ".task-form input[name=text]", "Отправить договор");
    await click(driver, "preset", "Сегодня");
    await click(driver, ".task-form button[type=submit]");
    await waitText(driver, ".quick-actions .toast", "Задача создана");
    await click(driver, ".refresh");
    const row = await driver.wait(until.elementLocated(By.xpath("//li[contains(@class,'task') and contains(., 'Отправить договор')]")), WAIT);
    await settle(async () => (await row.findElement(By.css(".complete-open"))).click(), "complete");
    await settle(async () => (await row.findElement(By.css("input[name=result]"))).sendKeys("Отправлен"), "result");
    await settle(async () => (await row.findElement(By.css(".complete-form button[type=submit]"))).click(), "done");
    await driver.wait(until.elementIsNotVisible(row), WAIT);
  }));

test("a stage move asks for confirmation before closing the lead", () =>
  withBrowser(async (driver) => {
    await openCard(driver, "leads", 1001);
    await click(driver, "action", "Этап");
    await click(driver, "status-option", "Успешно реализовано");
    await waitText(driver, ".status-close[open] .confirm-question", "Закрыть сделку как успешную?");
    await click(driver, ".status-close[open] .button.confirm");
    await waitText(driver, ".card-status .pill", "Успешно реализовано");
  }));

test("a field edit's sheet stays above the keyboard and saves", () =>
  withBrowser(async (driver) => {
    await openCard(driver, "leads", 1001);
    await click(driver, "[data-editable=price] .edit-open");
    await type(driver, "[data-editable=price] input[name=value]", "4200000");
    await keyboardUp(driver, "[data-editable=price] button[type=submit]");
    await click(driver, "[data-editable=price] button[type=submit]");
    await waitText(driver, "[data-editable=price] .edit-open", "4");
    await waitText(driver, "[data-enhance=refresh-status]", "Поле сохранено");
  }));

test("a gated move's sheet keeps Save above the keyboard and lands with the field", () =>
  withBrowser(async (driver) => {
    await openCard(driver, "leads", 1001);
    await click(driver, "action", "Этап");
    // "Договор подписан" needs the contract number the lead lacks.
    await click(driver, "summary[data-requires]");
    await type(driver, ".status-close[open] input[name=cf_114]", "Д-2026/14");
    await keyboardUp(driver, ".status-close[open] .button.confirm");
    await click(driver, ".status-close[open] .button.confirm");
    await waitText(driver, ".card-status .pill", "Договор подписан");
  }));

test("the after-meeting sheet fits the phone and saves", () =>
  withBrowser(async (driver) => {
    await openCard(driver, "leads", 1001);
    await click(driver, ".wrap-up-open");
    await type(driver, ".wrap-form textarea[name=note]", "Итоги встречи из WebKit");
    await click(driver, "stage-chip", "Принимают решение");
    const overflow = await js(driver, "return document.documentElement.scrollWidth - window.innerWidth");
    assert.ok(overflow <= 0, `the sheet scrolls sideways by ${overflow} px`);
    await click(driver, ".wrap-form button[type=submit]");
    await waitText(driver, ".card-status .pill", "Принимают решение");
    assert.equal(await notesPosted(), 1);
  }));

test("the details toggle works", () =>
  withBrowser(async (driver) => {
    // With a parameter: `/` alone is the demo's start page.
    await driver.get(`${BASE}/?from=ios`);
    await hydrated(driver);
    const button = await driver.findElement(By.css(".disclosure button"));
    const detail = await driver.findElement(By.css(".disclosure-detail"));
    assert.equal(await detail.isDisplayed(), false);
    await button.click();
    await driver.wait(until.elementIsVisible(detail), WAIT);
    assert.equal(await button.getAttribute("aria-expanded"), "true");
  }));

for (const scheme of ["light", "dark"]) {
  for (const kind of ["leads", "customers"]) {
    test(`${kind} card in ${scheme} at 390 px: renders, screenshot saved`, () =>
      withBrowser(async (driver) => {
        await driver.get(`${BASE}/preview?kind=${kind}&scheme=${scheme}&width=390`);
        const frame = await driver.wait(until.elementLocated(By.css("iframe#card")), WAIT);
        await driver.switchTo().frame(frame);
        await driver.wait(until.elementLocated(By.css(".card-content[data-card-state=ok]")), WAIT);
        await hydrated(driver);
        const bg = await js(driver, "return getComputedStyle(document.body).backgroundColor");
        assert.equal(bg, scheme === "dark" ? "rgb(0, 0, 0)" : "rgb(242, 242, 247)");
        // WebKitGTK shoots an element inside a frame wrongly: shoot the frame
        // (390 px wide; as tall as the window shows).
        await driver.switchTo().defaultContent();
        const png = await frame.takeScreenshot();
        writeFileSync(`${SHOTS}webkit-${kind}-${scheme}-390.png`, png, "base64");
      }));
  }
}
