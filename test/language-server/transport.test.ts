/**
 * The server's stdio transport (language-server/src/transport.ts): the JSON encoder that builds a
 * publishDiagnostics from each diagnostic's kept bytes must give what JSON.stringify gives, for
 * every message; and the server started with --stdio must leave when its client closes stdin, as
 * vscode-languageserver's own stdio set-up does. (The rest of the stdio path is every other test in
 * this folder: they talk to the server over it.)
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { Diagnostic, Message } from 'vscode-languageserver/node.js';
import { messageEncoder } from '../../language-server/src/transport.js';
import { repoRoot, serverPath } from './lsp-client.js';

const options = { charset: 'utf-8' as const };

async function encoded(message: unknown): Promise<string> {
  const bytes = await messageEncoder.encode(message as Message, options);
  return Buffer.from(bytes).toString('utf8');
}

function diagnostic(line: number, message: string, data?: unknown): Diagnostic {
  return {
    range: { start: { line, character: 2 }, end: { line, character: 9 } },
    severity: 2,
    code: 'overdue',
    codeDescription: { href: 'https://example.org/checks.md#overdue' },
    source: 'plankit',
    message,
    data,
  };
}

const publish = (params: Record<string, unknown>) => ({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params });

describe('the stdio writer’s JSON encoder', () => {
  const hostile = [
    diagnostic(0, 'Action 1.3 “Support the work of the ASB Task Group …” was due 31 May 2017 (“May 2017”)', { path: ['themes', 0, 'actions', 2], days: -214 }),
    diagnostic(4, 'Quotes " and \\ backslashes, a tab\t, a line break\n, NUL \u0000, a lone surrogate \ud800, Welsh ŵ ŷ, an emoji 🗓️'),
    diagnostic(7, 'No data', undefined),
  ];

  it('writes a publishDiagnostics that reads back as the message, with or without a version', async () => {
    for (const params of [
      { uri: 'file:///tmp/a%20b.plan.yaml', version: 7, diagnostics: hostile },
      { uri: 'file:///tmp/c.plan.yaml', diagnostics: hostile },
      { uri: 'file:///tmp/c.plan.yaml', version: null, diagnostics: [] },
      { uri: 'untitled:Untitled-1', version: 0, diagnostics: [hostile[0]] },
    ]) {
      const message = publish(params);
      const text = await encoded(message);
      expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(message)));
      // The same bytes as vscode-jsonrpc's own encoding (JSON.stringify, keys in the same order).
      expect(text).toBe(JSON.stringify(message));
    }
  });

  it('gives the same bytes when the same diagnostics are published again, and new bytes for new ones', async () => {
    const first = await encoded(publish({ uri: 'file:///p.plan.yaml', version: 1, diagnostics: hostile }));
    const again = await encoded(publish({ uri: 'file:///p.plan.yaml', version: 2, diagnostics: hostile }));
    expect(again).toBe(first.replace('"version":1', '"version":2'));
    const changed = [hostile[0], diagnostic(4, 'Changed'), hostile[2]];
    expect(JSON.parse(await encoded(publish({ uri: 'file:///p.plan.yaml', version: 3, diagnostics: changed }))).params.diagnostics[1].message).toBe('Changed');
  });

  it('encodes every other message as JSON.stringify does', async () => {
    const messages = [
      { jsonrpc: '2.0', id: 1, result: { capabilities: { hoverProvider: true } } },
      { jsonrpc: '2.0', id: 'x', error: { code: -32603, message: 'Bad “thing”' } },
      { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'ŵ 🗓️' } },
      // A publish with a field this encoder does not write: left to JSON.stringify.
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///q', diagnostics: hostile, extra: true } },
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///q', diagnostics: 'not a list' } },
    ];
    for (const message of messages) expect(await encoded(message)).toBe(JSON.stringify(message));
  });
});

describe('the server over stdio', () => {
  it('leaves when its client closes stdin', async () => {
    const child = spawn(process.execPath, [serverPath, '--stdio'], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(child.exitCode).toBeNull();
    child.stdin.end();
    const timeout = new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 15_000));
    const outcome = await Promise.race([exited, timeout]);
    if (outcome === 'still running') child.kill();
    // No shutdown request came first: exit code 1, as vscode-languageserver does.
    expect(outcome).toBe(1);
  });
});
