/* The gotcha playground page: an editor whose findings update as you type, each finding with its
   fix as a diff and the rule's text, a settings pane (pyproject.toml), and a permalink in the URL
   fragment: #code=<base64url of UTF-8>&settings=<base64url of UTF-8>.

   The analysis is the C core compiled to WebAssembly (gotcha.js + gotcha.wasm, built by make wasm);
   it exports the three functions of src/cli/playground.h, which answer in JSON. Text from the
   snippet, the settings or the analyzer is always put in the page as text (textContent), never
   as markup.

   For tests and `make bench`, window.gotchaPlayground exposes `ready` (a promise), `checks` (how
   many checks have been rendered) and `timings` (one record per rendered check, in ms from the
   page's time origin: the input event, the start and end of the check, the end of rendering, the
   next animation frame), `pending` (a check is waiting for the debounce) and `debounceMs`. */
(function () {
    'use strict';

    var DEBOUNCE_MS = 25;        /* a check waits this long after the last keystroke */
    var HASH_DELAY_MS = 300;     /* the permalink follows once typing pauses (a long URL is slow to set) */
    var LINE_HEIGHT = 20;        /* px; the editor's CSS uses the same */
    var TIMINGS_KEPT = 1000;

    var EXAMPLES = [
        {
            name: 'Shared mutable default',
            code: 'def remember(user, seen=[]):\n' +
                  '    seen.append(user)          # every call shares this one list\n' +
                  '    return seen\n\n\n' +
                  'def is_admin(role):\n' +
                  '    return role is "admin"     # identity, not equality\n',
        },
        {
            name: 'Resource leaks',
            code: 'import contextlib\n\n\n' +
                  'def read_config(path):\n' +
                  '    f = open(path)\n' +
                  '    data = f.read()            # an exception here leaks the file\n' +
                  '    f.close()\n' +
                  '    return data\n\n\n' +
                  '@contextlib.contextmanager\n' +
                  'def locked(lock):\n' +
                  '    lock.acquire()\n' +
                  '    yield\n' +
                  '    lock.release()             # skipped when the with-body raises\n',
        },
        {
            name: 'Late-binding closures',
            code: 'import time\n\n\n' +
                  'def build_routes(routes):\n' +
                  '    handlers = {}\n' +
                  '    for route in routes:\n' +
                  '        handlers[route] = lambda req: f"handled {route}"\n' +
                  '    return handlers\n\n\n' +
                  'def log_request(req, ts=time.time()):\n' +
                  '    return f"{ts:.0f} {req}"\n',
        },
    ];
    var DEFAULT_SETTINGS = '[tool.gotcha]\n# select = ["ALL"]\n# ignore = ["GT103"]\n# target-version = "py38"\n';

    var el = {};
    var engine = null;           /* the wasm module once loaded */
    var ruleCache = {};          /* code -> the rule's JSON */
    var openRules = {};          /* finding key -> rule panel open */
    var last = null;             /* the last check's answer */
    var pendingTimer = 0;
    var pendingInputAt = 0;
    var hashTimer = 0;
    var views = [];              /* the rendered findings: {sig, node}, in order */
    var marksKey = '';
    var writtenHash = '';
    var state = window.gotchaPlayground = { ready: null, checks: 0, pending: false, timings: [], debounceMs: DEBOUNCE_MS };

    /* ---- the engine ---- */

    function loadScript(src) {
        return new Promise(function (resolve, reject) {
            var s = document.createElement('script');
            s.src = src;
            s.onload = resolve;
            s.onerror = function () { reject(new Error('cannot load ' + src)); };
            document.head.appendChild(s);
        });
    }

    function base64ToBytes(b64) {
        var bin = atob(b64);
        var bytes = new Uint8Array(bin.length);
        for (var i = 0; i < bin.length; i++)
            bytes[i] = bin.charCodeAt(i);
        return bytes;
    }

    /* From file:// the browser fetches nothing: the .wasm then comes from a script in base64. */
    function loadEngine() {
        if (typeof createGotcha !== 'function')
            return Promise.reject(new Error('gotcha.js did not load: build the page with make wasm'));
        var options = {};
        var wasmBytes = location.protocol === 'file:'
            ? loadScript('gotcha-wasm-inline.js').then(function () { return base64ToBytes(self.gotchaWasmBase64); })
            : Promise.resolve(null);
        return wasmBytes.then(function (bytes) {
            if (bytes)
                options.wasmBinary = bytes;
            return createGotcha(options);
        });
    }

    /* Call playground_NAME with string and int arguments; returns the parsed JSON answer. */
    function call(name, args) {
        var ptrs = [];
        var cargs = args.map(function (a) {
            if (typeof a !== 'string')
                return a;
            var size = engine.lengthBytesUTF8(a) + 1;
            var p = engine._malloc(size);
            engine.stringToUTF8(a, p, size);
            ptrs.push(p);
            return p;
        });
        try {
            var out = engine['_playground_' + name].apply(null, cargs);
            var text = engine.UTF8ToString(out);
            engine._free(out);
            return JSON.parse(text);
        } finally {
            ptrs.forEach(function (p) { engine._free(p); });
        }
    }

    function rule(code) {
        if (!ruleCache[code])
            ruleCache[code] = call('rule', [code]);
        return ruleCache[code];
    }

    /* ---- permalink: base64url of UTF-8 ---- */

    function toBase64Url(text) {
        var bytes = new TextEncoder().encode(text);
        var bin = '';
        for (var i = 0; i < bytes.length; i += 0x8000)
            bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
        return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    }

    function fromBase64Url(text) {
        var b64 = text.replace(/-/g, '+').replace(/_/g, '/');
        while (b64.length % 4)
            b64 += '=';
        return new TextDecoder('utf-8', { fatal: true }).decode(base64ToBytes(b64));
    }

    /* {code, settings} of the fragment (each undefined when absent); throws on a malformed value. */
    function readHash(hash) {
        var out = {};
        hash.replace(/^#/, '').split('&').forEach(function (part) {
            var eq = part.indexOf('=');
            if (eq < 0)
                return;
            var key = part.slice(0, eq);
            if (key === 'code' || key === 'settings')
                out[key] = fromBase64Url(decodeURIComponent(part.slice(eq + 1)));
        });
        return out;
    }

    function hashOf(code, settings) {
        var hash = '#code=' + toBase64Url(code);
        if (settings !== DEFAULT_SETTINGS)
            hash += '&settings=' + toBase64Url(settings);
        return hash;
    }

    function writeHash() {
        clearTimeout(hashTimer);
        hashTimer = 0;
        var hash = hashOf(el.code.value, el.settings.value);
        if (hash !== location.hash) {
            history.replaceState(null, '', hash);
        }
        writtenHash = location.hash;
    }

    /* ---- small DOM helpers (text only) ---- */

    function make(tag, cls, text) {
        var node = document.createElement(tag);
        if (cls)
            node.className = cls;
        if (text !== undefined)
            node.textContent = text;
        return node;
    }

    /* `text` with its `backquoted` parts as <code>, built from text nodes. */
    function prose(tag, cls, text) {
        var node = make(tag, cls);
        text.split('`').forEach(function (part, i) {
            if (part)
                node.appendChild(i % 2 ? make('code', null, part) : document.createTextNode(part));
        });
        return node;
    }

    function show(node, text) {
        node.textContent = text || '';
        node.hidden = !text;
    }

    /* ---- the editor: line numbers, marked lines ---- */

    var gutterCount = 0;

    function lineCount(text) {
        var n = 1;
        for (var i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1))
            n++;
        return n;
    }

    function updateGutter() {
        var n = lineCount(el.code.value);
        if (n === gutterCount)
            return;
        gutterCount = n;
        var lines = new Array(n);
        for (var i = 0; i < n; i++)
            lines[i] = String(i + 1);
        el.gutter.textContent = lines.join('\n');
    }

    function syncScroll() {
        el.gutter.style.transform = 'translateY(' + (-el.code.scrollTop) + 'px)';
        el.marks.style.transform = 'translate(' + (-el.code.scrollLeft) + 'px,' + (-el.code.scrollTop) + 'px)';
    }

    function markLines(findings) {
        var key = findings.map(function (f) { return f.location.row + '-' + f.end_location.row; }).join(',');
        if (key === marksKey)
            return;
        marksKey = key;
        el.marks.textContent = '';
        var seen = {};
        findings.forEach(function (f, i) {
            for (var row = f.location.row; row <= Math.max(f.location.row, f.end_location.row); row++) {
                if (seen[row])
                    continue;
                seen[row] = true;
                var mark = make('div', row === f.location.row ? 'mark' : 'mark cont');
                mark.style.top = (row - 1) * LINE_HEIGHT + 'px';
                mark.dataset.finding = String(i);
                el.marks.appendChild(mark);
            }
        });
    }

    /* UTF-16 offset in `text` of a 1-based row and 1-based character (code point) column. */
    function offsetOf(text, row, col) {
        var at = 0;
        for (var r = 1; r < row; r++) {
            var nl = text.indexOf('\n', at);
            if (nl < 0)
                return text.length;
            at = nl + 1;
        }
        for (var c = 1; c < col && at < text.length && text[at] !== '\n'; c++)
            at += text.codePointAt(at) > 0xffff ? 2 : 1;
        return at;
    }

    function revealFinding(f) {
        var text = el.code.value;
        el.code.focus();
        el.code.setSelectionRange(offsetOf(text, f.location.row, f.location.column),
                                  offsetOf(text, f.end_location.row, f.end_location.column));
        el.code.scrollTop = Math.max(0, (f.location.row - 1) * LINE_HEIGHT - el.code.clientHeight / 3);
        syncScroll();
    }

    function showCursor() {
        var before = el.code.value.slice(0, el.code.selectionStart);
        var row = lineCount(before);
        var col = Array.from(before.slice(before.lastIndexOf('\n') + 1)).length + 1;
        el.cursor.textContent = 'Ln ' + row + ', Col ' + col;
    }

    /* ---- findings ---- */

    function diffView(diff) {
        var pre = make('pre', 'diff');
        diff.split('\n').forEach(function (line, i, all) {
            if (i === all.length - 1 && line === '')
                return;
            var cls = line.startsWith('+++') || line.startsWith('---') ? 'file'
                : line.startsWith('@@') ? 'hunk'
                : line.startsWith('+') ? 'add'
                : line.startsWith('-') ? 'del' : 'ctx';
            pre.appendChild(make('span', 'dl ' + cls, line));
        });
        return pre;
    }

    function rulePanel(code) {
        var doc = rule(code);
        var panel = make('div', 'rule');
        if (doc.error) {
            panel.appendChild(make('p', 'muted', doc.error));
            return panel;
        }
        var head = make('div', 'rule-head');
        head.appendChild(make('strong', null, doc.code + ' ' + doc.name));
        head.appendChild(make('span', 'tag', 'default: ' + doc['default']));
        head.appendChild(make('span', 'tag', 'fix: ' + doc.fix));
        panel.appendChild(head);
        panel.appendChild(prose('p', 'rule-summary', doc.summary));
        doc.sections.forEach(function (s) {
            panel.appendChild(make('h4', null, s.title));
            panel.appendChild(s.code ? make('pre', 'example', s.text) : prose('p', null, s.text));
        });
        return panel;
    }

    function findingKey(f) {
        return f.code + ':' + f.location.row + ':' + f.location.column;
    }

    function fixView(fix) {
        var box = make('div', 'fix');
        var head = make('div', 'fix-head');
        head.appendChild(prose('span', 'fix-title', fix.title || 'Fix'));
        head.appendChild(make('span', fix.safe ? 'tag safe' : 'tag unsafe', fix.safe ? 'safe' : 'unsafe: review it'));
        var apply = make('button', 'btn small apply', 'Apply fix');
        apply.type = 'button';
        apply.addEventListener('click', function () {
            applyFix(Number(apply.closest('.finding').dataset.index));
        });
        head.appendChild(apply);
        box.appendChild(head);
        box.appendChild(diffView(fix.diff));
        return box;
    }

    function findingView(f, fix) {
        var item = make('li', 'finding');
        item.dataset.code = f.code;
        var head = make('div', 'finding-head');
        var badge = make('button', 'code-badge', f.code);
        badge.type = 'button';
        badge.title = 'What ' + f.code + ' finds, and why it matters';
        var name = make('span', 'rule-name', rule(f.code).name || '');
        var loc = make('button', 'loc', 'line ' + f.location.row + ', col ' + f.location.column);
        loc.type = 'button';
        loc.title = 'Show in the editor';
        loc.addEventListener('click', function () { revealFinding(f); });
        head.appendChild(badge);
        head.appendChild(name);
        head.appendChild(loc);
        item.appendChild(head);
        item.appendChild(prose('p', 'message', f.message));
        if (fix)
            item.appendChild(fixView(fix));
        var key = findingKey(f);
        var panel = null;
        function toggle() {
            openRules[key] = !openRules[key];
            if (panel) {
                panel.remove();
                panel = null;
            }
            if (openRules[key]) {
                panel = rulePanel(f.code);
                item.appendChild(panel);
            }
            badge.setAttribute('aria-expanded', String(!!openRules[key]));
        }
        badge.addEventListener('click', toggle);
        badge.setAttribute('aria-expanded', 'false');
        if (openRules[key]) {
            openRules[key] = false;
            toggle();
        }
        return item;
    }

    /* The list, reusing the node of every finding whose text, position and fix are unchanged: a
       keystroke usually changes none or one. */
    function renderFindings(findings, fixes) {
        var sigs = findings.map(function (f, i) { return JSON.stringify([f, fixes[i]]); });
        if (sigs.length === views.length && sigs.every(function (sig, i) { return sig === views[i].sig; }))
            return;
        var old = {};
        views.forEach(function (v) { (old[v.sig] = old[v.sig] || []).push(v.node); });
        views = sigs.map(function (sig, i) {
            var node = old[sig] && old[sig].length ? old[sig].shift() : findingView(findings[i], fixes[i]);
            node.dataset.index = String(i);
            return { sig: sig, node: node };
        });
        el.findings.replaceChildren.apply(el.findings, views.map(function (v) { return v.node; }));
    }

    function render(answer) {
        last = answer;
        var findings = answer.findings || [];
        show(el.settingsError, answer.settings_error
            ? 'Settings not applied (checked with the defaults): ' + answer.settings_error : '');
        el.settings.classList.toggle('invalid', !!answer.settings_error);
        show(el.loadError, answer.error ? 'The snippet could not be checked: ' + answer.error : '');
        el.count.textContent = String(findings.length);
        el.count.classList.toggle('zero', findings.length === 0);
        el.clean.hidden = findings.length > 0 || !!answer.error;
        renderFindings(findings, answer.fixes);
        el.fixAll.disabled = !answer.fixes.some(function (x) { return x && x.safe; });
        markLines(findings);
    }

    /* ---- checking ---- */

    function runCheck(inputAt) {
        if (!engine)
            return;
        var start = performance.now();
        var answer = call('check', [el.code.value, el.settings.value]);
        var checked = performance.now();
        render(answer);
        updateGutter();
        clearTimeout(hashTimer);
        hashTimer = setTimeout(writeHash, HASH_DELAY_MS);
        var rendered = performance.now();
        el.timing.textContent = 'checked in ' + Math.max(0.1, checked - start).toFixed(1) + ' ms';
        var record = { input: inputAt || start, start: start, checked: checked, rendered: rendered, frame: 0 };
        requestAnimationFrame(function () { record.frame = performance.now(); });
        state.timings.push(record);
        if (state.timings.length > TIMINGS_KEPT)
            state.timings.shift();
        state.checks++;
        document.body.dataset.checks = String(state.checks);
    }

    function schedule(event) {
        if (!pendingTimer)
            pendingInputAt = event && event.timeStamp ? event.timeStamp : performance.now();
        clearTimeout(pendingTimer);
        state.pending = true;
        pendingTimer = setTimeout(function () {
            var at = pendingInputAt;
            pendingTimer = 0;
            state.pending = false;
            runCheck(at);
        }, DEBOUNCE_MS);
    }

    function setCode(text) {
        el.code.value = text;
        updateGutter();
        syncScroll();
    }

    function note(text) {
        show(el.notice, text);
        clearTimeout(note.timer);
        if (text)
            note.timer = setTimeout(function () { show(el.notice, ''); }, 4000);
    }

    function applyFix(index) {
        if (pendingTimer && index >= 0) {
            /* the list shown is older than the code: its numbering may not hold any more */
            clearTimeout(pendingTimer);
            pendingTimer = 0;
            state.pending = false;
            runCheck(pendingInputAt);
            note('The code changed since these findings: here they are again, apply it once more.');
            return;
        }
        var answer = call('fix', [el.code.value, el.settings.value, index]);
        if (answer.error) {
            note('Not applied: ' + answer.error);
            return;
        }
        if (!answer.applied) {
            note('No safe fix to apply.');
            return;
        }
        var top = el.code.scrollTop;
        setCode(answer.text);
        el.code.scrollTop = top;
        syncScroll();
        note(answer.applied === 1 ? 'Applied 1 fix.' : 'Applied ' + answer.applied + ' fixes.');
        runCheck();
        showCursor();
    }

    /* ---- start ---- */

    function loadFromHash() {
        var given;
        try {
            given = readHash(location.hash);
        } catch (e) {
            note('The link is damaged (its code is not base64url of UTF-8): showing an example instead.');
            given = {};
        }
        setCode(given.code !== undefined ? given.code : EXAMPLES[0].code);
        el.settings.value = given.settings !== undefined ? given.settings : DEFAULT_SETTINGS;
    }

    function copyPermalink() {
        writeHash();
        var url = location.href;
        var done = function () { note('Permalink copied to the clipboard.'); };
        if (navigator.clipboard && window.isSecureContext) {
            navigator.clipboard.writeText(url).then(done, function () { note('Permalink: ' + url); });
        } else {
            note('Permalink: ' + url);
        }
    }

    function insertTab(event) {
        if (event.key !== 'Tab' || event.shiftKey || event.ctrlKey || event.altKey || event.metaKey)
            return;
        event.preventDefault();
        var t = event.target;
        t.setRangeText('    ', t.selectionStart, t.selectionEnd, 'end');
        t.dispatchEvent(new Event('input', { bubbles: true }));
    }

    function bind() {
        ['code', 'settings', 'gutter', 'marks', 'example', 'fixAll:fix-all', 'share', 'count', 'timing',
         'findings', 'clean', 'loading', 'notice', 'loadError:load-error', 'settingsError:settings-error',
         'cursor:cursor-pos'].forEach(function (spec) {
            var parts = spec.split(':');
            el[parts[0]] = document.getElementById(parts[1] || parts[0]);
        });
        EXAMPLES.forEach(function (ex, i) {
            var opt = make('option', null, ex.name);
            opt.value = String(i);
            el.example.appendChild(opt);
        });
        var custom = make('option', null, 'Your code');
        custom.value = '';
        custom.hidden = true;
        el.example.appendChild(custom);
        el.example.addEventListener('change', function () {
            if (el.example.value === '')
                return;
            setCode(EXAMPLES[Number(el.example.value)].code);
            runCheck();
            showCursor();
        });
        el.code.addEventListener('input', function (e) {
            updateGutter();
            el.example.value = '';
            schedule(e);
        });
        el.settings.addEventListener('input', schedule);
        el.code.addEventListener('scroll', syncScroll);
        el.code.addEventListener('keydown', insertTab);
        el.settings.addEventListener('keydown', insertTab);
        ['keyup', 'click', 'select'].forEach(function (ev) { el.code.addEventListener(ev, showCursor); });
        el.fixAll.addEventListener('click', function () { applyFix(-1); });
        el.share.addEventListener('click', copyPermalink);
        window.addEventListener('hashchange', function () {
            if (location.hash === writtenHash)
                return;
            loadFromHash();
            runCheck();
        });
    }

    function start() {
        bind();
        loadFromHash();
        el.example.value = EXAMPLES.findIndex(function (ex) { return ex.code === el.code.value; }) >= 0
            ? String(EXAMPLES.findIndex(function (ex) { return ex.code === el.code.value; })) : '';
        state.ready = loadEngine().then(function (mod) {
            engine = mod;
            el.loading.hidden = true;
            runCheck();
            showCursor();
        }, function (err) {
            el.loading.hidden = true;
            show(el.loadError, 'The analyzer could not be loaded: ' + (err && err.message ? err.message : err));
            throw err;
        });
    }

    start();
})();
