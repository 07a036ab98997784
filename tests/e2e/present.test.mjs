// End-to-end tests of the presentation mode: opening it (full screen
// when the browser allows, the projector theme on <html>), moving with the keys a presentation clicker
// sends, the slide number in the address (a link opens at its slide), the slides' content against the
// dashboard, and leaving with Esc. Same harness as workbench.test.mjs: dist/ on 127.0.0.1, Debian Chromium
// through playwright-core.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

import { HERE, DIST, assertTabStaysInside, launch, openPage as harnessOpenPage, closePage, settle, wholePage } from "./harness.mjs";

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

let browser;

before(async () => {
  assert.ok(existsSync(path.join(DIST, "index.html")), `no ${DIST}/index.html: run scripts/build-dist first`);
  browser = await launch({ viewport: { width: 1920, height: 1080 } });
});

after(async () => {
  await browser?.close();
});

/** Opens `query` once the page's title is there (a link may open the presentation over the table). */
function openPage(query = "") {
  return harnessOpenPage(browser, query, { ready: "#app-title", readyState: "attached" });
}

/** [slide, count] from the counter. */
async function counter(page) {
  const text = await page.locator("#slide-counter").textContent();
  const m = /^(\d+) \/ (\d+)$/.exec(text.trim());
  assert.ok(m, `the counter reads ${text}`);
  return [Number(m[1]), Number(m[2])];
}

async function press(page, key) {
  await page.keyboard.press(key);
  await settle(page);
}

/** The address bar's slide once the page has written it ("" when there is none). */
async function addressSlide(page, expected) {
  await page.waitForFunction(
    (want) => (new URLSearchParams(location.search).get("slide") ?? "") === want,
    expected,
    { timeout: 5000 },
  );
}

test("the presentation opens, moves with arrows and clicker keys, keeps its slide in the link and exits with Esc", async () => {
  const p = await openPage("?v=1&mig=3000&lang=en");
  const { page } = p;
  const targetIds = await page.locator("#targets-table tbody tr[id^='target-']").evaluateAll((rows) => rows.map((r) => r.id.slice(7)));
  await page.locator("#present").click();
  await page.locator("#presentation").waitFor({ state: "visible" });
  const [first, count] = await counter(page);
  assert.equal(first, 1);
  assert.equal(count, targetIds.length + 2, "title + one slide per target + summary");
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains("projector")), true, "no projector theme");
  // Nothing of the workbench shows behind the slides.
  assert.equal(await page.locator("#targets-table").isVisible(), false);
  await page.locator("#slide-1").waitFor();
  // The title slide counts the targets by probability status once the Monte Carlo has results.
  await page.locator("#slide-met[data-likely]").waitFor();
  const counts = await page.locator("#slide-met").evaluate((el) => [el.dataset.likely, el.dataset.atRisk, el.dataset.unlikely, el.dataset.noRecord].map(Number));
  assert.equal(counts.reduce((a, b) => a + b), targetIds.length, "every target counted once");
  assert.match(
    await page.locator("#slide-met").textContent(),
    new RegExp(`${targetIds.length} targets: ${counts[0]} likely met, ${counts[1]} at risk, ${counts[2]} unlikely, ${counts[3]} with no delivery record \\(no probability given\\)`),
  );
  assert.match(await page.locator("#slide-1").textContent(), /Net migration per year: 3000/);

  assert.deepEqual(await axeViolations(page), [], "the title slide has accessibility violations");
  await press(page, "ArrowRight");
  assert.deepEqual(await counter(page), [2, count]);
  assert.deepEqual(await axeViolations(page), [], "a target slide has accessibility violations");
  // A modal dialog: Tab and Shift+Tab go round the slide and its buttons, never to the workbench.
  await assertTabStaysInside(page, "presentation");
  await page.locator("#presentation").focus();
  await press(page, "PageDown");
  assert.deepEqual(await counter(page), [3, count]);
  await addressSlide(page, "3");
  await press(page, "PageUp");
  assert.deepEqual(await counter(page), [2, count]);
  await press(page, "ArrowLeft");
  await press(page, "ArrowLeft"); // stays on the first slide
  assert.deepEqual(await counter(page), [1, count]);
  await press(page, "End");
  assert.deepEqual(await counter(page), [count, count]);
  await page.locator("#slide-summary-table").waitFor();
  assert.deepEqual(await axeViolations(page), [], "the summary slide has accessibility violations");
  assert.equal(await page.locator("#slide-summary-table tbody tr").count(), targetIds.length);
  await press(page, "ArrowRight"); // stays on the last slide
  assert.deepEqual(await counter(page), [count, count]);
  await addressSlide(page, String(count));
  await press(page, "Home");
  assert.deepEqual(await counter(page), [1, count]);
  // The buttons do the same.
  await page.locator("#slide-next").click();
  assert.deepEqual(await counter(page), [2, count]);

  await press(page, "Escape");
  await page.locator("#presentation").waitFor({ state: "detached" });
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains("projector")), false);
  assert.equal(await page.locator("#targets-table").isVisible(), true);
  assert.equal(await page.evaluate(() => document.fullscreenElement), null);
  await addressSlide(page, "");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "present", "focus did not return to the button");
  await closePage(p);
});

test("a link with slide=3 opens the presentation at slide 3, showing the second target against the dashboard", async () => {
  const probe = await openPage("?v=1&tfr=1.2&lang=en");
  await probe.page.waitForFunction(() => document.getElementById("mc-status")?.dataset.done === "true", null, { timeout: 120000 });
  const rows = await probe.page.locator("#targets-table tbody tr[id^='target-']").evaluateAll((rs) =>
    rs.map((r) => ({
      id: r.id.slice(7),
      value: r.querySelector(".target-value").dataset.value,
      status: r.querySelector(".target-status").dataset.status,
      word: r.querySelector(".target-status .status-text").textContent,
    })),
  );
  await closePage(probe);

  const p = await openPage("?v=1&tfr=1.2&lang=en&slide=3");
  const { page } = p;
  await page.locator("#presentation").waitFor({ state: "visible" });
  assert.equal((await counter(page))[0], 3);
  const slide = page.locator("#slide-3");
  assert.equal(await slide.getAttribute("data-target"), rows[1].id);
  assert.equal(await slide.locator(".slide-value").getAttribute("data-value"), rows[1].value);
  // The same status as the dashboard's, from the same probability, once the Monte Carlo is done.
  await page.waitForFunction(() => document.querySelector("#slide-3 .slide-status")?.dataset.status !== undefined, null, { timeout: 120000 });
  assert.ok(rows[1].status, "the dashboard had no status");
  assert.equal(await slide.locator(".slide-status").getAttribute("data-status"), rows[1].status);
  assert.ok((await slide.locator(".slide-status").textContent()).includes(rows[1].word));
  assert.equal(await slide.locator("#slide-chart-svg polyline").count() >= 1, true, "the target's chart is missing");
  const assumptions = await slide.locator(".slide-assumptions li").count();
  assert.ok(assumptions >= 1 && assumptions <= 5, `${assumptions} key assumptions`);
  // Once the Monte Carlo run is in, the slide gives the target's probability.
  await page.locator("#slide-3 .slide-probability span[data-value]").waitFor({ timeout: 60000 });
  assert.match(await page.locator("#slide-3 .slide-probability span[data-value]").textContent(), /^\d+%$/);
  // A slide number past the end shows the last slide.
  await closePage(p);
  const q = await openPage("?v=1&lang=zh&slide=999");
  await q.page.locator("#presentation").waitFor({ state: "visible" });
  const [shown, count] = await counter(q.page);
  assert.equal(shown, count);
  await addressSlide(q.page, String(count));
  await closePage(q);
});

test("every slide says when the baseline is not the built-in one (the title slide lists what differs, each other slide says it), and what the probabilities rest on", async () => {
  // The built-in baseline: the title slide says so, and no slide carries the custom-baseline line.
  const plain = await openPage("?v=1&seed=42&lang=zh&slide=1");
  await plain.page.locator("#presentation").waitFor({ state: "visible" });
  const builtIn = plain.page.locator("#slide-baseline");
  assert.equal(await builtIn.getAttribute("data-custom"), "false");
  assert.match(await builtIn.textContent(), /内置的鲤城区2024年基期/);
  // And what the probabilities rest on, on the title and the summary slide.
  const basis = "达成概率：蒙特卡罗模拟，抽样 2000 次，随机种子 42，不确定性幅度 1（文档所述）。";
  assert.equal((await plain.page.locator("#slide-mc-basis").textContent()).trim(), basis);
  await plain.page.keyboard.press("ArrowRight");
  await plain.page.locator("#slide-2").waitFor();
  assert.equal(await plain.page.locator(".slide-baseline-note").count(), 0);
  await plain.page.keyboard.press("End");
  await plain.page.locator("#slide-summary-table").waitFor();
  assert.equal(await plain.page.locator(".slide-baseline-note").count(), 0);
  assert.equal((await plain.page.locator("#slide-summary-mc-basis").textContent()).trim(), basis);
  // At the defaults the targets at their threshold have no record, so no probability and no note.
  await plain.page.locator("#slide-summary-counts[data-likely]").waitFor({ timeout: 60000 });
  assert.equal(await plain.page.locator("#slide-at-threshold").count(), 0);
  await closePage(plain);
  // With 25 stations reported for 2025 (on the plan's pace, so at the threshold), once the run is
  // in the summary slide explains that one-in-two target as the dashboard does.
  const reported = await openPage("?v=1&seed=42&lang=zh&slide=999&x.g5_stations.2025=25");
  await reported.page.locator("#slide-at-threshold").waitFor({ timeout: 60000 });
  assert.equal(
    await reported.page.locator("#slide-at-threshold").textContent(),
    await reported.page.locator("#targets-at-threshold").textContent(),
  );
  await closePage(reported);

  // Two edited figures: listed with their built-in values on the title slide, named on every other slide.
  const p = await openPage("?v=1&b.jcap=12000&b.ins=90&lang=zh&slide=1");
  const { page } = p;
  await page.locator("#presentation").waitFor({ state: "visible" });
  const block = page.locator("#slide-baseline");
  assert.equal(await block.getAttribute("data-custom"), "true");
  assert.match(await block.textContent(), /自定义基期，结果不是内置基期的结果/);
  const junior = await block.locator("li[data-figure='junior_capacity']").textContent();
  assert.match(junior, /12,000/);
  assert.match(junior, /内置/);
  assert.match(await block.locator("li[data-figure='insurance_pct']").textContent(), /90/);
  assert.equal(await block.locator("li").count(), 2);
  const count = (await counter(page))[1];
  for (let slide = 2; slide <= count; slide++) {
    await page.keyboard.press("ArrowRight");
    await page.locator(`#slide-${slide}`).waitFor();
    const note = await page.locator(`#slide-${slide} .slide-baseline-note`).textContent();
    assert.match(note, /自定义基期：.*12,000.*；.*90/, `slide ${slide}: ${note}`);
  }
  assert.deepEqual(await axeViolations(page), []);
  // In English too.
  await page.goto(browser.server.url + "?v=1&b.jcap=12000&lang=en&slide=2", { waitUntil: "load" });
  await wholePage(page);
  await page.locator("#slide-2").waitFor();
  assert.match(await page.locator("#slide-2 .slide-baseline-note").textContent(), /Custom baseline: .*12,000.*built-in/);
  await closePage(p);
});
