// Drives `gotcha server` with Microsoft's own JSON-RPC and LSP protocol packages (vscode-jsonrpc,
// vscode-languageserver-protocol: the transport VS Code's language client is built on), from
// tests/node/node_modules (`(cd tests/node && npm ci)`). One "ok"/"not ok" line per check.
// Run by tests/suites/64-lsp-clients.sh:  GOTCHA=build/gotcha node tests/lsp/node/client.test.mjs
// Each scenario starts its own server in a temporary workspace (pyproject.toml + Python files).
import { spawn, execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(new URL('../../node/package.json', import.meta.url));
const lsp = require('vscode-languageserver-protocol/node');
const GOTCHA = (process.env.GOTCHA || 'gotcha').includes('/') ? resolve(process.env.GOTCHA) : (process.env.GOTCHA || 'gotcha');
const TIMEOUT = 10000;

let failed = 0;
function report(name, good, detail) {
  console.log(`${good ? 'ok' : 'not ok'} - node: ${name}`);
  if (!good) {
    failed++;
    if (detail !== undefined) {
      const text = typeof detail === 'string' ? detail : JSON.stringify(detail, null, 1);
      for (const line of text.split('\n').slice(0, 30)) console.log(`# ${line}`);
    }
  }
  return good;
}

// A temporary workspace with these files (name -> text).
function workspace(files) {
  const dir = mkdtempSync(join(tmpdir(), 'gotcha-lsp-node-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
const uriOf = (dir, name) => pathToFileURL(join(dir, name)).href;

// A running server and its connection: publishes by URI, the requests the server sent us.
class Session {
  constructor(dir) {
    this.dir = dir;
    this.proc = spawn(GOTCHA, ['server'], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
    this.stderr = '';
    this.proc.stderr.on('data', (d) => { this.stderr += d; });
    this.proc.stdin.on('error', () => {});   // a server that died: its checks fail, not the script
    this.exited = new Promise((done) => {
      this.proc.on('exit', (code, signal) => done({ code, signal }));
      this.proc.on('error', (e) => { this.stderr += String(e); done({ code: null, signal: 'spawn' }); });
    });
    this.conn = lsp.createProtocolConnection(
      new lsp.StreamMessageReader(this.proc.stdout), new lsp.StreamMessageWriter(this.proc.stdin));
    this.published = new Map();
    this.waiters = [];
    this.serverRequests = [];
    this.conn.onNotification(lsp.PublishDiagnosticsNotification.type, (p) => {
      if (!this.published.has(p.uri)) this.published.set(p.uri, []);
      this.published.get(p.uri).push(p);
      this.waiters = this.waiters.filter((w) => !w());
    });
    this.conn.onRequest((method, params) => {   // registerCapability, workDoneProgress/create...
      this.serverRequests.push({ method, params });
      return method === 'workspace/configuration' ? (params.items || []).map(() => null) : null;
    });
    this.conn.onError(() => {});
    this.conn.onClose(() => {});
    this.conn.listen();
  }

  async initialize(capabilities = {}, initializationOptions = undefined) {
    this.result = await this.conn.sendRequest(lsp.InitializeRequest.type, {
      processId: process.pid,
      initializationOptions,
      rootUri: pathToFileURL(this.dir).href,
      workspaceFolders: [{ uri: pathToFileURL(this.dir).href, name: 'ws' }],
      capabilities: {
        workspace: { didChangeWatchedFiles: { dynamicRegistration: true } },
        textDocument: { publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } } },
          hover: { contentFormat: ['markdown', 'plaintext'] }, synchronization: { didSave: true } },
        ...capabilities,
      },
    });
    await this.conn.sendNotification(lsp.InitializedNotification.type, {});
    return this.result;
  }

  publishes(uri) { return this.published.get(uri) || []; }
  last(uri) { const all = this.publishes(uri); return all[all.length - 1]; }

  // Resolves with the first publish for uri, after the `after`-th, that satisfies pred (or null).
  nextPublish(uri, pred = () => true, after = this.publishes(uri).length) {
    return new Promise((resolve) => {
      const check = () => {
        const found = this.publishes(uri).slice(after).find(pred);
        if (found) { clearTimeout(timer); resolve(found); }
        return Boolean(found);
      };
      const timer = setTimeout(() => { this.waiters = this.waiters.filter((w) => w !== check); resolve(null); }, TIMEOUT);
      if (!check()) this.waiters.push(check);
    });
  }

  open(uri, text, version = 1) {
    return this.conn.sendNotification(lsp.DidOpenTextDocumentNotification.type,
      { textDocument: { uri, languageId: 'python', version, text } });
  }
  change(uri, version, contentChanges) {
    return this.conn.sendNotification(lsp.DidChangeTextDocumentNotification.type,
      { textDocument: { uri, version }, contentChanges });
  }

  async shutdown() {
    await this.conn.sendRequest(lsp.ShutdownRequest.type);
    await this.conn.sendNotification(lsp.ExitNotification.type);
    return this.finish();
  }
  // The exit status (null when it had to be killed after TIMEOUT).
  async finish() {
    const killer = setTimeout(() => this.proc.kill('SIGKILL'), TIMEOUT);
    const status = await this.exited;
    clearTimeout(killer);
    this.conn.dispose();
    return status.signal ? null : status.code;
  }
}

// Applies LSP TextEdits (positions in `encoding`) to text; edits must not overlap.
function applyEdits(text, edits, encoding) {
  const lines = text.split('\n');
  const offsetOf = (pos) => {
    let offset = 0;
    for (let i = 0; i < pos.line; i++) offset += lines[i].length + 1;
    const line = lines[pos.line] ?? '';
    if (encoding === 'utf-8') {
      const bytes = Buffer.from(line, 'utf8').subarray(0, pos.character);
      return offset + bytes.toString('utf8').length;
    }
    return offset + Math.min(pos.character, line.length);
  };
  const sorted = edits.map((e) => ({ start: offsetOf(e.range.start), end: offsetOf(e.range.end), text: e.newText }))
    .sort((a, b) => b.start - a.start);
  for (const e of sorted) text = text.slice(0, e.start) + e.text + text.slice(e.end);
  return text;
}
function editsFor(action, uri) {
  const edit = action.edit || {};
  const edits = [...((edit.changes || {})[uri] || [])];
  for (const change of edit.documentChanges || []) {
    if (change.textDocument && change.textDocument.uri === uri) edits.push(...change.edits);
  }
  return edits;
}

// What the command line says about a text: findings (json) and the text with safe fixes applied.
function cliFindings(dir, name, text) {
  try {
    return JSON.parse(execFileSync(GOTCHA, ['check', '--output-format', 'json', '--stdin-filename', join(dir, name), '-'],
      { input: text, cwd: dir, encoding: 'utf8' }));
  } catch (e) {
    return JSON.parse(e.stdout);   // status 1: findings
  }
}
function cliFixed(dir, name, text) {
  try {
    return execFileSync(GOTCHA, ['check', '--fix-only', '--stdin-filename', join(dir, name), '-'],
      { input: text, cwd: dir, encoding: 'utf8', stdio: ['pipe', 'pipe', 'ignore'] });
  } catch (e) {
    return e.stdout;
  }
}

const APP = [
  'def handle(req, seen=[]):',
  '    seen.append(req.user)',
  '    return seen',
  '',
  '',
  'def _tag(label="é😀", acc={}):',
  '    acc[label] = 1',
  '    return acc',
  '',
].join('\n');
const TAG_LINE = 5;

const scenarios = [];
const scenario = (name, fn) => scenarios.push({ name, fn });

// Columns in UTF-16 (the default) and in UTF-8 (when the client offers it), on the line with é
// (2 bytes, 1 UTF-16 unit) and an emoji (4 bytes, 2 units) before `{}`; edits in that encoding.
// A client that offers only encodings the server lacks (utf-32 is optional) gets utf-16.
for (const offer of [null, ['utf-8', 'utf-16'], ['utf-16', 'utf-8'], ['utf-32', 'utf-16']]) {
  const label = offer ? `client offers ${offer.join(', ')}` : 'no positionEncodings offered';
  scenario(`positions, ${label}`, async () => {
    const dir = workspace({ 'pyproject.toml': '[tool.gotcha]\n', 'app.py': APP });
    const uri = uriOf(dir, 'app.py');
    const s = new Session(dir);
    const result = await s.initialize(offer ? { general: { positionEncodings: offer } } : {});
    const chosen = result.capabilities.positionEncoding;
    const encoding = chosen || 'utf-16';
    const allowed = !offer ? ['utf-16'] : offer[0] === 'utf-8' ? ['utf-8']
      : offer.includes('utf-8') ? ['utf-8', 'utf-16'] : [offer[0], 'utf-16'];
    report(`${label}: the server answers positionEncoding ${allowed.join(' or ')}`, allowed.includes(encoding), result.capabilities);
    const line = APP.split('\n')[TAG_LINE];
    const unit = line.indexOf('{}');   // JS strings count UTF-16 units
    const col = encoding === 'utf-8' ? Buffer.byteLength(line.slice(0, unit))
      : encoding === 'utf-32' ? [...line.slice(0, unit)].length : unit;
    await s.open(uri, APP);
    const p = await s.nextPublish(uri, (x) => x.diagnostics.length === 2);
    const d = p && p.diagnostics.find((x) => x.range.start.line === TAG_LINE);
    report(`${label}: \`acc={}\` after é and an emoji starts at ${encoding} column ${col}`,
      d && d.range.start.character === col && d.range.end.character === col + 2 && d.range.end.line === TAG_LINE, p);
    // Incremental edit in the same encoding: `{}` -> `None`, then a past-the-end position on that line.
    await s.change(uri, 2, [{ range: { start: { line: TAG_LINE, character: col }, end: { line: TAG_LINE, character: col + 2 } }, text: 'None' }]);
    const q = await s.nextPublish(uri, (x) => x.diagnostics.length === 1);
    report(`${label}: an incremental edit at those columns removes that finding`,
      q && q.diagnostics[0].range.start.line === 0, q);
    report(`${label}: shutdown + exit: status 0`, await s.shutdown() === 0, s.stderr);
    rmSync(dir, { recursive: true });
  });
}

scenario('diagnostics, sync, actions, hover', async () => {
  const dir = workspace({ 'pyproject.toml': '[tool.gotcha]\n', 'app.py': APP });
  const uri = uriOf(dir, 'app.py');
  const s = new Session(dir);
  const { capabilities } = await s.initialize();
  const sync = capabilities.textDocumentSync;
  report('initialize: incremental sync, open/close, save',
    typeof sync === 'object' && sync.change === lsp.TextDocumentSyncKind.Incremental && sync.openClose === true && Boolean(sync.save), capabilities);
  report('initialize: codeActionProvider with quickfix and source.fixAll',
    capabilities.codeActionProvider && (capabilities.codeActionProvider.codeActionKinds || []).includes('quickfix')
      && capabilities.codeActionProvider.codeActionKinds.some((k) => k.startsWith('source.fixAll')), capabilities);
  report('initialize: hoverProvider', Boolean(capabilities.hoverProvider), capabilities);

  await s.open(uri, APP);
  const p = await s.nextPublish(uri, (x) => x.diagnostics.length > 0);
  const cli = cliFindings(dir, 'app.py', APP);
  const d = p ? p.diagnostics.slice().sort((a, b) => a.range.start.line - b.range.start.line) : [];
  report('didOpen: the findings of `gotcha check`, same codes, lines and messages',
    d.length === cli.length && d.every((x, i) => x.code === cli[i].code && x.range.start.line === cli[i].location.row - 1
      && x.message === cli[i].message), { server: d, cli });
  const first = d[0] || {};
  report('a diagnostic has source gotcha, a severity, codeDescription.href naming the rule',
    first.source === 'gotcha' && first.severity >= 1 && first.severity <= 4
      && Boolean(first.codeDescription && /^https?:\/\/|^file:/.test(first.codeDescription.href) && first.codeDescription.href.includes('GT101')), first);
  const rel = (first.relatedInformation || [])[0];
  report('relatedInformation: the evidence line (the mutation, line 2) with a message',
    rel && rel.location.uri === uri && rel.location.range.start.line === 1 && rel.message.length > 0, first);
  report('publishDiagnostics carries the document version', p && p.version === 1, p && p.version);

  // didChange: a full replacement (no range), then several incremental edits sent at once (the
  // debounce must end on the last version).
  const full = APP.replace('seen=[]', 'seen=None');
  await s.change(uri, 2, [{ text: full }]);
  let q = await s.nextPublish(uri, (x) => x.version === 2 || x.diagnostics.length === 1);
  report('didChange, full text: one finding left', q && q.diagnostics.length === 1 && q.diagnostics[0].range.start.line === TAG_LINE, q);
  let text = full;
  const edits = [];
  for (let i = 0; i < 20; i++) {   // prepend 20 comment lines, one edit each
    edits.push({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: `# ${i}\n` });
    text = `# ${i}\n` + text;
  }
  // The burst goes in one write (a client's writes may trickle: the server checks whenever no
  // further message is waiting, so only what is waiting together is coalesced).
  const before = s.publishes(uri).length;
  s.proc.stdin.write(Buffer.concat(edits.map((change, i) => {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didChange',
      params: { textDocument: { uri, version: 3 + i }, contentChanges: [change] } }));
    return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]);
  })));
  const lastVersion = 2 + edits.length;
  q = await s.nextPublish(uri, (x) => x.version === lastVersion || (x.diagnostics[0] && x.diagnostics[0].range.start.line === TAG_LINE + 20));
  report('20 incremental edits in a row: the last publish is for the last text',
    q && q.diagnostics.length === 1 && q.diagnostics[0].range.start.line === TAG_LINE + 20, q);
  await new Promise((r) => setTimeout(r, 300));
  const lastP = s.last(uri);
  report('no stale publish after it', lastP.diagnostics.length === 1 && lastP.diagnostics[0].range.start.line === TAG_LINE + 20, lastP);
  const burst = s.publishes(uri).length - before;
  report(`the burst is debounced: ${burst} publishes for 20 edits written at once`, burst >= 1 && burst < 10,
    s.publishes(uri).slice(before).map((x) => x.version));
  // Several changes in one notification, applied in order.
  await s.change(uri, lastVersion + 1, [
    { range: { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } }, text: '' },
    { range: { start: { line: 0, character: full.indexOf('None') }, end: { line: 0, character: full.indexOf('None') + 4 } }, text: '[]' },
  ]);
  text = APP;
  q = await s.nextPublish(uri, (x) => x.diagnostics.length === 2);
  report('two changes in one didChange, applied in order: back to the original findings',
    q && q.diagnostics.map((x) => x.range.start.line).sort().join() === `0,${TAG_LINE}`, q);

  // Code actions for `handle` (public: unsafe fix) and `_tag` (private: safe fix).
  const diags = q ? q.diagnostics : [];
  const at = (line) => diags.filter((x) => x.range.start.line === line);
  const ask = (line, only) => s.conn.sendRequest(lsp.CodeActionRequest.type, {
    textDocument: { uri }, range: at(line)[0] ? at(line)[0].range : { start: { line, character: 0 }, end: { line, character: 0 } },
    context: { diagnostics: at(line), only },
  });
  // A fix: applied alone, its edits give the sentinel and the `is None` test.
  const fixes = (actions, name) => actions.find((a) => a.kind === 'quickfix' && editsFor(a, uri).length > 0
    && applyEdits(text, editsFor(a, uri), 'utf-16').includes(`${name}=None`)
    && applyEdits(text, editsFor(a, uri), 'utf-16').includes(`if ${name} is None:`));
  const a0 = (await ask(0)) || [];
  const fix0 = fixes(a0, 'seen');
  report('code action on `handle`: its fix, titled unsafe, linked to the diagnostic',
    fix0 && /unsafe/i.test(fix0.title) && (fix0.diagnostics || []).some((x) => x.code === 'GT101'), a0);
  const noqa = a0.find((a) => editsFor(a, uri).some((e) => e.newText.includes('# noqa: GT101')));
  report('code action on `handle`: suppress with `# noqa: GT101`', Boolean(noqa), a0);
  if (noqa) {
    const after = applyEdits(text, editsFor(noqa, uri), 'utf-16');
    report('the noqa edit leaves a line that `gotcha check` no longer reports',
      after.split('\n')[0].endsWith('# noqa: GT101') && cliFindings(dir, 'app.py', after).length === 1, after);
  }
  const a5 = (await ask(TAG_LINE)) || [];
  const fix5 = fixes(a5, 'acc');
  report('code action on `_tag`: its fix, not titled unsafe, preferred', fix5 && !/unsafe/i.test(fix5.title) && fix5.isPreferred === true, a5);
  const all = ((await ask(0, ['source.fixAll'])) || []).find((a) => a.kind && a.kind.startsWith('source.fixAll'));
  report('source.fixAll asked for: one action', Boolean(all && all.edit));
  if (all && all.edit) {
    const fixed = applyEdits(text, editsFor(all, uri), 'utf-16');
    const expected = cliFixed(dir, 'app.py', text);
    report('fix all gives the text of `gotcha check --fix` (safe fixes only)', fixed === expected && fixed !== text,
      `server:\n${fixed}\ncli:\n${expected}`);
  }
  const none = (await ask(3)) || [];
  report('no quickfix on a line without findings', !none.some((a) => a.kind === 'quickfix'), none);

  // Hover: the rule's explanation on a finding, null elsewhere.
  const hover = await s.conn.sendRequest(lsp.HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 22 } });
  const rule = execFileSync(GOTCHA, ['rule', 'GT101'], { encoding: 'utf8' });
  const value = hover ? (typeof hover.contents === 'string' ? hover.contents : hover.contents.value || JSON.stringify(hover.contents)) : '';
  const squash = (t) => t.replace(/[\s`*#_>]+/g, ' ').trim();
  const paragraph = rule.split('\n').find((l) => l.includes('evaluated once')) || 'evaluated once';
  report('hover on a finding: the text of `gotcha rule GT101`', squash(value).includes(squash(paragraph).slice(0, 60)) && value.includes('GT101'),
    { hover, paragraph });
  const away = await s.conn.sendRequest(lsp.HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: 4 } });
  report('hover away from findings: null', away === null, away);
  const past = await s.conn.sendRequest(lsp.HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 500 } });
  report('hover past the end of a line: null, no error', past === null, past);

  // didSave pushes again; didClose clears.
  const n = s.publishes(uri).length;
  await s.conn.sendNotification(lsp.DidSaveTextDocumentNotification.type, { textDocument: { uri } });
  report('didSave: diagnostics pushed', Boolean(await s.nextPublish(uri, () => true, n)));
  await s.conn.sendNotification(lsp.DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  const closed = await s.nextPublish(uri, (x) => x.diagnostics.length === 0);
  report('didClose: an empty publish', Boolean(closed));
  report('shutdown + exit: status 0', await s.shutdown() === 0, s.stderr);
  rmSync(dir, { recursive: true });
});

scenario('settings reload', async () => {
  const code = 'def handle(req, seen=[]):\n    seen.append(req)\n    if req is "x":\n        return seen\n';
  const dir = workspace({ 'pyproject.toml': '[tool.gotcha]\nselect = ["GT1"]\n', 'app.py': code });
  const uri = uriOf(dir, 'app.py');
  const s = new Session(dir);
  await s.initialize();
  await s.open(uri, code);
  const codes = (p) => (p ? p.diagnostics.map((x) => x.code).sort().join() : 'none');
  let p = await s.nextPublish(uri);
  report('select = ["GT1"]: GT101 only', codes(p) === 'GT101', p);
  await new Promise((r) => setTimeout(r, 200));
  const watch = s.serverRequests.find((r) => r.method === 'client/registerCapability'
    && JSON.stringify(r.params).includes('workspace/didChangeWatchedFiles'));
  report('the server asks the client to watch pyproject.toml and gotcha.toml',
    Boolean(watch) && JSON.stringify(watch.params).includes('pyproject.toml') && JSON.stringify(watch.params).includes('gotcha.toml'), s.serverRequests);
  writeFileSync(join(dir, 'pyproject.toml'), '[tool.gotcha]\nselect = ["GT"]\nignore = ["GT101"]\n');
  await s.conn.sendNotification(lsp.DidChangeWatchedFilesNotification.type,
    { changes: [{ uri: uriOf(dir, 'pyproject.toml'), type: lsp.FileChangeType.Changed }] });
  p = await s.nextPublish(uri, (x) => codes(x) !== 'GT101');
  report('pyproject.toml changed to select GT, ignore GT101: GT201 only', codes(p) === 'GT201', p);
  writeFileSync(join(dir, 'gotcha.toml'), 'select = ["GT101"]\n');
  await s.conn.sendNotification(lsp.DidChangeWatchedFilesNotification.type,
    { changes: [{ uri: uriOf(dir, 'gotcha.toml'), type: lsp.FileChangeType.Created }] });
  p = await s.nextPublish(uri, (x) => codes(x) !== 'GT201');
  report('a gotcha.toml created (it wins over pyproject.toml): GT101 only', codes(p) === 'GT101', p);
  writeFileSync(join(dir, 'gotcha.toml'), 'select = [');
  await s.conn.sendNotification(lsp.DidChangeWatchedFilesNotification.type,
    { changes: [{ uri: uriOf(dir, 'gotcha.toml'), type: lsp.FileChangeType.Changed }] });
  await new Promise((r) => setTimeout(r, 500));
  report('a broken gotcha.toml: the server stays up', s.proc.exitCode === null && s.proc.signalCode === null, s.stderr);
  rmSync(join(dir, 'gotcha.toml'));
  await s.conn.sendNotification(lsp.DidChangeWatchedFilesNotification.type,
    { changes: [{ uri: uriOf(dir, 'gotcha.toml'), type: lsp.FileChangeType.Deleted }] });
  p = await s.nextPublish(uri, (x) => codes(x) === 'GT201');
  report('gotcha.toml deleted: pyproject.toml again, GT201 only', codes(p) === 'GT201', p);
  report('shutdown + exit: status 0', await s.shutdown() === 0, s.stderr);
  rmSync(dir, { recursive: true });
});

// The whole-project analysis kept current: a finding another module decides follows that
// module's file on disk (watched-file events) and its unsaved text when it is open.
scenario('whole project', async () => {
  const mutating = 'def remember(req, seen):\n    seen.append(req)\n';
  const reading = 'def remember(req, seen):\n    return len(seen)\n';
  const views = 'from .helpers import remember\n\n\ndef track(req, seen=[]):\n    remember(req, seen)\n';
  const dir = workspace({ 'pyproject.toml': '[tool.gotcha]\n' });
  mkdirSync(join(dir, 'app'));
  for (const [name, text] of [['__init__.py', ''], ['helpers.py', mutating], ['views.py', views]]) {
    writeFileSync(join(dir, 'app', name), text);
  }
  const viewsUri = uriOf(dir, 'app/views.py');
  const helpersUri = uriOf(dir, 'app/helpers.py');
  const s = new Session(dir);
  await s.initialize();
  await s.open(viewsUri, views);
  const gt101 = (x) => x.diagnostics.some((d) => d.code === 'GT101');
  let p = await s.nextPublish(viewsUri, gt101);
  const d = p && p.diagnostics.find((x) => x.code === 'GT101');
  const named = d && /helpers\.py:(\d+)\)/.exec(d.message);   // the message names `remember`'s file:line
  report('views.py: GT101 decided by app/helpers.py, the evidence on the line the message names', Boolean(named)
    && d.relatedInformation.some((r) => r.location.uri === helpersUri && r.location.range.start.line === Number(named[1]) - 1), p);
  writeFileSync(join(dir, 'app', 'helpers.py'), reading);
  await s.conn.sendNotification(lsp.DidChangeWatchedFilesNotification.type,
    { changes: [{ uri: helpersUri, type: lsp.FileChangeType.Changed }] });
  p = await s.nextPublish(viewsUri, (x) => !gt101(x));
  report('helpers.py changed on disk to only read `seen`: the GT101 goes', Boolean(p), s.last(viewsUri));
  await s.open(helpersUri, reading);
  await s.change(helpersUri, 2, [{ text: mutating }]);
  p = await s.nextPublish(viewsUri, gt101);
  report('helpers.py open and edited (unsaved) to mutate again: the GT101 returns', Boolean(p), s.last(viewsUri));
  report('shutdown + exit: status 0', await s.shutdown() === 0, s.stderr);
  rmSync(dir, { recursive: true });
});

scenario('exit', async () => {
  const dir = workspace({ 'app.py': APP });
  const s = new Session(dir);
  await s.initialize();
  await s.conn.sendNotification(lsp.ExitNotification.type);
  report('exit without shutdown: status 1', await s.finish() === 1, s.stderr);
  const u = new Session(dir);
  await u.initialize({}, { ruleUrl: 'https://wiki.example/gotcha/{code}.html' });
  await u.open(uriOf(dir, 'app.py'), APP);
  const p = await u.nextPublish(uriOf(dir, 'app.py'));
  report('initializationOptions.ruleUrl: the link of every diagnostic', p && p.diagnostics.length > 0
    && p.diagnostics.every((d) => d.codeDescription && d.codeDescription.href === `https://wiki.example/gotcha/${d.code}.html`), p);
  report('shutdown + exit: status 0', await u.shutdown() === 0, u.stderr);
  const t = new Session(dir);
  t.proc.stdin.end();
  report('end of input without shutdown: the server ends (status 1)', await t.finish() === 1, t.stderr);
  rmSync(dir, { recursive: true });
});

// A server that dies leaves the connection's writes failing: reported, the script goes on.
process.on('unhandledRejection', (e) => report('no unexpected error', false, String(e && e.stack || e)));
try {
  execFileSync(GOTCHA, ['--version'], { stdio: 'ignore' });
} catch (e) {
  report(`${GOTCHA} --version runs`, false, String(e));
  process.exit(1);
}
for (const { name, fn } of scenarios) {
  try {
    await fn();
  } catch (e) {
    report(`${name}: ran to its end`, false, String(e && e.stack || e));
  }
}
process.exit(failed ? 1 : 0);
