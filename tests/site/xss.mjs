// The XSS corpus (tests/site/xss/): a deck whose data and templates are
// full of markup — script tags, event attributes, javascript: links, SVG
// with markup in text and in its title and description.  Opened in
// headless Chromium, the site must run nothing: no dialog, no script
// element, no event-handler attribute, no javascript: URL, no frame; the
// hostile strings must appear as text.  Prints "N passed, N failed".
//   node tests/site/xss.mjs SITE_DIR
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
let pass = 0, fail = 0;
function check(name, ok, detail) {
  if (ok) { pass++; console.log(`ok   - ${name}`); }
  else { fail++; console.log(`FAIL - ${name}${detail ? `: ${detail}` : ''}`); }
}

const site = path.resolve(process.argv[2]);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
try {
  const page = await browser.newPage();
  const dialogs = [];
  const errors = [];
  page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(pathToFileURL(path.join(site, 'index.html')).href);
  // give any planted handler a chance: hover and click everything
  for (const el of await page.$$('body *')) {
    try { await el.hover({ timeout: 200 }); } catch { /* not visible */ }
  }
  for (const el of await page.$$('details > summary')) await el.click();
  await page.waitForTimeout(300);
  const dom = await page.evaluate(() => {
    const all = [...document.querySelectorAll('*')];
    return {
      scripts: document.querySelectorAll('script').length,
      frames: document.querySelectorAll('iframe, object, embed, frame').length,
      handlers: all.flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name))
        .map((a) => `${e.tagName}[${a.name}]`)),
      jsUrls: all.flatMap((e) => [...e.attributes]
        .filter((a) => /^\s*(javascript|data|vbscript):/i.test(a.value))
        .map((a) => `${e.tagName}[${a.name}=${a.value}]`)),
      text: document.body.innerText,
      svgTitles: [...document.querySelectorAll('svg title, svg desc')].map((t) => t.textContent),
      svgTexts: [...document.querySelectorAll('svg text')].map((t) => t.textContent),
    };
  });
  check('no dialog opened', dialogs.length === 0, dialogs.join(' | '));
  check('no script error', errors.length === 0, errors.join(' | '));
  check('no <script> element', dom.scripts === 0, String(dom.scripts));
  check('no frame, object or embed', dom.frames === 0, String(dom.frames));
  check('no event-handler attribute', dom.handlers.length === 0, dom.handlers.join(', '));
  check('no javascript:, data: or vbscript: URL', dom.jsUrls.length === 0, dom.jsUrls.join(', '));
  for (const s of ["<script>alert('csv')</script>", "\"><svg onload=alert('attr')>",
    '<b onmouseover=alert(1)>太字</b>', "<script>alert('title')</script>試験",
    "<script>alert('block')</script>", '<a href="javascript:alert(\'raw\')">生のHTML</a>',
    '{{ 1 + 1 }} *強調* [リンク](http://example.com)']) {
    check(`shown as text: ${s}`, dom.text.includes(s));
  }
  check('chart title and description are text',
    dom.svgTitles.some((t) => t.includes("<script>alert('chart')</script>")) &&
    dom.svgTitles.some((t) => t.includes("</desc><script>alert('alt')</script>")),
    dom.svgTitles.join(' | '));
  check('chart labels are text', dom.svgTexts.some((t) => t.includes('<script>')),
    dom.svgTexts.slice(0, 8).join(' | '));
} finally {
  await browser.close();
}
console.log(`${pass} passed, ${fail} failed`);
process.exit(fail ? 1 : 0);
