// The bytes a phone downloads for one page, from Chromium's network log:
// each built site is served from this machine, the page is loaded in a
// fresh browser context with the cache disabled at a phone's viewport,
// scrolled to the bottom (so lazy images load), and every response's
// bytes on the wire (Network.loadingFinished encodedDataLength: headers
// and body) are added up, images apart. bench/photos runs it; alone:
//
//   node bench/photo-bytes.mjs --page /id/berita/x/ --site before=DIR --site after=DIR
//        [--viewport 390x844] [--dpr 3 --dpr 2] [--modules DIR]
//
// --modules is a node_modules folder holding playwright-core (default:
// the repository's .ci/node_modules). Uses Debian's /usr/bin/chromium.
// Prints one JSON object per site and pixel ratio.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const options = { page: null, sites: [], viewport: "390x844", dprs: [], modules: path.join(here, "../.ci/node_modules") };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const value = () => {
    if (i + 1 >= argv.length) throw new Error(`${argv[i]} needs a value`);
    return argv[++i];
  };
  switch (argv[i]) {
    case "--page": options.page = value(); break;
    case "--site": {
      const [label, ...dir] = value().split("=");
      options.sites.push({ label, root: path.resolve(dir.join("=")) });
      break;
    }
    case "--viewport": options.viewport = value(); break;
    case "--dpr": options.dprs.push(Number(value())); break;
    case "--modules": options.modules = path.resolve(value()); break;
    default: throw new Error(`unknown argument ${argv[i]}`);
  }
}
if (!options.page || !options.sites.length) {
  console.error("usage: node bench/photo-bytes.mjs --page PATH --site LABEL=DIR... [--viewport WxH] [--dpr N]... [--modules DIR]");
  process.exit(2);
}
if (!options.dprs.length) options.dprs = [3, 2];
const [width, height] = options.viewport.split("x").map(Number);
const { chromium } = createRequire(path.join(options.modules, "noop.js"))("playwright-core");

const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css",
  ".json": "application/json", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png",
  ".webp": "image/webp", ".svg": "image/svg+xml", ".xml": "application/xml" };

function serve(root) {
  const server = http.createServer((req, res) => {
    let file = path.join(root, decodeURIComponent(new URL(req.url, "http://x").pathname));
    if (!file.startsWith(root)) { res.writeHead(403); return res.end(); }
    if (file.endsWith("/")) file += "index.html";
    fs.readFile(file, (err, data) => {
      if (err) { res.writeHead(404); return res.end(); }
      res.writeHead(200, { "content-type": types[path.extname(file).toLowerCase()] || "application/octet-stream",
        "content-length": data.length });
      res.end(data);
    });
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok(server)));
}

async function measure(browser, base, dpr) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: dpr,
    isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const requests = new Map();
  cdp.on("Network.requestWillBeSent", (e) => requests.set(e.requestId, { url: e.request.url, type: e.type }));
  cdp.on("Network.responseReceived", (e) => {
    const r = requests.get(e.requestId);
    if (r) { r.status = e.response.status; r.mime = e.response.mimeType; r.type = e.type || r.type; }
  });
  cdp.on("Network.loadingFinished", (e) => {
    const r = requests.get(e.requestId);
    if (r) r.bytes = e.encodedDataLength;
  });
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await page.goto(base + options.page, { waitUntil: "load" });
  // Scroll down a screen at a time, as a reader would, to the bottom.
  for (let step = 0; step < 200; step++) {
    const atBottom = await page.evaluate(() => {
      window.scrollBy(0, window.innerHeight);
      return window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1;
    });
    await page.waitForTimeout(150);
    if (atBottom) break;
  }
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(500);
  const shown = await page.$$eval("img", (imgs) => imgs.map((i) => ({
    src: new URL(i.currentSrc || i.src).pathname, width: i.naturalWidth, shownWidth: i.clientWidth })));
  await context.close();
  const all = [...requests.values()].filter((r) => r.bytes !== undefined);
  const images = all.filter((r) => r.type === "Image" || (r.mime || "").startsWith("image/"));
  const sum = (list) => list.reduce((n, r) => n + r.bytes, 0);
  return {
    requests: all.length,
    bytes: sum(all),
    imageRequests: images.length,
    imageBytes: sum(images),
    images: images.map((r) => ({ path: new URL(r.url).pathname, bytes: r.bytes, mime: r.mime })),
    shown,
  };
}

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  for (const site of options.sites) {
    const server = await serve(site.root);
    try {
      const base = `http://127.0.0.1:${server.address().port}`;
      for (const dpr of options.dprs) {
        const result = await measure(browser, base, dpr);
        console.log(JSON.stringify({ site: site.label, viewport: options.viewport, dpr, page: options.page, ...result }));
      }
    } finally {
      server.close();
    }
  }
} finally {
  await browser.close();
}
