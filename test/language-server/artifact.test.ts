/**
 * What editors start, `language-server/dist/server.js`, is one self-contained ES module
 * (language-server/scripts/bundle.mjs): it imports nothing but Node's own modules, so it runs from
 * a folder with no node_modules at all, and there it checks a plan exactly as the core does.
 * Every other test of the server starts this same file.
 */
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { checkFile, type FileHost } from '@plankit/core';
import { nodeFileHost } from '@plankit/core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { comparable, examplesDir, LspClient, serverPath, uriOf } from './lsp-client.js';

const AS_OF = '2026-11-23';
const PLAN = 'sevenoaks-alcohol-drug-strategy-2011.plan.yaml';
const REGISTER = 'kent.agencies.yaml';

const source = fs.readFileSync(serverPath, 'utf8');

/** Every module the file loads: static imports and re-exports, dynamic import() and require() of a literal name. */
function loadedModules(code: string): string[] {
  const names = new Set<string>();
  for (const match of code.matchAll(/^\s*(?:import|export)\b[^'"`;]*?\bfrom\s*(["'])([^"']+)\1/gm)) names.add(match[2]);
  for (const match of code.matchAll(/^\s*import\s*(["'])([^"']+)\1/gm)) names.add(match[2]);
  for (const match of code.matchAll(/\b(?:import|require)\(\s*(["'])([^"']+)\1\s*\)/g)) names.add(match[2]);
  return [...names].sort();
}

describe('the server file editors start', () => {
  it('is one ES module that starts with a hashbang (it is the package\'s bin), so the package needs no dependencies', () => {
    expect(source.startsWith('#!/usr/bin/env node\n')).toBe(true);
    const manifest = JSON.parse(fs.readFileSync(path.join(path.dirname(serverPath), '..', 'package.json'), 'utf8'));
    expect(manifest.type).toBe('module');
    expect(manifest.bin['plankit-language-server']).toBe('dist/server.js');
    expect(manifest.dependencies ?? {}).toEqual({});
  });

  it('loads only Node\'s own modules: the core, vscode-languageserver and the rest are inside it', () => {
    const loaded = loadedModules(source);
    expect(loaded).toContain('node:path');
    const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
    expect(loaded.filter((name) => !builtins.has(name))).toEqual([]);
    // What it would otherwise import is bundled: the core's checks and the protocol library.
    expect(source).toContain('function checkFile(');
    expect(source).toContain('createConnection');
  });

  describe('copied alone into a folder with no node_modules', () => {
    let dir: string;
    let client: LspClient;

    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plankit-server-alone-'));
      // Nothing up the tree could supply a package it forgot to bundle.
      for (let up = dir; ; up = path.dirname(up)) {
        expect(fs.existsSync(path.join(up, 'node_modules')), `${up}/node_modules`).toBe(false);
        if (path.dirname(up) === up) break;
      }
      fs.copyFileSync(serverPath, path.join(dir, 'server.js'));
      fs.writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
      for (const name of [PLAN, REGISTER]) fs.copyFileSync(path.join(examplesDir, name), path.join(dir, name));
      client = new LspClient({ asOf: AS_OF }, {}, path.join(dir, 'server.js'));
      await client.initialize([dir]);
    });

    afterAll(async () => {
      await client?.stop();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it('publishes what the core finds in a plan, with its register', async () => {
      const file = path.join(dir, PLAN);
      const text = fs.readFileSync(file, 'utf8');
      await client.open(uriOf(file), text);
      const published = await client.diagnostics(uriOf(file));
      const expected = (await checkFile(file, text, nodeFileHost as FileHost, { asOf: AS_OF, today: AS_OF })).diagnostics;
      expect(expected.length).toBeGreaterThan(5);
      expect(comparable(published)).toEqual(comparable(expected));
      expect(client.log.filter((line) => line.includes('[stderr]'))).toEqual([]);
    });
  });
});
