// Checks an HTML page that stands alone (the report of `shiryo diff`) in
// Debian's headless Chromium: it parses with no HTML5 parse error (parse5)
// and has no script; axe-core finds no WCAG 2.0/2.1 A or AA violation at
// 1280 and 390 px; nothing overflows the viewport; a screenshot per width
// goes to --shots DIR for a person to look at.
//
// usage: node report.mjs [--shots DIR] FILE.html
// Prints one line per check and "N passed, N failed"; exits 1 on failure.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { parse } from 'parse5';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let passed = 0;
let failed = 0;
function check(name, ok, detail) {
  if (ok) {
    passed++;
    console.log(`ok   - ${name}`);
  } else {
    failed++;
    console.log(`FAIL - ${name}`);
    if (detail) console.log(String(detail).split('\n').slice(0, 20).map((l) => `       ${l}`).join('\n'));
  }
}

const argv = process.argv.slice(2);
let shots = null;
let file = null;
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--shots') shots = argv[++i];
  else file = argv[i];
}
const html = fs.readFileSync(file, 'utf8');
const errors = [];
parse(html, { onParseError: (e) => errors.push(`${e.code} at line ${e.startLine}:${e.startCol}`) });
check(`${path.basename(file)}: parses with no HTML5 error`, errors.length === 0, errors.join('\n'));
check(`${path.basename(file)}: no script`, !/<script/i.test(html));

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
for (const width of [1280, 390]) {
  const ctx = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await ctx.newPage();
  await page.goto(pathToFileURL(path.resolve(file)).href, { waitUntil: 'load' });
  await page.addScriptTag({ content: AXE });
  const res = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    resultTypes: ['violations'],
  }));
  const v = res.violations.map((x) => `${x.id} (${x.impact}): ${x.help}; ${x.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  check(`@${width}px: axe-core finds no WCAG 2.0/2.1 A/AA violation`, res.violations.length === 0, v.join('\n'));
  const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  check(`@${width}px: nothing overflows the viewport`, over <= 0, `${over} px too wide`);
  if (shots) {
    fs.mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: path.join(shots, `diff-report-${width}.png`), fullPage: false });
  }
  await ctx.close();
}
await browser.close();
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
