-- Run by test/interop/neovim.test.ts in `nvim --headless --clean`: starts the Push Mirror
-- language server with Neovim's built-in LSP client (0.7 API: start_client + buf_attach_client),
-- opens the file, waits (bounded) for its publishDiagnostics and writes them as JSON.
-- Inputs from the environment: PM_SERVER, PM_FILE, PM_OUT, PM_TIMEOUT_MS.
local function main()
  local server, file, out = os.getenv('PM_SERVER'), os.getenv('PM_FILE'), os.getenv('PM_OUT')
  local timeout = tonumber(os.getenv('PM_TIMEOUT_MS') or '20000')
  local uri = vim.uri_from_fname(file)
  local received = nil
  local client_id = vim.lsp.start_client({
    name = 'push-mirror',
    cmd = { 'node', server, '--stdio' },
    root_dir = vim.fn.fnamemodify(file, ':h'),
    -- Paths in the fixture do not exist here: same setting for every client in the test.
    init_options = { settings = { checkFileSystem = false } },
    settings = { pushMirror = { checkFileSystem = false } },
    handlers = {
      ['textDocument/publishDiagnostics'] = function(_, result)
        if result and result.uri == uri then received = result end
      end,
    },
  })
  assert(client_id, 'start_client failed')
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  assert(vim.lsp.buf_attach_client(0, client_id), 'buf_attach_client failed')
  local ok = vim.wait(timeout, function() return received ~= nil end, 20)
  assert(ok, 'no publishDiagnostics within ' .. timeout .. ' ms')
  local client = vim.lsp.get_client_by_id(client_id)
  local f = assert(io.open(out, 'w'))
  f:write(vim.fn.json_encode({
    uri = received.uri,
    diagnostics = received.diagnostics,
    server = client and client.server_capabilities and true or false,
    nvim = tostring(vim.version().major) .. '.' .. tostring(vim.version().minor),
  }))
  f:close()
  vim.lsp.stop_client(client_id)
  vim.wait(2000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
end

local ok, err = pcall(main)
if not ok then
  io.stderr:write('neovim-lsp.lua: ' .. tostring(err) .. '\n')
  vim.cmd('cquit 1')
end
vim.cmd('qall!')
