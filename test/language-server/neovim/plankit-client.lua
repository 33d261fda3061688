-- Neovim (0.7+, built-in LSP client) as an independent client of the Plankit language server.
-- Run by test/language-server/neovim.test.ts:
--
--   nvim --headless --clean -u NONE -c 'luafile test/language-server/neovim/plankit-client.lua'
--
-- with these environment variables:
--   PLANKIT_NODE       the node binary
--   PLANKIT_SERVER     language-server/dist/server.js
--   PLANKIT_WORKSPACE  the workspace folder (root_dir)
--   PLANKIT_PLAN       the plan file to open (inside the workspace)
--   PLANKIT_AS_OF      the as-of date given as the `plankit.asOf` setting
--   PLANKIT_MODE       how the settings reach the server:
--                        'configuration'          the client advertises workspace.configuration and
--                                                 Neovim's own handler answers workspace/configuration
--                                                 from `settings`
--                        'didChangeConfiguration' Neovim 0.7's default capabilities (no
--                                                 workspace.configuration); the settings are sent with
--                                                 workspace/didChangeConfiguration in on_init, as
--                                                 Neovim's documentation advises
--   PLANKIT_LEAD       the lead value to complete at (the first `lead: <value>` line with it)
--   PLANKIT_TYPED      what to type in place of that value for the second completion
--   PLANKIT_OUT        where to write the results (JSON)
--
-- Everything the test asserts on is written to PLANKIT_OUT; the script only drives the editor. On
-- any failure it writes { error = ... } and exits with status 1.

local out_path = assert(os.getenv('PLANKIT_OUT'), 'PLANKIT_OUT is not set')
local TIMEOUT = tonumber(os.getenv('PLANKIT_TIMEOUT_MS') or '') or 30000

local result = {
  nvimVersion = tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) .. '.' .. tostring(vim.version().patch),
  events = {},
}

local function write_result()
  local file = assert(io.open(out_path, 'w'))
  file:write(vim.fn.json_encode(result))
  file:close()
end

local function event(message)
  table.insert(result.events, message)
end

local function main()
  local node = assert(os.getenv('PLANKIT_NODE'), 'PLANKIT_NODE is not set')
  local server = assert(os.getenv('PLANKIT_SERVER'), 'PLANKIT_SERVER is not set')
  local workspace = assert(os.getenv('PLANKIT_WORKSPACE'), 'PLANKIT_WORKSPACE is not set')
  local plan = assert(os.getenv('PLANKIT_PLAN'), 'PLANKIT_PLAN is not set')
  local as_of = assert(os.getenv('PLANKIT_AS_OF'), 'PLANKIT_AS_OF is not set')
  local mode = os.getenv('PLANKIT_MODE') or 'configuration'
  local lead = assert(os.getenv('PLANKIT_LEAD'), 'PLANKIT_LEAD is not set')
  local typed = assert(os.getenv('PLANKIT_TYPED'), 'PLANKIT_TYPED is not set')
  result.mode = mode

  vim.opt.swapfile = false
  vim.opt.shadafile = 'NONE'

  local settings = { plankit = { asOf = as_of } }
  local capabilities = vim.lsp.protocol.make_client_capabilities()
  if mode == 'configuration' then
    capabilities.workspace.configuration = true
  elseif mode ~= 'didChangeConfiguration' then
    error('unknown PLANKIT_MODE ' .. mode)
  end
  result.advertisedConfiguration = capabilities.workspace.configuration == true
  result.advertisedCodeDescription = (capabilities.textDocument.publishDiagnostics or {}).codeDescriptionSupport == true

  -- Every publishDiagnostics as the server sent it (LSP ranges, UTF-16), then Neovim's own handling.
  local published = {}
  local configuration_requests = {}
  local exit_info = nil
  local default_configuration = vim.lsp.handlers['workspace/configuration']

  local client_id = vim.lsp.start_client({
    name = 'plankit',
    cmd = { node, server, '--stdio' },
    root_dir = workspace,
    settings = settings,
    capabilities = capabilities,
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, params, ctx, config)
        table.insert(published, params)
        return vim.lsp.diagnostic.on_publish_diagnostics(err, params, ctx, config)
      end,
      ['workspace/configuration'] = function(err, params, ctx, config)
        table.insert(configuration_requests, params)
        return default_configuration(err, params, ctx, config)
      end,
    },
    on_init = function(client)
      event('initialized')
      if mode == 'didChangeConfiguration' then
        client.notify('workspace/didChangeConfiguration', { settings = settings })
      end
    end,
    on_exit = function(code, signal)
      exit_info = { code = code, signal = signal }
    end,
  })
  assert(client_id, 'vim.lsp.start_client returned nothing')
  result.clientId = client_id

  local client = vim.lsp.get_client_by_id(client_id)
  assert(vim.wait(TIMEOUT, function() return client.initialized == true or exit_info ~= nil end, 20), 'the server did not initialize')
  assert(exit_info == nil, 'the server exited during start-up')

  -- Open the plan, as a user would, and attach the client to its buffer.
  vim.cmd('edit ' .. vim.fn.fnameescape(plan))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = 'yaml'
  assert(vim.lsp.buf_attach_client(bufnr, client_id), 'could not attach the client to the buffer')
  local uri = vim.uri_from_bufnr(bufnr)
  result.uri = uri

  --- The last publish for this buffer, once it is for the buffer's current version (waits for it).
  --- Publishes without a version (the server's workspace scan reads the file from disk) do not count.
  local function diagnostics_for_current_version(what)
    local ok = vim.wait(TIMEOUT, function()
      local version = vim.lsp.util.buf_versions[bufnr]
      for i = #published, 1, -1 do
        local p = published[i]
        if p.uri == uri then return p.version == version end
      end
      return false
    end, 20)
    assert(ok, 'no publishDiagnostics for ' .. what .. ' within ' .. TIMEOUT .. ' ms')
    for i = #published, 1, -1 do
      if published[i].uri == uri then return published[i] end
    end
  end

  local first = diagnostics_for_current_version('the opened plan')
  result.opened = {
    version = first.version,
    bufferVersion = vim.lsp.util.buf_versions[bufnr],
    diagnostics = first.diagnostics,
  }
  -- What Neovim itself made of them (vim.diagnostic: 0-based lnum, byte col).
  local shown = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(shown, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col, severity = d.severity, code = d.code, message = d.message })
  end
  result.opened.vimDiagnostics = shown
  result.configurationRequests = configuration_requests

  -- Find the lead line in the buffer.
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  local lead_line, lead_col
  for i, line in ipairs(lines) do
    local prefix = line:match('^(%s*lead: )' .. vim.pesc(lead) .. '%s*$') or line:match('^(%s*lead: )' .. vim.pesc(lead) .. '%s+#')
    if prefix then
      lead_line, lead_col = i - 1, #prefix
      break
    end
  end
  assert(lead_line, 'no line "lead: ' .. lead .. '" in the plan')
  result.lead = { line = lead_line, character = lead_col, text = lines[lead_line + 1] }

  local function request(method, params)
    local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, TIMEOUT)
    assert(responses, method .. ' failed: ' .. tostring(err))
    local response = responses[client_id]
    assert(response, method .. ': no response from the plankit client')
    return { result = response.result, err = response.err }
  end

  local function labels_of(response)
    local items = response.result and (response.result.items or response.result) or {}
    local found = {}
    for _, item in ipairs(items) do
      table.insert(found, { label = item.label, detail = item.detail, filterText = item.filterText, newText = item.textEdit and item.textEdit.newText or item.insertText })
    end
    return found
  end

  -- 1. Completion at the start of the lead value (nothing typed yet).
  local at_value = { textDocument = { uri = uri }, position = { line = lead_line, character = lead_col } }
  local completion = request('textDocument/completion', at_value)
  result.completionAtValue = { err = completion.err, items = labels_of(completion) }

  -- 2. Hover on the lead value.
  local hover = request('textDocument/hover', { textDocument = { uri = uri }, position = { line = lead_line, character = lead_col + 1 } })
  result.hover = { err = hover.err, contents = hover.result and hover.result.contents or vim.NIL }

  -- 3. Type over the value (a real incremental didChange from Neovim), then complete what was typed.
  local old_version = vim.lsp.util.buf_versions[bufnr]
  vim.api.nvim_buf_set_text(bufnr, lead_line, lead_col, lead_line, lead_col + #lead, { typed })
  assert(vim.wait(TIMEOUT, function() return (vim.lsp.util.buf_versions[bufnr] or 0) > old_version end, 20), 'the edit did not reach the LSP client')
  local edited = diagnostics_for_current_version('the edited plan')
  result.edited = {
    version = edited.version,
    bufferVersion = vim.lsp.util.buf_versions[bufnr],
    diagnostics = edited.diagnostics,
    text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n') .. '\n',
  }
  local typed_completion = request('textDocument/completion', { textDocument = { uri = uri }, position = { line = lead_line, character = lead_col + #typed } })
  result.completionAfterTyping = { err = typed_completion.err, items = labels_of(typed_completion) }

  -- 4. Stop the server the way Neovim does (shutdown, exit) and see that it leaves cleanly.
  vim.lsp.stop_client(client_id)
  vim.wait(10000, function() return exit_info ~= nil end, 20)
  result.exit = exit_info or vim.NIL
  result.published = #published
end

local ok, err = xpcall(main, debug.traceback)
if not ok then
  result.error = tostring(err)
  pcall(write_result)
  vim.cmd('cquit 1')
else
  write_result()
  vim.cmd('qall!')
end
