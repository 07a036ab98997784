// End-to-end smoke test of the release bundle in dist/: loads the page in Debian Chromium and checks the
// Wasm model ran, the console is clean (no CSP violations), and nothing left 127.0.0.1. Run by scripts/test.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { cp, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { startServer } from "../../scripts/static-server.mjs";

import { DIST, CHROMIUM, CHROMIUM_ARGS } from "./harness.mjs";
// Bounds a working page's end-2028 population lies within (the 2020 census counted 396,112; the
// built-in projection declines slowly): a broken page shows nothing, zero or garbage.
const POP_MIN = 370000;
const POP_MAX = 420000;

let profileDir;
let context;
let server;
const tmpDirs = [];

before(async () => {
  assert.ok(existsSync(path.join(DIST, "index.html")), `no ${DIST}/index.html: run scripts/build-dist first`);
  server = await startServer({ root: DIST });
  // A fresh profile every run: no cache, no state from earlier runs.
  profileDir = await mkdtemp(path.join(os.tmpdir(), "licheng-e2e-profile-"));
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
});

after(async () => {
  await context?.close();
  await server?.close();
  for (const dir of [profileDir, ...tmpDirs]) {
    if (dir) await rm(dir, { recursive: true, force: true });
  }
});

/** True when `url` points at the test server (blob: URLs count by their origin). */
function isLoopback(url, host) {
  const u = new URL(url.startsWith("blob:") ? url.slice(5) : url);
  return (u.protocol === "http:" || u.protocol === "https:") && u.host === host;
}

/**
 * Open `baseUrl` in a new tab and record what a person's browser would show: the heading, the headline
 * number, console errors, uncaught exceptions, CSP violations, and every URL requested.
 */
async function inspectPage(baseUrl, { timeout = 20000 } = {}) {
  const page = await context.newPage();
  const result = {
    host: new URL(baseUrl).host,
    title: null,
    populationText: null,
    consoleErrors: [],
    pageErrors: [],
    cspViolations: [],
    requests: [],
    wasmResponses: [],
    waitError: null,
  };
  page.on("console", (msg) => {
    if (msg.type() === "error") result.consoleErrors.push(msg.text());
  });
  page.on("pageerror", (err) => result.pageErrors.push(String(err)));
  page.on("request", (req) => result.requests.push(req.url()));
  page.on("response", (res) => {
    if (res.url().endsWith(".wasm")) result.wasmResponses.push({ url: res.url(), status: res.status(), type: res.headers()["content-type"] });
  });
  // Runs before any page script; Playwright's init scripts are exempt from the page's CSP.
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"}`);
    });
  });
  try {
    await page.goto(baseUrl, { waitUntil: "load", timeout });
    await page.locator("#app-title").waitFor({ state: "visible", timeout });
    await page.waitForFunction(
      () => /\d/.test(document.querySelector("#headline-population")?.textContent ?? ""),
      null,
      { timeout },
    );
  } catch (err) {
    result.waitError = err.message.split("\n")[0];
  }
  result.title = await page.locator("#app-title").textContent({ timeout: 1000 }).catch(() => null);
  result.populationText = await page
    .locator("#headline-population")
    .textContent({ timeout: 1000 })
    .catch(() => null);
  result.cspViolations = await page.evaluate(() => window.__cspViolations ?? []).catch(() => []);
  await page.close();
  return result;
}

/** Everything wrong with a page load, as readable lines (empty when the page is healthy). */
function problems(r) {
  const out = [];
  if (r.waitError) out.push(`page did not finish rendering: ${r.waitError}`);
  if (!r.title || r.title.trim().length === 0) out.push("#app-title is missing or empty");
  const population = Number.parseFloat((r.populationText ?? "").replace(/[^\d.]/g, ""));
  if (!(Number.isFinite(population) && population > POP_MIN && population < POP_MAX)) {
    out.push(`#headline-population ${JSON.stringify(r.populationText)} is not a number in (${POP_MIN}, ${POP_MAX})`);
  }
  if (!r.wasmResponses.some((w) => w.status === 200 && w.type === "application/wasm")) {
    out.push(`no .wasm was served as application/wasm: ${JSON.stringify(r.wasmResponses)}`);
  }
  for (const e of r.pageErrors) out.push(`uncaught exception: ${e}`);
  for (const e of r.consoleErrors) out.push(`console error: ${e}`);
  for (const v of r.cspViolations) out.push(`CSP violation: ${v}`);
  for (const u of r.requests.filter((u) => !isLoopback(u, r.host))) out.push(`request outside ${r.host}: ${u}`);
  return out;
}

/** The assertions every healthy page load must pass (also used to prove they catch a broken bundle). */
function assertHealthy(r) {
  const found = problems(r);
  assert.deepEqual(found, [], `the page is not healthy:\n  ${found.join("\n  ")}`);
}

test("the bundle ships a strict Content-Security-Policy and no inline script", async () => {
  const html = await readFile(path.join(DIST, "index.html"), "utf8");
  // The minifier may reorder attributes and drop quotes: find the <meta> tag first, then its content.
  const meta = [...html.matchAll(/<meta\b[^>]*>/gi)].map((m) => m[0]).find((t) => /http-equiv=["']?content-security-policy/i.test(t));
  const csp = meta && /\bcontent=(?:"([^"]*)"|'([^']*)')/i.exec(meta)?.slice(1).find((v) => v !== undefined);
  assert.ok(csp, "dist/index.html has no CSP meta tag");
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|'strict-dynamic'|https?:|\*/);
  const inlineScripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].filter(
    ([, attrs, body]) => !/\bsrc=/.test(attrs) && body.trim() !== "",
  );
  assert.deepEqual(inlineScripts.map((m) => m[0]), [], "inline <script> would be blocked by the CSP");
});

test("the page renders a population computed by the Wasm model, with a clean console and no outside requests", async () => {
  const r = await inspectPage(server.url);
  assertHealthy(r);
  assert.ok(r.requests.length >= 3, `expected html, js and wasm requests, saw ${r.requests.join(", ")}`);
});

test("the same checks fail when the bundle's .wasm is missing (the test can see a broken page)", async () => {
  const broken = await mkdtemp(path.join(os.tmpdir(), "licheng-e2e-nowasm-"));
  tmpDirs.push(broken);
  await cp(DIST, broken, { recursive: true });
  const removed = (await readdir(broken)).filter((f) => f.endsWith(".wasm"));
  assert.ok(removed.length > 0, "dist/ has no .wasm to remove");
  for (const f of removed) await rm(path.join(broken, f));
  const brokenServer = await startServer({ root: broken });
  try {
    const r = await inspectPage(brokenServer.url, { timeout: 3000 });
    assert.throws(() => assertHealthy(r), assert.AssertionError);
    const found = problems(r).join("\n");
    assert.match(found, /#headline-population null is not a number/, found);
    assert.match(found, /no \.wasm was served/, found);
    assert.match(found, /console error: .*404/, found);
  } finally {
    await brokenServer.close();
  }
});
