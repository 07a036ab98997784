// Minimal static file server for dist/ (used by scripts/serve and tests/e2e); loopback only, no dependencies.
import { createServer } from "node:http";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".toml": "text/plain; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".woff2": "font/woff2",
};

async function resolveFile(root, urlPath) {
  let rel;
  try {
    rel = decodeURIComponent(urlPath.split("?")[0].split("#")[0]);
  } catch {
    return null;
  }
  const file = path.resolve(root, "." + path.posix.normalize("/" + rel));
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  try {
    const st = await stat(file);
    if (st.isDirectory()) {
      const index = path.join(file, "index.html");
      const ist = await stat(index);
      return ist.isFile() ? { file: index, size: ist.size } : null;
    }
    return st.isFile() ? { file, size: st.size } : null;
  } catch {
    return null;
  }
}

/**
 * Serve `root` on http://host:port/ (port 0 picks a free port). Resolves to { server, url, port, close }.
 * `onRequest(method, urlPath, status)` is called once per request when given.
 */
export async function startServer({ root, host = "127.0.0.1", port = 0, onRequest } = {}) {
  const absRoot = path.resolve(root);
  const server = createServer(async (req, res) => {
    const done = (status) => onRequest && onRequest(req.method, req.url, status);
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { Allow: "GET, HEAD" }).end();
      return done(405);
    }
    const found = await resolveFile(absRoot, req.url || "/");
    if (!found) {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("not found\n");
      return done(404);
    }
    const type = MIME[path.extname(found.file).toLowerCase()] || "application/octet-stream";
    res.writeHead(200, {
      "Content-Type": type,
      "Content-Length": found.size,
      "Cache-Control": "no-cache",
      "X-Content-Type-Options": "nosniff",
    });
    if (req.method === "HEAD") {
      res.end();
    } else {
      createReadStream(found.file).pipe(res);
    }
    done(200);
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  const actualPort = server.address().port;
  return {
    server,
    port: actualPort,
    url: `http://${host}:${actualPort}/`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

// CLI: node scripts/static-server.mjs DIR [PORT]
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = process.argv[2] || "dist";
  const port = Number(process.argv[3] ?? process.env.PORT ?? 8080);
  startServer({ root, port })
    .then(({ url }) => {
      console.log(`Serving ${path.resolve(root)} at ${url}  (Ctrl-C to stop)`);
    })
    .catch((err) => {
      console.error(`static-server: cannot listen on 127.0.0.1:${port}: ${err.message}`);
      process.exit(1);
    });
}
