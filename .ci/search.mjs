// Search in headless Chromium on the built example site: an Indonesian
// query finds an Indonesian item by a differently affixed form of a word
// in it ("berdaya" → "pemberdayaan", through Indonesian stemming) and
// term pages from another part of the index, an English query finds an
// English item, neither shows pages of the other language, a query with
// no result says so, and without JavaScript the page says it needs it.
//   node .ci/search.mjs [OUTPUT_DIR]
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";

const root = path.resolve(process.argv[2] || "public");
const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css",
  ".json": "application/json", ".pagefind": "application/octet-stream", ".pf_meta": "application/octet-stream",
  ".pf_index": "application/octet-stream", ".pf_fragment": "application/octet-stream" };
const server = http.createServer((req, res) => {
  let file = path.join(root, decodeURIComponent(new URL(req.url, "http://x").pathname));
  if (!file.startsWith(root)) { res.writeHead(403); return res.end(); }
  if (file.endsWith("/")) file += "index.html";
  fs.readFile(file, (err, data) => {
    if (err) { res.writeHead(404); return res.end(); }
    res.writeHead(200, { "content-type": types[path.extname(file)] || "application/octet-stream" });
    res.end(data);
  });
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
// The index is in parts (a language's news by year, then its other
// pages): "berdaya" must find both news and term pages, merged into one
// list. A query that matches nothing says so.
const cases = [
  { page: "/id/cari/", query: "berdaya", lang: "/id/", expect: "/id/berita/fgd-peksos-psm/",
    spans: ["/id/berita/", "/id/direktorat/"] },
  { page: "/en/search/", query: "rehabilitation", lang: "/en/", expect: "/en/news/atensi-lks-muhammadiyah/",
    spans: ["/en/news/", "/en/directorates/"] },
  { page: "/id/cari/", query: "xyzzyqwv", lang: "/id/", none: "Tidak ada hasil" },
];
let failed = 0;
try {
  const page = await browser.newPage();
  for (const c of cases) {
    await page.goto(`${base}${c.page}?q=${encodeURIComponent(c.query)}`);
    await page.waitForFunction(() => {
      const s = document.querySelector(".search-status");
      return s && s.textContent && !s.textContent.endsWith("…");
    }, null, { timeout: 20000 });
    const links = await page.$$eval(".search-result h2 a", (as) => as.map((a) => new URL(a.href).pathname));
    const status = await page.textContent(".search-status");
    const problems = [];
    if (c.none) {
      if (links.length || !status.includes(c.none)) problems.push(`expected no result and "${c.none}"`);
    } else if (!links.includes(c.expect)) problems.push(`missing ${c.expect}`);
    for (const prefix of c.spans || []) {
      if (!links.some((l) => l.startsWith(prefix))) problems.push(`no result under ${prefix} (another part of the index)`);
    }
    const foreign = links.filter((l) => !l.startsWith(c.lang));
    if (foreign.length) problems.push(`other language: ${foreign.join(", ")}`);
    console.log(`${problems.length ? "FAIL" : "ok"}  ${c.page}?q=${c.query}: ${status}; ${links.join(" ")}`);
    if (problems.length) { failed++; console.log("      " + problems.join("; ")); }
  }
  // Without JavaScript the search page says that it needs it.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const plain = await context.newPage();
  await plain.goto(`${base}/id/cari/`);
  const text = await plain.innerText("main");
  const said = text.includes("JavaScript");
  console.log(`${said ? "ok" : "FAIL"}  /id/cari/ without JavaScript: ${said ? "says it needs JavaScript" : text.slice(0, 200)}`);
  if (!said) failed++;
  await context.close();
} finally {
  await browser.close();
  server.close();
}
process.exit(failed ? 1 : 0);
