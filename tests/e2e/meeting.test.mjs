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
  // At 1366 px the probability and status headers stay on one line (not 达成概/率).
  const lines = await page.evaluate(() =>
    [...document.querySelectorAll("#targets-table .col-probability, #targets-table .col-status")].map((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      return [el.textContent.trim(), tops.size];
    }),
  );
  for (const [text, count] of lines) assert.equal(count, 1, `“${text}” breaks over ${count} lines`);
  // The share summary names it and gives the verdicts of the probabilities.
  await page.locator("#share").click();
  const summary = await page.locator("#share-summary").inputValue();
  assert.match(summary, new RegExp(`情景名称：${NAME}`));
  assert.match(summary, /2028年末常住人口（预测）：/);
  assert.match(summary, /很可能达成|有风险|难以达成/);
  await page.keyboard.press("Escape");
  // The export files are named after it, each kind apart.
  const [csv] = await Promise.all([page.waitForEvent("download"), page.locator("#export-csv").click()]);
  assert.equal(csv.suggestedFilename(), "licheng-高迁入方案-2026.csv");
  const [mc] = await Promise.all([page.waitForEvent("download"), page.locator("#export-mc-csv").click()]);
  assert.equal(mc.suggestedFilename(), "licheng-高迁入方案-2026-probabilities.csv");
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
  const counts = await page.locator("#slide-met").evaluate((el) => [el.dataset.likely, el.dataset.atRisk, el.dataset.unlikely, el.dataset.noRecord].map(Number));
  const table = await tableStatuses(page);
  assert.deepEqual(counts, ["likely", "at_risk", "unlikely", "no_record"].map((s) => table.filter((t) => t.status === s).length));
  // The attention list: the targets at risk or unlikely, lowest probability first, as the table has them;
  // the targets with no delivery record are named apart, as missing evidence.
  const noRecord = table.filter((t) => t.status === "no_record").length;
  assert.ok(noRecord > 0, "the defaults have targets without a record");
  assert.equal(Number(await page.locator("#slide-no-record-list").getAttribute("data-count")), noRecord);
  const expected = table
    .map((t, i) => ({ ...t, i }))
    .filter((t) => t.status !== "likely" && t.status !== "no_record")
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

/** Clicks an export button and returns the download's suggested name and bytes. */
async function exported(page, selector) {
  const { readFile } = await import("node:fs/promises");
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator(selector).click()]);
  return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
}

test("exports for meeting papers: a table Excel and WPS open (BOM, Chinese headers, the page's rounding, probabilities and statuses, levers, baseline) and charts that say what they are", async () => {
  const p = await openPage(browser, QUERY, { today: TODAY });
  const { page } = p;
  await monteCarloDone(page);
  const { name, bytes } = await exported(page, "#export-table-csv");
  assert.equal(name, "licheng-高迁入方案-2026-meeting-table.csv");
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "no UTF-8 byte-order mark");
  const text = bytes.toString("utf8").slice(1);
  const lines = text.split("\r\n");
  assert.equal(lines[1], `情景名称,${NAME}`);
  assert.equal(lines[2], "日期,2026年12月1日");
  const header = lines.indexOf("目标,预测值,目标值,差距,达成概率,状态,序时进度");
  assert.ok(header > 0, "no target header in Chinese");
  // Each target row shows the dashboard's displayed value, probability and status word.
  const shown = await page.evaluate(() =>
    [...document.querySelectorAll("#targets-table tbody tr[id^='target-']")].map((row) => ({
      label: row.querySelector(".target-label").firstChild.textContent.trim(),
      value: row.querySelector(".target-value").textContent.trim(),
      probability: row.querySelector(".target-probability").textContent.replace(/[†‡]/, "").replace("—", "").trim(),
      status: row.querySelector(".status-text").textContent.trim(),
    })),
  );
  shown.forEach((t, i) => {
    const cells = lines[header + 1 + i].split(",");
    assert.equal(cells[0].replace(/^"|"$/g, ""), t.label, `row ${i}`);
    assert.ok(lines[header + 1 + i].includes(t.value), `${t.label}: ${t.value} not in ${lines[header + 1 + i]}`);
    assert.ok(lines[header + 1 + i].includes(`,${t.probability},${t.status},`), `${t.label}: ${t.probability} ${t.status} not in ${lines[header + 1 + i]}`);
  });
  assert.ok(lines.includes("年净迁入人口,1500,450,人/年"), "the lever settings are missing");
  assert.ok(lines.some((l) => l.startsWith("2024年末常住人口,")), "the baseline figures are missing");

  // A chart's SVG carries its title, the scenario's name and date, the legend and the source.
  const chart = await exported(page, "#export-svg-chart-jobs");
  assert.equal(chart.name, "licheng-高迁入方案-2026-chart-jobs.svg");
  const svgText = chart.bytes.toString("utf8");
  const title = (await page.locator("#chart-jobs .chart-title").textContent()).trim();
  for (const part of [title, NAME, "2026年12月1日", "来源：", "实际（已报告）"]) {
    assert.ok(svgText.includes(part), `the chart's SVG lacks ${part}`);
  }
  for (const label of await page.locator("#chart-jobs .chart-legend-item").allTextContents()) {
    assert.ok(svgText.includes(label.trim()), `the legend item ${label.trim()} is missing`);
  }
  assert.doesNotMatch(svgText, /class=|foreignObject|tabindex/);
  await closePage(p);
});

/** The cells of an XLSX's first sheet: {"B2": "text or number as written"} (a minimal zip and
 * SpreadsheetML reader: stored or deflated entries, shared and inline strings). */
async function xlsxCells(bytes) {
  const { inflateRawSync } = await import("node:zlib");
  const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, "not a zip file");
  const count = bytes.readUInt16LE(eocd + 10);
  let at = bytes.readUInt32LE(eocd + 16);
  const files = {};
  for (let i = 0; i < count; i++) {
    const method = bytes.readUInt16LE(at + 10);
    const size = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extra = bytes.readUInt16LE(at + 30);
    const comment = bytes.readUInt16LE(at + 32);
    const local = bytes.readUInt32LE(at + 42);
    const name = bytes.subarray(at + 46, at + 46 + nameLength).toString("utf8");
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const raw = bytes.subarray(start, start + size);
    files[name] = (method === 8 ? inflateRawSync(raw) : raw).toString("utf8");
    at += 46 + nameLength + extra + comment;
  }
  const unescape = (s) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
  const shared = [...(files["xl/sharedStrings.xml"] ?? "").matchAll(/<si>(.*?)<\/si>/gs)].map((m) =>
    unescape([...m[1].matchAll(/<t[^>]*>(.*?)<\/t>/gs)].map((t) => t[1]).join("")),
  );
  const sheet = files["xl/worksheets/sheet1.xml"];
  assert.ok(sheet, "no first sheet");
  const cells = {};
  for (const m of sheet.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>(.*?)<\/c>)/gs)) {
    const [, ref, attrs, body = ""] = m;
    const v = /<v>(.*?)<\/v>/s.exec(body)?.[1];
    if (/t="s"/.test(attrs)) cells[ref] = shared[Number(v)];
    else if (/t="inlineStr"/.test(attrs)) cells[ref] = unescape(/<t[^>]*>(.*?)<\/t>/s.exec(body)?.[1] ?? "");
    else if (v !== undefined) cells[ref] = Number(v);
  }
  return cells;
}

test("the meeting table as XLSX, written by the on-demand worker, opens with the page's numbers", async () => {
  const p = await openPage(browser, QUERY, { today: TODAY });
  const { page } = p;
  await monteCarloDone(page);
  const { name, bytes } = await exported(page, "#export-table-xlsx");
  assert.equal(name, "licheng-高迁入方案-2026-meeting-table.xlsx");
  const cells = await xlsxCells(bytes);
  assert.equal(cells.A2, "情景名称");
  assert.equal(cells.B2, NAME);
  const headerRow = Object.entries(cells).find(([ref, v]) => ref.startsWith("A") && v === "目标")?.[0];
  assert.ok(headerRow, "no target header");
  const first = Number(headerRow.slice(1)) + 1;
  const shown = await page.evaluate(() =>
    [...document.querySelectorAll("#targets-table tbody tr[id^='target-']")].map((row) => ({
      label: row.querySelector(".target-label").firstChild.textContent.trim(),
      value: Number(row.querySelector(".target-value").dataset.value),
      probability: row.querySelector(".target-probability").dataset.value ?? null,
      status: row.querySelector(".status-text").textContent.trim(),
    })),
  );
  shown.forEach((t, i) => {
    const r = first + i;
    assert.equal(cells[`A${r}`], t.label, `row ${r}`);
    assert.equal(cells[`B${r}`], t.value, `${t.label}: value`);
    if (t.probability === null) assert.ok(cells[`E${r}`] === undefined || cells[`E${r}`] === "", `${t.label}: no probability, got ${cells[`E${r}`]}`);
    else assert.ok(Math.abs(cells[`E${r}`] - Number(t.probability) * 100) < 1e-9, `${t.label}: probability ${cells[`E${r}`]} vs ${t.probability}`);
    assert.equal(cells[`F${r}`], t.status, `${t.label}: status`);
  });
  await closePage(p);
});
