// The HTML report (gotcha check --output-format html) in headless Chromium. Run by
// tests/suites/65-html-report.sh, which writes into REPORT_DIR, for each of `examples` (examples/),
// `hostile` (file names and code made of markup) and `big` (10,000 findings): NAME.html, NAME.json
// (the JSON output of the same run) and NAME.files (the number of files checked).
// Checks: nothing is requested but the page itself; the summary's numbers are the JSON output's;
// filters by rule (select and bar), file, text, fixability and URL fragment; a rule text unfolds; a
// fix shows as a diff; hostile names and code render as text and run nothing; 10,000 findings load
// and filter. Screenshots go to GOTCHA_SHOTS_DIR.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { open, check, shot, finish, shotsDir } from './browser.mjs';

const dir = process.env.REPORT_DIR;
if (!dir) {
    console.log('FAIL REPORT_DIR is not set: run tests/suites/65-html-report.sh');
    process.exit(1);
}
const read = (name) => ({
    url: 'file://' + path.join(dir, `${name}.html`),
    json: JSON.parse(readFileSync(path.join(dir, `${name}.json`), 'utf8')),
    files: Number(readFileSync(path.join(dir, `${name}.files`), 'utf8').trim()),
});
const countBy = (items, key) => items.reduce((m, d) => m.set(key(d), (m.get(key(d)) || 0) + 1), new Map());

/* Open a report; every request other than the page itself is recorded and refused, every dialog
   recorded and dismissed. */
async function load(report, hash = '') {
    const page = await open();
    const foreign = [], dialogs = [];
    await page.route('**/*', (route) => {
        if (route.request().url().split('#')[0] === report.url) return route.continue();
        foreign.push(route.request().url());
        return route.abort();
    });
    page.on('request', (r) => { if (r.url().split('#')[0] !== report.url) foreign.push(r.url()); });
    page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
    const start = Date.now();
    await page.goto(report.url + hash);
    await page.waitForSelector('body[data-ready="1"]');
    return { page, foreign, dialogs, loadMs: Date.now() - start };
}

const cards = (page) => page.$$eval('article.finding', (as) => as.map((a) => ({
    code: a.dataset.code, file: a.dataset.file, loc: a.querySelector('.loc').textContent,
})));
const num = async (page, id) => Number(await page.textContent(`#${id}`));

async function summaryMatches(page, report, label) {
    const json = report.json;
    const fixable = json.filter((d) => d.fix);
    check(`${label}: files checked = ${report.files}`, await num(page, 'n-files') === report.files);
    check(`${label}: findings = the JSON output's ${json.length}`, await num(page, 'n-findings') === json.length);
    check(`${label}: fixable = ${fixable.length}`, await num(page, 'n-fixable') === fixable.length);
    check(`${label}: not fixable = ${json.length - fixable.length}`,
          await num(page, 'n-unfixable') === json.length - fixable.length);
    check(`${label}: safe fixes`, await num(page, 'n-safe') === fixable.filter((d) => d.fix.applicability === 'safe').length);
    const bars = new Map(await page.$$eval('.bar-row', (bs) => bs.map((b) => [b.dataset.rule, Number(b.querySelector('.bar-count').textContent)])));
    const want = countBy(json, (d) => d.code);
    check(`${label}: one bar per rule with the JSON output's count`,
          bars.size === want.size && [...want].every(([code, n]) => bars.get(code) === n),
          JSON.stringify([...bars]));
}

async function examples() {
    const report = read('examples');
    const { page, foreign, dialogs } = await load(report);
    check('examples: nothing requested but the page', foreign.length === 0, foreign.join(' '));
    await summaryMatches(page, report, 'examples');
    const shown = await cards(page);
    const want = report.json.map((d) => `${d.filename}:${d.location.row}:${d.location.column}`);
    check('examples: every finding listed, in order', JSON.stringify(shown.map((c) => c.loc)) === JSON.stringify(want));
    await shot(page, 'examples-summary');

    // a rule from the select
    const code = report.json[0].code;
    await page.selectOption('#f-rule', code);
    let now = await cards(page);
    check(`examples: filter by rule ${code}`, now.length === report.json.filter((d) => d.code === code).length &&
          now.every((c) => c.code === code), JSON.stringify(now));
    check('examples: the filter is in the URL fragment', (await page.evaluate(() => location.hash)) === `#rule=${code}`);
    // a rule from its bar: another rule, then the same bar again clears it
    const other = report.json.find((d) => d.code !== code).code;
    await page.click(`.bar-row[data-rule="${other}"]`);
    now = await cards(page);
    check(`examples: a click on the ${other} bar filters by it`, now.length > 0 && now.every((c) => c.code === other)
          && (await page.inputValue('#f-rule')) === other);
    await page.click(`.bar-row[data-rule="${other}"]`);
    check('examples: a second click on the bar shows every rule again', (await cards(page)).length === report.json.length);

    // a file
    const file = report.json[report.json.length - 1].filename;
    await page.selectOption('#f-file', file);
    now = await cards(page);
    check(`examples: filter by file ${file}`, now.length === report.json.filter((d) => d.filename === file).length &&
          now.every((c) => c.file === file));
    await page.selectOption('#f-file', '');
    const top = await page.getAttribute('.file-row', 'data-file');
    await page.click('.file-row');
    now = await cards(page);
    check('examples: a click on the first of the files with most findings filters by it',
          now.length === report.json.filter((d) => d.filename === top).length && now.every((c) => c.file === top) &&
          (await page.inputValue('#f-file')) === top);
    await page.selectOption('#f-file', '');
    await page.check('#f-fixable');
    now = await cards(page);
    check('examples: fixable only', now.length === report.json.filter((d) => d.fix).length);
    await page.uncheck('#f-fixable');
    await page.fill('#f-text', 'StopIteration');
    await page.waitForFunction(() => document.querySelectorAll('article.finding').length < 5);
    now = await cards(page);
    check('examples: text search', now.length === report.json.filter((d) => d.message.includes('StopIteration')).length);
    await page.click('#f-clear');
    await page.waitForFunction((n) => document.querySelectorAll('article.finding').length === n, report.json.length);
    check('examples: Clear shows everything', true);

    // the excerpt: the finding's line highlighted, its columns marked, a line the message names
    const first = report.json[0];
    const hit = await page.$eval('article.finding .ln.hit', (l) => ({ no: l.querySelector('.no').textContent,
        mark: l.querySelector('mark') ? l.querySelector('mark').textContent : null }));
    check('examples: the finding\'s line is highlighted', hit.no === String(first.location.row) && hit.mark);
    const named = report.json.findIndex((d) => / line (\d+)/.test(d.message) &&
        Number(d.message.match(/ line (\d+)/)[1]) !== d.location.row);
    const evidenceLine = Number(report.json[named].message.match(/ line (\d+)/)[1]);
    const evidence = await page.$$eval('article.finding', (as, i) => [...as[i].querySelectorAll('.ln.evidence .no')]
        .map((n) => n.textContent), named);
    check('examples: the line the message names is highlighted', evidence.includes(String(evidenceLine)), evidence.join());

    // the rule text, folded until asked for
    const rule = await page.$('article.finding details.rule');
    check('examples: the rule text starts folded', !(await rule.evaluate((d) => d.open)) &&
          (await rule.$$('.doc')).length === 0);
    await rule.$eval('summary', (s) => s.click());
    const doc = await rule.$$eval('.doc h4', (hs) => hs.map((h) => h.textContent));
    check('examples: the rule text unfolds with its sections', doc.includes('What it finds') && doc.includes('How to fix it'),
          doc.join());
    await rule.scrollIntoViewIfNeeded();
    await shot(page, 'examples-rule-text');

    // a fix as a diff: the lines its edits remove and add
    const fixed = report.json.findIndex((d) => d.fix && d.fix.applicability === 'safe');
    const diff = await page.$$eval('article.finding', (as, i) => {
        const d = as[i].querySelector('.diff');
        return d && { add: [...d.querySelectorAll('.add')].map((x) => x.textContent),
                      del: [...d.querySelectorAll('.del')].map((x) => x.textContent) };
    }, fixed);
    const content = report.json[fixed].fix.edits[0].content;
    check('examples: a fix shows as a diff with its edit', diff && diff.del.length > 0 &&
          diff.add.some((l) => l.startsWith('+') && l.includes(content)), JSON.stringify(diff));
    await page.$$eval('article.finding', (as, i) => as[i].scrollIntoView(), fixed);
    await shot(page, 'examples-fix-diff');
    check('examples: no dialog', dialogs.length === 0);
    await page.close();

    // a shared view: the URL fragment sets the filters
    const { page: linked } = await load(report, `#rule=${other}&fixable=1`);
    now = await cards(linked);
    check('examples: a #rule=...&fixable=1 link opens filtered', (await linked.inputValue('#f-rule')) === other &&
          now.every((c) => c.code === other) && now.length === report.json.filter((d) => d.code === other && d.fix).length);
    await linked.close();
}

async function hostile() {
    const report = read('hostile');
    const { page, foreign, dialogs } = await load(report);
    await page.waitForTimeout(300);   // time for an injected handler to fire
    check('hostile: no dialog fired', dialogs.length === 0, dialogs.join(' | '));
    check('hostile: nothing requested but the page', foreign.length === 0, foreign.join(' '));
    check('hostile: no injected element', await page.evaluate(() =>
        document.querySelectorAll('img').length === 0 && document.scripts.length === 2 &&
        !document.querySelector('[onerror], [onmouseover]')));
    await summaryMatches(page, report, 'hostile');
    const locs = (await cards(page)).map((c) => c.loc);
    const want = report.json.map((d) => `${d.filename}:${d.location.row}:${d.location.column}`);
    check('hostile: the names show as typed', JSON.stringify(locs) === JSON.stringify(want) &&
          locs.some((l) => l.includes('<script>alert(1)</script>.py')) &&
          locs.some((l) => l.includes('"><img src=x onerror=alert(4)>.py')), locs.join(' | '));
    const text = await page.textContent('#findings');
    check('hostile: the code shows as typed', text.includes('# </script><script>alert(2)</script>') &&
          text.includes('"<img src=x onerror=alert(3)>"') && text.includes('&lt;b&gt; stays as typed; <!-- and ]]> too') &&
          text.includes('line\u2028separator\u2029'));
    const long = await page.$eval('article.finding[data-file="hostile/long.py"] .ln.hit', (l) => ({
        mark: l.querySelector('mark').textContent, text: l.querySelector('.tx').textContent }));
    check('hostile: a finding 16,000 characters into a line is marked in a window of the line',
          long.mark === 'x is "<i>a</i>"' && long.text.startsWith('\u2026') && long.text.length < 130, JSON.stringify(long));
    const options = await page.$$eval('#f-file option', (os) => os.map((o) => o.textContent));
    check('hostile: the file filter lists the names as text', options.some((o) => o.startsWith('hostile/<script>alert(1)</script>.py')));
    await page.selectOption('#f-file', report.json[0].filename);
    check('hostile: filtering by a hostile name works', (await cards(page)).every((c) => c.file === report.json[0].filename));
    await page.selectOption('#f-file', '');
    await shot(page, 'hostile');
    await page.close();
}

async function big() {
    const report = read('big');
    const { page, foreign, loadMs } = await load(report);
    console.log(`measured load of 10,000 findings: ${loadMs} ms`);
    check('10k: nothing requested but the page', foreign.length === 0);
    await summaryMatches(page, report, '10k');
    check('10k: loads within 10 s', loadMs < 10000, `${loadMs} ms`);
    check('10k: the first page of 100 findings is shown', (await cards(page)).length === 100 &&
          (await page.textContent('#status')) === 'Showing 100 of 10000 findings');
    await page.click('#more');
    check('10k: Show more adds 100', (await cards(page)).length === 200);
    let start = Date.now();
    await page.selectOption('#f-rule', 'GT201');
    const filterMs = Date.now() - start;
    console.log(`measured filter of 10,000 findings by rule: ${filterMs} ms`);
    check('10k: filter by rule', (await page.textContent('#status')) === 'Showing 100 of 5000 matching findings (10000 in all)'
          && (await cards(page)).every((c) => c.code === 'GT201'));
    check('10k: filters within 5 s', filterMs < 5000, `${filterMs} ms`);
    const file = report.json[4321].filename;
    start = Date.now();
    await page.selectOption('#f-file', file);
    check('10k: filter by rule and file', (await cards(page)).length === 50 &&
          (await cards(page)).every((c) => c.file === file && c.code === 'GT201'));
    await page.selectOption('#f-rule', '');
    await page.selectOption('#f-file', '');
    const file10k = path.join(shotsDir, 'big-top.png');   // the top of the page: the whole is 50,000 px
    await page.screenshot({ path: file10k });
    console.log(`screenshot ${file10k}`);
    await page.close();
}

try {
    await examples();
    await hostile();
    await big();
} catch (e) {
    check('the browser test ran to its end', false, e.stack);
}
await finish();
