/**
 * The core's lite entry (what browser bundles use) leaves two parts to be loaded on demand: the
 * full YAML reader and the wording of schema errors. Checked in a fresh Node process on the built
 * package, where nothing has registered them yet (test/setup.ts registers both for this process).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

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
