// Checks a built site in Debian's headless Chromium (driven by
// playwright-core, never a downloaded browser):
//   - the HTML parses with no HTML5 parse error (parse5) and has no script;
//   - every request the page makes stays inside the site directory, opened
//     from file:// and from a web server under a deep path;
//   - the Content-Security-Policy lets the page's own stylesheet apply and
//     reports no violation;
//   - axe-core finds no WCAG 2.0/2.1 A or AA violation, at desktop and phone
//     widths, with every data disclosure closed and open;
//   - nothing overflows the viewport at 1280 and 390 px, and the chart text
//     shown is at least MIN_TEXT_PX on screen;
//   - each chart's CSV download has a BOM, equals the data table shown under
//     the chart cell by cell (its numbers without the table's thousands
//     separators), and neutralises formula-like cells; an Excel workbook
//     of the same name is beside it; both links name their files;
//   - with --fixture: the fixture deck's specific facts (the =1+1 category,
//     percentages drawn from the CSV's numbers, 速報/仮 marks).
//
// usage: node check.mjs [--shots DIR] [--fixture] SITE_DIR...
// Prints one line per check and "N passed, N failed"; exits 1 on failure.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { parse } from 'parse5';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const WIDTHS = [1280, 390];
// Chart text on screen: nothing under MIN_TEXT_PX (illegible); text under
// WANT_TEXT_PX is listed for the person who looks at the screenshots (value
// labels that a chart fits to thin bars can be that small in the PDF too).
const MIN_TEXT_PX = 7;
const WANT_TEXT_PX = 9;

let passed = 0;
let failed = 0;
function check(name, ok, detail) {
  if (ok) {
    passed++;
    console.log(`ok   - ${name}`);
  } else {
    failed++;
    console.log(`FAIL - ${name}`);
    if (detail !== undefined) {
      const text = typeof detail === 'string' ? detail : JSON.stringify(detail, null, 1);
      console.log(text.split('\n').slice(0, 30).map((l) => `       ${l}`).join('\n'));
    }
  }
}

const argv = process.argv.slice(2);
let shots = null;
let fixture = false;
const sites = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--shots') shots = argv[++i];
  else if (argv[i] === '--fixture') fixture = true;
  else sites.push(path.resolve(argv[i]));
}
if (!sites.length) {
  console.error('usage: node check.mjs [--shots DIR] [--fixture] SITE_DIR...');
  process.exit(2);
}

// RFC 4180 reader: rows of cells.
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell); rows.push(row); row = []; cell = ''; i++;
    } else cell += c;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

const plainNumber = (s) => /^[-+]?[0-9.,]*[0-9][0-9.,]*$/.test(s);

// Static files of root served under prefix; every request is logged.
function serve(root, prefix, log) {
  const server = http.createServer((req, res) => {
    log.push(req.url);
    const url = decodeURIComponent(req.url.split('?')[0]);
    if (!url.startsWith(prefix)) { res.writeHead(404); res.end(); return; }
    let file = path.join(root, url.slice(prefix.length));
    if (!file.startsWith(root)) { res.writeHead(403); res.end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) { res.writeHead(404); res.end(); return; }
    const type = file.endsWith('.html') ? 'text/html; charset=utf-8'
      : file.endsWith('.csv') ? 'text/csv; charset=utf-8'
      : file.endsWith('.xlsx') ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
      : 'application/octet-stream';
    res.writeHead(200, { 'content-type': type });
    res.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function walk(node, fn) {
  fn(node);
  for (const c of node.childNodes || []) walk(c, fn);
  if (node.content) walk(node.content, fn);
}

function staticChecks(site, html, label) {
  const errors = [];
  const doc = parse(html, { onParseError: (e) => errors.push(`${e.code} at line ${e.startLine}:${e.startCol}`) });
  check(`${label}: HTML5 parser reports no error`, errors.length === 0, errors.join('\n'));
  let scripts = 0;
  let handlers = [];
  const hrefs = [];
  const ids = new Set();
  walk(doc, (n) => {
    if (n.tagName === 'script') scripts++;
    for (const a of n.attrs || []) {
      if (/^on/i.test(a.name)) handlers.push(`${n.tagName} ${a.name}`);
      if (a.name === 'href') hrefs.push(a.value);
      if (a.name === 'id') ids.add(a.value);
    }
  });
  check(`${label}: no script and no event-handler attribute (nothing needs JavaScript)`,
    scripts === 0 && handlers.length === 0, handlers.join(', '));
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html);
  check(`${label}: Content-Security-Policy meta tag forbids scripts and loads`,
    csp && /default-src 'none'/.test(csp[1]) && !/unsafe-inline/.test(csp[1]), csp && csp[1]);
  const broken = hrefs.filter((h) => {
    if (h.startsWith('#')) return !ids.has(h.slice(1));
    if (/^[a-z][a-z0-9+.-]*:/i.test(h)) return false; // links out are not requests
    return !fs.existsSync(path.join(site, decodeURIComponent(h.split('#')[0])));
  });
  check(`${label}: every local link and in-page anchor resolves (${hrefs.length} links)`, broken.length === 0, broken.join('\n'));
  check(`${label}: the PDF is linked inside the site`, hrefs.some((h) => /^[^/]+\.pdf$/.test(h) && fs.existsSync(path.join(site, h))),
    hrefs.filter((h) => h.endsWith('.pdf')).join(' '));
}

async function pageChecks(browser, site, label) {
  // 1. Requests and CSP, from file:// and from a server under a deep path.
  const log = [];
  const prefix = '/intranet/資料/r7/site/';
  const server = await serve(site, prefix, log);
  const port = server.address().port;
  const origins = [
    ['file://', pathToFileURL(path.join(site, 'index.html')).href, pathToFileURL(site).href + '/'],
    ['http', `http://127.0.0.1:${port}${encodeURI(prefix)}`, `http://127.0.0.1:${port}${encodeURI(prefix)}`],
  ];
  for (const [how, url, base] of origins) {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    const requests = [];
    const consoleErrors = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') consoleErrors.push(m.text()); });
    await page.addInitScript(() => {
      window.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForTimeout(200);
    const outside = requests.filter((r) => !r.startsWith(base));
    check(`${label} (${how}): ${requests.length} request(s), none outside the site`, requests.length > 0 && outside.length === 0, outside.join('\n'));
    const csp = await page.evaluate(() => window.__csp);
    check(`${label} (${how}): no Content-Security-Policy violation or console error`, csp.length === 0 && consoleErrors.length === 0,
      [...csp, ...consoleErrors].join('\n'));
    const styled = await page.evaluate(() => getComputedStyle(document.body).maxWidth);
    check(`${label} (${how}): the inline stylesheet applies under the policy (body max-width ${styled})`, styled === '992px');
    await ctx.close();
  }
  const strays = log.filter((u) => !u.startsWith(encodeURI(prefix)));
  check(`${label}: the server saw ${log.length} request(s), all under the site's path`, strays.length === 0, strays.join('\n'));
  server.close();

  // 2. Accessibility, layout and screenshots at each width.
  const fileUrl = pathToFileURL(path.join(site, 'index.html')).href;
  for (const width of WIDTHS) {
    const ctx = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true });
    const page = await ctx.newPage();
    await page.goto(fileUrl, { waitUntil: 'load' });
    await page.addScriptTag({ content: AXE });
    for (const state of ['closed', 'open']) {
      if (state === 'open') await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
      const res = await page.evaluate(() => window.axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        resultTypes: ['violations'],
      }));
      const v = res.violations.map((x) => `${x.id} (${x.impact}): ${x.help}; ${x.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
      check(`${label} @${width}px, disclosures ${state}: axe-core finds no WCAG 2.0/2.1 A/AA violation (${res.passes ? res.passes.length : 'all'} rules run)`,
        res.violations.length === 0, v.join('\n'));
      const over = await page.evaluate(() => {
        const vw = document.documentElement.clientWidth;
        const bad = [];
        if (document.documentElement.scrollWidth > vw) bad.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${vw}`);
        for (const el of document.querySelectorAll('body *')) {
          if (el.closest('.table-wrap') && !el.classList.contains('table-wrap')) continue;
          if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
          const r = el.getBoundingClientRect();
          if (r.width === 0 && r.height === 0) continue;
          if (el.classList.contains('skip')) continue;
          if (r.right > vw + 0.5 || r.left < -0.5) bad.push(`${el.tagName.toLowerCase()}.${el.className.baseVal ?? el.className} ${Math.round(r.left)}..${Math.round(r.right)} > ${vw}`);
        }
        return bad;
      });
      check(`${label} @${width}px, disclosures ${state}: nothing overflows the viewport`, over.length === 0, over.join('\n'));
    }
    const charts = await page.evaluate(() => [...document.querySelectorAll('figure.chart')].map((f) => {
      const shown = [...f.querySelectorAll('svg')].filter((s) => s.getBoundingClientRect().width > 0);
      let min = Infinity;
      for (const s of shown) {
        const scale = s.getBoundingClientRect().width / s.viewBox.baseVal.width;
        for (const t of s.querySelectorAll('text')) min = Math.min(min, parseFloat(t.getAttribute('font-size')) * scale);
      }
      return { id: f.id, shown: shown.length, min: Math.round(min * 10) / 10 };
    }));
    check(`${label} @${width}px: each of ${charts.length} chart(s) shows exactly one drawing`, charts.every((c) => c.shown === 1),
      charts.filter((c) => c.shown !== 1).map((c) => `${c.id}: ${c.shown} shown`).join('\n'));
    check(`${label} @${width}px: chart text is at least ${MIN_TEXT_PX} px on screen (smallest ${Math.min(...charts.map((c) => c.min))} px)`,
      charts.every((c) => c.min >= MIN_TEXT_PX), charts.filter((c) => c.min < MIN_TEXT_PX).map((c) => `${c.id}: ${c.min} px`).join('\n'));
    for (const c of charts.filter((x) => x.min < WANT_TEXT_PX)) console.log(`# note: ${c.id} @${width}px has chart text of ${c.min} px (under ${WANT_TEXT_PX} px)`);
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = false; }));
    if (shots) {
      fs.mkdirSync(shots, { recursive: true });
      const file = path.join(shots, `${path.basename(path.dirname(site))}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(`# screenshot ${file}`);
      const figures = await page.$$('figure.chart');
      for (const [i, fig] of figures.entries()) {
        const one = file.replace(/\.png$/, `-chart${i + 1}.png`);
        await fig.screenshot({ path: one });
        console.log(`# screenshot ${one}`);
      }
    }
    await ctx.close();
  }

  // 3. Print: every slide starts a page, charts at slide width.
  {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(fileUrl, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    const p = await page.evaluate(() => ({
      breaks: [...document.querySelectorAll('section.slide')].every((s) => getComputedStyle(s).breakBefore === 'page'),
      wide: [...document.querySelectorAll('.chart-wide')].every((s) => getComputedStyle(s).display !== 'none'),
      narrow: [...document.querySelectorAll('.chart-narrow')].every((s) => getComputedStyle(s).display === 'none'),
    }));
    check(`${label}: print style starts each slide on a page and prints the slide-width chart`, p.breaks && p.wide && p.narrow, p);
    if (shots) {
      const pdf = path.join(shots, `${path.basename(path.dirname(site))}-print.pdf`);
      await page.pdf({ path: pdf, format: 'A4' });
      console.log(`# print preview ${pdf}`);
    }
    await ctx.close();
  }

  // 4. Each chart's CSV against its table.
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(fileUrl, { waitUntil: 'load' });
  const figs = await page.evaluate(() => [...document.querySelectorAll('figure.chart')].map((f) => ({
    id: f.id,
    csv: f.querySelector('a[href$=".csv"]')?.getAttribute('href'),
    xlsx: f.querySelector('a[href$=".xlsx"]')?.getAttribute('href'),
    names: [...f.querySelectorAll('a[download]')].map((a) => [a.getAttribute('href'), a.getAttribute('download')]),
    caption: f.querySelector('caption')?.textContent,
    rows: [...f.querySelectorAll('table tr')].map((tr) => [...tr.children].map((c) => c.textContent)),
    texts: [...f.querySelectorAll('.chart-wide svg text')].map((t) => t.textContent),
    labelledby: f.querySelector('svg')?.getAttribute('aria-labelledby'),
    role: f.querySelector('svg')?.getAttribute('role'),
    title: f.querySelector('svg title')?.textContent,
    desc: f.querySelector('svg desc')?.textContent,
  })));
  await ctx.close();
  check(`${label}: ${figs.length} chart(s), each an SVG with role=img, <title> and <desc>`,
    figs.length > 0 && figs.every((f) => f.role === 'img' && f.title && f.desc && f.labelledby), figs.map((f) => f.id));
  const result = [];
  for (const f of figs) {
    // the links are percent-encoded; each names its file to save
    const file = f.csv && path.join(site, decodeURIComponent(f.csv));
    if (!file || !fs.existsSync(file)) { check(`${label} ${f.id}: CSV download exists`, false, f.csv); continue; }
    const book = f.xlsx && path.join(site, decodeURIComponent(f.xlsx));
    check(`${label} ${f.id}: Excel download exists beside the CSV`, book && fs.existsSync(book)
      && path.basename(book, '.xlsx') === path.basename(file, '.csv'), f.xlsx);
    check(`${label} ${f.id}: each download is named by its link's download attribute`,
      f.names.length === 2 && f.names.every(([h, n]) => decodeURIComponent(h) === `data/${n}`), f.names);
    const bytes = fs.readFileSync(file);
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
    const rows = parseCsv(text);
    check(`${label} ${f.id}: CSV is UTF-8 with a BOM and CRLF line ends`, bom && text.endsWith('\r\n') && !/[^\r]\n/.test(text));
    const risky = [];
    const mismatch = [];
    rows.forEach((row, r) => row.forEach((cell, c) => {
      if (/^[=+\-@\t\r]/.test(cell) && !plainNumber(cell)) risky.push(`${r + 1}:${c + 1} ${cell}`);
      const shown = /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
      // the table shows numbers grouped (1,788), the CSV plain (1788)
      const table = f.rows[r] && f.rows[r][c];
      const plain = r > 0 && c > 0 && /^-?\d{1,3}(,\d{3})*(\.\d+)?$/.test(table || '') ? table.replace(/,/g, '') : table;
      if (r > 0 && /^-?[\d.]+$/.test(plain || '') && /,/.test(cell)) mismatch.push(`${r + 1}:${c + 1} a number with a separator ${cell}`);
      if (!f.rows[r] || plain !== shown) mismatch.push(`${r + 1}:${c + 1} CSV ${JSON.stringify(cell)} table ${JSON.stringify(f.rows[r] && f.rows[r][c])}`);
    }));
    check(`${label} ${f.id}: no CSV cell starts like a formula (=, +, -, @)`, risky.length === 0, risky.join('\n'));
    check(`${label} ${f.id}: CSV equals the data table cell by cell (${rows.length} rows)`,
      mismatch.length === 0 && rows.length === f.rows.length && rows.length > 1, mismatch.join('\n'));
    result.push({ ...f, csvRows: rows, csvText: text });
  }
  return result;
}

// The fixture deck (tests/site/fixture): a stacked-bar-100 chart of
// answers (はい/いいえ) by group, whose one group is named "=1+1".
function fixtureChecks(site, figs) {
  const html = fs.readFileSync(path.join(site, 'index.html'), 'utf8');
  const f = figs[0];
  check('fixture: the =1+1 category arrives neutralised in the CSV', f && /(^|\r\n)"'=1\+1",/.test(f.csvText), f && f.csvText);
  check('fixture: the =1+1 category is shown as text in the table and the chart',
    f && f.rows.some((r) => r[0] === '=1+1') && f.texts.includes('=1+1'));
  // every percentage drawn equals one computed from the CSV's counts
  const header = f.csvRows[0];
  const series = header.slice(2);
  const drawn = new Set(f.texts.filter((t) => /^\d+%$/.test(t)));
  const expected = new Set();
  for (const row of f.csvRows.slice(1)) {
    const vals = row.slice(2).map((v) => Number(v.replace(/,/g, '')));
    const total = vals.reduce((a, b) => a + b, 0);
    vals.forEach((v) => { if (total) expected.add(`${Math.round((100 * v) / total)}%`); });
  }
  // the axis ticks (0% to 100% by 20) are drawn too
  const ticks = new Set(['0%', '20%', '40%', '60%', '80%', '100%']);
  const extra = [...drawn].filter((t) => !expected.has(t) && !ticks.has(t));
  const missing = [...expected].filter((t) => !drawn.has(t));
  check(`fixture: the percentages drawn are those computed from the CSV's counts (${[...expected].join(' ')})`,
    expected.size >= 4 && extra.length === 0 && missing.length === 0, { extra, missing });
  const names = series.map((s) => s.replace(/（[^）]*）$/, ''));
  check(`fixture: the legend draws every series of the CSV header (${names.join(', ')})`, names.every((s) => f.texts.includes(s)), names);
  check('fixture: the chart slide is marked 仮 like the PDF', /<p class="mark">仮の値を含む<\/p>/.test(html));
  check('fixture: the table caption says the chart holds 仮 values', /仮の値を含む/.test(f.caption || ''), f.caption);
  check('fixture: emphasis next to Japanese brackets became <strong>', html.includes('回答は<strong>「良好」</strong>であった。'));
  check('fixture: a soft break between Japanese characters adds no space', html.includes('改行した日本語の文'));
  check('fixture: a tag escaped in a template (\\<script>) is shown as text', !html.includes('<script') && html.includes('&lt;script&gt;'));
  check('fixture: a lower heading is an h3 after the slide h2', /<h2[^>]*>.*本文の組版<\/h2>[\s\S]*<h3>小見出し<\/h3>/.test(html));
}

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
try {
  for (const site of sites) {
    const label = path.basename(path.dirname(site));
    const html = fs.readFileSync(path.join(site, 'index.html'), 'utf8');
    staticChecks(site, html, label);
    const figs = await pageChecks(browser, site, label);
    if (fixture && site === sites[sites.length - 1]) fixtureChecks(site, figs);
  }
} catch (e) {
  check('the checks ran to the end', false, String(e && e.stack));
} finally {
  await browser.close();
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
