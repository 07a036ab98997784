// The first view and the whole page (src/ui/app.rs, src/ui/handoff.rs, www/boot.js): the first
// load shows the dashboard and the levers and works alone; the whole page loads after it and takes
// over exactly where the analyst is. The whole page's module is held (or refused) by routing its
// request, so each test decides when it arrives: nothing races a timer.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage, closePage, settle, monteCarloDone, wholePage } from "./harness.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Holds every request for the whole page's files until `release()` is called. */
async function holdWholePage(page) {
  let release;
  const released = new Promise((resolve) => (release = resolve));
  await page.route(/\/workbench(_bg\.wasm|\.js)(\?|$)/, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

test("the first view works before the whole page arrives: answers, levers, Monte Carlo", async () => {
  const context = browser.context;
  const page = await context.newPage();
  const release = await holdWholePage(page);
  await page.goto(browser.server.url + "?v=1&mig=3000", { waitUntil: "load" });
  await page.locator("#targets-table").waitFor({ state: "visible", timeout: 60000 });
  assert.equal(await page.evaluate(() => document.documentElement.dataset.page), "first-view");
  const done = await monteCarloDone(page);
  assert.equal(await page.locator("#targets-table .target-probability[data-value]").count() > 0, true, "no probability shown");
  // The levers move the answers.
  const before = await page.locator("#headline-population").getAttribute("data-value");
  await page.locator("#lever-mig-number").fill("6000");
  await page.locator("#lever-mig-number").press("Enter");
  await settle(page);
  assert.notEqual(await page.locator("#headline-population").getAttribute("data-value"), before);
  await monteCarloDone(page, Number(done.runId));
  // What the first view leaves to the whole page is not there yet.
  assert.equal(await page.locator("#share").count(), 0);
  assert.equal(await page.locator("#export-panel, #saved-panel, #actuals-panel").count(), 0);
  release();
  await wholePage(page);
  await page.close();
});

test("the whole page takes over where the first view was: levers, undo, settings, tab, focus and unsaved text", async () => {
  const page = await browser.context.newPage();
  const release = await holdWholePage(page);
  await page.goto(browser.server.url + "?v=1&lang=en", { waitUntil: "load" });
  await page.locator("#targets-table").waitFor({ state: "visible", timeout: 60000 });
  const [tfr0, mig0] = [await page.locator("#lever-tfr-number").inputValue(), await page.locator("#lever-mig-number").inputValue()];
  await page.locator("#lever-tfr-number").fill("0.91");
  await page.locator("#lever-tfr-number").press("Enter");
  await page.locator("#lever-mig-number").fill("2500");
  await page.locator("#lever-mig-number").press("Enter");
  await page.locator("#mc-draws").selectOption("5000");
  await page.locator("#tab-methods").click();
  await monteCarloDone(page);
  await page.locator("#scenario-name").fill("East side, draft");
  await settle(page);
  const shownBefore = await page.locator("#headline-population").getAttribute("data-value");
  const probabilitiesBefore = await page.locator("#targets-table .target-probability").allTextContents();

  release();
  await wholePage(page);
  await settle(page);
  assert.equal(await page.locator(".app").count(), 1, "the first view's page is gone");
  assert.equal(await page.locator("#lever-tfr-number").inputValue(), "0.91");
  assert.equal(await page.locator("#lever-mig-number").inputValue(), "2500");
  assert.equal(await page.locator("#headline-population").getAttribute("data-value"), shownBefore);
  assert.equal(await page.locator("#mc-draws").inputValue(), "5000");
  assert.equal(await page.locator("#tab-methods").getAttribute("aria-selected"), "true");
  assert.ok(await page.locator("#panel-methods").isVisible(), "the methods tab is not shown");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "scenario-name", "the focus is lost");
  assert.equal(await page.locator("#scenario-name").inputValue(), "East side, draft");
  // The whole page runs the same draws again and shows the same probabilities (that the first
  // view's stay on screen meanwhile is src/ui/handoff.rs's test: here it would race the worker).
  await monteCarloDone(page);
  assert.deepEqual(await page.locator("#targets-table .target-probability").allTextContents(), probabilitiesBefore);
  // The first view's steps can be undone in the whole page.
  await page.locator("#scenario-name").press("Tab");
  await page.locator("#undo").click();
  await settle(page);
  assert.equal(await page.locator("#lever-mig-number").inputValue(), mig0);
  assert.equal(await page.locator("#lever-tfr-number").inputValue(), "0.91");
  await page.locator("#undo").click();
  await settle(page);
  assert.equal(await page.locator("#lever-tfr-number").inputValue(), tfr0);
  await page.close();
});

test("when the whole page cannot load, the first view stays and works and says so, without the crash panel", async () => {
  const page = await browser.context.newPage();
  const errors = [];
  page.on("pageerror", (err) => errors.push(String(err)));
  await page.route(/\/workbench_bg\.wasm(\?|$)/, (route) => route.abort());
  await page.goto(browser.server.url, { waitUntil: "load" });
  await page.locator("#targets-table").waitFor({ state: "visible", timeout: 60000 });
  await page.waitForFunction(() => document.documentElement.dataset.wholeFailed !== undefined, null, { timeout: 60000 });
  assert.equal(await page.evaluate(() => document.documentElement.dataset.page), "first-view");
  assert.equal(await page.locator("#crash-panel").count(), 0);
  // It says what did not load and how to get it, in both languages.
  assert.match(await page.locator("#whole-failed").textContent(), /请刷新页面重试.*Reload the page to try again/s);
  await page.locator("#lever-mig-number").fill("4000");
  await page.locator("#lever-mig-number").press("Enter");
  await settle(page);
  assert.equal(await page.locator("#lever-mig-number").inputValue(), "4000");
  assert.deepEqual(errors, []);
  await page.close();
});

test("a link opens the same scenario in the whole page as in the first view", async () => {
  const query = "?v=1&tfr=0.85&mig=2000&x.population.2025=421000&lang=en";
  const p = await openPage(browser, query);
  const shown = await p.page.locator("#headline-population").getAttribute("data-value");
  const page = await browser.context.newPage();
  const release = await holdWholePage(page);
  await page.goto(browser.server.url + query, { waitUntil: "load" });
  await page.locator("#targets-table").waitFor({ state: "visible", timeout: 60000 });
  assert.equal(await page.locator("#headline-population").getAttribute("data-value"), shown);
  release();
  await wholePage(page);
  await page.close();
  await closePage(p);
});
