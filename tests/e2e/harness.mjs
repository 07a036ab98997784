// Shared set-up of the end-to-end tests: where the bundle is, which Chromium to drive and with which
// flags (Debian's, headless, as root, no background networking). Every *.test.mjs imports these.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, "../..");
// E2E_DIST (or DIST) points the tests at another bundle, e.g. a deliberately broken copy.
export const DIST = path.resolve(process.env.E2E_DIST || process.env.DIST || path.join(ROOT, "dist"));
export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--no-first-run",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
];

/** The native CLI the pages are checked against: `LICHENG_CLI` when set (scripts/test builds it once,
 * before the end-to-end tests start, so that no test file rebuilds it while another runs it), else the
 * release CLI of this tree, built now (a no-op when it is up to date). */
export function nativeCli() {
  if (process.env.LICHENG_CLI) return path.resolve(process.env.LICHENG_CLI);
  execFileSync("cargo", ["build", "--quiet", "--release", "--bin", "licheng"], { cwd: ROOT, stdio: "inherit" });
  const target = process.env.CARGO_TARGET_DIR ? path.resolve(ROOT, process.env.CARGO_TARGET_DIR) : path.join(ROOT, "target");
  return path.join(target, "release/licheng");
}

/** Presses Tab, then Shift+Tab, `presses` times each, and asserts that focus never leaves the
 * element `containerId` (a modal dialog) and that it does move among at least three elements. */
export async function assertTabStaysInside(page, containerId, presses = 30) {
  for (const key of ["Tab", "Shift+Tab"]) {
    const seen = new Set();
    for (let i = 1; i <= presses; i++) {
      await page.keyboard.press(key);
      const where = await page.evaluate((id) => {
        const active = document.activeElement;
        const box = document.getElementById(id);
        return {
          inside: Boolean(active && box && box.contains(active)),
          name: active ? `${active.tagName}#${active.id}.${active.getAttribute("aria-label") ?? ""}` : "nothing",
        };
      }, containerId);
      assert.ok(where.inside, `${key} number ${i} took focus out of #${containerId}, to ${where.name}`);
      seen.add(where.name);
    }
    assert.ok(seen.size >= 3, `${key} moved focus among only ${[...seen].join(", ")}`);
  }
}

/** Whether the timing figures run (`scripts/figures` sets LICHENG_FIGURES=1): they are benchmarks,
 * not checks, and the default test run skips them. */
export const FIGURES = process.env.LICHENG_FIGURES === "1";
/** The `test` options of a figure: skipped outside `scripts/figures`. */
export const FIGURE = { skip: FIGURES ? false : "a benchmark figure: scripts/figures prints it" };

/** Polls `check` (async; done when it returns something truthy, which is returned) every 5 ms.
 * Fails after `timeout` ms with `what`: a bound for a machine a hundred times slower, not a race. */
export async function until(check, what, timeout = 120000) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    assert.ok(Date.now() < end, `waited ${timeout} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Holds the Monte Carlo workers (`workers`, all the page's by default) with their test switch
 * (`lichengHold`, src/worker/mod.rs): each job stops drawing at its next slice, answering only
 * requests, until `releaseWorkers`. */
export async function holdWorkers(page, workers = page.workers()) {
  assert.ok(workers.length > 0, "the page has no worker to hold");
  for (const worker of workers) {
    await worker.evaluate(() => {
      self.lichengHold = true;
    });
  }
}

/** Lifts the hold of `holdWorkers`. */
export async function releaseWorkers(page, workers = page.workers()) {
  for (const worker of workers) await worker.evaluate(() => (self.lichengHold = false));
}

/** Waits until every worker of the page waits for its next request (`lichengBusy` false). */
export async function workersIdle(page) {
  await until(async () => {
    for (const worker of page.workers()) {
      if (await worker.evaluate(() => self.lichengBusy !== false)) return false;
    }
    return true;
  }, "the workers to be idle");
}

/** Starts the bundle's server (or uses `server`, from `startServer`, which it then leaves running)
 * and a fresh Chromium profile that accepts downloads; `close()` ends both and removes the profile.
 * `viewport` as Playwright takes it. */
export async function launch({ viewport = { width: 1366, height: 768 }, acceptDownloads = true, server: given = null } = {}) {
  const { chromium } = await import("playwright-core");
  const { startServer } = await import("../../scripts/static-server.mjs");
  const { mkdtemp, rm } = await import("node:fs/promises");
  const os = await import("node:os");
  const server = given ?? (await startServer({ root: DIST }));
  const profileDir = await mkdtemp(path.join(os.tmpdir(), "licheng-e2e-profile-"));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    acceptDownloads,
  });
  return {
    context,
    server,
    async close() {
      await context.close();
      if (!given) await server.close();
      await rm(profileDir, { recursive: true, force: true });
    },
  };
}

/** Opens `query` in a new tab of `browser` (from `launch`), collecting console errors, uncaught
 * exceptions and dialogs (each dismissed); with `today` (a Date) the page's clock reads that instant
 * (timers still run), so the current year is the test's, not the machine's; with `clock`, Playwright's
 * fake timers are installed (running on with real time until the test pauses them); `init`, a script
 * run before the page's own. Resolves once the whole page has taken over from the first view
 * (unless `whole` is false), `ready` is in `readyState` (the target table shown, by default) and
 * the page has painted. */
export async function openPage(
  browser,
  query = "",
  { today = null, clock = false, init = null, ready = "#targets-table", readyState = "visible", whole = true } = {},
) {
  const page = await browser.context.newPage();
  const problems = [];
  const dialogs = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`exception: ${err}`));
  page.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  if (clock) await page.clock.install();
  if (today) await page.clock.setFixedTime(today);
  if (init) await page.addInitScript(init);
  await page.goto(browser.server.url + query, { waitUntil: "load" });
  if (whole) await wholePage(page);
  await page.locator(ready).waitFor({ state: readyState, timeout: 60000 });
  await settle(page);
  return { page, problems, dialogs };
}

/** Waits until the whole page has taken over from the first view (`<html data-page="whole">`). */
export async function wholePage(page) {
  await page.waitForFunction(() => document.documentElement.dataset.page === "whole", null, { timeout: 60000 });
}

/** Closes a tab of `openPage` and asserts it logged no error and opened no dialog. */
export async function closePage({ page, problems, dialogs = [] }) {
  await page.close();
  assert.deepEqual(problems, [], "the page logged errors");
  assert.deepEqual(dialogs, [], "the page opened a dialog");
}

/** Waits until the page has rendered and painted. */
export async function settle(page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** Waits for the Monte Carlo run with a run id above `afterRunId` to finish; returns #mc-status's data. */
export async function monteCarloDone(page, afterRunId = 0) {
  await page.waitForFunction(
    (after) => {
      const el = document.getElementById("mc-status");
      return el && el.dataset.done === "true" && Number(el.dataset.runId) > after;
    },
    afterRunId,
    { timeout: 120000 },
  );
  return page.locator("#mc-status").evaluate((el) => ({ ...el.dataset }));
}
