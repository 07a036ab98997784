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

/** A new page at `query` showing the first view, the whole page's files held until `release()`. */
async function openFirstView(query) {
  const page = await browser.context.newPage();
  const release = await holdWholePage(page);
  await page.goto(browser.server.url + query, { waitUntil: "load" });
  await page.locator("#targets-table").waitFor({ state: "visible", timeout: 60000 });
  return { page, release };
}

/** Two undos: the first takes back the migration lever alone (fertility stays at `tfr`), the
 * second the fertility (back to `tfr0`). */
async function undoMigrationThenFertility(page, { mig0, tfr, tfr0 }) {
  await page.locator("#undo").click();
  await settle(page);
  assert.equal(await page.locator("#lever-mig-number").inputValue(), mig0);
  assert.equal(await page.locator("#lever-tfr-number").inputValue(), tfr);
  await page.locator("#undo").click();
  await settle(page);
  assert.equal(await page.locator("#lever-tfr-number").inputValue(), tfr0);
}

test("the first view works before the whole page arrives: answers, levers, Monte Carlo", async () => {
  const { page, release } = await openFirstView("?v=1&mig=3000");
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
  const { page, release } = await openFirstView("?v=1&lang=en");
  const [tfr0, mig0] = [await page.locator("#lever-tfr-number").inputValue(), await page.locator("#lever-mig-number").inputValue()];
  await page.locator("#lever-tfr-number").fill("0.91");
  await page.locator("#lever-tfr-number").press("Enter");
  await page.locator("#lever-mig-number").fill("2500");
  await page.locator("#lever-mig-number").press("Enter");
  await page.locator("#mc-draws").selectOption("5000");
  await page.locator("#tab-methods").click();
  const run = await monteCarloDone(page);
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
  // The finished run is not drawn again: the same run, done, its probabilities on screen.
  const status = await page.locator("#mc-status").evaluate((el) => ({ ...el.dataset }));
  assert.equal(status.done, "true");
  assert.equal(status.runId, run.runId);
  assert.deepEqual(await page.locator("#targets-table .target-probability").allTextContents(), probabilitiesBefore);
  // The first view's steps can be undone in the whole page.
  await page.locator("#scenario-name").press("Tab");
  await undoMigrationThenFertility(page, { mig0, tfr: "0.91", tfr0 });
  await page.close();
});

test("a slider held while the whole page arrives is handed over on release, its drag one undo step", async () => {
  const { page, release } = await openFirstView("?v=1");
  const [tfr0, mig0] = [await page.locator("#lever-tfr-number").inputValue(), await page.locator("#lever-mig-number").inputValue()];
  await page.locator("#lever-tfr-number").fill("0.9");
  await page.locator("#lever-tfr-number").press("Enter");
  await settle(page);
  await page.locator("#lever-mig").scrollIntoViewIfNeeded();
  const box = await page.locator("#lever-mig").boundingBox();
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.5, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.7, y, { steps: 3 });
  release();
  await page.waitForFunction(() => document.documentElement.dataset.wholeLoaded === "true", null, { timeout: 60000 });
  assert.equal(await page.evaluate(() => document.documentElement.dataset.page), "first-view", "handed over mid-drag");
  await page.mouse.move(box.x + box.width * 0.8, y, { steps: 3 });
  await page.mouse.up();
  await wholePage(page);
  await settle(page);
  const dragged = await page.locator("#lever-mig-number").inputValue();
  assert.notEqual(dragged, mig0, "the drag moved nothing");
  assert.equal(await page.locator("#lever-tfr-number").inputValue(), "0.9");
  // One undo takes back the drag alone, the next the typed fertility.
  await undoMigrationThenFertility(page, { mig0, tfr: "0.9", tfr0 });
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
  // The tabs the whole page would have filled say so too, instead of loading for ever.
  await page.locator("#tab-methods").click();
  await page.locator("#panel-methods .deferred-failed").waitFor({ state: "visible" });
  assert.match(await page.locator("#panel-methods").textContent(), /本部分未能加载。请刷新页面重试/);
  assert.equal(await page.locator(".deferred-loading").count(), 0);
  await page.locator("#lever-mig-number").fill("4000");
  await page.locator("#lever-mig-number").press("Enter");
  await settle(page);
  assert.equal(await page.locator("#lever-mig-number").inputValue(), "4000");
  assert.deepEqual(errors, []);
  await page.close();
});

test("a failure once the first view has handed over shows the recoverable crash panel, with the scenario's link", async () => {
  const page = await browser.context.newPage();
  // A whole page that loads but fails as it takes over.
  await page.route(/\/workbench\.js(\?|$)/, (route) =>
    route.fulfill({
      contentType: "text/javascript",
      body: "export default async function () {}\nexport function take_over() { throw new Error('take-over failed'); }\n",
    }),
  );
  await page.goto(browser.server.url + "?v=1&mig=3000", { waitUntil: "load" });
  await page.locator("#crash-panel").waitFor({ state: "visible", timeout: 60000 });
  assert.match(await page.locator("#crash-diagnostics").inputValue(), /take-over failed/);
  assert.match(await page.locator("#crash-reopen").getAttribute("href"), /mig=3000/);
  assert.equal(await page.locator("#whole-failed").count(), 0);
  await page.close();
});

test("a link opens the same scenario in the whole page as in the first view", async () => {
  const query = "?v=1&tfr=0.85&mig=2000&x.population.2025=421000&lang=en";
  const p = await openPage(browser, query);
  const shown = await p.page.locator("#headline-population").getAttribute("data-value");
  const { page, release } = await openFirstView(query);
  assert.equal(await page.locator("#headline-population").getAttribute("data-value"), shown);
  release();
  await wholePage(page);
  await page.close();
  await closePage(p);
});
