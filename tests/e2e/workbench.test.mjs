// End-to-end tests of the analyst's workbench: levers, presets, undo/redo,
// comparison, language, baseline import and baseline-figure editor, work plan browser, and the lever-to-DOM
// latency figure.
// Same harness as smoke.test.mjs: the release bundle in dist/ served on 127.0.0.1, Debian Chromium via
// playwright-core. Numbers are checked against the native CLI (`licheng project --format json`) run on the
// same scenario, to a relative tolerance of 1e-9.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import {
  ROOT,
  DIST,
  FIGURE,
  nativeCli,
  launch,
  openPage as harnessOpenPage,
  closePage,
  settle,
  monteCarloDone,
  holdWorkers,
  releaseWorkers,
} from "./harness.mjs";
const REL_TOL = 1e-9;

let tmpDir;
let browser;
let cliPath;

before(async () => {
  assert.ok(existsSync(path.join(DIST, "index.html")), `no ${DIST}/index.html: run scripts/build-dist first`);
  // The native CLI built from the same tree.
  cliPath = nativeCli();
  tmpDir = await mkdtemp(path.join(os.tmpdir(), "licheng-e2e-workbench-"));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  if (tmpDir) await rm(tmpDir, { recursive: true, force: true });
});

/**
 * The CLI's JSON for a scenario: `sets` like {mig: 3000}; `population` an optional CSV path; `figures` edited
 * baseline figures like {junior_capacity: 12000} (`--baseline NAME=VALUE`).
 */
function cli(sets = {}, population = null, figures = {}) {
  const args = ["project", "--format", "json"];
  for (const [key, value] of Object.entries(sets)) args.push("--set", `${key}=${value}`);
  if (population) args.push("--population", population);
  for (const [key, value] of Object.entries(figures)) args.push("--baseline", `${key}=${value}`);
  return JSON.parse(execFileSync(cliPath, args, { encoding: "utf8" }));
}

function assertClose(actual, expected, what) {
  assert.ok(Number.isFinite(actual), `${what}: the page shows ${actual}`);
  const ok = Math.abs(actual - expected) <= REL_TOL * Math.max(1, Math.abs(expected));
  assert.ok(ok, `${what}: page ${actual} vs CLI ${expected}`);
}

/** Open the workbench (at `?query`, if given) in a new tab; console errors and uncaught exceptions are collected. */
function openPage(query = "") {
  return harnessOpenPage(browser, query);
}

/** Move a lever's slider as a drag would: input events, then one change. */
async function slide(page, key, ...values) {
  await page.evaluate(
    ([key, values]) => {
      const el = document.getElementById(`lever-${key}`);
      for (const v of values) {
        el.value = String(v);
        el.dispatchEvent(new Event("input", { bubbles: true }));
      }
      el.dispatchEvent(new Event("change", { bubbles: true }));
    },
    [key, values],
  );
  await settle(page);
}

async function headline(page) {
  return Number(await page.locator("#headline-population").getAttribute("data-value"));
}

/** The dashboard: {targetId: {value, a, delta}} from the data-value attributes. */
async function targets(page) {
  return page.evaluate(() => {
    const out = {};
    for (const row of document.querySelectorAll("#targets-table tbody tr[id^='target-']")) {
      const read = (sel) => {
        const el = row.querySelector(sel);
        return el ? Number(el.dataset.value) : null;
      };
      out[row.id.slice("target-".length)] = { value: read(".target-value"), a: read(".target-value-a"), delta: read(".target-delta") };
    }
    return out;
  });
}

/** Checks the headline and every target against the CLI's JSON. */
async function assertMatchesCli(page, json, label) {
  assertClose(await headline(page), json.projection.at(-1).population, `${label}: headline population`);
  const shown = await targets(page);
  assert.equal(Object.keys(shown).length, json.targets.length, `${label}: number of target rows`);
  for (const t of json.targets) {
    assert.ok(shown[t.id], `${label}: no row target-${t.id}`);
    assertClose(shown[t.id].value, t.value, `${label}: target ${t.id}`);
  }
}

/** A line chart's data table: {seriesLabel: {year: number}} (numbers as displayed). */
async function chartTable(page, id) {
  return page.evaluate((id) => {
    const table = document.querySelector(`#${id} table`);
    const heads = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
    const out = {};
    for (const row of table.querySelectorAll("tbody tr")) {
      const year = row.querySelector("th").textContent.trim();
      [...row.querySelectorAll("td")].forEach((td, i) => {
        (out[heads[i + 1]] ??= {})[year] = Number(td.textContent.replace(/[^\d.\-]/g, ""));
      });
    }
    return out;
  }, id);
}

async function chartShape(page, id) {
  return page.evaluate((id) => [...document.querySelectorAll(`#${id} polyline`)].map((p) => p.getAttribute("points")).join("|"), id);
}

test("moving a lever updates the headline, the target table and the charts to the CLI's numbers", async () => {
  const p = await openPage();
  const { page } = p;
  await assertMatchesCli(page, cli(), "defaults");
  const shapeBefore = await chartShape(page, "chart-population");

  await slide(page, "mig", 1500, 2200, 3000);
  const json = cli({ mig: 3000 });
  await assertMatchesCli(page, json, "mig=3000 by slider");
  // The model's own indicator sits beside the plan's targets, with the CLI's value and no verdict.
  assert.equal(await page.locator("#target-affordable_need_coverage").count(), 0, "a model indicator in the plan-target table");
  const last = json.projection[json.projection.length - 1];
  assert.equal(Number(await page.locator("#model-indicators").getAttribute("data-value")), last.affordable_coverage_pct);
  assert.match(await page.locator("#model-indicators").textContent(), /模型指标（非工作要点目标，不作达成判断）/);
  assert.notEqual(await chartShape(page, "chart-population"), shapeBefore, "the population chart did not change");
  const table = await chartTable(page, "chart-population");
  const series = Object.values(table)[0];
  for (const year of json.projection) {
    const shown = series[String(year.year)];
    assert.ok(Math.abs(shown - year.population) <= 0.5 + 1e-6, `chart-population ${year.year}: ${shown} vs CLI ${year.population}`);
  }
  assert.equal(await page.locator("#lever-mig-number").inputValue(), "3000");

  // The exact field applies on Enter.
  await page.locator("#lever-tfr-number").fill("0.91");
  await page.locator("#lever-tfr-number").press("Enter");
  await settle(page);
  await assertMatchesCli(page, cli({ mig: 3000, tfr: 0.91 }), "mig=3000 tfr=0.91 typed");
  assert.equal(await page.locator("#lever-tfr").inputValue(), "0.91");

  // Per-lever reset.
  await page.locator("#lever-tfr-reset").click();
  await settle(page);
  await assertMatchesCli(page, json, "tfr reset");
  assert.ok(await page.locator("#lever-tfr-reset").isDisabled(), "the reset button of a lever at its default is enabled");
  await closePage(p);
});

test("invalid numbers show an inline message and leave the scenario unchanged", async () => {
  const p = await openPage();
  const { page } = p;
  const before = await targets(page);
  const field = page.locator("#lever-tfr-number");

  await field.fill("9");
  await field.press("Enter");
  await settle(page);
  await page.locator("#lever-tfr-error").waitFor({ state: "visible" });
  assert.match(await page.locator("#lever-tfr-error").textContent(), /0\.5.*2\.5/);
  assert.equal(await field.inputValue(), "9", "the field lost what was typed");
  assert.equal(await field.getAttribute("aria-invalid"), "true");
  assert.deepEqual(await targets(page), before, "an out-of-range value changed the scenario");

  await field.fill("");
  await field.press("Enter");
  await settle(page);
  assert.match(await page.locator("#lever-tfr-error").textContent(), /请输入/);
  assert.deepEqual(await targets(page), before, "an empty field changed the scenario");

  // Escape restores the scenario's value.
  await field.fill("99");
  await settle(page);
  assert.equal(await page.locator("#lever-tfr-error").count(), 1);
  await field.press("Escape");
  await settle(page);
  assert.equal(await field.inputValue(), "0.77");
  assert.equal(await page.locator("#lever-tfr-error").count(), 0);
  await field.fill("");

  // Leaving the field restores the scenario's value.
  await field.blur();
  await settle(page);
  assert.equal(await field.inputValue(), "0.77");
  assert.equal(await page.locator("#lever-tfr-error").count(), 0);

  // The provenance marker opens its note.
  await page.locator("#lever-tfr-control .prov").click();
  await page.locator("#lever-tfr-note").waitFor({ state: "visible" });
  assert.match(await page.locator("#lever-tfr-note").textContent(), /5\.99‰→0\.77/);
  await closePage(p);
});

test("presets apply their levers and explain themselves", async () => {
  const p = await openPage();
  const { page } = p;
  const explainBefore = await page.locator("#preset-explanation").textContent();
  await page.locator("#preset-select").selectOption("high-migration");
  await settle(page);
  await assertMatchesCli(page, cli({ mig: 2500 }), "preset high-migration");
  const explain = await page.locator("#preset-explanation").textContent();
  assert.notEqual(explain, explainBefore);
  assert.match(explain, /2500/);
  assert.equal(await page.locator("#lever-mig-number").inputValue(), "2500");

  await page.locator("#preset-select").selectOption("hukou-and-housing");
  await settle(page);
  await assertMatchesCli(page, cli({ mig: 2500, aff: 250, insn: 85 }), "preset hukou-and-housing");

  // The list of every preset with its explanation applies one too.
  await page.locator("#preset-list summary").click();
  assert.equal(await page.locator("#preset-list li").count(), await page.locator("#preset-select option[value]:not([value=''])").count());
  await page.locator("#preset-list button[data-preset='low-fertility']").click();
  await settle(page);
  await assertMatchesCli(page, cli({ tfr: 0.65 }), "preset low-fertility from the list");
  assert.equal(await page.locator("#preset-select").inputValue(), "low-fertility");

  // Editing a lever turns the picker to "custom".
  await slide(page, "to", 2.5);
  assert.equal(await page.locator("#preset-select").inputValue(), "");
  await page.locator("#reset-all").click();
  await settle(page);
  await assertMatchesCli(page, cli(), "reset all");
  assert.equal(await page.locator("#preset-select").inputValue(), "baseline");
  await closePage(p);
});

test("undo and redo step through lever changes, presets and resets (buttons and keyboard)", async () => {
  const p = await openPage();
  const { page } = p;
  assert.ok(await page.locator("#undo").isDisabled(), "undo is enabled with no history");
  // One drag of many input events is one undo step.
  await slide(page, "mig", 1300, 1800, 2400, 3000);
  await slide(page, "tfr", 0.9);
  await page.locator("#preset-select").selectOption("insurance-drive");
  await settle(page);
  await assertMatchesCli(page, cli({ ins: 30, lap: 0.8 }), "after preset");

  await page.locator("#undo").click();
  await settle(page);
  await assertMatchesCli(page, cli({ mig: 3000, tfr: 0.9 }), "undo preset");
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press("Control+z");
  await settle(page);
  await assertMatchesCli(page, cli({ mig: 3000 }), "Ctrl+Z");
  await page.keyboard.press("Control+z");
  await settle(page);
  await assertMatchesCli(page, cli(), "Ctrl+Z again: the whole drag undone at once");
  assert.ok(await page.locator("#undo").isDisabled(), "undo still enabled at the start of history");

  await page.keyboard.press("Control+Shift+z");
  await settle(page);
  await assertMatchesCli(page, cli({ mig: 3000 }), "Ctrl+Shift+Z");
  await page.keyboard.press("Control+y");
  await settle(page);
  await assertMatchesCli(page, cli({ mig: 3000, tfr: 0.9 }), "Ctrl+Y");
  await page.locator("#redo").click();
  await settle(page);
  await assertMatchesCli(page, cli({ ins: 30, lap: 0.8 }), "redo button");
  assert.ok(await page.locator("#redo").isDisabled(), "redo enabled at the end of history");

  await page.locator("#reset-all").click();
  await settle(page);
  await page.locator("#undo").click();
  await settle(page);
  await assertMatchesCli(page, cli({ ins: 30, lap: 0.8 }), "undo reset all");
  await closePage(p);
});

test("pinning A compares it with B: A, B and the difference for every target, A dashed in every line chart", async () => {
  const p = await openPage();
  const { page } = p;
  assert.ok(await page.locator("#clear-compare").isDisabled());
  await page.locator("#pin-a").click();
  await slide(page, "mig", 3000);
  const a = cli();
  const b = cli({ mig: 3000 });
  await assertMatchesCli(page, b, "B");
  const shown = await targets(page);
  for (const t of b.targets) {
    const ta = a.targets.find((x) => x.id === t.id);
    assertClose(shown[t.id].a, ta.value, `A of ${t.id}`);
    assertClose(shown[t.id].delta, t.value - ta.value, `B−A of ${t.id}`);
  }
  assertClose(Number(await page.locator("#headline-population-a").getAttribute("data-value")), a.projection.at(-1).population, "A headline");
  await page.locator("#compare-banner").waitFor({ state: "visible" });
  for (const id of ["chart-population", "chart-jobs", "chart-housing", "chart-schools-primary", "chart-schools-junior", "chart-insurance"]) {
    assert.ok((await page.locator(`#${id} .chart-series-dashed`).count()) > 0, `${id} has no dashed series for A`);
  }

  await page.locator("#clear-compare").click();
  await settle(page);
  assert.equal(await page.locator(".target-value-a").count(), 0, "A values remain after clearing");
  assert.equal(await page.locator("#chart-population .chart-series-dashed").count(), 0);
  assert.equal(await page.locator("#compare-banner").count(), 0);
  await assertMatchesCli(page, b, "B after clearing");
  await closePage(p);
});

test("the language toggle switches every label between Chinese and English", async () => {
  const p = await openPage();
  const { page } = p;
  assert.equal(await page.evaluate(() => document.documentElement.lang), "zh-CN");
  assert.match(await page.locator("#app-title").textContent(), /鲤城区/);
  assert.equal((await page.locator("label[for='lever-tfr']").textContent()).trim(), "总和生育率");
  assert.match(await page.locator("#target-jobs_new_urban .target-value").textContent(), /万/);
  const before = await targets(page);

  await page.locator("#lang-toggle").click();
  await settle(page);
  assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
  assert.match(await page.locator("#app-title").textContent(), /Licheng/);
  assert.equal((await page.locator("label[for='lever-tfr']").textContent()).trim(), "Total fertility rate");
  assert.match(await page.locator("#target-jobs_new_urban .target-value").textContent(), /^\d{1,3}(,\d{3})+ persons$/);
  assert.match(await page.locator("#targets-table thead").textContent(), /Probability/);
  assert.equal((await page.locator("#lang-toggle").textContent()).trim(), "中文");
  assert.deepEqual(await targets(page), before, "the language changed the numbers");
  const cjk = await page.evaluate(() => {
    // Visible UI text outside the Chinese-language data (plan text, sources) should be English.
    const bits = [];
    for (const sel of ["#tab-dashboard", "#undo", "#redo", "#reset-all", "#pin-a", "#clear-compare", "#targets-heading", "#levers-heading"]) {
      bits.push(document.querySelector(sel).textContent);
    }
    return bits.join(" ").match(/[\u4e00-\u9fff]/g);
  });
  assert.equal(cjk, null, "Chinese left in the English UI");

  await page.locator("#lang-toggle").click();
  await settle(page);
  assert.match(await page.locator("#app-title").textContent(), /鲤城区/);
  await closePage(p);
});

/** The embedded population table with every count multiplied by `factor`, as CSV text. */
async function scaledPopulationCsv(factor) {
  const text = await readFile(path.join(ROOT, "seeds/baseline-population-2024.csv"), "utf8");
  return text
    .split("\n")
    .map((line) => {
      const cells = line.split(",");
      if (line.startsWith("#") || cells.length !== 3 || !/^\d+$/.test(cells[0].trim())) return line;
      return [cells[0], Number(cells[1]) * factor, Number(cells[2]) * factor].join(",");
    })
    .join("\n");
}

test("importing a population CSV switches to a custom baseline; a bad file is refused with its line named", async () => {
  const p = await openPage();
  const { page } = p;
  assert.equal(await page.locator("#custom-baseline-banner").count(), 0);
  await slide(page, "mig", 2000);
  const official = cli({ mig: 2000 });

  const good = path.join(tmpDir, "population-plus-5pct.csv");
  await writeFile(good, await scaledPopulationCsv(1.05));
  await page.locator("#baseline-import").setInputFiles(good);
  await page.locator("#custom-baseline-banner").waitFor({ state: "visible" });
  assert.match(await page.locator("#custom-baseline-banner").textContent(), /population-plus-5pct\.csv/);
  await assertMatchesCli(page, cli({ mig: 2000 }, good), "custom baseline");
  assert.equal(await page.locator("#lever-mig-number").inputValue(), "2000", "the import reset the levers");

  // A bad file: the error names the line; the custom baseline and the numbers stay.
  const before = await targets(page);
  const bad = path.join(tmpDir, "bad.csv");
  const rows = ["age,male,female"];
  for (let age = 0; age <= 100; age++) rows.push(age === 3 ? "3,120,abc" : `${age},100,90`);
  await writeFile(bad, rows.join("\n") + "\n");
  await page.locator("#baseline-import").setInputFiles(bad);
  await page.locator("#import-error").waitFor({ state: "visible" });
  const message = await page.locator("#import-error").textContent();
  assert.match(message, /第 5 行 female 列/, `the error does not name line 5: ${message}`);
  assert.match(message, /female/);
  assert.deepEqual(await targets(page), before, "a rejected file changed the numbers");
  await page.locator("#custom-baseline-banner").waitFor({ state: "visible" });

  // Back to the official baseline.
  await page.locator("#use-official-baseline").click();
  await settle(page);
  assert.equal(await page.locator("#custom-baseline-banner").count(), 0);
  await assertMatchesCli(page, official, "official baseline again");

  // The download is a template the import reads back: the official table gives the official numbers.
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#download-population").click()]);
  const template = path.join(tmpDir, "template.csv");
  await download.saveAs(template);
  const templateText = await readFile(template, "utf8");
  assert.match(templateText, /^age,male,female\n0,/);
  await page.locator("#baseline-import").setInputFiles(template);
  await page.locator("#custom-baseline-banner").waitFor({ state: "visible" });
  await assertMatchesCli(page, official, "the downloaded template imported back");
  await page.locator("#use-official-baseline").click();
  await settle(page);

  // A bad file on the official baseline leaves it untouched too.
  await page.locator("#baseline-import").setInputFiles(bad);
  await page.locator("#import-error").waitFor({ state: "visible" });
  await assertMatchesCli(page, official, "after a rejected file");
  assert.equal(await page.locator("#custom-baseline-banner").count(), 0);

  // English message.
  await page.locator("#lang-toggle").click();
  await settle(page);
  assert.match(await page.locator("#import-error").textContent(), /Import failed.*line 5, column female/);
  await closePage(p);
});

/** The custom-baseline banner's lines (empty when there is no banner). */
async function bannerItems(page) {
  return page.locator("#custom-baseline-banner .custom-baseline-item").allTextContents();
}

/** Types `text` into a baseline figure's field and presses Enter. */
async function typeFigure(page, key, text) {
  const field = page.locator(`#baseline-figure-${key}`);
  await field.fill(text);
  await field.press("Enter");
  await settle(page);
  return field;
}

test("editing a baseline figure recomputes everything on it; bad values are named and change nothing; the link carries it", async () => {
  const p = await openPage();
  const { page } = p;
  const official = cli();
  await assertMatchesCli(page, official, "official baseline");
  assert.equal(await page.locator("#baseline-figure-junior_capacity").inputValue(), "9790");
  assert.match(await page.locator("#baseline-figure-junior_capacity-range").textContent(), /0 – 100,000,000.*9,790.*估算/);
  assert.match(await page.locator("#baseline-figure-junior_capacity-control .badge").textContent(), /估算/);
  assert.match(await page.locator("#baseline-figure-places_first_year-control .badge").textContent(), /公开数据/);
  assert.ok(await page.locator("#baseline-figure-junior_capacity-reset").isDisabled());
  assert.equal(await page.locator("#custom-baseline-banner").count(), 0);
  // Its source link opens the Sources tab at the figure.
  await page.locator("#baseline-figure-junior_capacity-range a[data-figure]").click();
  await page.locator("#figure-junior_capacity_2024").waitFor({ state: "visible" });
  assert.equal(await page.locator("#tab-sources").getAttribute("aria-selected"), "true");
  await page.locator("#tab-dashboard").click();

  // Junior places 2024 down to 7,000: the school-place target falls, exactly as the CLI computes it.
  await slide(page, "mig", 2000);
  await typeFigure(page, "junior_capacity", "7000");
  const edited = cli({ mig: 2000 }, null, { junior_capacity: 7000 });
  await assertMatchesCli(page, edited, "junior_capacity=7000");
  const share = (await targets(page)).migrant_children_public.value;
  assert.ok(share < cli({ mig: 2000 }).targets.find((t) => t.id === "migrant_children_public").value, `the school-place target did not fall: ${share}`);
  assert.deepEqual(await bannerItems(page), ["公办初中学位（2024年）：7,000个（内置估算 9,790个）"]);
  const places = Object.entries(await chartTable(page, "chart-schools-junior")).find(([name]) => name.includes("学位"))[1];
  assert.equal(places["2024"], 7000, "the junior chart does not start from the edited places");
  assert.ok(!(await page.locator("#baseline-figure-junior_capacity-reset").isDisabled()));
  assert.equal(await page.locator("#lever-mig-number").inputValue(), "2000", "the edit reset the levers");
  // A printed handout says so too (the banner prints, its button does not).
  await page.emulateMedia({ media: "print" });
  assert.ok(await page.locator("#custom-baseline-banner").isVisible(), "the printed handout hides the custom baseline");
  assert.ok(!(await page.locator("#use-official-baseline").isVisible()));
  await page.emulateMedia({ media: "screen" });

  // Bad values: a message naming the figure; the previous numbers stay.
  const before = await targets(page);
  for (const [text, message] of [
    ["-1", /公办初中学位（2024年）：超出有效范围 0 至 100,000,000/],
    ["100000001", /公办初中学位（2024年）：超出有效范围/],
    ["", /公办初中学位（2024年）：请输入一个数值/],
  ]) {
    const field = await typeFigure(page, "junior_capacity", text);
    await page.locator("#baseline-figure-junior_capacity-error").waitFor({ state: "visible" });
    assert.match(await page.locator("#baseline-figure-junior_capacity-error").textContent(), message, `"${text}"`);
    assert.equal(await field.getAttribute("aria-invalid"), "true");
    assert.deepEqual(await targets(page), before, `"${text}" changed the numbers`);
    assert.deepEqual(await bannerItems(page), ["公办初中学位（2024年）：7,000个（内置估算 9,790个）"]);
  }
  await page.locator("#lang-toggle").click();
  await typeFigure(page, "insurance_pct", "101");
  assert.match(
    await page.locator("#baseline-figure-insurance_pct-error").textContent(),
    /Basic medical insurance participation, 2024: outside the valid range 0 to 100 \(the baseline is unchanged\)/,
  );
  assert.deepEqual(await targets(page), before, "an insurance rate of 101 changed the numbers");
  await page.locator("#baseline-figure-insurance_pct").press("Escape");
  await settle(page);
  assert.equal(await page.locator("#baseline-figure-insurance_pct").inputValue(), "95");
  assert.equal(await page.locator("#baseline-figure-insurance_pct-error").count(), 0);
  assert.deepEqual(await bannerItems(page), ["Public junior-middle places, 2024: 7,000 places (built-in estimate 9,790 places)"]);
  await page.locator("#lang-toggle").click();
  await settle(page);

  // The copied link reopens the scenario with the same numbers.
  await page.locator("#share").click();
  const link = await page.locator("#share-link").inputValue();
  assert.match(link, /[?&]mig=2000&b\.jcap=7000&/);
  assert.equal(await page.locator("#share-population-note").count(), 0, "a population note without an import");
  await page.locator("#share-close").click();
  const reopened = await openPage(link.slice(link.indexOf("?")));
  await assertMatchesCli(reopened.page, edited, "the copied link");
  assert.deepEqual(await bannerItems(reopened.page), ["公办初中学位（2024年）：7,000个（内置估算 9,790个）"]);
  assert.equal(await reopened.page.locator("#baseline-figure-junior_capacity").inputValue(), "7000");
  await closePage(reopened);

  // Importing a population keeps the edited figure, and editing another figure keeps the import.
  const csv = path.join(tmpDir, "population-plus-2pct.csv");
  await writeFile(csv, await scaledPopulationCsv(1.02));
  await page.locator("#baseline-import").setInputFiles(csv);
  await page.waitForFunction(() => document.querySelectorAll("#custom-baseline-banner .custom-baseline-item").length === 2);
  await assertMatchesCli(page, cli({ mig: 2000 }, csv, { junior_capacity: 7000 }), "import + junior places");
  await typeFigure(page, "insurance_pct", "96.5");
  await assertMatchesCli(page, cli({ mig: 2000 }, csv, { junior_capacity: 7000, insurance_pct: 96.5 }), "import + two figures");
  const items = await bannerItems(page);
  assert.equal(items.length, 3, items.join(" | "));
  assert.match(items[0], /population-plus-2pct\.csv/);
  assert.equal(items[2], "基本医保参保率（2024年）：96.5%（内置估算 95%）");
  // The share panel says the imported table is not in the link.
  await page.locator("#share").click();
  assert.match(await page.locator("#share-population-note").textContent(), /population-plus-2pct\.csv.*无法放入链接/);
  assert.match(await page.locator("#share-link").inputValue(), /b\.jcap=7000&b\.ins=96\.5/);
  await page.locator("#share-close").click();
  // A figure's reset brings back its official value only.
  await page.locator("#baseline-figure-junior_capacity-reset").click();
  await settle(page);
  await assertMatchesCli(page, cli({ mig: 2000 }, csv, { insurance_pct: 96.5 }), "junior places reset");
  assert.equal(await page.locator("#baseline-figure-junior_capacity").inputValue(), "9790");
  assert.equal((await bannerItems(page)).length, 2);

  // Return to the official baseline: every official number again.
  await page.locator("#use-official-baseline").click();
  await settle(page);
  assert.equal(await page.locator("#custom-baseline-banner").count(), 0);
  await assertMatchesCli(page, cli({ mig: 2000 }), "official baseline again");
  assert.equal(await page.locator("#baseline-figure-insurance_pct").inputValue(), "95");
  await page.waitForFunction(() => !location.search.includes("b."), null, { timeout: 5000 });

  // A link with an out-of-range figure: a notice, and the official value is kept.
  const bad = await openPage("?v=1&b.pcap=-3&b.ins=96&lang=en");
  await bad.page.locator("#link-notices").waitFor({ state: "visible" });
  assert.match(await bad.page.locator("#link-notices").textContent(), /Public primary places, 2024 = -3 is outside its valid range/);
  assert.equal(await bad.page.locator("#baseline-figure-primary_capacity").inputValue(), "20700");
  await assertMatchesCli(bad.page, cli({}, null, { insurance_pct: 96 }), "the link's valid figure");
  await closePage(bad);
  await closePage(p);
});

test("the work plan browser lists all 32 tasks, filters by unit and text, and target clauses link to their task", async () => {
  const p = await openPage();
  const { page } = p;
  await page.locator("#tab-workplan").click();
  await page.locator("#workplan").waitFor({ state: "visible" });
  const taskIds = async () => page.evaluate(() => [...document.querySelectorAll("#workplan article[id^='task-']")].map((a) => a.id));
  const all = await taskIds();
  for (let n = 1; n <= 32; n++) assert.ok(all.includes(`task-${n}`), `task-${n} missing`);
  assert.ok(all.includes("task-0"), "the main goals (task-0) are missing");

  const units = await page.locator("#unit-filter option").evaluateAll((os) => os.map((o) => o.value));
  assert.ok(units.length > 20, `only ${units.length} units in the filter`);
  await page.locator("#unit-filter").selectOption("District Education Bureau");
  await settle(page);
  const education = await taskIds();
  assert.ok(education.length > 0 && education.length < 32, `unit filter shows ${education.length} tasks`);
  assert.ok(education.includes("task-3"));
  assert.ok(!education.includes("task-1"));

  await page.locator("#unit-filter").selectOption("");
  await page.locator("#workplan-search").fill("5G");
  await settle(page);
  assert.deepEqual(await taskIds(), ["task-29"]);
  await page.locator("#workplan-search").fill("");

  // A clause in the target table opens its task.
  await page.locator("#tab-dashboard").click();
  await page.locator("#target-jobs_new_urban .target-clause a").click();
  await settle(page);
  await page.locator("#task-2").waitFor({ state: "visible" });
  assert.ok(await page.locator("#task-2").isVisible());
  assert.match(await page.locator("#task-2").textContent(), /lfp/);
  await closePage(p);
});

test("sources list every baseline figure with its status; methods show the formulas", async () => {
  const p = await openPage();
  const { page } = p;
  const toml = await readFile(path.join(ROOT, "seeds/baseline.toml"), "utf8");
  const figures = (toml.match(/^\[\[figure\]\]/gm) ?? []).length;
  await page.locator("#tab-sources").click();
  assert.equal(await page.locator(".sources article.figure").count(), figures);
  assert.equal(await page.locator(".sources .badge-official").count(), (toml.match(/^status = "official"/gm) ?? []).length);
  await page.locator("#tab-methods").click();
  assert.match(await page.locator("#method-employment").textContent(), /J_t = max\(0, E\^d_t − E\^d_\{t−1\}\) \+ to · E\^d_\{t−1\}/);
  // The Monte Carlo panel links to how the draws are made: every lever under its distribution, the correlation.
  await page.locator("#tab-dashboard").click();
  await page.locator("#mc-method-link").click();
  await settle(page);
  assert.ok(await page.locator("#method-uncertainty").isVisible(), "the link did not open the uncertainty method");
  const listed = await page.locator("#method-uncertainty li[data-distribution]").allTextContents();
  const keys = [...(await readFile(path.join(ROOT, "src/model/levers.rs"), "utf8")).matchAll(/LeverSpec \{ id: L::\w+, key: "(\w+)"/g)].map((m) => m[1]);
  assert.ok(keys.length >= 30, `${keys.length} lever keys read`);
  for (const key of keys) {
    assert.equal(listed.filter((t) => t.includes(`(${key})`)).length, 1, `lever ${key} is not listed once`);
  }
  assert.match(await page.locator("#method-correlation").textContent(), /年净迁入人口与地区生产总值增速.*ρ = 0\.5.*年净迁入人口与泉州市常住人口年均增速.*ρ = 0\.5.*女性预期寿命与男性预期寿命，ρ = 0\.8.*地区生产总值增速与岗位更替率，ρ = 0\.3/);
  assert.match(await page.locator("#method-base-draws").textContent(), /2024年常住人口总数±1%.*2024年公办学位±5%.*医保参保率±1\.5个百分点.*固定不变/);
  await closePage(p);
});

test("the validation panel shows the CLI's hindcast: each row observed, model, within its tolerance, and whether it was calibrated to its own observation", async () => {
  const p = await openPage();
  const { page } = p;
  const hindcast = JSON.parse(execFileSync(cliPath, ["hindcast", "--format", "json"], { encoding: "utf8" }));
  assert.ok(hindcast.rows.length >= 4, `${hindcast.rows.length} rows`);
  await page.locator("#tab-methods").click();
  const rows = await page.evaluate(() =>
    [...document.querySelectorAll("#validation-table tbody tr")].map((tr) => ({
      id: tr.id.replace(/^validation-/, ""),
      within: tr.dataset.within === "true",
      calibrated: tr.dataset.calibrated === "true",
      values: [...tr.querySelectorAll("td[data-value]")].map((td) => Number(td.dataset.value)),
      text: tr.textContent,
    })),
  );
  assert.deepEqual(rows.map((r) => r.id), hindcast.rows.map((r) => r.id));
  rows.forEach((row, i) => {
    const cli = hindcast.rows[i];
    assert.deepEqual(row.values, [cli.observed, cli.model, cli.error, cli.tolerance], row.id);
    assert.equal(row.within, cli.within, row.id);
    assert.equal(row.calibrated, cli.calibrated_to_this, row.id);
    assert.match(row.text, row.calibrated ? /已按此校准/ : /独立检验/, row.id);
  });
  assert.ok(rows.some((r) => !r.calibrated), "no independent check");
  await page.locator("#lang-toggle").click();
  await settle(page);
  assert.match(await page.locator("#method-validation").textContent(), /Validation.*calibrated to its own observation/s);
  await closePage(p);
});

test("the layout fits a 1366×768 laptop, a 1920×1080 projector and a 768×1024 tablet in both languages: nothing scrolls sideways, the status column is in view", async () => {
  const sizes = [
    [1366, 768, ""],
    [1366, 768, "&mig=3000&cmp=1"],
    [1920, 1080, "&mig=3000&cmp=1"],
    [768, 1024, ""],
    [768, 1024, "&mig=3000&cmp=1"],
    [1024, 768, ""],
  ];
  for (const lang of ["zh", "en"]) {
    for (const [width, height, extra] of sizes) {
      const p = await openPage(`?v=1&lang=${lang}${extra}`);
      const { page } = p;
      await page.setViewportSize({ width, height });
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const where = `${width}×${height} ${lang}${extra}`;
      const layout = await page.evaluate(() => {
        const table = document.getElementById("targets-table");
        const box = table.closest(".table-scroll") ?? table.parentElement;
        const statuses = [...table.querySelectorAll("tbody td.target-status")].map((td) => td.getBoundingClientRect().right);
        const lever = document.getElementById("lever-tfr-number").getBoundingClientRect();
        const chart = document.getElementById("chart-population").getBoundingClientRect();
        return {
          pageWidth: document.documentElement.scrollWidth,
          viewport: window.innerWidth,
          boxRight: box.getBoundingClientRect().right,
          statusRight: Math.max(...statuses),
          statuses: statuses.length,
          lever: { left: lever.left, right: lever.right, width: lever.width },
          chart: { left: chart.left, right: chart.right, width: chart.width },
        };
      });
      assert.ok(layout.pageWidth <= layout.viewport, `${where}: the page is ${layout.pageWidth}px wide in a ${layout.viewport}px window`);
      assert.ok(layout.statuses >= 10, `${where}: ${layout.statuses} status cells`);
      assert.ok(layout.statusRight <= layout.boxRight + 1, `${where}: the status column ends at ${layout.statusRight}px, past the table's ${layout.boxRight}px`);
      assert.ok(layout.lever.width >= 48 && layout.lever.left >= 0 && layout.lever.right <= width, `${where}: lever input ${JSON.stringify(layout.lever)}`);
      assert.ok(layout.chart.width >= 280 && layout.chart.left >= 0 && layout.chart.right <= width, `${where}: chart ${JSON.stringify(layout.chart)}`);
      await closePage(p);
    }
  }
});

test("figure: lever input event to updated DOM, 95th percentile over 100 moves", FIGURE, async () => {
  const p = await openPage();
  const { page } = p;
  // Each move: performance.now() just before the slider's input event, then a MutationObserver waits for
  // the headline's data-value to change (Yew renders every component in one microtask, so the table and
  // charts are updated by then). The first WARMUP moves let the browser tier up the Wasm; they are
  // reported separately.
  const WARMUP = 20;
  const MOVES = 100;
  const times = await page.evaluate(async (count) => {
    const slider = document.getElementById("lever-mig");
    const headline = document.getElementById("headline-population");
    const root = document.querySelector(".app") ?? document.body;
    const out = [];
    for (let i = 0; i < count; i++) {
      const before = headline.dataset.value;
      const updated = new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          if (headline.dataset.value !== before) {
            observer.disconnect();
            resolve(performance.now());
          }
        });
        observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
      });
      slider.value = String(500 + 50 * (i % 200));
      const start = performance.now();
      slider.dispatchEvent(new Event("input", { bubbles: true }));
      out.push((await updated) - start);
      slider.dispatchEvent(new Event("change", { bubbles: true }));
      await new Promise((r) => requestAnimationFrame(() => r()));
    }
    return out;
  }, WARMUP + MOVES);
  assert.equal(times.length, WARMUP + MOVES);
  const quantile = (xs, q) => {
    const sorted = [...xs].sort((x, y) => x - y);
    return sorted[Math.ceil(q * sorted.length) - 1];
  };
  const measured = times.slice(WARMUP);
  const cold = times.slice(0, MOVES);
  console.log(`figure: lever_to_dom_p95_ms=${quantile(measured, 0.95).toFixed(2)}`);
  console.log(`figure: lever_to_dom_median_ms=${quantile(measured, 0.5).toFixed(2)}`);
  console.log(`figure: lever_to_dom_cold_p95_ms=${quantile(cold, 0.95).toFixed(2)} (first ${MOVES} moves after load, no warm-up)`);
  await assertMatchesCli(page, cli({ mig: 500 + 50 * ((WARMUP + MOVES - 1) % 200) }), "after the timed moves");
  await closePage(p);
});

test("a scenario name being typed stays while the Monte Carlo reports, and is kept as committed", async () => {
  const p = await openPage("?v=1&lang=en");
  const { page } = p;
  const before = await monteCarloDone(page);
  // A run held in the worker, then typing (not committed), then the run's results: the page
  // re-renders around the field, which keeps what is typed.
  await holdWorkers(page);
  await page.locator("#mc-draws").selectOption("5000");
  await page.locator("#scenario-name").fill("  East side, draft");
  await releaseWorkers(page);
  await monteCarloDone(page, Number(before.runId));
  assert.equal(await page.locator("#scenario-name").inputValue(), "  East side, draft");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "scenario-name");
  // Committed, it shows as kept (trimmed) and goes into the link.
  await page.locator("#scenario-name").press("Enter");
  await page.locator("#scenario-name").press("Tab");
  await settle(page);
  assert.equal(await page.locator("#scenario-name").inputValue(), "East side, draft");
  await page.waitForFunction(() => new URLSearchParams(location.search).get("name") === "East side, draft");
  await closePage(p);
});
