// Bench of the playground (build/web, make wasm) in headless Chromium: the time from a keystroke to
// updated findings on a 1,000-line snippet, and the size of the .wasm.
//
// The snippet is examples/webapp's four modules, one after the other, five times (1,000 lines, with
// findings and fixes). The keystrokes go to the end of a comment in the middle of it: a character
// (no finding moves), then a line break (every finding below moves, so its view is rebuilt), each
// undone by the next Backspace; the page's own records (window.gotchaPlayground.timings, in the page's clock) split the time
// from the key's input event to the rendered findings into the debounce wait, the check (the wasm
// call and JSON.parse) and the rendering; `frame` is the next animation frame after it. Medians
// and 90th percentiles of KEYS keystrokes after WARMUP.
//
// Usage: node bench/playground.mjs [WEB_DIR]   Environment: CHROMIUM, BENCH_KEYS (default 60).
import { createRequire } from 'node:module';
import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { serve, blockOutside } from '../tests/browser/static_server.mjs';

const require = createRequire(import.meta.url);
const here = path.dirname(new URL(import.meta.url).pathname);
const root = path.resolve(here, '..');
const { chromium } = require(path.join(root, 'tests/node/node_modules/playwright-core'));
const webDir = path.resolve(process.argv[2] || path.join(root, 'build/web'));
const KEYS = Number(process.env.BENCH_KEYS || 60);
const WARMUP = 5;

function snippet() {
    const files = ['handlers.py', 'middleware.py', 'models.py', 'storage.py'];
    const block = files.map((f) => readFileSync(path.join(root, 'examples/webapp', f), 'utf8')).join('\n');
    const lines = (block.endsWith('\n') ? block.slice(0, -1) : block).split('\n');
    const all = [];
    while (all.length < 1000)
        all.push(...lines, '');
    return all.slice(0, 1000).join('\n') + '\n';
}

function quantile(values, q) {
    const s = [...values].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

const fmt = (ms) => ms.toFixed(2).padStart(7) + ' ms';

/* KEYS timing records (after WARMUP) of pressing `key`, then Backspace, alternately. */
async function keystrokes(page, key) {
    const records = [];
    for (let k = 0; k < WARMUP + KEYS; k++) {
        const before = await page.evaluate(() => window.gotchaPlayground.checks);
        await page.keyboard.press(k % 2 ? 'Backspace' : key);
        await page.waitForFunction((n) => window.gotchaPlayground.checks > n && !window.gotchaPlayground.pending, before);
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
        const t = await page.evaluate(() => window.gotchaPlayground.timings.at(-1));
        if (k >= WARMUP)
            records.push(t);
    }
    return records;
}

function report(title, records) {
    const series = {
        'debounce wait (input -> check start)': records.map((t) => t.start - t.input),
        'check (wasm call + JSON.parse)': records.map((t) => t.checked - t.start),
        'render (DOM, gutter)': records.map((t) => t.rendered - t.checked),
        'total: keystroke -> findings rendered': records.map((t) => t.rendered - t.input),
        'keystroke -> next animation frame': records.map((t) => t.frame - t.input),
        'total without the debounce': records.map((t) => t.rendered - t.start),
    };
    console.log(`-- ${title}`);
    console.log(`${''.padEnd(40)}  median       p90`);
    for (const [name, values] of Object.entries(series))
        console.log(`${name.padEnd(40)} ${fmt(quantile(values, 0.5))} ${fmt(quantile(values, 0.9))}`);
}

const code = snippet();
const target = code.split('\n').findIndex((line, i) => i >= 480 && /^\s*#/.test(line));
const wasm = readFileSync(path.join(webDir, 'gotcha.wasm'));
const server = await serve(webDir);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
                                        args: ['--no-sandbox', '--disable-gpu'] });
try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await blockOutside(page, server.url);
    const b64 = Buffer.from(code, 'utf8').toString('base64url');
    await page.goto(`${server.url}index.html#code=${b64}`);
    await page.evaluate(() => window.gotchaPlayground.ready);
    const findings = await page.$$eval('.finding', (f) => f.length);
    const fixes = await page.$$eval('.finding .fix', (f) => f.length);
    const debounce = await page.evaluate(() => window.gotchaPlayground.debounceMs);
    // the cursor at the end of the comment line `target` (0-based)
    await page.evaluate((row) => {
        const t = document.getElementById('code');
        let at = 0;
        for (let r = 0; r <= row; r++)
            at = t.value.indexOf('\n', at) + 1;
        t.focus();
        t.setSelectionRange(at - 1, at - 1);
    }, target);
    console.log(`== playground: keystroke to updated findings, ${code.split('\n').length - 1}-line snippet ` +
                `(${findings} findings, ${fixes} with a fix preview), ${KEYS} keystrokes each, Chromium headless`);
    console.log(`debounce setting: ${debounce} ms`);
    const typed = await keystrokes(page, 'x');
    report('a character in a comment (line ' + (target + 1) + '; no finding moves)', typed);
    const breaks = await keystrokes(page, 'Enter');
    report('a line break there (every finding below moves: rebuilt)', breaks);
    const total = quantile(breaks.map((t) => t.rendered - t.input), 0.5);
    console.log(`goal < 50 ms keystroke -> findings, worse case (line break): ${total < 50 ? 'met' : 'NOT met'} ` +
                `(median ${total.toFixed(1)} ms, of which ${debounce} ms debounce)`);
    const js = statSync(path.join(webDir, 'gotcha.js')).size;
    console.log(`gotcha.wasm: ${wasm.length} bytes, ${gzipSync(wasm, { level: 9 }).length} gzip -9; ` +
                `gotcha.js (glue): ${js} bytes, ${gzipSync(readFileSync(path.join(webDir, 'gotcha.js')), { level: 9 }).length} gzip -9`);
} finally {
    await browser.close();
    await server.close();
}
