// Starts the Wasm app without an inline script, so the page's CSP needs no 'unsafe-inline' or hash.
// trunk writes the hashed file names into the <script data-js data-wasm> tag (pattern_script in Trunk.toml).
const tag = document.querySelector("script[data-js][data-wasm]");
const jsUrl = new URL(tag.dataset.js, document.baseURI).href;
const wasmUrl = new URL(tag.dataset.wasm, document.baseURI).href;
const { default: init } = await import(jsUrl);
await init({ module_or_path: wasmUrl });
