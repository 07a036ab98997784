// Accessibility and first-paint checks: axe-core (from npm, injected through the
// DevTools protocol, so the page's CSP is untouched) reports no serious or critical violation on every
// tab in both languages; the levers work by keyboard alone with a visible focus; and the time from
// navigation to the first chart is printed as a figure. Same harness as smoke.test.mjs.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { startServer } from "../../scripts/static-server.mjs";

import { HERE, ROOT, DIST, CHROMIUM, CHROMIUM_ARGS, FIGURE, wholePage } from "./harness.mjs";
const AXE = readFileSync(path.join(HERE, "node_modules/axe-core/axe.min.js"), "utf8");
const TABS = ["dashboard", "workplan", "sources", "methods"];

let profileDir;
let context;
let server;

before(async () => {
  assert.ok(existsSync(path.join(DIST, "index.html")), `no ${DIST}/index.html: run scripts/build-dist first`);
  server = await startServer({ root: DIST });
  profileDir = await mkdtemp(path.join(os.tmpdir(), "licheng-e2e-a11y-profile-"));
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1366, height: 768 },
  });
});

after(async () => {
  await context?.close();
  await server?.close();
  if (profileDir) await rm(profileDir, { recursive: true, force: true });
});

async function open() {
  const page = await context.newPage();
  await page.goto(server.url, { waitUntil: "load" });
  await wholePage(page);
  await page.locator("#targets-table").waitFor({ state: "visible", timeout: 20000 });
  return page;
}

/** Serious and critical axe violations on the page as it is now. */
async function axeViolations(page) {
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return {
      passes: r.passes.length,
      violations: r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
      })),
    };
  });
  // axe really ran: a page this size passes dozens of rules (colour contrast, labels, ARIA …).
  assert.ok(result.passes >= 10, `axe checked only ${result.passes} rules`);
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

test("axe-core finds no serious or critical violation on any tab, in Chinese and English", async () => {
  const page = await open();
  for (const lang of ["zh", "en"]) {
    if (lang === "en") {
      await page.click("#lang-toggle");
    }
    for (const tab of TABS) {
      await page.click(`#tab-${tab}`);
      await page.locator(`#panel-${tab}`).waitFor({ state: "visible" });
      const violations = await axeViolations(page);
      assert.deepEqual(violations, [], `${lang}/${tab}: ${JSON.stringify(violations, null, 1)}`);
    }
  }
  await page.close();
});

test("axe: the baseline-figure editor with an edit and an error, the custom-baseline banner and the share panel's note", async () => {
  const page = await open();
  await page.locator("#baseline-import").setInputFiles({
    name: "population.csv",
    mimeType: "text/csv",
    buffer: readFileSync(path.join(ROOT, "seeds/baseline-population-2024.csv")),
  });
  await page.locator("#baseline-figure-junior_capacity").fill("12000");
  await page.locator("#baseline-figure-junior_capacity").press("Enter");
  await page.waitForFunction(() => document.querySelectorAll("#custom-baseline-banner .custom-baseline-item").length === 2);
  // A typed value out of range: the message is shown while the field keeps focus.
  await page.locator("#baseline-figure-primary_capacity").fill("-5");
  await page.locator("#baseline-figure-primary_capacity-error").waitFor({ state: "visible" });
  for (const lang of ["zh", "en"]) {
    if (lang === "en") {
      await page.click("#lang-toggle");
      await page.locator("#baseline-figure-primary_capacity").fill("-5");
      await page.locator("#baseline-figure-primary_capacity-error").waitFor({ state: "visible" });
    }
    let violations = await axeViolations(page);
    assert.deepEqual(violations, [], `${lang}, editor and banner: ${JSON.stringify(violations, null, 1)}`);
    await page.click("#share");
    await page.locator("#share-population-note").waitFor({ state: "visible" });
    violations = await axeViolations(page);
    assert.deepEqual(violations, [], `${lang}, share panel: ${JSON.stringify(violations, null, 1)}`);
    await page.click("#share-close");
  }
  await page.close();
});

test("a lever can be moved by keyboard alone, with a visible focus", async () => {
  const page = await open();
  const before = await page.locator("#headline-population").getAttribute("data-value");
  // Tab until the net-migration slider has focus (bounded).
  let found = false;
  for (let i = 0; i < 200 && !found; i++) {
    await page.keyboard.press("Tab");
    found = await page.evaluate(() => document.activeElement?.id === "lever-mig");
  }
  assert.ok(found, "Tab never reached the net-migration slider");
  const outline = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth), shadow: s.boxShadow };
  });
  assert.ok((outline.style !== "none" && outline.width > 0) || outline.shadow !== "none", `focus is not visible: ${JSON.stringify(outline)}`);
  for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Tab"); // a change event commits the move
  await page.waitForFunction(
    (b) => document.getElementById("headline-population")?.getAttribute("data-value") !== b,
    before,
    { timeout: 5000 },
  );
  await page.close();
});

test("figure: time from navigation to the first chart, and to the whole page", FIGURE, async () => {
  const times = [];
  const whole = [];
  for (let i = 0; i < 5; i++) {
    const page = await context.newPage();
    await page.addInitScript(() => {
      const observer = new MutationObserver(() => {
        if (window.__firstChartMs === undefined && document.querySelector("#chart-population svg")) {
          window.__firstChartMs = performance.now();
        }
        if (document.documentElement.dataset.page === "whole") {
          window.__wholeMs = performance.now();
          observer.disconnect();
        }
      });
      observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ["data-page"] });
    });
    await page.goto(`${server.url}?fresh=${i}`, { waitUntil: "load" });
    await page.waitForFunction(() => window.__wholeMs !== undefined, null, { timeout: 20000 });
    times.push(await page.evaluate(() => window.__firstChartMs));
    whole.push(await page.evaluate(() => window.__wholeMs));
    await page.close();
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(`figure: time_to_first_chart_ms=${median.toFixed(0)} (median of ${times.length} loads from 127.0.0.1; the first load also compiles the Wasm)`);
  whole.sort((a, b) => a - b);
  console.log(`figure: time_to_whole_page_ms=${whole[Math.floor(whole.length / 2)].toFixed(0)} (median of ${whole.length} loads: the whole page has taken over)`);
});
