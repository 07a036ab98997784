// End-to-end tests of meeting- and phone-ready output: the scenario's name travels from the link to the
// slides, the handout, the share summary and the export files; the title slide is a briefing (name, date,
// what is reported and projected, the targets by status, the ones that need attention worst first, as the
// target table says); on a 390×844 phone the answers come first and nothing is wider than the screen.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { DIST, launch, openPage, closePage, settle, monteCarloDone } from "./harness.mjs";

const TODAY = new Date("2026-12-01T10:00:00+08:00");
const NAME = "高迁入方案 2026";
const QUERY = `?v=1&mig=1500&x.jobs_new_urban.2025=5300&name=${encodeURIComponent(NAME)}&lang=zh`;

let browser;

before(async () => {
  assert.ok(existsSync(path.join(DIST, "index.html")), `no ${DIST}/index.html: run scripts/build-dist first`);
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

/** The target table's probabilities and statuses: [{id, p, status}] in table order. */
async function tableStatuses(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll("#targets-table tbody tr[id^='target-']")].map((row) => ({
      id: row.id.slice(7),
      p: Number(row.querySelector(".target-probability").dataset.value),
      status: row.querySelector(".target-status").dataset.status,
    })),
  );
}

test("the scenario's name goes from the link to the header, the slides, the handout, the summary and the file names", async () => {
  const p = await openPage(browser, QUERY, { today: TODAY });
  const { page } = p;
  assert.equal(await page.locator("#scenario-name").inputValue(), NAME);
  await monteCarloDone(page);
  // The share summary names it and gives the verdicts of the probabilities.
  await page.locator("#share").click();
  const summary = await page.locator("#share-summary").inputValue();
  assert.match(summary, new RegExp(`情景名称：${NAME}`));
  assert.match(summary, /2028年末常住人口（预测）：/);
  assert.match(summary, /很可能达成|有风险|难以达成/);
  await page.keyboard.press("Escape");
  // The export files are named after it.
  const [csv] = await Promise.all([page.waitForEvent("download"), page.locator("#export-csv").click()]);
  assert.equal(csv.suggestedFilename(), "licheng-高迁入方案-2026.csv");
  // The handout (printed) names it.
  assert.match(await page.locator("#handout-name").textContent(), new RegExp(`${NAME}.*2026年12月1日`));
  // A new name typed goes into the link.
  await page.locator("#scenario-name").fill("低迁入");
  await page.locator("#scenario-name").press("Enter");
  await settle(page);
  await page.waitForFunction(() => location.search.includes(`name=${encodeURIComponent("低迁入")}`));
  await page.locator("#scenario-name").fill(NAME);
  await page.locator("#scenario-name").press("Enter");
  await settle(page);

  // The title slide is a briefing.
  await page.locator("#present").click();
  await page.locator("#slide-1").waitFor();
  assert.equal((await page.locator("#slide-name").textContent()).trim(), NAME);
  assert.equal((await page.locator("#slide-date").textContent()).trim(), "2026年12月1日");
  assert.match(await page.locator("#slide-1 .slide-as-of").textContent(), /实际数截至 2025 年，2026—2028 年为预测/);
  await page.locator("#slide-met[data-likely]").waitFor();
  const counts = await page.locator("#slide-met").evaluate((el) => [el.dataset.likely, el.dataset.atRisk, el.dataset.unlikely].map(Number));
  const table = await tableStatuses(page);
  assert.deepEqual(counts, ["likely", "at_risk", "unlikely"].map((s) => table.filter((t) => t.status === s).length));
  // The attention list: the targets at risk or unlikely, lowest probability first, as the table has them.
  const expected = table
    .map((t, i) => ({ ...t, i }))
    .filter((t) => t.status !== "likely")
    .sort((a, b) => a.p - b.p || a.i - b.i)
    .map((t) => t.id);
  const listed = await page.locator("#slide-attention li").evaluateAll((items) => items.map((li) => li.dataset.target));
  assert.deepEqual(listed, expected);
  assert.ok(listed.length > 0, "the default scenario has targets at risk");
  await closePage(p);
});

test("on a 390×844 phone the first target row is on the first screen, nothing is wider than the screen, the assumptions wait behind a button", async () => {
  const phone = await launch({ viewport: { width: 390, height: 844 } });
  try {
    const p = await openPage(phone, QUERY, { today: TODAY });
    const { page } = p;
    await monteCarloDone(page);
    const view = await page.evaluate(() => {
      const first = document.querySelector("#targets-table tbody tr");
      const cells = [".target-value", ".target-threshold", ".target-probability", ".target-status"].map((sel) => first.querySelector(sel).getBoundingClientRect());
      const wide = [...document.querySelectorAll("body *")]
        .filter((el) => el.checkVisibility() && el.getBoundingClientRect().right > window.innerWidth + 0.5)
        .map((el) => `${el.tagName.toLowerCase()}#${el.id}.${el.className}`);
      return {
        rowBottom: first.getBoundingClientRect().bottom,
        cellsRight: Math.max(...cells.map((r) => r.right)),
        scrollWidth: document.documentElement.scrollWidth,
        wide,
        leverShown: document.getElementById("lever-mig")?.offsetParent !== null,
      };
    });
    assert.ok(view.rowBottom <= 844, `the first target row ends at ${view.rowBottom} px`);
    assert.ok(view.cellsRight <= 390, `value, target, probability and status end at ${view.cellsRight} px`);
    assert.equal(view.scrollWidth, 390, "the page scrolls sideways");
    assert.deepEqual(view.wide, [], "elements wider than the screen");
    assert.equal(view.leverShown, false, "the levers show before the button is pressed");
    await page.locator("#assumptions-toggle").click();
    await settle(page);
    assert.equal(await page.locator("#lever-mig").isVisible(), true);
    assert.equal(await page.locator("#assumptions-toggle").getAttribute("aria-expanded"), "true");
    // Presenting on a phone: no keyboard footer.
    await page.locator("#present").click();
    await page.locator("#slide-1").waitFor();
    assert.equal(await page.locator(".slide-keys").isVisible(), false);
    await closePage(p);
  } finally {
    await phone.close();
  }
});
