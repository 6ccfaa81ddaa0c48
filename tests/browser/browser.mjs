// Shared by the browser tests (tests/browser/*.test.mjs): start Debian's Chromium headless through
// playwright-core (installed by `npm ci` in tests/node), count checks, save screenshots.
//
// A test script imports { open, check, shot, finish } and ends with `await finish()`, which prints
// `N passed, N failed` for the suite runner and sets the exit status.
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
const here = path.dirname(new URL(import.meta.url).pathname);
const { chromium } = require(path.join(here, '../node/node_modules/playwright-core'));

export const shotsDir = process.env.GOTCHA_SHOTS_DIR || path.join(here, '../../build/test-shots');
let browser = null;
let passed = 0, failed = 0;

/* A new page in a shared headless Chromium (CHROMIUM overrides /usr/bin/chromium). */
export async function open() {
    if (!browser)
        browser = await chromium.launch({
            executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
            args: ['--no-sandbox', '--disable-gpu'],
        });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => { failed++; console.log(`FAIL page error: ${e.message}`); });
    return page;
}

/* One assertion: prints `ok NAME` or `FAIL NAME: detail`. */
export function check(name, ok, detail = '') {
    if (ok) { passed++; console.log(`ok ${name}`); }
    else { failed++; console.log(`FAIL ${name}${detail ? ': ' + detail : ''}`); }
}

/* A full-page PNG in shotsDir, named NAME.png. */
export async function shot(page, name) {
    mkdirSync(shotsDir, { recursive: true });
    const file = path.join(shotsDir, `${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(`screenshot ${file}`);
    return file;
}

export async function finish() {
    if (browser) await browser.close();
    console.log(`${passed} passed, ${failed} failed`);
    process.exitCode = failed ? 1 : 0;
}
