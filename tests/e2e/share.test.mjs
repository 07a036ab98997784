// End-to-end tests of sharing: the link in the address bar is the
// scenario (a copied link gives the same target table in a fresh browser), bad and hostile links (notices as
// plain text, the valid rest applied), saved scenarios in local storage (save, reload, rename, open, delete,
// corrupted entries set aside, storage disabled or full), scenario files (export, import, bad file), and the
// exports (CSV and JSON equal to the CLI's, chart SVG and PNG). Same harness as workbench.test.mjs: the
// release bundle in dist/ served on 127.0.0.1, Debian Chromium via playwright-core, the native CLI as oracle.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startServer } from "../../scripts/static-server.mjs";

import { HERE, ROOT, DIST, nativeCli, assertTabStaysInside, launch, openPage, closePage, settle } from "./harness.mjs";

/** The delivery targets with no delivery record in the sources: no probability unless reported. */
const NO_RECORD = ["key_industrial_chains", "digital_level2_enterprises", "benchmark_projects", "new_enterprises_in_production_2025", "park_entry_increase", "rain_pipe_per_year", "g5_stations"];
const AXE = readFileSync(path.join(HERE, "node_modules/axe-core/axe.min.js"), "utf8");

/** Serious and critical axe-core violations (WCAG 2.1 A/AA) on the page as it is now. */
async function axeViolations(page) {
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return r.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
  });
  return result;
}

const STORE_KEY = "licheng.scenarios.v1";
const ASIDE_PREFIX = "licheng.scenarios.v1.set-aside.";

let server;
let cliPath;
const browsers = [];
const tmpDirs = [];

before(async () => {
  assert.ok(existsSync(path.join(DIST, "index.html")), `no ${DIST}/index.html: run scripts/build-dist first`);
  // The CLI from the same tree.
  cliPath = nativeCli();
  server = await startServer({ root: DIST });
});

after(async () => {
  for (const b of browsers) await b.close().catch(() => {});
  await server?.close();
  for (const dir of tmpDirs) await rm(dir, { recursive: true, force: true });
});

/** A browser with a fresh profile of its own (nothing shared with any other), on the one server. */
async function freshBrowser() {
  const browser = await launch({ viewport: { width: 1366, height: 900 }, server });
  browsers.push(browser);
  return browser;
}

async function tmpDir() {
  const dir = await mkdtemp(path.join(os.tmpdir(), "licheng-e2e-share-"));
  tmpDirs.push(dir);
  return dir;
}

/** The CLI's output for a scenario: `sets` like {mig: 3000}; "json" parsed, "json-text" and "csv" as printed. */
function cli(sets = {}, format = "json") {
  const args = ["project", "--format", format === "json-text" ? "json" : format];
  for (const [key, value] of Object.entries(sets)) args.push("--set", `${key}=${value}`);
  const out = execFileSync(cliPath, args, { encoding: "utf8" });
  return format === "json" ? JSON.parse(out) : out;
}

/** Type a lever's exact value and apply it. */
async function setLever(page, key, value) {
  const field = page.locator(`#lever-${key}-number`);
  await field.fill(String(value));
  await field.press("Enter");
  await settle(page);
}

/** Every number of the target table and the headline, as the data-value attributes hold them. */
async function dashboard(page) {
  return page.evaluate(() => {
    const rows = {};
    for (const row of document.querySelectorAll("#targets-table tbody tr[id^='target-']")) {
      const cells = {};
      for (const td of row.querySelectorAll("[data-value]")) cells[td.className] = td.dataset.value;
      rows[row.id] = cells;
    }
    return { headline: document.getElementById("headline-population")?.dataset.value, rows };
  });
}

/** Waits until the Monte Carlo run of the current scenario has finished (its probabilities are final).
 * The page renders a change's new run (its id, not done) in the same task as the change, so once it
 * has painted, a status that says done is the current scenario's. */
async function mcDone(page) {
  await settle(page);
  await page.waitForFunction(() => document.getElementById("mc-status")?.dataset.done === "true", null, { timeout: 120000 });
}

/** The address bar once the page has written it (it waits for the state to settle). */
async function addressQuery(page, mustContain) {
  await page.waitForFunction((s) => location.search.includes(s), mustContain, { timeout: 5000 });
  return page.evaluate(() => location.search);
}

async function savedNames(page) {
  return page.locator("#saved-list .saved-item").evaluateAll((items) => items.map((li) => li.dataset.name));
}

test("a copied link opens in a fresh browser with the same scenario and the same target table", async () => {
  const context = await freshBrowser();
  const p = await openPage(context);
  const { page } = p;
  await setLever(page, "mig", 3200);
  await page.locator("#pin-a").click();
  await setLever(page, "tfr", 1.1);
  await setLever(page, "gdp", 4.25);
  await page.locator("#mc-seed").fill("42");
  await page.locator("#mc-seed").press("Enter");
  await page.locator("#lang-toggle").click();
  await settle(page);
  await mcDone(page);
  const before = await dashboard(page);
  assert.ok(Object.keys(before.rows).length >= 10, "the target table is empty");
  // Every probability given is there (a delivery target without a record gets none).
  assert.ok(
    Object.entries(before.rows).every(([id, r]) => "num target-probability" in r || NO_RECORD.includes(id.slice("target-".length))),
    "no Monte Carlo probabilities to compare",
  );
  assert.ok(Object.values(before.rows).some((r) => "num target-probability" in r), "no Monte Carlo probabilities at all");

  // The address bar follows the state (replaceState: no history entry per change).
  const historyLength = await page.evaluate(() => history.length);
  assert.match(await addressQuery(page, "lang=en"), /^\?v=1&tfr=1\.1&mig=3200&gdp=4\.25&cmp=1&a\.mig=3200&seed=42&lang=en$/);
  assert.equal(await page.evaluate(() => history.length), historyLength);

  await page.locator("#share").click();
  await page.locator("#share-panel").waitFor({ state: "visible" });
  const link = await page.locator("#share-link").inputValue();
  assert.ok(link.startsWith(server.url), `the link ${link} is not on the page's address`);
  assert.match(link, /\?v=1&tfr=1\.1&mig=3200&gdp=4\.25&cmp=1&a\.mig=3200&seed=42&lang=en$/);
  // Copy: the Clipboard API where allowed, else the fallback; either way the page says what happened.
  await context.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
  await page.locator("#copy-link").click();
  await page.waitForFunction(() => document.getElementById("share-status")?.textContent.trim() !== "");
  assert.match(await page.locator("#share-status").textContent(), /copied/i);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link, "the clipboard does not hold the link");
  // The summary is plain text naming the changed levers and the targets.
  const summary = await page.locator("#share-summary").inputValue();
  assert.match(summary, /Total fertility rate: 1\.1 children per woman \(default 0\.77/);
  // Each target with its probability's status once the Monte Carlo has one, else the central
  // run's reading said as such (never a bare "met").
  assert.match(summary, /\nTargets:\n- /);
  assert.match(summary, /: ((Likely met|At risk|Unlikely) \d+%|reaches the threshold in the central run|short of the threshold in the central run) \(/);
  assert.doesNotMatch(summary, /: (met|not met) \(/);
  // The QR code is an SVG drawn from the link (square, with dark modules), large enough to scan.
  const qr = await page.locator("#share-qr").evaluate((svg) => ({
    tag: svg.tagName,
    viewBox: svg.getAttribute("viewBox"),
    path: svg.querySelector("path")?.getAttribute("d")?.length ?? 0,
    width: svg.getBoundingClientRect().width,
  }));
  assert.equal(qr.tag, "svg");
  assert.match(qr.viewBox, /^0 0 (\d+) \1$/);
  assert.ok(qr.path > 500, "the QR code has no modules");
  assert.ok(qr.width >= 200, `the QR code is ${qr.width}px wide`);
  assert.deepEqual(await axeViolations(page), [], "the share panel has accessibility violations");
  await page.locator("#qr-enlarge").click();
  const big = await page.locator("#share-qr").evaluate((svg) => svg.getBoundingClientRect().width);
  assert.ok(big >= 600, `the enlarged QR code is ${big}px wide`);
  // A modal dialog: Tab and Shift+Tab go round its own controls, never to the page behind it.
  await assertTabStaysInside(page, "share-panel");
  await page.keyboard.press("Escape");
  await page.locator("#share-panel").waitFor({ state: "detached" });
  await closePage(p);

  // A different browser, a different profile: the link alone must reproduce the scenario.
  const other = await freshBrowser();
  const q = await openPage(other, link.slice(server.url.length));
  await mcDone(q.page);
  const after = await dashboard(q.page);
  assert.deepEqual(after, before, "the link gave a different target table");
  assert.equal(await q.page.evaluate(() => document.documentElement.lang), "en");
  assert.equal(await q.page.locator("#lever-tfr-number").inputValue(), "1.1");
  assert.equal(await q.page.locator("#lever-gdp-number").inputValue(), "4.25");
  assert.equal(await q.page.locator("#mc-seed").inputValue(), "42");
  assert.equal(await q.page.locator("#compare-banner").count(), 1, "scenario A was not restored");
  assert.equal(await q.page.locator("#link-notices").count(), 0, "a link the page wrote itself has notices");
  // And the same numbers as the CLI.
  const json = cli({ tfr: 1.1, mig: 3200, gdp: 4.25 });
  for (const t of json.targets) {
    const shown = Number(after.rows[`target-${t.id}`]["num target-value"]);
    assert.ok(Math.abs(shown - t.value) <= 1e-9 * Math.max(1, Math.abs(t.value)), `target ${t.id}: page ${shown} vs CLI ${t.value}`);
  }
  await closePage(q);
});

test("a bad link shows what it ignored and why, and applies the valid rest", async () => {
  const context = await freshBrowser();
  const p = await openPage(context, "?v=1&tfr=abc&zzz=1&mig=99999999");
  const { page } = p;
  const notices = page.locator("#link-notices");
  await notices.waitFor({ state: "visible" });
  assert.deepEqual(await axeViolations(page), [], "the notices have accessibility violations");
  const items = await notices.locator("li").allTextContents();
  assert.equal(items.length, 3, `notices: ${items.join(" | ")}`);
  assert.match(items[0], /^tfr：.*abc/);
  assert.match(items[1], /^zzz：/);
  assert.match(items[2], /^mig：.*99999999.*-10000.*15000/);
  // Nothing invalid applied: the defaults' numbers (the CLI's).
  const json = cli();
  assert.equal(Number(await page.locator("#headline-population").getAttribute("data-value")), json.projection.at(-1).population);
  // The notices follow the page's language.
  await page.locator("#lang-toggle").click();
  await settle(page);
  assert.match(await notices.locator("li").first().textContent(), /not a finite number/);
  assert.match(await notices.textContent(), /3 parts of the link could not be used/);
  // The address is rewritten to the clean link.
  assert.equal(await addressQuery(page, "lang=en"), "?v=1&lang=en");
  await page.locator("#link-notices-dismiss").click();
  await notices.waitFor({ state: "detached" });
  await closePage(p);

  // Valid parts next to invalid ones still apply.
  const q = await openPage(context, "?v=1&tfr=abc&mig=2800&zzz=1&ur=4&lang=en&seed=x");
  assert.equal(await q.page.locator("#lever-mig-number").inputValue(), "2800");
  assert.equal(await q.page.locator("#lever-ur-number").inputValue(), "4");
  assert.equal(await q.page.locator("#link-notices li").count(), 3);
  assert.equal(Number(await q.page.locator("#headline-population").getAttribute("data-value")), cli({ mig: 2800, ur: 4 }).projection.at(-1).population);
  await closePage(q);
});

test("markup in a link is shown as text: no script runs, no element is created", async () => {
  const context = await freshBrowser();
  const hostile =
    "?v=1&" +
    encodeURIComponent("<script>alert(1)</script>") +
    "=1&preset=" +
    encodeURIComponent('<img src=x onerror="alert(2)">') +
    "&mig=" +
    encodeURIComponent("<b>3000</b>") +
    "&lang=" +
    encodeURIComponent("<svg onload=alert(3)>");
  const p = await openPage(context, hostile);
  const { page } = p;
  const notices = page.locator("#link-notices");
  await notices.waitFor({ state: "visible" });
  const text = await notices.textContent();
  assert.ok(text.includes("<script>alert(1)</script>"), `the key is not shown as text: ${text}`);
  assert.ok(text.includes('<img src=x onerror="alert(2)">'), "the preset is not shown as text");
  assert.ok(text.includes("<b>3000</b>"), "the value is not shown as text");
  const created = await page.evaluate(() => ({
    inNotices: document.querySelectorAll("#link-notices script, #link-notices img, #link-notices b, #link-notices svg").length,
    images: [...document.images].filter((i) => i.getAttribute("src") === "x").length,
    scripts: [...document.scripts].filter((s) => !s.src).length,
  }));
  assert.deepEqual(created, { inNotices: 0, images: 0, scripts: 0 });
  await settle(page);
  // Share panel and summary carry none of it.
  await page.locator("#share").click();
  assert.doesNotMatch(await page.locator("#share-link").inputValue(), /script|img|svg|%3C/i);
  await closePage(p); // asserts that no dialog opened
});

test("saved scenarios: save, reload, rename, open, delete and undo, kept in local storage", async () => {
  const context = await freshBrowser();
  const p = await openPage(context);
  const { page } = p;
  assert.equal(await page.locator("#saved-list").count(), 0);
  await setLever(page, "mig", 2600);
  await page.locator("#save-name").fill("High migration");
  await page.locator("#save-scenario").click();
  await settle(page);
  assert.deepEqual(await savedNames(page), ["High migration"]);
  // The same name again is kept as a second entry, renamed.
  await setLever(page, "aff", 200);
  await page.locator("#save-name").fill("High migration");
  await page.locator("#save-name").press("Enter");
  await settle(page);
  assert.deepEqual(await savedNames(page), ["High migration", "High migration (2)"]);
  const stored = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), STORE_KEY));
  assert.equal(stored.format, "licheng-scenarios/1");
  assert.equal(stored.scenarios[0].query, "v=1&mig=2600&lang=zh");
  assert.equal(stored.scenarios[1].query, "v=1&mig=2600&aff=200&lang=zh");
  assert.match(stored.scenarios[0].created, /^\d{4}-\d\d-\d\dT\d\d:\d\d$/);

  await page.reload({ waitUntil: "load" });
  await page.locator("#saved-list").waitFor();
  assert.deepEqual(await savedNames(page), ["High migration", "High migration (2)"]);

  // Rename (Enter confirms; a taken name is refused).
  const second = page.locator("#saved-list .saved-item").nth(1);
  await second.locator(".saved-rename").click();
  await page.locator(".saved-rename-input").fill("High migration");
  await page.locator(".saved-rename-input").press("Enter");
  await page.locator(".saved-message-error").waitFor();
  await page.locator(".saved-rename-input").fill("More affordable housing");
  await page.locator(".saved-rename-input").press("Enter");
  await settle(page);
  assert.deepEqual(await savedNames(page), ["High migration", "More affordable housing"]);
  assert.deepEqual(await axeViolations(page), [], "the saved scenarios have accessibility violations");
  await page.reload({ waitUntil: "load" });
  await page.locator("#saved-list").waitFor();
  assert.deepEqual(await savedNames(page), ["High migration", "More affordable housing"]);

  // Open: the page takes the saved levers (the address bar says so too).
  await page.locator("#saved-list .saved-item").nth(1).locator(".saved-open").click();
  await settle(page);
  assert.equal(await page.locator("#lever-mig-number").inputValue(), "2600");
  assert.equal(await page.locator("#lever-aff-number").inputValue(), "200");
  assert.equal(await addressQuery(page, "aff=200"), "?v=1&mig=2600&aff=200&lang=zh");
  assert.equal(Number(await page.locator("#headline-population").getAttribute("data-value")), cli({ mig: 2600, aff: 200 }).projection.at(-1).population);

  // Delete, undo, delete again; survives a reload.
  await page.locator("#saved-list .saved-item").first().locator(".saved-delete").click();
  assert.deepEqual(await savedNames(page), ["More affordable housing"]);
  await page.locator("#saved-undo-delete").click();
  assert.deepEqual(await savedNames(page), ["High migration", "More affordable housing"]);
  await page.locator("#saved-list .saved-item").first().locator(".saved-delete").click();
  await page.reload({ waitUntil: "load" });
  await page.locator("#saved-list").waitFor();
  assert.deepEqual(await savedNames(page), ["More affordable housing"]);
  await closePage(p);
});

test("a corrupted store is reported and kept aside under another key; the good entries still load", async () => {
  const context = await freshBrowser();
  const p = await openPage(context);
  const { page } = p;
  const corrupted =
    '{"format":"licheng-scenarios/1","scenarios":[{"name":"Good one","query":"v=1&mig=2000&lang=zh"},' +
    '{"name":5},"oops",{"name":"Second good","query":"v=1&tfr=1&lang=zh"}]}';
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [STORE_KEY, corrupted]);
  await page.reload({ waitUntil: "load" });
  await page.locator("#saved-list").waitFor();
  assert.deepEqual(await savedNames(page), ["Good one", "Second good"]);
  const errors = await page.locator("#saved-messages .saved-message-error").allTextContents();
  assert.equal(errors.length, 2, errors.join(" | "));
  for (const e of errors) assert.ok(e.includes(`${ASIDE_PREFIX}1`), `the message does not say where it is kept: ${e}`);
  const aside = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), `${ASIDE_PREFIX}1`));
  assert.deepEqual(aside.entries.map((e) => e.raw), ['{"name":5}', '"oops"']);
  const store = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), STORE_KEY));
  assert.deepEqual(store.scenarios.map((s) => s.name), ["Good one", "Second good"]);
  // The messages follow the language.
  await page.locator("#lang-toggle").click();
  assert.match(await page.locator("#saved-messages .saved-message-error").first().textContent(), /kept as it was/);
  assert.deepEqual(await axeViolations(page), [], "the store's messages have accessibility violations");

  // A store that is not JSON at all: set aside whole, under the next free key; nothing lost.
  await page.evaluate((k) => localStorage.setItem(k, "{this is not json"), STORE_KEY);
  await page.reload({ waitUntil: "load" });
  await page.locator("#saved-panel").waitFor();
  assert.equal(await page.locator("#saved-list").count(), 0);
  assert.match(await page.locator("#saved-messages .saved-message-error").textContent(), new RegExp(`${ASIDE_PREFIX}2`.replaceAll(".", "\\.")));
  const whole = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), `${ASIDE_PREFIX}2`));
  assert.equal(whole.entries[0].raw, "{this is not json");
  assert.ok(await page.evaluate((k) => localStorage.getItem(k) !== null, `${ASIDE_PREFIX}1`), "the first set-aside key was lost");
  await closePage(p);
});

test("disabled or full storage becomes a message, never a crash", async () => {
  const context = await freshBrowser();
  // Disabled: reading window.localStorage throws, as with cookies blocked.
  const p = await openPage(context, "", {
    init: () => {
      Object.defineProperty(window, "localStorage", {
        get() {
          throw new DOMException("The operation is insecure.", "SecurityError");
        },
      });
    },
  });
  await p.page.locator("#saved-messages .saved-message-error").waitFor();
  assert.match(await p.page.locator("#saved-messages").textContent(), /本地存储不可用/);
  await p.page.locator("#save-name").fill("Only in memory");
  await p.page.locator("#save-scenario").click();
  assert.deepEqual(await savedNames(p.page), ["Only in memory"]);
  assert.match(await p.page.locator("#saved-messages").textContent(), /本地存储不可用/);
  await closePage(p);

  // Full: every write throws QuotaExceededError.
  const q = await openPage(context, "?v=1&lang=en", {
    init: () => {
      Storage.prototype.setItem = function () {
        throw new DOMException("quota", "QuotaExceededError");
      };
    },
  });
  await q.page.locator("#save-name").fill("Too much");
  await q.page.locator("#save-scenario").click();
  await q.page.locator("#saved-messages .saved-message-error").waitFor();
  assert.match(await q.page.locator("#saved-messages").textContent(), /Could not write to local storage/);
  assert.deepEqual(await savedNames(q.page), ["Too much"]);
  await closePage(q);
});

test("scenario files: export all and one, import merges renaming duplicates, a bad file changes nothing", async () => {
  const context = await freshBrowser();
  const dir = await tmpDir();
  const p = await openPage(context, "?v=1&lang=en");
  const { page } = p;
  await setLever(page, "mig", 2500);
  await page.locator("#save-name").fill("Plan A");
  await page.locator("#save-scenario").click();
  await setLever(page, "mig", 500);
  await page.locator("#save-name").fill("Plan B");
  await page.locator("#save-scenario").click();


  const [all] = await Promise.all([page.waitForEvent("download"), page.locator("#export-scenarios").click()]);
  assert.equal(all.suggestedFilename(), "licheng-scenarios.json");
  const allPath = path.join(dir, "all.json");
  await all.saveAs(allPath);
  const exported = JSON.parse(await readFile(allPath, "utf8"));
  assert.equal(exported.format, "licheng-scenarios/1");
  assert.deepEqual(exported.scenarios.map((s) => s.name), ["Plan A", "Plan B"]);

  const [one] = await Promise.all([
    page.waitForEvent("download"),
    page.locator("#saved-list .saved-item").nth(1).locator(".saved-export").click(),
  ]);
  const onePath = path.join(dir, "one.json");
  await one.saveAs(onePath);
  assert.deepEqual(JSON.parse(await readFile(onePath, "utf8")).scenarios.map((s) => s.query), ["v=1&mig=500&lang=en"]);

  // Import the export back: merged, the clashing names renamed.
  await page.locator("#import-scenarios").setInputFiles(allPath);
  await page.waitForFunction(() => document.querySelectorAll("#saved-list .saved-item").length === 4);
  assert.deepEqual(await savedNames(page), ["Plan A", "Plan B", "Plan A (2)", "Plan B (2)"]);
  assert.match(await page.locator("#saved-messages").textContent(), /Imported 2 scenarios/);

  // A bad file: a clear error, nothing changed (in the page or in storage).
  const storeBefore = await page.evaluate((k) => localStorage.getItem(k), STORE_KEY);
  const badPath = path.join(dir, "bad.json");
  await writeFile(badPath, "this is not a scenarios file");
  await page.locator("#import-scenarios").setInputFiles(badPath);
  await page.locator("#saved-messages .saved-message-error").waitFor();
  assert.match(await page.locator("#saved-messages").textContent(), /could not be imported; nothing was changed: bad\.json/);
  assert.equal(await page.locator("#saved-list .saved-item").count(), 4);
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), STORE_KEY), storeBefore);
  // A file with one broken entry: the good one comes in, the broken one is named.
  const mixedPath = path.join(dir, "mixed.json");
  await writeFile(mixedPath, '{"format":"licheng-scenarios/1","scenarios":[{"name":"Plan C","query":"v=1&mig=100"},{"query":"v=1"}]}');
  await page.locator("#import-scenarios").setInputFiles(mixedPath);
  await page.waitForFunction(() => document.querySelectorAll("#saved-list .saved-item").length === 5);
  assert.match(await page.locator("#saved-messages").textContent(), /Skipped an entry/);
  await closePage(p);
});

test("the printed handout gives the scenario, the target table with its probabilities and what they rest on, and no controls", async () => {
  const context = await freshBrowser();
  const p = await openPage(context, "?v=1&mig=3000&seed=42&lang=en");
  const { page } = p;
  await mcDone(page);
  // On screen the handout's scenario block is not shown.
  assert.equal(await page.locator("#handout-scenario").isVisible(), false);
  await page.emulateMedia({ media: "print" });
  const scenario = page.locator("#handout-scenario");
  assert.ok(await scenario.isVisible(), "the handout has no scenario block");
  assert.match(await scenario.textContent(), /Net migration per year: 3000/);
  assert.equal(
    (await page.locator("#handout-mc-basis").textContent()).trim(),
    "Probabilities: Monte Carlo simulation, 2,000 draws, random seed 42, uncertainty spread 1 (as documented).",
  );
  assert.ok(await page.locator("#targets-table").isVisible(), "the handout has no target table");
  const probabilities = await page.locator("#targets-table tbody tr[id^='target-'] .target-probability").allTextContents();
  assert.ok(probabilities.length > 0 && probabilities.every((t) => /^(\d+%|—†)$/.test(t.trim())), `probabilities: ${probabilities}`);
  for (const control of ["#lever-mig", "#mc-seed", "#export-csv", "#share"]) {
    assert.equal(await page.locator(control).isVisible(), false, `${control} prints`);
  }
  // At an A4 page's width the status still prints in words, not only as an icon.
  await page.setViewportSize({ width: 794, height: 1123 });
  const word = page.locator("#targets-table tbody .target-status .status-text").first();
  assert.ok((await word.boundingBox())?.width > 10, "the status prints without its words");
  assert.match(await word.textContent(), /^(Likely met|At risk|Unlikely)$/);
  await page.emulateMedia({ media: "screen" });
  // In Chinese, the same line.
  await page.goto(server.url + "?v=1&seed=7&lang=zh", { waitUntil: "load" });
  await page.locator("#handout-mc-basis").waitFor({ state: "attached" });
  assert.equal(
    (await page.locator("#handout-mc-basis").textContent()).trim(),
    "达成概率：蒙特卡罗模拟，抽样 2000 次，随机种子 7，不确定性幅度 1（文档所述）。",
  );
  await closePage(p);
  await context.close();
});

test("exports: the CSV equals the CLI's and the dashboard, the JSON equals the CLI's, charts as SVG and PNG", async () => {
  const context = await freshBrowser();
  const dir = await tmpDir();
  const p = await openPage(context, "?v=1&tfr=0.95&mig=3100&ins=30&lang=en");
  const { page } = p;
  const sets = { tfr: 0.95, mig: 3100, ins: 30 };

  const [csv] = await Promise.all([page.waitForEvent("download"), page.locator("#export-csv").click()]);
  assert.equal(csv.suggestedFilename(), "licheng-scenario.csv");
  const csvPath = path.join(dir, "s.csv");
  await csv.saveAs(csvPath);
  const text = await readFile(csvPath, "utf8");
  assert.equal(text, cli(sets, "csv"), "the page's CSV differs from `licheng project --format csv`");
  // It parses, and its target rows are the dashboard's numbers.
  const [, targetsPart] = text.split("\n\n");
  const [header, ...rows] = targetsPart.trim().split("\n");
  assert.equal(header, "id,clause,value,comparator,threshold,threshold_high,met,gap,actual_to_date,schedule_to_date,still_needed_per_year,progress_status");
  const shown = await dashboard(page);
  assert.equal(rows.length, Object.keys(shown.rows).length);
  for (const row of rows) {
    const [id, , value, , threshold, , met, gap] = row.split(",");
    const cells = shown.rows[`target-${id}`];
    assert.ok(cells, `no dashboard row for ${id}`);
    assert.equal(Number(cells["num target-value"]), Number(value), `${id} value`);
    assert.equal(Number(cells["num target-threshold"]), Number(threshold), `${id} threshold`);
    assert.ok(Object.is(Number(cells["num target-gap"]), Number(gap)) || Number(cells["num target-gap"]) === Number(gap), `${id} gap`);
    const status = await page.locator(`#target-${id}`).getAttribute("class");
    assert.equal(status === "row-met", met === "true", `${id} met`);
  }
  const [projectionHeader, ...years] = text.split("\n\n")[0].trim().split("\n");
  assert.ok(projectionHeader.startsWith("year,population,"));
  assert.equal(Number(years.at(-1).split(",")[1]), Number(shown.headline));

  const [json] = await Promise.all([page.waitForEvent("download"), page.locator("#export-json").click()]);
  const jsonPath = path.join(dir, "s.json");
  await json.saveAs(jsonPath);
  assert.equal(await readFile(jsonPath, "utf8"), cli(sets, "json-text"));

  // Chart as SVG: a standalone, self-styled file (no classes, no tooltip), read back as an image.
  const [svg] = await Promise.all([page.waitForEvent("download"), page.locator("#export-svg-chart-population").click()]);
  assert.equal(svg.suggestedFilename(), "licheng-chart-population.svg");
  const svgPath = path.join(dir, "c.svg");
  await svg.saveAs(svgPath);
  const svgText = await readFile(svgPath, "utf8");
  assert.match(svgText, /^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.match(svgText, /<polyline [^>]*stroke="rgb\(/);
  assert.doesNotMatch(svgText, /class=|foreignObject|tabindex/);
  // Chart as PNG: twice the size the chart has on the page (the CSP allows the blob: image).
  const shownWidth = await page.locator("#chart-population-svg").evaluate((e) => e.getBoundingClientRect().width);
  const [png] = await Promise.all([page.waitForEvent("download"), page.locator("#export-png-chart-population").click()]);
  assert.equal(png.suggestedFilename(), "licheng-chart-population.png");
  const pngPath = path.join(dir, "c.png");
  await png.saveAs(pngPath);
  const bytes = await readFile(pngPath);
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "not a PNG");
  const width = bytes.readUInt32BE(16);
  assert.ok(Math.abs(width - 2 * Math.max(shownWidth, 460)) <= 2, `PNG width ${width}, chart ${shownWidth}px`);
  assert.ok(bytes.length > 5000, "the PNG is nearly empty");
  for (const id of ["chart-pyramid", "chart-jobs", "chart-employed", "chart-housing", "chart-schools-primary", "chart-schools-junior", "chart-insurance"]) {
    assert.equal(await page.locator(`#export-svg-${id}`).count(), 1, `no SVG export for ${id}`);
    assert.equal(await page.locator(`#export-png-${id}`).count(), 1, `no PNG export for ${id}`);
  }
  assert.equal(await page.locator("#export-error").count(), 0);
  await closePage(p);
});
