/* gotcha HTML report: the page's script (inlined by report_html.c). It reads the JSON blob of the
   element #gotcha-data and lists the findings PAGE at a time, filtered by rule, file, text and
   fixability; the filters live in the URL fragment (#rule=GT101&file=a.py) so a view can be shared.
   Every text from the blob reaches the page through textContent: nothing is parsed as HTML. */
(function () {
  'use strict';
  var blob = document.getElementById('gotcha-data');
  if (!blob) return;
  var data = JSON.parse(blob.textContent);
  var PAGE = 100;
  /* A finding: [file, line, col, endLine, endCol, code, message, ranges, evidence, fix];
     fix: null or [title, safe, diff or null]. Lines and columns are 1-based, columns in characters. */
  var FILE = 0, LINE = 1, COL = 2, END_LINE = 3, END_COL = 4, CODE = 5, MSG = 6, RANGES = 7, EVIDENCE = 8, FIX = 9;
  var HIT_LINES_MAX = 6;   /* as EXCERPT_SPAN_MAX in report_html.c */

  var $ = function (id) { return document.getElementById(id); };
  var list = $('findings'), more = $('more'), status = $('status');
  var ruleSel = $('f-rule'), fileSel = $('f-file'), textBox = $('f-text'), fixBox = $('f-fixable');
  if (!list) {   /* no finding: the summary says so */
    document.body.setAttribute('data-ready', '1');
    return;
  }
  var state = { rule: '', file: '', text: '', fixable: false };
  var matches = [], shown = 0;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  /* ---- filters ---- */

  function countBy(key) {
    var counts = {};
    data.findings.forEach(function (f) { counts[f[key]] = (counts[f[key]] || 0) + 1; });
    return counts;
  }

  function fillSelects() {
    var perRule = countBy(CODE), perFile = countBy(FILE);
    Object.keys(data.rules).sort().forEach(function (code) {
      ruleSel.add(new Option(code + ' ' + data.rules[code].name + ' (' + (perRule[code] || 0) + ')', code));
    });
    data.files.forEach(function (file, i) {
      fileSel.add(new Option(file.path + ' (' + (perFile[i] || 0) + ')', file.path));
    });
  }

  function matchesText(f, needle) {
    if (!needle) return true;
    var hay = (f[MSG] + '\n' + data.files[f[FILE]].path + '\n' + f[CODE]).toLowerCase();
    return hay.indexOf(needle) >= 0;
  }

  function applyFilters() {
    var needle = state.text.trim().toLowerCase();
    matches = [];
    data.findings.forEach(function (f, i) {
      if (state.rule && f[CODE] !== state.rule) return;
      if (state.file && data.files[f[FILE]].path !== state.file) return;
      if (state.fixable && !f[FIX]) return;
      if (!matchesText(f, needle)) return;
      matches.push(i);
    });
    list.replaceChildren();
    shown = 0;
    showMore();
    document.querySelectorAll('.bar-row').forEach(function (b) {
      b.classList.toggle('active', b.getAttribute('data-rule') === state.rule);
    });
    document.querySelectorAll('.file-row').forEach(function (b) {
      b.classList.toggle('active', b.getAttribute('data-file') === state.file);
    });
    writeHash();
  }

  function showMore() {
    var end = Math.min(matches.length, shown + PAGE);
    var frag = document.createDocumentFragment();
    for (; shown < end; shown++) frag.appendChild(card(data.findings[matches[shown]]));
    list.appendChild(frag);
    more.hidden = shown >= matches.length;
    more.textContent = 'Show ' + Math.min(PAGE, matches.length - shown) + ' more';
    var total = data.findings.length;
    status.textContent = matches.length === total
      ? 'Showing ' + shown + ' of ' + total + ' findings'
      : 'Showing ' + shown + ' of ' + matches.length + ' matching findings (' + total + ' in all)';
  }

  /* ---- the URL fragment ---- */

  function writeHash() {
    var parts = [];
    if (state.rule) parts.push('rule=' + encodeURIComponent(state.rule));
    if (state.file) parts.push('file=' + encodeURIComponent(state.file));
    if (state.text) parts.push('q=' + encodeURIComponent(state.text));
    if (state.fixable) parts.push('fixable=1');
    var hash = parts.length ? '#' + parts.join('&') : '';
    if (hash !== location.hash && history.replaceState)
      history.replaceState(null, '', hash || location.pathname + location.search);
  }

  function readHash() {
    location.hash.replace(/^#/, '').split('&').forEach(function (part) {
      var eq = part.indexOf('=');
      if (eq < 0) return;
      var key = part.slice(0, eq), value;
      try { value = decodeURIComponent(part.slice(eq + 1)); } catch (e) { return; }
      if (key === 'rule' && data.rules[value]) state.rule = value;
      if (key === 'file') state.file = value;
      if (key === 'q') state.text = value;
      if (key === 'fixable') state.fixable = value === '1';
    });
    ruleSel.value = state.rule;
    fileSel.value = state.file;
    if (fileSel.value !== state.file) state.file = '';
    textBox.value = state.text;
    fixBox.checked = state.fixable;
  }

  /* ---- one finding ---- */

  function head(f) {
    var rule = data.rules[f[CODE]];
    var h = el('div', 'head');
    h.appendChild(el('span', 'loc', data.files[f[FILE]].path + ':' + f[LINE] + ':' + f[COL]));
    h.appendChild(el('span', 'code-tag', f[CODE]));
    if (rule) h.appendChild(el('span', 'rule-name', rule.name));
    if (f[FIX]) h.appendChild(el('span', 'badge ' + (f[FIX][1] ? 'safe' : 'unsafe'), f[FIX][1] ? 'safe fix' : 'unsafe fix'));
    return h;
  }

  /* The characters of line `n` that the finding covers, as [from, to) in code points, or null. */
  function hitSpan(f, n, length) {
    var last = Math.min(f[END_LINE], f[LINE] + HIT_LINES_MAX - 1);
    if (n < f[LINE] || n > Math.max(last, f[LINE])) return null;
    var from = n === f[LINE] ? f[COL] - 1 : 0;
    var to = n === f[END_LINE] ? f[END_COL] - 1 : length;
    from = Math.max(0, Math.min(from, length));
    to = Math.max(from, Math.min(to, length));
    if (to === from && from < length) to = from + 1;
    return [from, to];
  }

  /* Long lines show WINDOW characters from `start` (the same for every line of an excerpt, so
     columns stay aligned), with an ellipsis on each side that was cut. */
  var WINDOW = 120, LEAD = 40;   /* as the full format's excerpts */

  function windowStart(f, file) {
    var text = file.lines[f[LINE]] || '';
    var col = f[COL] - 1, length = Array.from(text).length;
    return length > WINDOW && col > LEAD ? Math.max(0, Math.min(col - LEAD, length - WINDOW)) : 0;
  }

  function lineText(text, span, start) {
    var tx = el('span', 'tx'), chars = Array.from(text);
    var end = Math.min(chars.length, start + WINDOW);
    if (chars.length <= WINDOW && start === 0) end = chars.length;
    var cut = function (a, b) { return chars.slice(Math.max(a, start), Math.min(b, end)).join(''); };
    if (start > 0 && chars.length > 0) tx.appendChild(el('span', 'cut', '\u2026'));
    if (!span) {
      tx.appendChild(document.createTextNode(cut(0, chars.length)));
    } else {
      tx.appendChild(document.createTextNode(cut(0, span[0])));
      tx.appendChild(el('mark', null, cut(span[0], span[1]) || (span[0] >= end ? '\u2026' : '')));
      tx.appendChild(document.createTextNode(cut(span[1], chars.length)));
    }
    if (end < chars.length) tx.appendChild(el('span', 'cut', '\u2026'));
    return tx;
  }

  function excerpt(f) {
    var file = data.files[f[FILE]];
    var pre = el('pre', 'excerpt');
    var prevLast = 0, start = windowStart(f, file);
    f[RANGES].forEach(function (range) {
      if (prevLast && range[0] > prevLast + 1) {
        var gap = el('div', 'ln gap');
        gap.appendChild(el('span', 'no', '\u22ee'));
        gap.appendChild(el('span', 'tx', ''));
        pre.appendChild(gap);
      }
      for (var n = range[0]; n <= range[1]; n++) {
        var text = Object.prototype.hasOwnProperty.call(file.lines, n) ? file.lines[n] : '';
        var span = hitSpan(f, n, Array.from(text).length);
        var evidence = f[EVIDENCE].indexOf(n) >= 0;
        var row = el('div', 'ln' + (span ? ' hit' : '') + (evidence ? ' evidence' : ''));
        row.appendChild(el('span', 'no', n));
        row.appendChild(lineText(text, span, start));
        if (evidence) row.appendChild(el('span', 'why', '\u2190 line ' + n + ' of the message'));
        pre.appendChild(row);
      }
      prevLast = range[1];
    });
    return pre;
  }

  function diffView(diff) {
    var pre = el('pre', 'diff');
    diff.replace(/\n$/, '').split('\n').forEach(function (line) {
      var c = line.charAt(0);
      pre.appendChild(el('div', c === '+' ? 'add' : c === '-' ? 'del' : c === '@' ? 'hunk' : 'ctx', line));
    });
    return pre;
  }

  function fixPart(f) {
    var fix = f[FIX];
    var d = el('details', 'fix');
    d.open = true;
    var s = el('summary');
    s.appendChild(inline(el('span', 'fix-title'), 'Fix: ' + (fix[0] || 'available')));
    s.appendChild(document.createTextNode(fix[1] ? ' (safe: applied by --fix)' : ' (unsafe: applied with --unsafe-fixes)'));
    d.appendChild(s);
    if (fix[2]) d.appendChild(diffView(fix[2]));
    else d.appendChild(el('p', 'note', 'No diff shown: the file is not UTF-8 (its coding cookie names another encoding), or the fix changes no text.'));
    return d;
  }

  function ruleDoc(rule) {
    var box = el('div', 'doc');
    rule.doc.forEach(function (section) {
      box.appendChild(el('h4', null, section[0]));
      box.appendChild(section[2] ? el('pre', null, section[1]) : inline(el('p'), section[1]));
    });
    return box;
  }

  /* The rule's text, built when first unfolded: 10,000 findings share a few rule texts. */
  function rulePart(f) {
    var rule = data.rules[f[CODE]];
    var d = el('details', 'rule');
    d.appendChild(inline(el('summary'), 'Why ' + f[CODE] + ' matters: ' + (rule ? rule.summary : '')));
    d.addEventListener('toggle', function () {
      if (d.open && rule && d.childNodes.length === 1) d.appendChild(ruleDoc(rule));
    });
    return d;
  }

  /* Append `text` to `parent` with its `quoted code` set in code type. */
  function inline(parent, text) {
    var parts = text.split('`');
    if (parts.length % 2 === 0) {   /* an unpaired backtick stays as it is */
      var tail = parts.pop();
      parts.push(parts.pop() + '`' + tail);
    }
    parts.forEach(function (part, i) {
      parent.appendChild(i % 2 ? el('code', null, part) : document.createTextNode(part));
    });
    return parent;
  }

  function card(f) {
    var a = el('article', 'finding');
    a.setAttribute('data-code', f[CODE]);
    a.setAttribute('data-file', data.files[f[FILE]].path);
    a.appendChild(head(f));
    a.appendChild(inline(el('p', 'msg'), f[MSG]));
    if (f[RANGES].length) a.appendChild(excerpt(f));
    if (f[FIX]) a.appendChild(fixPart(f));
    a.appendChild(rulePart(f));
    return a;
  }

  /* ---- wiring ---- */

  fillSelects();
  readHash();
  ruleSel.addEventListener('change', function () { state.rule = ruleSel.value; applyFilters(); });
  fileSel.addEventListener('change', function () { state.file = fileSel.value; applyFilters(); });
  fixBox.addEventListener('change', function () { state.fixable = fixBox.checked; applyFilters(); });
  var typing = 0;
  textBox.addEventListener('input', function () {
    clearTimeout(typing);
    typing = setTimeout(function () { state.text = textBox.value; applyFilters(); }, 120);
  });
  $('filters').addEventListener('submit', function (e) { e.preventDefault(); });
  $('filters').addEventListener('reset', function () {
    setTimeout(function () { state = { rule: '', file: '', text: '', fixable: false }; applyFilters(); }, 0);
  });
  more.addEventListener('click', showMore);
  document.querySelectorAll('.bar-row').forEach(function (b) {
    b.addEventListener('click', function () {
      var code = b.getAttribute('data-rule');
      state.rule = state.rule === code ? '' : code;
      ruleSel.value = state.rule;
      applyFilters();
      $('findings-panel').scrollIntoView({ behavior: 'smooth', block: 'start' });
    });
  });
  document.querySelectorAll('.file-row').forEach(function (b) {
    b.addEventListener('click', function () {
      var file = b.getAttribute('data-file');
      state.file = state.file === file ? '' : file;
      fileSel.value = state.file;
      applyFilters();
      $('findings-panel').scrollIntoView({ behavior: 'smooth', block: 'start' });
    });
  });
  applyFilters();
  document.body.setAttribute('data-ready', '1');
})();
