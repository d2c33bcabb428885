// `shiryo preview` in Debian's headless Chromium: the page served at
// http://127.0.0.1:PORT/ reloads after a template is edited and saved,
// shows a failed build's message (with its position) in the page, and
// clears it after the fix; the server refuses connections to any other
// address of the machine.  The time from the save to the new text on
// screen is printed (a figure, not a pass condition).
//
// usage: node preview.mjs PORT DECK_DIR
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const [port, deck] = process.argv.slice(2);
let passed = 0;
let failed = 0;
function check(name, ok, detail) {
  if (ok) { passed++; console.log(`ok   - ${name}`); } else {
    failed++;
    console.log(`FAIL - ${name}`);
    if (detail) console.log(`       ${String(detail).slice(0, 600)}`);
  }
}
const tpl = path.join(deck, 'templates', '01-survey.md');
const original = fs.readFileSync(tpl, 'utf8');

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
const url = `http://127.0.0.1:${port}/`;
await page.goto(url, { waitUntil: 'load' });
check('the site is served', (await page.textContent('body')).includes('調査概要'));
check('the served page carries the reload script',
  await page.evaluate(() => !!document.querySelector('script[src="/__shiryo/reload.js"]')));
const onDisk = fs.readFileSync(path.join(deck, 'out', 'site', 'index.html'), 'utf8');
check('the site written to out/ has no script', !/<script/i.test(onDisk));

// an edit reloads the page
await page.waitForTimeout(600); // the script has read the first status
let t0 = Date.now();
fs.writeFileSync(tpl, original.replace(/^# 調査概要$/m, '# 調査の概要（編集）'));
let reloaded = true;
try {
  await page.waitForFunction(() => document.body.textContent.includes('調査の概要（編集）'), null, { timeout: 15000, polling: 50 });
} catch (e) { reloaded = false; }
const reloadMs = Date.now() - t0;
check('an edit to a template reloads the page', reloaded);
console.log(`# from the save to the new title on screen: ${reloadMs} ms`);

// a bad edit shows its message in the page, at its position
fs.writeFileSync(tpl, original.replace(/^# 調査概要$/m, '# 調査の概要（編集）') + '\n{{ nosuch_name }}\n');
let shown = '';
try {
  await page.waitForSelector('#shiryo-preview[role="alert"]', { timeout: 15000 });
  shown = await page.textContent('#shiryo-preview');
} catch (e) { /* reported below */ }
check('a failed build shows its message in the page', /templates\/01-survey\.md:\d+:\d+: error: unknown name "nosuch_name"/.test(shown), shown);
check('the page still shows the last good build', (await page.textContent('body')).includes('調査の概要（編集）'));

// the fix clears it
fs.writeFileSync(tpl, original);
let cleared = true;
try {
  await page.waitForFunction(() => !document.getElementById('shiryo-preview') && document.body.textContent.includes('調査概要'), null, { timeout: 15000, polling: 50 });
} catch (e) { cleared = false; }
check('fixing it reloads the page and clears the message', cleared);
await browser.close();

// loopback only: every other address of the machine is refused
const others = Object.values(os.networkInterfaces()).flat()
  .filter((a) => a && !a.internal && a.family === 'IPv4').map((a) => a.address);
for (const host of others) {
  const refused = await new Promise((resolve) => {
    const s = net.connect({ host, port: Number(port), timeout: 2000 });
    s.on('connect', () => { s.destroy(); resolve(false); });
    s.on('error', () => resolve(true));
    s.on('timeout', () => { s.destroy(); resolve(true); });
  });
  check(`a connection to ${host}:${port} is refused`, refused);
}
if (others.length === 0) console.log('# no address but loopback on this machine: nothing else to refuse');
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
