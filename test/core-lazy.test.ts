/**
 * The core's lite entry (what browser bundles use) leaves two parts to be loaded on demand: the
 * full YAML reader and the wording of schema errors. Checked in a fresh Node process on the built
 * package, where nothing has registered them yet (test/setup.ts registers both for this process).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path, { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { toValue } from '../packages/core/src/ast.js';
import * as validators from '../packages/core/src/generated/validators.js';
import * as validity from '../packages/core/src/generated/validity.js';
import { parseSource } from '../packages/core/src/parse.js';
import { seededRandom } from './seeded-random.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function runWithLite(body: string): unknown {
  const script = `
    const core = await import(${JSON.stringify(path.join(repo, 'packages/core/dist/lite.js'))});
    const out = {};
    ${body}
    console.log(JSON.stringify(out));
  `;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
}

const VALID = 'title: A plan\\nthemes:\\n  - title: Theme\\n    actions:\\n      - title: Act\\n        lead: KCC\\n';
const INVALID = 'title: A plan\\nthemes:\\n  - title: Theme\\n    actions:\\n      - title: Act\\n        lead: KCC\\n        status: 5\\n';

describe('@plankit/core/lite, with nothing loaded on demand yet', () => {
  it('checks a valid plan with the validator alone', () => {
    const out = runWithLite(`
      const file = core.readPlanFile("${VALID}");
      out.codes = file.diagnostics.map((d) => d.code);
      out.loaded = core.schemaReporterLoaded();
      out.title = file.plan?.title;
    `) as { codes: string[]; loaded: boolean; title: string };
    expect(out).toEqual({ codes: [], loaded: false, title: 'A plan' });
  });

  it('marks an invalid plan as unexplained, then words it exactly once the reporter is loaded', () => {
    const out = runWithLite(`
      const before = core.readPlanFile("${INVALID}");
      out.before = before.diagnostics.map((d) => [d.code, d.data?.unexplained ?? false]);
      await core.loadSchemaReporter();
      const after = core.readPlanFile("${INVALID}");
      out.after = after.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.data?.unexplained ?? false]);
      out.loaded = core.schemaReporterLoaded();
    `) as { before: unknown[]; after: unknown[]; loaded: boolean };
    expect(out.before).toEqual([['schema-invalid', true]]);
    expect(out.after).toEqual([['schema-type', 6, 16, false]]);
    expect(out.loaded).toBe(true);
  });

  it('asks for the full YAML reader only for YAML the fast reader declines', () => {
    const out = runWithLite(`
      const anchors = 'title: &t A plan\\nthemes:\\n  - title: *t\\n    actions: []\\n';
      out.fast = core.readPlanFile("${VALID}").diagnostics.length;
      out.declined = core.readPlanFile(anchors).diagnostics.map((d) => [d.code, d.data?.needsFullReader ?? false]);
      await import(${JSON.stringify(path.join(repo, 'packages/core/dist/yaml.js'))});
      const again = core.readPlanFile(anchors);
      out.after = again.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
      out.title = again.plan?.themes?.[0]?.title;
    `) as { fast: number; declined: unknown[]; after: string[]; title: string };
    expect(out.fast).toBe(0);
    expect(out.declined).toEqual([['yaml-syntax', true]]);
    expect(out.after).toEqual([]);
    expect(out.title).toBe('A plan');
  });
});

describe('the validity check (generated/validity.ts) and the full validator (generated/validators.ts)', () => {
  // The validity check is what every reading asks (and what browser bundles carry); the full one
  // words the errors. They must never disagree on whether a value fits.
  const examples = readdirSync(join(repo, 'examples')).map((name) => ({ name, value: toValue(parseSource(readFileSync(join(repo, 'examples', name), 'utf8')).root!) }));

  const REPLACEMENTS: unknown[] = [null, 0, 5, -1, 1.5, 101, '', ' ', 'x', '2014-02-30', '2014-03-31', 'http://x', 'ftp://x', 'green', 'stauts', true, false, [], [''], [1], {}, { agency: 'KCC' }, { x: 1 }, { title: 'T' }];

  /** Every path to a value inside `value`. */
  function paths(value: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
    out.push(at);
    if (Array.isArray(value)) value.forEach((item, index) => paths(item, [...at, index], out));
    else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) paths(item, [...at, key], out);
    return out;
  }

  /** A copy of `value` with one change at one path: replaced, removed, or given an extra field. */
  function damage(value: unknown, next: () => number): unknown {
    const copy = structuredClone(value);
    const all = paths(copy);
    const path = all[Math.floor(next() * all.length)];
    const change = next();
    if (path.length === 0) return change < 0.5 ? { ...(copy as object), stauts: 'green' } : REPLACEMENTS[Math.floor(next() * REPLACEMENTS.length)];
    const parent = path.slice(0, -1).reduce<any>((node, key) => node[key], copy);
    const key = path[path.length - 1];
    if (change < 0.15) {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
    } else if (change < 0.25 && parent[key] && typeof parent[key] === 'object' && !Array.isArray(parent[key])) {
      parent[key][['stauts', 'x-note', 'Title', 'lead_agency'][Math.floor(next() * 4)]] = 'y';
    } else {
      parent[key] = structuredClone(REPLACEMENTS[Math.floor(next() * REPLACEMENTS.length)]);
    }
    return copy;
  }

  it('agree on every example and on 3,000 damaged copies of them (plans, registers and single actions)', () => {
    const next = seededRandom(20261123);
    let invalid = 0;
    const disagreements: string[] = [];
    for (const { name, value } of examples) {
      const kind = name.endsWith('.agencies.yaml') ? 'register' : 'plan';
      const lean = kind === 'plan' ? validity.validatePlan : validity.validateRegister;
      const full = kind === 'plan' ? validators.validatePlan : validators.validateRegister;
      expect(lean(value), name).toBe(true);
      for (let round = 0; round < 600; round++) {
        let damaged = damage(value, next);
        if (next() < 0.3) damaged = damage(damaged, next);
        const answer = lean(damaged);
        if (!answer) invalid++;
        if (answer !== full(damaged)) disagreements.push(`${name} #${round}: ${JSON.stringify(damaged).slice(0, 200)}`);
        if (kind === 'plan') {
          const themes = (damaged as any)?.themes;
          for (const theme of (Array.isArray(themes) ? themes : []) as any[]) {
            for (const action of (Array.isArray(theme?.actions) ? theme.actions : []).slice(0, 3)) {
              if (validity.validateAction(action) !== validators.validateAction(action)) disagreements.push(`${name} #${round} action: ${JSON.stringify(action).slice(0, 200)}`);
            }
          }
        }
      }
    }
    expect(disagreements).toEqual([]);
    // The damage is real: most copies do not fit.
    expect(invalid).toBeGreaterThan(1500);
  });

  it('the validity check carries no error details and no schema wording', () => {
    const text = readFileSync(join(repo, 'packages/core/src/generated/validity.ts'), 'utf8');
    expect(text).not.toMatch(/instancePath|schemaPath|keyword:|message:/);
    expect(text).not.toMatch(/anyOfBranches/);
    expect(validity.validatePlan({ title: 'P', themes: 5 })).toBe(false);
  });
});
