// The playground (build/web, made by `make wasm`) in headless Chromium, served by a local static
// server with every other request blocked: typing a leaking function key by key shows GT101;
// applying a fix changes the text and the finding goes; a permalink opens with its code (UTF-8) and
// settings checked, and typing updates the fragment; the settings pane selects, ignores and reports
// a TOML error; the rule text opens on click; hostile snippets render as text and fire no dialog;
// the page works from file:// too. Screenshots go to the shots folder (GOTCHA_SHOTS_DIR).
//
// Usage: node tests/browser/playground.test.mjs [WEB_DIR]   (default build/web)
import path from 'node:path';
import { existsSync } from 'node:fs';
import { open, check, shot, finish } from './browser.mjs';
import { serve, blockOutside } from './static_server.mjs';

const here = path.dirname(new URL(import.meta.url).pathname);
const webDir = path.resolve(process.argv[2] || path.join(here, '../../build/web'));
const LEAKING = 'def f(x, seen=[]):\n    seen.append(x)\n    return seen';

function b64url(text) {
    return Buffer.from(text, 'utf8').toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/* A page on `url`, with requests outside `allowed` blocked and dialogs counted. */
async function openPage(url, allowed) {
    const page = await open();
    const seen = { dialogs: 0, blocked: await blockOutside(page, allowed), errors: [] };
    page.on('dialog', async (d) => { seen.dialogs++; await d.dismiss(); });
    page.on('console', (m) => { if (m.type() === 'error') seen.errors.push(m.text()); });
    await page.goto(url);
    await page.evaluate(() => window.gotchaPlayground.ready);
    return { page, seen };
}

const codes = (page) => page.$$eval('.finding', (items) => items.map((i) => i.dataset.code));
const checks = (page) => page.evaluate(() => window.gotchaPlayground.checks);

/* Wait until a check newer than `after` is rendered and none is waiting (the last keystroke's). */
async function nextCheck(page, after) {
    await page.waitForFunction((n) => window.gotchaPlayground.checks > n && !window.gotchaPlayground.pending,
                               after, { timeout: 10000 });
}

/* The fragment once it is `want` (the page writes it when typing pauses), or what it is after 5 s. */
async function hashBecomes(page, want) {
    await page.waitForFunction((w) => location.hash === w, want, { timeout: 5000 }).catch(() => {});
    return page.evaluate(() => location.hash);
}

async function replaceCode(page, text) {
    await page.click('#code');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    if (text)
        await page.keyboard.type(text);
}

async function typing(url) {
    const { page, seen } = await openPage(url + 'index.html', url);
    check('the page loads and checks its example', (await codes(page)).length > 0);
    await replaceCode(page, '');
    const before = await checks(page);
    await page.keyboard.type(LEAKING, { delay: 60 });   /* slower than the debounce */
    await nextCheck(page, before);
    const value = await page.$eval('#code', (t) => t.value);
    check('typing key by key gives exactly the typed text', value === LEAKING, JSON.stringify(value));
    check('the findings updated while typing (several checks)', (await checks(page)) - before >= 2);
    check('GT101 appears for the leaking function', (await codes(page)).includes('GT101'), String(await codes(page)));
    const marks = await page.$$eval('.mark', (m) => m.map((x) => x.style.top));
    check('the finding line is marked in the editor', marks.includes('0px'), String(marks));
    const message = await page.$eval('.finding[data-code="GT101"] .message', (p) => p.textContent);
    check('the message names the default and the mutation', message.includes('seen=[]') && message.includes('line 2'), message);
    const diff = await page.$eval('.finding[data-code="GT101"] .diff', (p) => p.textContent);
    check('the fix is shown as a diff', diff.includes('-def f(x, seen=[]):') && diff.includes('+def f(x, seen=None):'), diff);
    const want = '#code=' + b64url(LEAKING);
    const hash = await hashBecomes(page, want);
    check('the fragment follows the typed code', hash === want, hash);
    await shot(page, 'playground-typed');

    await page.click('.finding[data-code="GT101"] .code-badge');
    const ruleText = await page.$eval('.finding[data-code="GT101"] .rule', (r) => r.textContent);
    check('clicking the code shows the rule text', ruleText.includes('mutated-default-argument')
          && ruleText.includes('What it finds') && ruleText.includes('Wrong'), ruleText.slice(0, 200));
    await shot(page, 'playground-rule');

    const stale = await page.evaluate(() => {
        const t = document.getElementById('code');
        t.value = '# a line above\n' + t.value;
        t.dispatchEvent(new Event('input', { bubbles: true }));
        document.querySelector('.finding[data-code="GT101"] .apply').click();   /* within the debounce */
        return [t.value, document.getElementById('notice').textContent,
                document.querySelector('.finding[data-code="GT101"] .loc')?.textContent ?? 'no GT101'];
    });
    check('an apply click on findings older than the code applies nothing', stale[0] === '# a line above\n' + LEAKING, stale[0]);
    check('and shows the findings of the code again', stale[1].includes('changed') && stale[2].startsWith('line 2,'), stale.join(' | '));
    const retyped = await checks(page);
    await replaceCode(page, LEAKING);
    await nextCheck(page, retyped);

    const n = await checks(page);
    await page.click('.finding[data-code="GT101"] .apply');
    await nextCheck(page, n);
    const fixed = await page.$eval('#code', (t) => t.value);
    check('applying the fix changes the text', fixed.includes('def f(x, seen=None):') && fixed.includes('if seen is None:'), fixed);
    check('and the finding goes', !(await codes(page)).includes('GT101'), String(await codes(page)));
    await shot(page, 'playground-fixed');
    check('no request left localhost', seen.blocked.length === 0, seen.blocked.join(' '));
    check('no console error', seen.errors.length === 0, seen.errors.join(' | '));
    await page.close();
}

async function permalink(url) {
    const code = '# café ☕ 𝔘\ndef g(x, items={}):\n    items["k"] = x\n    return x is 1\n';
    const settings = '[tool.gotcha]\nignore = ["GT201"]\n';
    const { page } = await openPage(`${url}index.html#code=${b64url(code)}&settings=${b64url(settings)}`, url);
    const value = await page.$eval('#code', (t) => t.value);
    check('a permalink opens with its code (UTF-8 intact)', value === code, JSON.stringify(value));
    const settingsValue = await page.$eval('#settings', (t) => t.value);
    check('and its settings', settingsValue === settings, JSON.stringify(settingsValue));
    const found = await codes(page);
    check('and its findings, with its settings applied', found.includes('GT101') && !found.includes('GT201'), String(found));
    await shot(page, 'playground-permalink');

    const n = await checks(page);
    const entriesBefore = await page.evaluate(() => history.length);
    await page.click('#code');
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n');
    await nextCheck(page, n);
    const want = `#code=${b64url(code + '\n')}&settings=${b64url(settings)}`;
    const hash = await hashBecomes(page, want);
    check('typing rewrites the fragment, settings included', hash === want, hash);
    const entries = await page.evaluate(() => history.length);
    check('with replaceState (no history entry per keystroke)', entries === entriesBefore, `${entriesBefore} -> ${entries}`);

    const { page: damaged } = await openPage(`${url}index.html#code=%%%`, url);
    const notice = await damaged.$eval('#notice', (n) => n.textContent);
    check('a damaged permalink says so and shows an example', notice.includes('damaged') && (await codes(damaged)).length > 0, notice);
    await damaged.close();
    await page.close();
}

async function settingsPane(url) {
    const code = LEAKING + '\n\n\ndef h(y):\n    return y is 1\n';
    const { page } = await openPage(`${url}index.html#code=${b64url(code)}`, url);
    const all = await codes(page);
    check('default settings: GT101 and GT201', all.includes('GT101') && all.includes('GT201'), String(all));

    async function setSettings(text) {
        const n = await checks(page);
        await page.click('#settings');
        await page.keyboard.press('Control+A');
        await page.keyboard.press('Delete');
        await page.keyboard.type(text);
        await nextCheck(page, n);
    }
    await setSettings('[tool.gotcha]\nselect = ["GT2"]\n');
    let found = await codes(page);
    check('select = ["GT2"] keeps only GT201', found.length === 1 && found[0] === 'GT201', String(found));
    await setSettings('[tool.gotcha]\nignore = ["GT201"]\n');
    found = await codes(page);
    check('ignore = ["GT201"] drops it', found.includes('GT101') && !found.includes('GT201'), String(found));
    await setSettings('[tool.gotcha]\nselect = ["GT1"\n');
    const banner = await page.$eval('#settings-error', (b) => (b.hidden ? '' : b.textContent));
    check('a TOML error is shown in the page', banner.includes('pyproject.toml:') && banner.includes('invalid TOML'), banner);
    found = await codes(page);
    check('and the code is still checked, with the defaults', found.includes('GT101') && found.includes('GT201'), String(found));
    await shot(page, 'playground-settings-error');
    await setSettings('[tool.gotcha]\nselect = ["GT77"]\n');
    const unknown = await page.$eval('#settings-error', (b) => (b.hidden ? '' : b.textContent));
    check('an unknown selector is shown too', unknown.includes('GT77'), unknown);

    await setSettings('[tool.gotcha]\n');
    const n = await checks(page);
    await page.click('#fix-all');
    await nextCheck(page, n);
    const fixed = await page.$eval('#code', (t) => t.value);
    check('"Fix all safe" applies the safe fix only', fixed.includes('return y == 1') && fixed.includes('seen=[]'), fixed);
    await page.close();
}

async function hostile(url) {
    const payload = '</script><img src=x onerror=alert(1)>';
    const code = `def f(x, seen=["${payload}"]):\n    seen.append(x)  # ${payload}\n    return "${payload}"\n`;
    const settings = `[tool.gotcha]\n# ${payload}\nselect = ["${payload}"]\n`;
    const { page, seen } = await openPage(`${url}index.html#code=${b64url(code)}&settings=${b64url(settings)}`, url);
    await page.click('.finding .code-badge');
    await page.waitForTimeout(300);
    const images = await page.$$eval('img', (i) => i.length);
    check('hostile snippet: no markup injected (no <img>)', images === 0, String(images));
    check('hostile snippet: no dialog fired', seen.dialogs === 0, String(seen.dialogs));
    const message = await page.$eval('.finding .message', (p) => p.textContent);
    check('hostile snippet: the message shows the markup as text', message.includes('["</script><img'), message);
    const diff = await page.$eval('.finding .diff', (p) => p.textContent);
    check('hostile snippet: the diff shows it as text', diff.includes(`# ${payload}`), diff);
    const banner = await page.$eval('#settings-error', (b) => b.textContent);
    check('hostile settings: the error shows it as text', banner.includes(payload), banner);
    check('hostile snippet: the editor holds it unchanged', (await page.$eval('#code', (t) => t.value)) === code);
    await shot(page, 'playground-hostile');
    check('hostile snippet: no request left localhost', seen.blocked.length === 0, seen.blocked.join(' '));
    await page.close();
}

async function narrow(url) {
    const { page } = await openPage(url + 'index.html', url);
    await page.setViewportSize({ width: 420, height: 900 });
    await page.waitForTimeout(200);
    const width = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    check('a narrow window: the page does not overflow sideways', width[0] <= width[1], width.join(' > '));
    await shot(page, 'playground-narrow');
    await page.close();
}

async function fromFile() {
    const page = await open();
    const blocked = await blockOutside(page, 'file://');
    await page.goto('file://' + path.join(webDir, 'index.html') + '#code=' + b64url(LEAKING));
    await page.evaluate(() => window.gotchaPlayground.ready);
    check('opened from file://, the page checks its code', (await codes(page)).includes('GT101'), String(await codes(page)));
    check('from file://, no request left the folder', blocked.length === 0, blocked.join(' '));
    await page.close();
}

if (!existsSync(path.join(webDir, 'gotcha.wasm'))) {
    check(`the playground is built in ${webDir} (make wasm)`, false);
} else {
    const server = await serve(webDir);
    try {
        await typing(server.url);
        await permalink(server.url);
        await settingsPane(server.url);
        await hostile(server.url);
        await narrow(server.url);
        await fromFile();
    } catch (e) {
        check('the playground test ran to the end', false, e.stack || String(e));
    }
    await server.close();
}
await finish();
