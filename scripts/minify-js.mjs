// Minifies the JavaScript that wasm-bindgen writes into dist/ (trunk's own minifier cannot parse it and
// leaves it as is) with terser from .tools/, and rewrites the SRI hash index.html gives each file.
// Usage: node scripts/minify-js.mjs DIST TOOLS_DIR. Fails, naming the file, if a file cannot be parsed or an
// integrity attribute is missing; reports each file's size before and after.
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const [dist, tools] = process.argv.slice(2);
if (!dist || !tools) {
  console.error("usage: node scripts/minify-js.mjs DIST TOOLS_DIR");
  process.exit(2);
}
const { minify } = createRequire(path.join(tools, "package.json"))("terser");

// wasm-bindgen's ES module for the page, `app-<hash>.js`. Not the worker's `worker.js`: a classic script whose
// top-level `wasm_bindgen` the worker's loader calls (minified as a module, that name goes), loaded on demand.
// Our own scripts (boot.js, worker_loader.js) stay readable. The whole page's `workbench.js` (an ES module) after it.
const pageScripts = readdirSync(dist).filter((f) => /^app-[0-9a-f]+\.js$/.test(f));
if (pageScripts.length !== 1) {
  console.error(`minify-js: ${pageScripts.length} app-<hash>.js files in ${dist}, not one`);
  process.exit(1);
}
const indexPath = path.join(dist, "index.html");
let index = readFileSync(indexPath, "utf8");
for (const file of pageScripts) {
  const full = path.join(dist, file);
  const source = readFileSync(full, "utf8");
  const result = await minify(source, { module: true, compress: { passes: 2 }, mangle: true, format: { comments: false } }).catch(
    (e) => {
      console.error(`minify-js: ${file}: ${e.message}`);
      process.exit(1);
    },
  );
  writeFileSync(full, result.code);
  // index.html preloads the script with its hash (modulepreload): the browser refuses it if the hash differs.
  const link = new RegExp(`(href=\\.?/?${file.replace(/[.]/g, "\\.")}\\s+integrity=)sha384-[A-Za-z0-9+/=]+`);
  if (!link.test(index)) {
    console.error(`minify-js: index.html has no integrity attribute for ${file}`);
    process.exit(1);
  }
  const sri = `sha384-${createHash("sha384").update(result.code).digest("base64")}`;
  index = index.replace(link, `$1${sri}`);
  console.log(`minify-js: ${file} ${source.length} -> ${result.code.length} bytes`);
}
writeFileSync(indexPath, index);

// The whole page's ES module (`workbench.js`, loaded by boot.js after the first view; no integrity attribute).
const whole = path.join(dist, "workbench.js");
const wholeSource = readFileSync(whole, "utf8");
const wholeResult = await minify(wholeSource, { module: true, compress: { passes: 2 }, mangle: true, format: { comments: false } }).catch(
  (e) => {
    console.error(`minify-js: workbench.js: ${e.message}`);
    process.exit(1);
  },
);
writeFileSync(whole, wholeResult.code);
console.log(`minify-js: workbench.js ${wholeSource.length} -> ${wholeResult.code.length} bytes`);
