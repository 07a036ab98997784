// Starts the Wasm app without an inline script (the page's CSP needs no 'unsafe-inline' or hash), and
// shows a recoverable panel if the app cannot start or stops on an error: what happened, a button
// that copies the diagnostics, and the link to the current scenario, so nothing is lost. The panel
// is built with DOM calls and textContent only (no HTML from data). trunk writes the hashed file
// names into the <script data-js data-wasm> tag (pattern_script in Trunk.toml).

let crashed = false;

function crashPanel(reason) {
  if (crashed) return;
  crashed = true;
  const detail = [
    `reason: ${reason}`,
    `panic: ${document.documentElement.dataset.panic || "(none recorded)"}`,
    `page: ${location.href}`,
    `agent: ${navigator.userAgent}`,
  ].join("\n");
  const el = (tag, attrs = {}, text = "") => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (text) node.textContent = text;
    return node;
  };
  const panel = el("section", { id: "crash-panel", role: "alertdialog", "aria-labelledby": "crash-title" });
  panel.append(
    el("h2", { id: "crash-title" }, "出现意外错误，页面已停止运行 · Something went wrong and the page stopped"),
    el("p", {}, "您的情景保存在本页链接中，点击下方链接即可重新打开；已保存的情景仍在本机浏览器中。请复制诊断信息发给维护人员。"),
    el("p", {}, "Your scenario is kept in this page's link: open it below to start again. Saved scenarios are still in this browser. Please copy the diagnostics for the maintainers."),
  );
  const reopen = el("a", { id: "crash-reopen", href: location.href }, "重新打开当前情景 · Reopen this scenario");
  const text = el("textarea", { id: "crash-diagnostics", readonly: "", rows: "6", "aria-label": "诊断信息 · Diagnostics" });
  text.value = detail;
  const copy = el("button", { id: "crash-copy", type: "button" }, "复制诊断信息 · Copy diagnostics");
  const status = el("span", { id: "crash-copy-status", "aria-live": "polite" });
  copy.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(detail);
      status.textContent = "已复制 · Copied";
    } catch {
      text.focus();
      text.select();
      status.textContent = document.execCommand("copy") ? "已复制 · Copied" : "请手动复制 · Please copy by hand";
    }
  });
  panel.append(reopen, text, copy, status);
  document.body.prepend(panel);
}

window.addEventListener("error", (e) => {
  // Benign browser notices that are not failures of the app.
  if (/ResizeObserver loop/.test(e.message || "")) return;
  crashPanel(e.message || String(e.error));
});
window.addEventListener("unhandledrejection", (e) => crashPanel(String(e.reason)));
// The Rust panic hook records its message on <html data-panic>; show the panel even if no error event follows.
new MutationObserver(() => document.documentElement.dataset.panic && crashPanel("panic")).observe(
  document.documentElement,
  { attributes: true, attributeFilter: ["data-panic"] },
);

// Says, above the first view, that the rest of the page did not load and how to get it, keeping the
// scenario (it is in the link). DOM calls and textContent only, as for the crash panel.
function wholeFailedNotice() {
  const notice = document.createElement("div");
  notice.id = "whole-failed";
  notice.className = "banner banner-error";
  notice.setAttribute("role", "alert");
  notice.textContent =
    "页面的其余部分（分享、导出、演示、已保存情景、工作要点、数据来源与方法说明等）未能加载；下方的目标、参数与图表仍可使用。" +
    "请刷新页面重试，当前情景保存在本页链接中。 · The rest of the page (sharing, exports, presentation, saved " +
    "scenarios, work plan, sources and methods) could not load; the targets, levers and charts still work. " +
    "Reload the page to try again: the scenario is kept in its link.";
  document.body.prepend(notice);
}

// Whether a pointer is pressed (a slider being dragged, a button held): the whole page waits for
// its release (or a touch scroll's cancel), then for one more task, so that the release's own
// events (the slider's `change`, the button's `click`) reach the first view before it goes.
let pointerDown = false;
let onRelease = null;
addEventListener("pointerdown", () => (pointerDown = true), true);
for (const type of ["pointerup", "pointercancel"]) {
  addEventListener(type, () => {
    pointerDown = false;
    onRelease?.();
  }, true);
}
const released = async () => {
  if (pointerDown) await new Promise((resolve) => (onRelease = resolve));
  onRelease = null;
  await new Promise((resolve) => setTimeout(resolve));
};

// The whole page (src/bin/workbench.rs) takes over from the first view with its state, and gets
// back the focus (with a text field's unsaved text) and the scroll position. If it cannot load,
// the first view stays and works; once the first view has handed over, a failure is a crash.
let handedOver = false;
async function takeOver(firstView, version) {
  // Unhashed names: this build's version in the query, as for the workers (src/worker/mod.rs).
  const url = (name) => new URL(`${name}?v=${encodeURIComponent(version)}`, document.baseURI).href;
  const whole = await import(url("workbench.js"));
  await whole.default({ module_or_path: url("workbench_bg.wasm") });
  document.documentElement.dataset.wholeLoaded = "true";
  await released();
  const active = document.activeElement;
  const focusId = active && active !== document.body ? active.id : "";
  const typed = active instanceof HTMLInputElement && ["text", "number", "search"].includes(active.type);
  const text = typed ? active.value : null;
  const [x, y] = [scrollX, scrollY];
  document.addEventListener(
    "licheng-whole-ready",
    () => {
      scrollTo(x, y);
      const again = focusId && document.getElementById(focusId);
      if (!again) return;
      if (text !== null) again.value = text;
      again.focus({ preventScroll: true });
    },
    { once: true },
  );
  handedOver = true;
  whole.take_over(firstView.hand_over());
}

try {
  const tag = document.querySelector("script[data-js][data-wasm]");
  const jsUrl = new URL(tag.dataset.js, document.baseURI).href;
  const wasmUrl = new URL(tag.dataset.wasm, document.baseURI).href;
  const firstView = await import(jsUrl);
  await firstView.default({ module_or_path: wasmUrl });
  takeOver(firstView, tag.dataset.wasm.split("/").pop()).catch((e) => {
    if (handedOver) {
      crashPanel(`the whole page could not take over: ${e}`);
      return;
    }
    console.error(`licheng: the whole page could not load; the first view stays: ${e}`);
    document.documentElement.dataset.wholeFailed = String(e);
    wholeFailedNotice();
    firstView.whole_failed();
  });
} catch (e) {
  crashPanel(`the app could not start: ${e}`);
}
