-- Drives `gotcha server` through Neovim's own LSP client, configured by tests/lsp/nvim/init.lua
-- (the setup docs/editors.md shows). Run by tests/suites/64-lsp-clients.sh as
--   nvim --headless --clean -u tests/lsp/nvim/init.lua -c 'luafile tests/lsp/nvim/test.lua'
-- with `gotcha` on PATH. Environment: GOTCHA_NVIM_WORK (a folder with pyproject.toml and
-- app.py, below), GOTCHA_NVIM_RESULTS (the file the "ok"/"not ok" lines go to), GOTCHA (the
-- binary, to compare the client's diagnostics with `gotcha check` on the buffer's text).
-- Works with Neovim 0.7's API (Debian 12) and later.
local work = assert(vim.env.GOTCHA_NVIM_WORK, 'GOTCHA_NVIM_WORK')
local out = assert(io.open(assert(vim.env.GOTCHA_NVIM_RESULTS, 'GOTCHA_NVIM_RESULTS'), 'a'))
local gotcha = vim.env.GOTCHA or 'gotcha'
local TIMEOUT = 10000

local function report(name, good, detail)
  out:write((good and 'ok' or 'not ok') .. ' - nvim: ' .. name .. '\n')
  if not good and detail then
    for line in (tostring(detail) .. '\n'):gmatch('(.-)\n') do out:write('# ' .. line .. '\n') end
  end
  out:flush()
  return good
end

-- The server's exit status, and every publishDiagnostics as the server sent it, by URI.
local exits = {}
local start_client = vim.lsp.start_client
vim.lsp.start_client = function(config)
  local on_exit = config.on_exit
  config.on_exit = function(code, signal, id)
    table.insert(exits, code)
    if on_exit then on_exit(code, signal, id) end
  end
  return start_client(config)
end
local notes = {}
vim.notify = function(msg) table.insert(notes, msg) end
local published = {}
local publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  published[result.uri] = published[result.uri] or {}
  table.insert(published[result.uri], result.diagnostics)
  return publish(err, result, ctx, config)
end

local function sorted_diagnostics(buf)
  local list = vim.diagnostic.get(buf)
  table.sort(list, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
  return list
end
local function show(list)
  return vim.inspect(vim.tbl_map(function(d)
    return { d.code, d.lnum, d.col, d.end_lnum, d.end_col, d.message }
  end, list))
end
local function line_of(buf, lnum) return vim.api.nvim_buf_get_lines(buf, lnum, lnum + 1, false)[1] end
-- Byte column (0-based) of the first plain occurrence of `text` on line `lnum`.
local function byte_col(buf, lnum, text) return (line_of(buf, lnum):find(text, 1, true) or 0) - 1 end

-- The diagnostics gotcha check gives for the buffer's current text, as {code, lnum, col} (0-based,
-- byte columns: gotcha's columns count characters, so they are turned into bytes here).
local function expected_from_cli(buf)
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  local json = vim.fn.system({ gotcha, 'check', '--output-format', 'json', '--stdin-filename',
    work .. '/app.py', '-' }, table.concat(lines, '\n') .. '\n')
  local list = {}
  for _, f in ipairs(vim.fn.json_decode(json)) do
    local text = lines[f.location.row]
    table.insert(list, { f.code, f.location.row - 1, vim.str_byteindex(text, f.location.column - 1) })
  end
  return list
end
local function got(buf)
  return vim.tbl_map(function(d) return { d.code, d.lnum, d.col } end, sorted_diagnostics(buf))
end

-- Waits until pred() holds; reports the check either way.
local function expect(name, pred, detail)
  local good = vim.wait(TIMEOUT, pred, 20)
  return report(name, good, (not good) and detail and detail() or nil)
end

local function request(buf, method, params)
  local responses = vim.lsp.buf_request_sync(buf, method, params, TIMEOUT) or {}
  for _, response in pairs(responses) do return response.result, response.error end
end

-- The code actions the server offers for the raw (LSP) diagnostic on 0-based line `lnum`.
local function last_published(uri) local all = published[uri] or {}; return all[#all] or {} end
local function actions_at(buf, lnum, only)
  local uri = vim.uri_from_bufnr(buf)
  local diags = vim.tbl_filter(function(d) return d.range.start.line == lnum end, last_published(uri))
  local range = diags[1] and diags[1].range or { start = { line = lnum, character = 0 }, ['end'] = { line = lnum, character = 0 } }
  return request(buf, 'textDocument/codeAction', {
    textDocument = { uri = uri }, range = range, context = { diagnostics = diags, only = only },
  }) or {}
end
local function find_action(actions, pred)
  for _, a in ipairs(actions) do if pred(a) then return a end end
end
-- The text of the edits an action makes to this buffer's URI, joined (for matching).
local function edit_text(action, uri)
  local parts = {}
  local edit = action.edit or {}
  for u, edits in pairs(edit.changes or {}) do
    if u == uri then for _, e in ipairs(edits) do table.insert(parts, e.newText) end end
  end
  for _, change in ipairs(edit.documentChanges or {}) do
    if change.textDocument and change.textDocument.uri == uri then
      for _, e in ipairs(change.edits) do table.insert(parts, e.newText) end
    end
  end
  return table.concat(parts, '\1')
end

local function run()
  vim.cmd('edit ' .. vim.fn.fnameescape(work .. '/app.py'))
  local buf = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(buf)
  local original = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  report('the buffer is Python', vim.bo[buf].filetype == 'python', vim.bo[buf].filetype)
  local client
  if not expect('init.lua starts the server and attaches it to the buffer', function()
    local _, c = next(vim.lsp.buf_get_clients(buf))
    client = c
    return client ~= nil and client.server_capabilities ~= nil
  end) then return end
  report('the client reports its root folder', client.config.root_dir == work, client.config.root_dir)

  -- didOpen: both leaks, at the right places (line 5 has an astral character before `{}`: the
  -- server's UTF-16 columns come back to Neovim's byte columns only if counted right).
  expect('didOpen: two GT101 diagnostics', function() return #vim.diagnostic.get(buf) == 2 end,
    function() return show(vim.diagnostic.get(buf)) end)
  local d = sorted_diagnostics(buf)
  if #d == 2 then
    local col0, col5 = byte_col(buf, 0, '[]'), byte_col(buf, 5, '{}')
    report('GT101 on `seen=[]`: line 1, the range of `[]`', d[1].code == 'GT101' and d[1].lnum == 0
      and d[1].col == col0 and d[1].end_lnum == 0 and d[1].end_col == col0 + 2, show(d))
    report('GT101 on `acc={}` after an emoji: UTF-16 columns map to the bytes of `{}`',
      d[2].code == 'GT101' and d[2].lnum == 5 and d[2].col == col5 and d[2].end_col == col5 + 2, show(d))
    local lsp = d[1].user_data and d[1].user_data.lsp or {}
    local href = lsp.codeDescription and lsp.codeDescription.href or ''
    report('codeDescription links to the rule', href:find('GT101', 1, true) ~= nil, vim.inspect(lsp))
    local related = (lsp.relatedInformation or {})[1]
    report('relatedInformation: the evidence line (the mutation, line 2)', related ~= nil
      and related.location.uri == uri and related.location.range.start.line == 1, vim.inspect(lsp))
    report('severity and source', d[1].severity ~= nil and (d[1].source or ''):find('gotcha') ~= nil,
      vim.inspect(d[1]))
  end

  -- didChange, incremental: the server must say so, and apply ranges right.
  local sync = client.server_capabilities.textDocumentSync
  local change = type(sync) == 'table' and sync.change or sync
  report('the server offers incremental sync', change == 2, vim.inspect(sync))
  vim.api.nvim_buf_set_lines(buf, 0, 0, false, { 'import os', '' })
  expect('inserted lines above: the diagnostics move down by 2', function()
    local list = sorted_diagnostics(buf)
    return #list == 2 and list[1].lnum == 2 and list[2].lnum == 7
  end, function() return show(vim.diagnostic.get(buf)) end)
  vim.api.nvim_buf_set_text(buf, 2, byte_col(buf, 2, '[]'), 2, byte_col(buf, 2, '[]') + 2, { 'None' })
  expect('`seen=[]` edited to `seen=None` inside the line: one diagnostic left', function()
    local list = sorted_diagnostics(buf)
    return #list == 1 and list[1].lnum == 7
  end, function() return show(vim.diagnostic.get(buf)) end)
  local col = byte_col(buf, 2, 'None')
  vim.api.nvim_buf_set_text(buf, 2, col, 2, col + 4, { '[', ']' })   -- a line break, then joined
  vim.api.nvim_buf_set_text(buf, 2, col + 1, 3, 0, {})
  vim.api.nvim_buf_set_lines(buf, 0, 2, false, {})
  expect('more edits (a split line joined back, lines deleted): the diagnostics equal `gotcha check`',
    function() return vim.deep_equal(got(buf), expected_from_cli(buf)) and #got(buf) == 2 end,
    function() return 'client: ' .. vim.inspect(got(buf)) .. '\ncli: ' .. vim.inspect(expected_from_cli(buf)) end)

  -- Code actions.
  vim.wait(TIMEOUT, function() return #last_published(uri) == 2 end, 20)
  local actions = actions_at(buf, 0)
  local unsafe = find_action(actions, function(a)
    return a.kind == 'quickfix' and edit_text(a, uri):find('None', 1, true) ~= nil
  end)
  report('code action: the fix of `handle` (public: the unsafe fix, labelled so)',
    unsafe ~= nil and unsafe.title:lower():find('unsafe') ~= nil, vim.inspect(actions))
  report('code action: suppress with `# noqa: GT101`', find_action(actions, function(a)
    return edit_text(a, uri):find('# noqa: GT101', 1, true) ~= nil
  end) ~= nil, vim.inspect(actions))
  report('code action: fix all (source.fixAll)', find_action(actions, function(a)
    return (a.kind or ''):find('^source%.fixAll') ~= nil
  end) ~= nil, vim.inspect(actions))
  local safe_actions = actions_at(buf, 5)
  local safe = find_action(safe_actions, function(a)
    return a.kind == 'quickfix' and edit_text(a, uri):find('None', 1, true) ~= nil
  end)
  report('code action: the fix of `_tag` (private: safe, not labelled unsafe)',
    safe ~= nil and safe.title:lower():find('unsafe') == nil, vim.inspect(safe_actions))
  if safe and safe.edit then
    vim.lsp.util.apply_workspace_edit(safe.edit, client.offset_encoding)
    expect('the fix applied: `_tag` has its sentinel and its diagnostic is gone', function()
      local list = sorted_diagnostics(buf)
      return #list == 1 and list[1].lnum == 0 and line_of(buf, 5):find('acc=None', 1, true) ~= nil
        and line_of(buf, 6):find('if acc is None:', 1, true) ~= nil
    end, function() return show(vim.diagnostic.get(buf)) .. '\n' .. table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n') end)
  end
  vim.wait(TIMEOUT, function() return #last_published(uri) == 1 end, 20)
  local noqa = find_action(actions_at(buf, 0), function(a)
    return edit_text(a, uri):find('# noqa: GT101', 1, true) ~= nil
  end)
  if noqa and noqa.edit then
    vim.lsp.util.apply_workspace_edit(noqa.edit, client.offset_encoding)
    expect('the noqa applied: no diagnostic left', function()
      return #vim.diagnostic.get(buf) == 0 and line_of(buf, 0):find('# noqa: GT101', 1, true) ~= nil
    end, function() return show(vim.diagnostic.get(buf)) .. '\n' .. line_of(buf, 0) end)
  end

  -- Fix all, on the original text: the safe fix only (`handle`'s is unsafe).
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, original)
  expect('the original text back: two diagnostics', function()
    return #vim.diagnostic.get(buf) == 2 and #last_published(uri) == 2
  end)
  local all = find_action(actions_at(buf, 0, { 'source.fixAll' }), function(a)
    return (a.kind or ''):find('^source%.fixAll') ~= nil
  end)
  if report('fix all offered when only source.fixAll is asked for', all ~= nil and all.edit ~= nil) then
    vim.lsp.util.apply_workspace_edit(all.edit, client.offset_encoding)
    expect('fix all applied: the safe fix made, the unsafe one left', function()
      local list = sorted_diagnostics(buf)
      return #list == 1 and list[1].lnum == 0 and line_of(buf, 0):find('seen=[]', 1, true) ~= nil
        and line_of(buf, 5):find('acc=None', 1, true) ~= nil
    end, function() return show(vim.diagnostic.get(buf)) end)
  end

  -- Hover on a finding: the rule's explanation; elsewhere: nothing.
  local hover = request(buf, 'textDocument/hover', {
    textDocument = { uri = uri }, position = { line = 0, character = byte_col(buf, 0, '[]') + 1 },
  })
  local text = hover and (type(hover.contents) == 'table' and (hover.contents.value or vim.inspect(hover.contents)) or hover.contents) or ''
  report('hover on the finding: the explanation of GT101 (`gotcha rule GT101`)',
    text:find('mutated-default-argument', 1, true) ~= nil and text:find('Why it happens', 1, true) ~= nil, text)
  local nothing = request(buf, 'textDocument/hover', { textDocument = { uri = uri }, position = { line = 2, character = 4 } })
  report('hover away from any finding: nothing', nothing == nil or nothing == vim.NIL, vim.inspect(nothing))

  -- didSave: a fresh publish.
  local before = #(published[uri] or {})
  vim.cmd('silent write')
  expect('didSave: diagnostics pushed again', function() return #(published[uri] or {}) > before end)

  -- Settings: pyproject.toml edited and written in Neovim (init.lua tells the server).
  local app_window = vim.api.nvim_get_current_win()
  vim.cmd('split ' .. vim.fn.fnameescape(work .. '/pyproject.toml'))
  local toml = vim.api.nvim_get_current_buf()
  vim.api.nvim_buf_set_lines(toml, 0, -1, false, { '[tool.gotcha]', 'ignore = ["GT101"]' })
  vim.cmd('silent write')
  expect('pyproject.toml written with ignore = ["GT101"]: the finding goes', function()
    return #vim.diagnostic.get(buf) == 0
  end, function() return show(vim.diagnostic.get(buf)) end)
  vim.api.nvim_buf_set_lines(toml, 0, -1, false, { '[tool.gotcha]' })
  vim.cmd('silent write')
  expect('pyproject.toml written back: the finding returns', function()
    return #vim.diagnostic.get(buf) == 1
  end, function() return show(vim.diagnostic.get(buf)) end)
  vim.cmd('bwipeout! ' .. toml)
  vim.api.nvim_set_current_win(app_window)

  -- didClose: the server clears them.
  vim.cmd('bwipeout! ' .. buf)
  expect('didClose: the server publishes an empty list', function()
    return #(published[uri] or {}) > 0 and #last_published(uri) == 0
  end)

  -- shutdown + exit: status 0, and no warning from init.lua's on_exit.
  vim.lsp.stop_client(client.id)
  expect('stop: shutdown then exit, the server ends with status 0', function() return #exits > 0 end)
  report('exit status 0', exits[1] == 0, vim.inspect(exits) .. '\n' .. vim.inspect(notes))
end

local ok, err = pcall(run)
report('the test script ran to its end', ok, err)
out:close()
vim.cmd('qall!')
