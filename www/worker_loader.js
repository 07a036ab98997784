// The Monte Carlo worker's entry script: loads the worker's Wasm (worker.js and worker_bg.wasm, built by
// trunk from src/bin/worker.rs). The page starts this script as worker_loader.js?v=<its build>; the same
// query fetches the two files of that build, not a copy an earlier deployment left in the browser's cache.
const version = self.location.search;
importScripts("./worker.js" + version);
wasm_bindgen("./worker_bg.wasm" + version);
