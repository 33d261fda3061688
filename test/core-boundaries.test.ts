import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Invariants from ARCHITECTURE.md, checked on the built package: the core's main entry can be
// bundled for browsers (no Node imports anywhere in its import graph) and works under a strict
// Content-Security-Policy (no eval, no new Function: the schema validator is precompiled).
const dist = join(__dirname, '..', 'packages', 'core', 'dist');
const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s*['"]([^'"]+)['"]/gm;

function importGraph(entry: string): { files: Set<string>; bare: Set<string> } {
  const files = new Set<string>();
  const bare = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2] ?? match[3];
      if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier));
      else bare.add(specifier);
    }
  };
  visit(entry);
  return { files, bare };
}

describe('@plankit/core boundaries', () => {
  const { files, bare } = importGraph(join(dist, 'index.js'));

  it('the main entry imports nothing from Node, only browser-ready packages', () => {
    expect(files.size).toBeGreaterThan(10);
    const nodeBuiltins = [...bare].filter((s) => s.startsWith('node:') || builtinModules.includes(s.split('/')[0]));
    expect(nodeBuiltins).toEqual([]);
    expect([...bare].map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0])).sort()).toEqual(['jsonc-parser', 'yaml']);
    expect([...files].some((f) => f.endsWith('node.js'))).toBe(false);
  });

  it('the lite entry (for browser bundles) leaves the yaml package out; the yaml entry brings it', () => {
    const lite = importGraph(join(dist, 'lite.js'));
    expect([...lite.bare].sort()).toEqual(['jsonc-parser']);
    expect([...importGraph(join(dist, 'yaml.js')).bare]).toContain('yaml');
  });

  it('the Node helpers are a separate entry that the main entry does not reach', () => {
    const node = importGraph(join(dist, 'node.js'));
    expect([...node.bare]).toContain('node:fs/promises');
  });

  it('no code in the core uses eval or new Function (strict CSP pages work)', () => {
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/\bnew Function\s*\(|\beval\s*\(/);
    }
    expect([...files].some((f) => f.endsWith(join('generated', 'validators.js')))).toBe(true);
  });

  it('the precompiled validator imports nothing but its own formats', () => {
    const text = readFileSync(join(dist, 'generated', 'validators.js'), 'utf8');
    const specifiers = [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3]);
    expect(specifiers).toEqual(['../formats.js']);
    expect(text).not.toMatch(/require\(/);
  });

  it('no check reads the clock: no Date.now() or argument-less new Date() in the core', () => {
    const offenders: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      if (/Date\.now\(\)|new Date\(\s*\)/.test(text)) offenders.push(file);
    }
    expect(offenders).toEqual([]);
  });
});
