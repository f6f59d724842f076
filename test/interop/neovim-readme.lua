-- Run by test/interop/neovim.test.ts after the README's snippet was loaded as init.lua: opens the
-- file as a user would (`:edit`), waits (bounded) until the buffer has diagnostics from the server the
-- snippet attached, and writes them as JSON. Inputs: PM_FILE, PM_OUT, PM_TIMEOUT_MS.
local function main()
  local file, out = os.getenv('PM_FILE'), os.getenv('PM_OUT')
  local timeout = tonumber(os.getenv('PM_TIMEOUT_MS') or '20000')
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  local ok = vim.wait(timeout, function() return #vim.diagnostic.get(buf) > 0 end, 20)
  assert(ok, 'no diagnostics within ' .. timeout .. ' ms; attached clients: ' .. #vim.lsp.buf_get_clients(buf))
  local items = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(items, { lnum = d.lnum, col = d.col, message = d.message, source = d.source })
  end
  local f = assert(io.open(out, 'w'))
  f:write(vim.fn.json_encode({ diagnostics = items, clients = #vim.lsp.buf_get_clients(buf) }))
  f:close()
  vim.lsp.stop_client(vim.lsp.get_active_clients())
end

local ok, err = pcall(main)
if not ok then
  io.stderr:write('neovim-readme.lua: ' .. tostring(err) .. '\n')
  vim.cmd('cquit 1')
end
vim.cmd('qall!')
