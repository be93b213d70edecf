// Accessibility check of a built site with axe-core in headless Chromium.
//
//   node .ci/axe.mjs [OUTPUT_DIR] [EXTRA_PATH...]
//
// e.g. node .ci/axe.mjs public /id/tentang/ /en/about/
//
// OUTPUT_DIR defaults to "public". The folder is served on 127.0.0.1 (a free
// port) by the small static server below, and axe-core runs with its default
// rule set (WCAG 2.0/2.1/2.2 A and AA plus best practices) on the standard
// pages and on every EXTRA_PATH ("/id/tentang/"). Each violation is printed
// with its rule id, impact, help text and the CSS selectors of the nodes;
// the exit status is 1 if any page has a violation or cannot be audited.
//
// The root page "/" redirects to a language home with JavaScript. To audit
// the language chooser itself, that one document is served with the header
// "Content-Security-Policy: script-src 'none'" (its bytes unchanged), so its
// inline script does not run, as for a reader without JavaScript; axe-core
// is then evaluated through the DevTools protocol, which CSP does not block.
//
// Environment: CHROMIUM (default /usr/bin/chromium).

import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, 'package.json'));
const { chromium } = require('playwright-core');
const axePath = require.resolve('axe-core/axe.min.js');
const axeVersion = require('axe-core/package.json').version;

const DEFAULT_PAGES = [
  '/',
  '/id/',
  '/en/',
  '/id/berita/fgd-peksos-psm/',
  '/en/news/fgd-peksos-psm/',
  '/id/program/atensi/',
  '/en/programs/atensi/',
  '/id/cari/',
  '/en/search/',
];

const args = process.argv.slice(2);
let root = 'public';
// The first argument is the output folder when it names one ("/" never does).
if (args.length && args[0] !== '/' && fs.statSync(args[0], { throwIfNoEntry: false })?.isDirectory()) {
  root = args.shift();
}
root = path.resolve(root);
const pages = [...DEFAULT_PAGES];
for (const p of args) {
  if (!p.startsWith('/')) {
    console.error(`axe: a page path must start with "/": ${p}`);
    process.exit(2);
  }
  if (!pages.includes(p)) pages.push(p);
}
if (!fs.existsSync(path.join(root, 'index.html'))) {
  console.error(`axe: ${root} has no index.html: build the site first`);
  process.exit(2);
}

// ---- a tiny static file server ---------------------------------------------

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.pdf': 'application/pdf',
};

function send(res, status, file) {
  res.writeHead(status, {
    'content-type': TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream',
    'cache-control': 'no-store',
  });
  fs.createReadStream(file).pipe(res);
}

function notFound(res) {
  const page404 = path.join(root, '404.html');
  if (fs.existsSync(page404)) return send(res, 404, page404);
  res.writeHead(404, { 'content-type': 'text/plain' });
  res.end('not found\n');
}

const server = http.createServer((req, res) => {
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  } catch {
    res.writeHead(400);
    return res.end();
  }
  const file = path.join(root, path.normalize(pathname));
  if (file !== root && !file.startsWith(root + path.sep)) return notFound(res);
  let stat;
  try {
    stat = fs.statSync(file);
  } catch {
    return notFound(res);
  }
  if (stat.isDirectory()) {
    if (!pathname.endsWith('/')) {
      res.writeHead(301, { location: pathname + '/' });
      return res.end();
    }
    const index = path.join(file, 'index.html');
    return fs.existsSync(index) ? send(res, 200, index) : notFound(res);
  }
  return send(res, 200, file);
});

await new Promise((resolve, reject) => {
  server.once('error', reject);
  server.listen(0, '127.0.0.1', resolve);
});
const base = `http://127.0.0.1:${server.address().port}`;

// ---- the audit ---------------------------------------------------------------

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});

const chromiumVersion = browser.version();
let violations = 0;
let failedPages = 0;

async function audit(pagePath) {
  const url = base + pagePath;
  const noScript = pagePath === '/';
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  try {
    if (noScript) {
      await page.route(url, async (route) => {
        const response = await route.fetch();
        await route.fulfill({
          response,
          headers: { ...response.headers(), 'content-security-policy': "script-src 'none'" },
        });
      });
    }
    const response = await page.goto(url, { waitUntil: 'load', timeout: 30000 });
    if (!response || response.status() !== 200) {
      console.log(`FAIL ${pagePath}: HTTP ${response ? response.status() : 'no response'}`);
      failedPages++;
      return;
    }
    if (page.url() !== url) {
      console.log(`FAIL ${pagePath}: ended at ${page.url().replace(base, '')} instead`);
      failedPages++;
      return;
    }
    if (noScript) {
      await page.evaluate(fs.readFileSync(axePath, 'utf8'));
    } else {
      await page.addScriptTag({ path: axePath });
    }
    const result = await page.evaluate(async () => {
      const r = await window.axe.run(document, { resultTypes: ['violations', 'incomplete'] });
      const brief = (list) =>
        list.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          helpUrl: v.helpUrl,
          nodes: v.nodes.map((n) => ({
            target: n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' | '),
            summary: n.failureSummary || '',
          })),
        }));
      return { violations: brief(r.violations), incomplete: brief(r.incomplete) };
    });
    const how = noScript ? ' (scripts blocked)' : '';
    const review = result.incomplete.length
      ? `; needs review: ${result.incomplete.map((v) => `${v.id} (${v.nodes.length})`).join(', ')}`
      : '';
    if (result.violations.length === 0) {
      console.log(`ok   ${pagePath}${how}${review}`);
      return;
    }
    const count = result.violations.reduce((n, v) => n + v.nodes.length, 0);
    violations += result.violations.length;
    console.log(`FAIL ${pagePath}${how}: ${result.violations.length} rule(s), ${count} node(s)${review}`);
    for (const v of result.violations) {
      console.log(`  - ${v.id} [${v.impact}] ${v.help}`);
      console.log(`    ${v.helpUrl}`);
      for (const n of v.nodes) {
        console.log(`      ${n.target}`);
        for (const line of n.summary.split('\n').filter(Boolean)) console.log(`        ${line.trim()}`);
      }
    }
  } catch (err) {
    console.log(`FAIL ${pagePath}: ${String(err.message || err).split('\n')[0]}`);
    failedPages++;
  } finally {
    await context.close();
  }
}

try {
  for (const p of pages) await audit(p);
} finally {
  await browser.close();
  server.close();
}

console.log(
  `axe-core ${axeVersion} in Chromium ${chromiumVersion}: ${pages.length} page(s), ` +
    `${violations} violation(s)` +
    (failedPages ? `, ${failedPages} page(s) not audited` : ''),
);
process.exit(violations || failedPages ? 1 : 0);
