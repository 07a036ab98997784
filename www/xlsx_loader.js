// The xlsx worker's entry script: loads its Wasm (xlsx.js and xlsx_bg.wasm, built by trunk from
// src/bin/xlsx.rs). The page starts it only when the meeting table is asked for as XLSX, as
// xlsx_loader.js?v=<its build>, and the same query fetches that build's two files.
const version = self.location.search;
importScripts("./xlsx.js" + version);
wasm_bindgen("./xlsx_bg.wasm" + version);
