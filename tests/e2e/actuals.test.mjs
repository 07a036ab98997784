// End-to-end tests of mid-plan actuals (实际完成): figures typed in the actuals panel give the CLI's
// numbers with the same --actual options (projection, progress and probabilities), travel in a link to a
// fresh browser, are drawn on the charts and the slides, and bad ones are refused with a message that
// changes nothing. The page's clock is set to 1 December 2026, so the current year is 2026 whatever the
// machine's date.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { DIST, nativeCli, launch, openPage, closePage, settle, monteCarloDone } from "./harness.mjs";

const TODAY = new Date("2026-12-01T10:00:00+08:00");
/** What the analyst reports: [row, year, text typed]. */
const REPORTED = [
  ["population", 2025, "400,500"],
  ["jobs_new_urban", 2025, "5300"],
  ["jobs_new_urban", 2026, "5100"],
  ["medical_insurance_rate", 2026, "95.4"],
  ["g5_stations", 2025, "30"],
  ["new_sishang_2025", 2025, "16"],
];
const CLI_ACTUALS = REPORTED.flatMap(([row, year, text]) => ["--actual", `${row}:${year}=${text.replace(",", "")}`]);

let browser;
let cliPath;

before(async () => {
  assert.ok(existsSync(path.join(DIST, "index.html")), `no ${DIST}/index.html: run scripts/build-dist first`);
  cliPath = nativeCli();
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

function cli(args) {
  return JSON.parse(execFileSync(cliPath, [...args, "--as-of", "2026", "--format", "json"], { encoding: "utf8" }));
}

/** Types `text` into a reported figure's field and applies it as Enter does. */
async function report(page, row, year, text) {
  const field = page.locator(`#actual-${row}-${year}`);
  await field.fill(text);
  await field.press("Enter");
  await settle(page);
}

/** The dashboard's targets: {id: {value, progress, toDate, schedule, needed}} from data attributes. */
async function dashboard(page) {
  return page.evaluate(() => {
    const out = {};
    for (const row of document.querySelectorAll("#targets-table tbody tr[id^='target-']")) {
      const progress = row.querySelector(".target-progress [data-progress]");
      const detail = row.querySelector(".target-progress .progress-detail");
      const needed = row.querySelector(".target-progress .progress-needed");
      out[row.id.slice(7)] = {
        value: Number(row.querySelector(".target-value").dataset.value),
        progress: progress?.dataset.progress ?? null,
        toDate: detail ? Number(detail.dataset.value) : null,
        schedule: detail ? Number(detail.dataset.schedule) : null,
        needed: needed ? Number(needed.dataset.value) : null,
        probability: row.querySelector(".target-probability")?.dataset.value ?? null,
      };
    }
    return out;
  });
}

function assertLikeCli(shown, json, label) {
  for (const t of json.targets) {
    const s = shown[t.id];
    assert.ok(s, `${label}: no row for ${t.id}`);
    assert.ok(Math.abs(s.value - t.value) <= 1e-9 * Math.max(1, Math.abs(t.value)), `${label}: ${t.id} page ${s.value} vs CLI ${t.value}`);
    assert.equal(s.progress, t.progress_status, `${label}: progress of ${t.id}`);
    if (t.progress_status) {
      assert.equal(s.toDate, t.actual_to_date, `${label}: ${t.id} to date`);
      assert.equal(s.schedule, t.schedule_to_date, `${label}: ${t.id} schedule`);
      assert.equal(s.needed, t.still_needed_per_year, `${label}: ${t.id} still needed`);
    }
  }
}

test("figures typed in the actuals panel give the CLI's projection, progress and probabilities with the same --actual options", async () => {
  const p = await openPage(browser, "", { today: TODAY });
  const { page } = p;
  // The current year's column is marked preliminary; no field for a year to come.
  assert.match(await page.locator("#actuals-table thead").textContent(), /2026 \(预计\)/);
  assert.equal(await page.locator("#actual-jobs_new_urban-2027").count(), 0);
  assert.equal(await page.locator("#as-of").getAttribute("data-through"), null);
  const before = await dashboard(page);
  assert.ok(Object.values(before).every((t) => t.progress === null), "progress without any figure");
  // Each field shows what the model projected for that year.
  const modelJobs = cli(["project"]).projection.find((y) => y.year === 2025).new_urban_jobs;
  assert.match(await page.locator("#actual-jobs_new_urban-2025-model").textContent(), new RegExp((Math.round(modelJobs)).toLocaleString("en-US")));

  const run = await monteCarloDone(page);
  for (const [row, year, text] of REPORTED) await report(page, row, year, text);
  assert.equal(await page.locator("#actual-error").count(), 0, "a good figure was refused");
  const project = cli(["project", ...CLI_ACTUALS]);
  assertLikeCli(await dashboard(page), project, "typed figures");
  assert.equal(await page.locator("#as-of").getAttribute("data-through"), "2026");
  assert.match(await page.locator("#as-of").textContent(), /实际数截至 2026 年（当年为预计数）/);
  // The model's own projection stays beside each field.
  assert.match(await page.locator("#actual-jobs_new_urban-2025-model").textContent(), new RegExp((Math.round(modelJobs)).toLocaleString("en-US")));

  // The probabilities are conditional on what has happened, as the CLI's.
  await monteCarloDone(page, Number(run.runId));
  const mc = cli(["mc", ...CLI_ACTUALS, "--draws", "2000"]);
  const shown = await dashboard(page);
  for (const t of mc.targets) {
    const p = shown[t.id].probability;
    assert.equal(p === null ? null : Number(p), t.probability, `probability of ${t.id}`);
  }
  // 5G stations have no record in the sources, so a probability only once a year is reported.
  assert.notEqual(shown.g5_stations.probability, null, "a reported year gives a probability");
  assert.equal(shown.benchmark_projects.probability, null, "no record and none reported: no probability");
  assert.equal(Number(shown.new_sishang_2025.probability), 1, "a target decided by its figure");

  // The charts draw the reported years as labelled points apart from the projection.
  assert.equal(await page.locator("#chart-jobs .chart-reported").count(), 2);
  assert.equal(await page.locator("#chart-population .chart-reported").count(), 1);
  assert.equal(await page.locator("#chart-insurance .chart-reported[data-year='2026']").count(), 1);
  await closePage(p);
});

test("a link with figures and notes reopens identically in a fresh browser, slides included", async () => {
  const p = await openPage(browser, "?v=1&lang=en", { today: TODAY });
  const { page } = p;
  for (const [row, year, text] of REPORTED) await report(page, row, year, text);
  const note = page.locator("#actual-note-jobs_new_urban-2026");
  await note.fill("District HR bureau, December 2026 estimate");
  await note.press("Enter");
  await settle(page);
  await page.waitForFunction(() => location.search.includes("xn.jobs_new_urban.2026="));
  const url = page.url();
  const shown = await dashboard(page);
  await closePage(p);

  const fresh = await launch();
  try {
    const q = await openPage(fresh, url.slice(url.indexOf("?")), { today: TODAY });
    assert.equal(await q.page.locator("#link-notices").count(), 0, "the link reported problems");
    const reopened = await dashboard(q.page);
    for (const [id, t] of Object.entries(shown)) {
      assert.deepEqual({ ...reopened[id], probability: null }, { ...t, probability: null }, `target ${id}`);
    }
    assert.equal(await q.page.locator("#actual-jobs_new_urban-2026").inputValue(), "5100");
    assert.equal(await q.page.locator("#actual-note-jobs_new_urban-2026").inputValue(), "District HR bureau, December 2026 estimate");
    // The slides say what is reported and what is projected, and each target's progress.
    await q.page.locator("#present").click();
    await q.page.locator("#slide-1").waitFor();
    assert.match(await q.page.locator("#slide-1 .slide-as-of").textContent(), /Reported figures through 2026 \(that year preliminary\); 2027–2028 projected/);
    const counts = await q.page.locator("#slide-1 .slide-progress-counts").evaluate((el) => ({ ...el.dataset }));
    const levels = Object.values(shown).map((t) => t.progress).filter(Boolean);
    assert.equal(Number(counts.onTrack), levels.filter((l) => l === "on_track").length);
    assert.equal(Number(counts.behind), levels.filter((l) => l === "behind").length);
    await q.page.keyboard.press("ArrowRight");
    await q.page.keyboard.press("ArrowRight");
    await q.page.locator("#slide-3[data-target='jobs_new_urban']").waitFor();
    assert.equal(await q.page.locator("#slide-3 .slide-progress [data-progress]").getAttribute("data-progress"), shown.jobs_new_urban.progress);
    assert.match(await q.page.locator("#slide-3 .slide-progress").textContent(), /2027–2028: 4,800 persons a year needed/);
    assert.equal(await q.page.locator("#slide-3 .chart-reported").count(), 2);
    await closePage(q);
  } finally {
    await fresh.close();
  }
});

test("bad figures show a message in the page's language and change nothing", async () => {
  const p = await openPage(browser, "", { today: TODAY });
  const { page } = p;
  await report(page, "jobs_new_urban", 2025, "5300");
  await page.waitForFunction(() => location.search.includes("x.jobs_new_urban.2025=5300"));
  // The projection and progress (the probabilities may still be filling in).
  const scenario = async () => Object.fromEntries(Object.entries(await dashboard(page)).map(([id, t]) => [id, { ...t, probability: null }]));
  const before = await scenario();
  const url = page.url();
  for (const [row, year, text, says] of [
    ["jobs_new_urban", 2026, "很多", /不是数字/],
    ["g5_stations", 2025, "-4", /新增5G基站 2025 年的实际数 -4 超出有效范围/],
    ["affordable_units", 2026, "12.5", /应为整数/],
    ["population", 2026, "39.8", /年末常住人口 2026 年的实际数 39.8 超出有效范围.*基期总人口上下 15%/],
  ]) {
    await report(page, row, year, text);
    const message = page.locator("#actual-error");
    await message.waitFor();
    assert.match(await message.textContent(), says, `${row} ${year} = ${text}`);
    assert.equal(await page.locator(`#actual-${row}-${year}`).getAttribute("aria-invalid"), "true");
    assert.equal(await page.locator(`#actual-${row}-${year}`).inputValue(), text, "the typed text is kept to correct");
    assert.deepEqual(await scenario(), before, `${row} ${year} = ${text} changed the scenario`);
    await settle(page);
    assert.equal(page.url(), url, "the link changed");
  }
  await closePage(p);

  // In a link: a year to come, a year outside the plan and a bad number are left out with notices.
  const q = await openPage(browser, "?v=1&x.jobs_new_urban.2027=5000&x.jobs_new_urban.2024=1&x.g5_stations.2025=abc&x.jobs_new_urban.2025=5300&lang=en", { today: TODAY });
  const notices = await q.page.locator("#link-notices li").allTextContents();
  assert.equal(notices.length, 3, notices.join("\n"));
  assert.match(notices.join("\n"), /2027 has not come yet \(the current year is 2026\)/);
  assert.match(notices.join("\n"), /outside 2025–2026/);
  assert.match(notices.join("\n"), /not a finite number/);
  assert.equal((await dashboard(q.page)).jobs_new_urban.value, before.jobs_new_urban.value, "the good figure still applies");
  await closePage(q);
});

test("the probabilities and statuses export as the CLI's `licheng mc` prints them, reported figures included", async () => {
  const { mkdtemp, readFile, rm } = await import("node:fs/promises");
  const os = await import("node:os");
  const dir = await mkdtemp(path.join(os.tmpdir(), "licheng-e2e-mc-export-"));
  const p = await openPage(browser, "?v=1&x.jobs_new_urban.2025=5300&x.population.2025=400500&seed=42&lang=en", { today: TODAY });
  const { page } = p;
  await monteCarloDone(page);
  const args = ["mc", "--as-of", "2026", "--actual", "jobs_new_urban:2025=5300", "--actual", "population:2025=400500", "--seed", "42", "--draws", "2000"];
  for (const format of ["csv", "json"]) {
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator(`#export-mc-${format}`).click()]);
    assert.equal(download.suggestedFilename(), `licheng-probabilities.${format}`);
    const file = path.join(dir, `p.${format}`);
    await download.saveAs(file);
    const expected = execFileSync(cliPath, [...args, "--format", format], { encoding: "utf8" });
    assert.equal(await readFile(file, "utf8"), expected, `the page's ${format} differs from licheng mc --format ${format}`);
  }
  const csv = await readFile(path.join(dir, "p.csv"), "utf8");
  assert.match(csv, /\ntarget,probability,status,/);
  assert.match(csv, /\njobs_new_urban,[0-9.]+,(likely|at_risk|unlikely),/);
  await closePage(p);
  await rm(dir, { recursive: true, force: true });
});
