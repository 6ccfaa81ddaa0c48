-- gotcha as Neovim's language server for Python, without nvim-lspconfig (docs/editors.md shows
-- this file whole; tests/lsp/nvim/test.lua drives it). Neovim 0.8+ has vim.lsp.start, which
-- reuses a running client of the same name and root; 0.7 (Debian 12) starts one per root here.
local markers = { 'gotcha.toml', '.gotcha.toml', 'pyproject.toml', '.git' }

-- The folder of the nearest marker above the file (its own folder when there is none).
local function gotcha_root(bufnr)
  local dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ':p:h')
  for _, marker in ipairs(markers) do
    local found = vim.fn.findfile(marker, dir .. ';')
    if found == '' then found = vim.fn.finddir(marker, dir .. ';') end
    if found ~= '' then return (vim.fn.fnamemodify(found, ':p:h'):gsub('/%.git$', '')) end
  end
  return dir
end

local clients = {}   -- Neovim 0.7: root folder -> client id

vim.api.nvim_create_autocmd('FileType', {
  pattern = 'python',
  callback = function(args)
    local root = gotcha_root(args.buf)
    local config = {
      name = 'gotcha',
      cmd = { 'gotcha', 'server' },
      root_dir = root,
      on_exit = function(code)   -- 0 after shutdown + exit; anything else is worth a word
        if code ~= 0 then
          vim.schedule(function()
            vim.notify(('gotcha server exited with status %d'):format(code), vim.log.levels.WARN)
          end)
        end
      end,
    }
    if vim.lsp.start then
      vim.lsp.start(config)
    else
      clients[root] = clients[root] or vim.lsp.start_client(config)
      vim.lsp.buf_attach_client(args.buf, clients[root])
    end
  end,
})

-- A configuration file written from Neovim: the server reloads its settings. (Neovim 0.7 and
-- 0.8 do not run the file watchers the server asks for; later versions not on every system.)
vim.api.nvim_create_autocmd('BufWritePost', {
  pattern = { 'pyproject.toml', 'gotcha.toml', '.gotcha.toml' },
  callback = function(args)
    local uri = vim.uri_from_fname(vim.fn.fnamemodify(args.file, ':p'))
    local params = { changes = { { uri = uri, type = 2 } } }   -- 2: Changed
    for _, client in pairs(vim.lsp.get_active_clients()) do
      if client.name == 'gotcha' then
        if vim.fn.has('nvim-0.11') == 1 then
          client:notify('workspace/didChangeWatchedFiles', params)
        else
          client.notify('workspace/didChangeWatchedFiles', params)
        end
      end
    end
  end,
})
