// What one search costs a reader's browser: the requests and bytes that a
// query loads on a built site's search page, read from headless Chromium's
// network log (and checked against the log of the server that this script
// runs itself).
//
//   node bench/search-requests.mjs --site OUTPUT_DIR [--lang id] \
//       --query "bantuan sosial" [--query ...] [--gzip] [--json]
//
// For every query: a fresh browser context (empty cache) with a phone's
// viewport opens the language's search page (/id/cari/, /en/search/, or
// --page PATH), waits until the page is loaded and the network idle, and
// only then starts counting. It types the query into the search field and
// submits it, as a reader does, and waits until the results are shown with
// their titles and excerpts (pagefind's fragments loaded) and the network
// is idle again: that is the "first" query, which also loads pagefind
// itself (warta's search page loads it on the first query). Then, in the
// same page, it searches the next query of the list (the first one after
// the last) the same way: the "second" query, with pagefind and its
// parts already loaded.
//
// Bytes are the response bodies as the page receives them (pagefind's
// index files are gzip-compressed by pagefind itself); with --gzip the
// server also compresses HTML, JavaScript, JSON and CSS when the browser
// accepts it, as most hosts do, and "transfer" then counts the compressed
// bodies (Chromium's encoded body size). No network throttling.
//
// Needs Node 20+, Debian's chromium (/usr/bin/chromium, or --chromium
// PATH) and playwright-core: from node_modules as usual, or from
// .ci/node_modules (`npm ci --prefix .ci`, see .ci/tools.sh).
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

function usage(message) {
  if (message) console.error(message);
  console.error("usage: node bench/search-requests.mjs --site OUTPUT_DIR [--lang id] [--page /id/cari/]\n" +
    "           --query TEXT [--query TEXT ...] [--gzip] [--json] [--chromium PATH] [--timeout SECONDS]");
  process.exit(2);
}

const options = { site: null, lang: "id", page: null, queries: [], gzip: false, json: false,
  chromium: "/usr/bin/chromium", timeout: 60 };
{
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = () => (i + 1 < args.length ? args[++i] : usage(`${arg} needs a value`));
    if (arg === "--site") options.site = value();
    else if (arg === "--lang") options.lang = value();
    else if (arg === "--page") options.page = value();
    else if (arg === "--query") options.queries.push(value());
    else if (arg === "--gzip") options.gzip = true;
    else if (arg === "--json") options.json = true;
    else if (arg === "--chromium") options.chromium = value();
    else if (arg === "--timeout") options.timeout = Number(value());
    else if (arg === "-h" || arg === "--help") usage();
    else usage(`unknown argument: ${arg}`);
  }
  if (!options.site) usage("--site is needed");
  if (!options.queries.length) usage("at least one --query is needed");
  if (!options.page) options.page = { id: "/id/cari/", en: "/en/search/" }[options.lang] || usage(`--page is needed for --lang ${options.lang}`);
}

function loadPlaywright() {
  const require = createRequire(import.meta.url);
  for (const where of ["playwright-core", path.join(here, "..", ".ci", "node_modules", "playwright-core")]) {
    try { return require(where); } catch { /* the next place */ }
  }
  console.error("playwright-core not found: run `npm ci --prefix .ci --ignore-scripts` (see .ci/tools.sh)");
  process.exit(2);
}
const { chromium } = loadPlaywright();

// The server: the output folder as a static host serves it, and a log of
// what it sent, to check the browser's.
const root = path.resolve(options.site);
const types = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8", ".json": "application/json", ".xml": "application/xml", ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp",
  ".avif": "image/avif", ".gif": "image/gif", ".ico": "image/x-icon", ".woff2": "font/woff2", ".woff": "font/woff",
  ".wasm": "application/wasm",
  // pagefind's own files: gzip-compressed by pagefind, decompressed by it.
  ".pagefind": "application/wasm", ".pf_meta": "application/octet-stream", ".pf_index": "application/octet-stream",
  ".pf_fragment": "application/octet-stream", ".pf_filter": "application/octet-stream",
};
const compressible = new Set([".html", ".js", ".mjs", ".css", ".json", ".xml", ".txt", ".svg"]);
const served = [];
const server = http.createServer((req, res) => {
  let file;
  try {
    file = path.join(root, decodeURIComponent(new URL(req.url, "http://x").pathname));
  } catch {
    res.writeHead(400);
    return res.end();
  }
  if (file !== root && !file.startsWith(root + path.sep)) { res.writeHead(403); return res.end(); }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
    if (!req.url.split("?")[0].endsWith("/")) {
      res.writeHead(301, { location: req.url.replace(/^([^?]*)/, "$1/") });
      return res.end();
    }
    file = path.join(file, "index.html");
  }
  fs.readFile(file, (err, data) => {
    if (err) {
      served.push({ url: req.url, status: 404, bytes: 0 });
      res.writeHead(404);
      return res.end();
    }
    const ext = path.extname(file);
    const headers = { "content-type": types[ext] || "application/octet-stream", "cache-control": "no-cache" };
    let body = data;
    if (options.gzip && compressible.has(ext) && /\bgzip\b/.test(req.headers["accept-encoding"] || "")) {
      body = zlib.gzipSync(data, { level: 6 });
      headers["content-encoding"] = "gzip";
      headers.vary = "accept-encoding";
    }
    headers["content-length"] = body.length;
    served.push({ url: req.url, status: 200, bytes: body.length });
    res.writeHead(200, headers);
    res.end(body);
  });
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const base = `http://127.0.0.1:${server.address().port}`;

function kind(url) {
  const name = new URL(url).pathname.split("/").pop();
  if (name === "pagefind-entry.json") return "entry";
  for (const ext of ["pf_meta", "pf_index", "pf_fragment", "pf_filter"]) if (name.endsWith("." + ext)) return ext;
  if (/^(pagefind|pagefind-worker)\.js$/.test(name) || name.endsWith(".pagefind")) return "code";
  return "other";
}
const kinds = ["entry", "pf_meta", "pf_index", "pf_fragment", "pf_filter", "code", "other"];

// The network log of one browser context, from the moment `start` is
// called: every request (the page's and its workers'), with its body and
// encoded sizes once finished.
function recorder(context) {
  let counting = false;
  let log = [];
  let pending = new Set();
  let lastActivity = Date.now();
  const done = (request, failed) => {
    pending.delete(request);
    lastActivity = Date.now();
    const entry = log.find((e) => e.request === request);
    if (!entry) return;
    entry.finished = (async () => {
      entry.failed = failed;
      const response = failed ? null : await request.response().catch(() => null);
      entry.status = response ? response.status() : 0;
      if (response) {
        try { entry.body = (await response.body()).length; } catch { entry.body = 0; }
        try {
          const sizes = await request.sizes();
          entry.transfer = sizes.responseBodySize;
          entry.headers = sizes.responseHeadersSize;
        } catch { entry.transfer = null; }
      }
    })();
  };
  context.on("request", (request) => {
    pending.add(request);
    lastActivity = Date.now();
    if (counting) log.push({ request, url: request.url(), kind: kind(request.url()), body: 0, transfer: null });
  });
  context.on("requestfinished", (request) => done(request, false));
  context.on("requestfailed", (request) => done(request, true));
  return {
    start() { counting = true; log = []; served.length = 0; },
    // Until no request has been in flight for `quiet` ms.
    async idle(quiet = 500) {
      while (pending.size || Date.now() - lastActivity < quiet) await new Promise((ok) => setTimeout(ok, 50));
    },
    async stop() {
      counting = false;
      await Promise.all(log.map((e) => e.finished));
      return log.map(({ request, finished, ...rest }) => rest);
    },
  };
}

// Types the query into the search field, submits it and waits until the
// results (or "no results") are shown; returns what the page shows.
async function search(page, query) {
  const input = page.locator("#search input[name=q]");
  await input.fill("");
  await input.click();
  await input.pressSequentially(query, { delay: 20 });
  const started = Date.now();
  await input.press("Enter");
  await page.waitForFunction((q) => {
    const s = document.querySelector(".search-status");
    if (!s || !s.textContent || s.textContent.endsWith("…")) return false;
    if (new URLSearchParams(location.search).get("q") !== q) return false;
    // Every result shown has its title and, when there is one, its excerpt.
    return [...document.querySelectorAll(".search-results .search-result")].every((li) => li.querySelector("h2 a"));
  }, query, { timeout: options.timeout * 1000 });
  const shown = Date.now() - started;
  return page.evaluate((ms) => ({
    status: document.querySelector(".search-status").textContent,
    shown: document.querySelectorAll(".search-results .search-result").length,
    excerpts: [...document.querySelectorAll(".search-results .search-result")].filter((li) => li.querySelector("mark")).length,
    first: (document.querySelector(".search-results .search-result h2 a") || {}).textContent || "",
    ms,
  }), shown);
}

function summarize(log) {
  const by = Object.fromEntries(kinds.map((k) => [k, { requests: 0, body: 0, transfer: 0 }]));
  for (const e of log) {
    by[e.kind].requests++;
    by[e.kind].body += e.body || 0;
    by[e.kind].transfer += e.transfer || 0;
  }
  const total = log.reduce((t, e) => ({ requests: t.requests + 1, body: t.body + (e.body || 0),
    transfer: t.transfer + (e.transfer || 0) }), { requests: 0, body: 0, transfer: 0 });
  return { total, by, failed: log.filter((e) => e.failed || e.status >= 400).map((e) => `${e.status} ${e.url}`) };
}

const browser = await chromium.launch({
  executablePath: options.chromium,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const results = [];
try {
  for (let i = 0; i < options.queries.length; i++) {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true,
      locale: options.lang,
    });
    const log = recorder(context);
    const page = await context.newPage();
    await page.goto(`${base}${options.page}`, { waitUntil: "load" });
    await page.evaluate(() => document.fonts.ready);
    await log.idle(1000);
    const pairs = [["first", options.queries[i]]];
    if (options.queries.length > 1) pairs.push(["second", options.queries[(i + 1) % options.queries.length]]);
    else pairs.push(["again", options.queries[i]]);
    for (const [when, query] of pairs) {
      log.start();
      const shown = await search(page, query);
      await log.idle(500);
      const requests = await log.stop();
      // Chromium gives no encoded size for some responses (a worker's
      // script): the bytes the server sent for that URL instead.
      for (const e of requests) {
        if (e.status === 200 && e.body && !e.transfer) {
          const url = new URL(e.url);
          const sent = served.find((s) => s.url === url.pathname + url.search);
          if (sent) e.transfer = sent.bytes;
        }
      }
      const summary = summarize(requests);
      const server = { requests: served.length, bytes: served.reduce((t, s) => t + s.bytes, 0) };
      results.push({ query, when, ...shown, ...summary, server, requests });
    }
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}

const kb = (n) => (n / 1024).toFixed(1);
if (options.json) {
  console.log(JSON.stringify({ site: root, page: options.page, gzip: options.gzip, results }, null, 2));
} else {
  console.log(`${root}${options.page}${options.gzip ? " (gzip)" : ""}`);
  console.log("| query | when | requests | KiB (body) | KiB (transfer) | entry | pf_meta | pf_index | pf_fragment | code | other | results | ms |");
  console.log("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|--:|");
  for (const r of results) {
    const cell = (k) => r.by[k].requests ? `${r.by[k].requests} / ${kb(r.by[k].body)}` : "–";
    console.log(`| ${r.query} | ${r.when} | ${r.total.requests} | ${kb(r.total.body)} | ${kb(r.total.transfer)} | ` +
      `${cell("entry")} | ${cell("pf_meta")} | ${cell("pf_index")} | ${cell("pf_fragment")} | ${cell("code")} | ` +
      `${r.by.pf_filter.requests ? cell("pf_filter") + " (filters), " : ""}${cell("other")} | ${r.shown} shown: ${r.status} | ${r.ms} |`);
  }
  console.log("(kind columns: requests / KiB of body)");
  for (const r of results) {
    if (r.failed.length) console.log(`${r.query} (${r.when}): failed: ${r.failed.join(", ")}`);
    if (r.server.requests !== r.total.requests) {
      console.log(`${r.query} (${r.when}): the server answered ${r.server.requests} requests (${kb(r.server.bytes)} KiB), the browser logged ${r.total.requests}`);
    }
  }
}
