// The page never leaves a blank screen: when the Wasm cannot load, and when the
// app stops on a panic, www/boot.js shows the recoverable panel with the diagnostics to copy and the
// link to the scenario. Same harness as smoke.test.mjs.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { startServer } from "../../scripts/static-server.mjs";

import { DIST, CHROMIUM, CHROMIUM_ARGS } from "./harness.mjs";

let profileDir;
let brokenDir;
let context;
let server;
let brokenServer;

before(async () => {
  assert.ok(existsSync(path.join(DIST, "index.html")), `no ${DIST}/index.html: run scripts/build-dist first`);
  server = await startServer({ root: DIST });
  // A copy of the bundle whose app .wasm is missing.
  brokenDir = await mkdtemp(path.join(os.tmpdir(), "licheng-e2e-broken-"));
  await cp(DIST, brokenDir, { recursive: true });
  for (const f of await readdir(brokenDir)) {
    if (f.startsWith("app-") && f.endsWith(".wasm")) await rm(path.join(brokenDir, f));
  }
  brokenServer = await startServer({ root: brokenDir });
  profileDir = await mkdtemp(path.join(os.tmpdir(), "licheng-e2e-resilience-profile-"));
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
});

after(async () => {
  await context?.close();
  await server?.close();
  await brokenServer?.close();
  for (const dir of [profileDir, brokenDir]) if (dir) await rm(dir, { recursive: true, force: true });
});

test("a page whose Wasm cannot load shows the recoverable panel, not a blank page", async () => {
  const page = await context.newPage();
  const url = `${brokenServer.url}?v=1&mig=3000&lang=zh`;
  await page.goto(url, { waitUntil: "load" });
  await page.locator("#crash-panel").waitFor({ state: "visible", timeout: 20000 });
  assert.equal(await page.locator("#crash-reopen").getAttribute("href"), url);
  assert.match(await page.locator("#crash-diagnostics").inputValue(), /could not start/);
  await page.close();
});

test("a panic shows the panel with diagnostics to copy and the scenario link", async () => {
  const page = await context.newPage();
  const url = `${server.url}?v=1&tfr=0.9&lang=en`;
  await page.goto(url, { waitUntil: "load" });
  await page.locator("#targets-table").waitFor({ state: "visible", timeout: 20000 });
  assert.equal(await page.locator("#crash-panel").count(), 0, "no panel while all is well");
  // What the Rust panic hook does (src/bin/app.rs): record the message on <html data-panic>.
  await page.evaluate(() => {
    document.documentElement.dataset.panic = "panicked at src/ui/example.rs:1:1: <b>not markup</b>";
  });
  await page.locator("#crash-panel").waitFor({ state: "visible", timeout: 5000 });
  const diagnostics = await page.locator("#crash-diagnostics").inputValue();
  assert.match(diagnostics, /<b>not markup<\/b>/, "the message is shown as text");
  assert.equal(await page.locator("#crash-panel b").count(), 0, "no element was built from the message");
  assert.ok(diagnostics.includes(url));
  await page.click("#crash-copy");
  await page.locator("#crash-copy-status").filter({ hasText: "Copied" }).waitFor({ timeout: 5000 });
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), diagnostics);
  await page.close();
});
