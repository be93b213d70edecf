// Full-page screenshots of a served site at phone and desktop widths.
//
//   node scripts/screenshots.mjs BASE_URL [OUT_DIR] [EXTRA_PATH...]
//
// BASE_URL is where the built site is served ("http://127.0.0.1:8000");
// OUT_DIR defaults to "screenshots". Files are named after the page path
// and the width: "id-berita-fgd-peksos-psm.phone.png", "root.desktop.png".
// The root page "/" is taken with JavaScript disabled, so the language
// chooser is captured instead of the redirect to a language home.
// Uses playwright-core from .ci/node_modules (see .ci/tools.sh) and the
// system Chromium (CHROMIUM, default /usr/bin/chromium).

import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import path from 'node:path';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(repo, '.ci', 'package.json'));
const { chromium } = require('playwright-core');

const PAGES = [
  '/',
  '/id/',
  '/en/',
  '/id/berita/fgd-peksos-psm/',
  '/en/news/fgd-peksos-psm/',
  '/id/program/atensi/',
  '/en/programs/atensi/',
];
const VIEWPORTS = {
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  desktop: { viewport: { width: 1366, height: 900 }, deviceScaleFactor: 1 },
};

const [base, outArg, ...extra] = process.argv.slice(2);
if (!base) {
  console.error('usage: node scripts/screenshots.mjs BASE_URL [OUT_DIR] [EXTRA_PATH...]');
  process.exit(2);
}
const outDir = path.resolve(outArg || 'screenshots');
const pages = [...PAGES, ...extra.filter((p) => !PAGES.includes(p))];
fs.mkdirSync(outDir, { recursive: true });

const fileName = (p) => (p.replace(/^\/+|\/+$/g, '').replace(/[^A-Za-z0-9._-]+/g, '-') || 'root');

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

let failures = 0;
try {
  for (const [width, options] of Object.entries(VIEWPORTS)) {
    for (const p of pages) {
      const context = await browser.newContext({ ...options, javaScriptEnabled: p !== '/' });
      const page = await context.newPage();
      try {
        const response = await page.goto(new URL(p, base).href, { waitUntil: 'load', timeout: 30000 });
        const status = response ? response.status() : 0;
        const file = path.join(outDir, `${fileName(p)}.${width}.png`);
        await page.screenshot({ path: file, fullPage: true });
        const note = status === 200 ? '' : `  (HTTP ${status})`;
        if (status !== 200) failures++;
        console.log(`${path.relative(process.cwd(), file)}${note}`);
      } catch (err) {
        failures++;
        console.log(`FAIL ${p} at ${width} width: ${String(err.message || err).split('\n')[0]}`);
      } finally {
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
}
process.exit(failures ? 1 : 0);
