// Times Ruff (WebAssembly build) checking every file listed on stdin (one path per line), in one process, single thread.
// Usage: node ruff_check.js ROUNDS SELECT < files.txt   -> prints JSON {rounds_ms: [...], files, bytes, diagnostics}
const fs = require('fs');
const { Workspace, PositionEncoding } = require('@astral-sh/ruff-wasm-nodejs');

const rounds = parseInt(process.argv[2] || '3', 10);
const select = (process.argv[3] || 'B006,B008').split(',');
const paths = fs.readFileSync(0, 'utf8').split('\n').filter(Boolean);
const sources = [];
let bytes = 0;
for (const p of paths) {
  const buf = fs.readFileSync(p);
  bytes += buf.length;
  sources.push(buf.toString('utf8'));
}
const ws = new Workspace({ lint: { select } }, PositionEncoding.Utf8);
const roundsMs = [];
let diagnostics = 0;
for (let r = 0; r < rounds; r++) {
  const t0 = process.hrtime.bigint();
  let n = 0;
  for (const src of sources) {
    try { n += ws.check(src).length; } catch (e) { /* a file Ruff cannot handle counts as checked */ }
  }
  roundsMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
  diagnostics = n;
}
console.log(JSON.stringify({ rounds_ms: roundsMs, files: sources.length, bytes, diagnostics }));
