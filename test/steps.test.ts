// Reading and checking a long plan in steps (packages/core/src/steps.ts): a web page gives the
// browser a turn between the steps; run straight through, the steps give exactly what the
// one-call functions give.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { astFromValue, checkPlanFile, checkPlanFileInSteps, readPlanFile, readPlanFileInSteps, readPlanValue, readPlanValueInSteps, type Stage } from '../packages/core/src/index.js';

const repo = path.resolve(import.meta.dirname, '..');
const generated = (actions: number, format: 'yaml' | 'json') =>
  execFileSync(process.execPath, [path.join(repo, 'bench', 'generate-plan.mjs'), '--actions', String(actions), '--seed', '5', '--format', format], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

/** What a plan's model says of each action, to compare two readings (the model holds cycles: no JSON). */
const outline = (plan: ReturnType<typeof readPlanFile>['plan']) =>
  plan?.themes.flatMap((theme) => theme.actions.map((action) => [theme.id, action.id, action.title, action.due?.text, action.status, action.lead.map((m) => m.text), action.milestones.map((m) => m.title), action.updates.length]));

/** Drives a generator to its end, keeping the stages it paused at. */
function drive<T>(steps: Generator<Stage, T, void>): { result: T; stages: Stage[] } {
  const stages: Stage[] = [];
  for (;;) {
    const step = steps.next();
    if (step.done) return { result: step.value, stages };
    stages.push(step.value);
  }
}

describe('reading and checking in steps', () => {
  const yaml = generated(2_500, 'yaml');
  const json = generated(2_500, 'json');
  const asOf = '2026-11-23';

  it('reads a YAML plan in stages and gets what readPlanFile gets', () => {
    const { result, stages } = drive(readPlanFileInSteps(yaml, { fileName: 'big.plan.yaml' }));
    // Parsed, schema checked, then a pause per thousand actions modelled (2,500: two).
    expect(stages).toEqual(['parsed', 'schema-checked', 'modelling', 'modelling']);
    const whole = readPlanFile(yaml, { fileName: 'big.plan.yaml' });
    expect(result.diagnostics).toEqual(whole.diagnostics);
    expect(result.plan?.themes.flatMap((theme) => theme.actions)).toHaveLength(2_500);
    expect(outline(result.plan)).toEqual(outline(whole.plan));
  });

  it('reads a plan given as a value in stages and gets what readPlanValue gets', () => {
    const value = JSON.parse(json);
    const { result, stages } = drive(readPlanValueInSteps(value));
    // The value made a tree a thousand actions at a time, then as for text.
    expect(stages).toEqual(['reading', 'reading', 'parsed', 'schema-checked', 'modelling', 'modelling']);
    expect(result.source.root).toEqual(astFromValue(value));
    expect(outline(result.plan)).toEqual(outline(readPlanValue(value).plan));
    expect(result.plan?.themes.flatMap((theme) => theme.actions)).toHaveLength(2_500);
  });

  it('stops at the first stage when the text is not a plan, with the same finding', () => {
    const { result, stages } = drive(readPlanFileInSteps('- just\n- a list\n'));
    expect(stages).toEqual([]);
    expect(result.plan).toBeUndefined();
    expect(result.diagnostics.map((d) => d.code)).toEqual(readPlanFile('- just\n- a list\n').diagnostics.map((d) => d.code));
    expect(result.diagnostics.map((d) => d.code)).toContain('not-a-plan');
  });

  it('checks a long plan with a pause every thousand items, finding what checkPlanFile finds', () => {
    const file = readPlanFile(yaml, { fileName: 'big.plan.yaml' });
    const items = file.plan!.themes.flatMap((theme) => theme.actions.flatMap((action) => [action, ...action.milestones])).length;
    const { result, stages } = drive(checkPlanFileInSteps(file, { asOf }));
    const whole = checkPlanFile(file, { asOf });
    expect(result.diagnostics).toEqual(whole.diagnostics);
    expect(result.diagnostics.some((d) => d.code === 'overdue')).toBe(true);
    // Ids, agencies (when there is a register), then one pause per thousand items and one after them.
    expect(stages.length).toBeGreaterThanOrEqual(Math.floor(items / 1_000) + 2);
    expect(stages.every((stage) => stage === 'checking')).toBe(true);
  });

  it('a small plan is checked with few pauses (the page is not kept waiting for nothing)', () => {
    const file = readPlanFile('title: Small\nthemes:\n  - id: T1\n    title: One\n    actions:\n      - id: "1.1"\n        title: Do it\n        due: March 2018\n');
    const { result, stages } = drive(checkPlanFileInSteps(file, { asOf }));
    expect(stages.length).toBeLessThanOrEqual(3);
    expect(result.diagnostics.map((d) => d.code)).toContain('overdue');
  });
});
