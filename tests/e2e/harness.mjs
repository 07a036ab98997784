// Shared set-up of the end-to-end tests: where the bundle is, which Chromium to drive and with which
// flags (Debian's, headless, as root, no background networking). Every *.test.mjs imports these.
import path from "node:path";
import { fileURLToPath } from "node:url";

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, "../..");
// E2E_DIST (or DIST) points the tests at another bundle, e.g. a deliberately broken copy.
export const DIST = path.resolve(process.env.E2E_DIST || process.env.DIST || path.join(ROOT, "dist"));
export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--no-first-run",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
];
