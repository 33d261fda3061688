import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFile, readPlanFile } from '../packages/core/src/files.js';
import { nodeFileHost } from '../packages/core/src/node.js';

const root = join(__dirname, '..');
const examples = join(root, 'examples');
const seeds = join(root, '..', 'shared', 'seeds');

/** Each seed and the example files transcribed from it. */
const transcriptions = [
  ['safer-kingston-partnership-plan-2011-14', ['safer-kingston-partnership-plan-2011-14.plan.yaml', 'kingston.agencies.yaml']],
  ['sevenoaks-alcohol-drug-strategy-2011', ['sevenoaks-alcohol-drug-strategy-2011.plan.yaml', 'kent.agencies.yaml']],
  ['tonbridge-malling-csp-action-plan-2013-14', ['tonbridge-malling-csp-action-plan-2013-14.plan.yaml', 'kent.agencies.yaml']],
] as const;

describe('examples', () => {
  const files = readdirSync(examples).filter((name) => /\.(plan|agencies)\.ya?ml$/.test(name));

  it.each(files)('%s checks with no errors against its own as-of date', async (name) => {
    const path = join(examples, name);
    const result = await checkFile(path, readFileSync(path, 'utf8'), nodeFileHost, { today: '2026-11-23' });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    if (result.kind === 'plan') expect(result.asOfBasis).toBe(result.planFile!.plan!.asOf ? 'plan' : 'today');
  });

  it.each(transcriptions)('%s is transcribed in full: every word of the seed is in the example', (seed, names) => {
    const source = readFileSync(join(seeds, `${seed}.txt`), 'utf8').toLowerCase();
    const transcribed = names.map((name) => readFileSync(join(examples, name), 'utf8')).join('\n').toLowerCase();
    const words = new Set(source.match(/\p{L}[\p{L}'’-]{3,}/gu));
    expect(words.size).toBeGreaterThan(250);
    expect([...words].filter((word) => !transcribed.includes(word))).toEqual([]);
  });

  it('keeps the shapes of the seeds: themes, numbered actions, milestones, dated updates', () => {
    const read = (name: string) => readPlanFile(readFileSync(join(examples, name), 'utf8'), { fileName: name }).plan!;
    const sevenoaks = read('sevenoaks-alcohol-drug-strategy-2011.plan.yaml');
    expect(sevenoaks.themes.map((t) => t.id)).toEqual(['1', '2', '3', '4']);
    expect(sevenoaks.themes[0].actions.map((a) => a.id)).toEqual(['1.1', '1.2', '1.3', '1.4', '1.5']);
    expect(sevenoaks.themes[0].actions[0].milestones[0].due?.text).toBe('Yearly plans until March 2011');
    expect(sevenoaks.themes[0].actions[0].milestones[0].due?.interpretation.kind).toBe('recurring');
    const tonbridge = read('tonbridge-malling-csp-action-plan-2013-14.plan.yaml');
    expect(tonbridge.themes.map((t) => t.title)).toEqual(['Anti-social behaviour', 'Domestic Abuse', 'Substance misuse']);
    expect(tonbridge.themes.flatMap((t) => t.actions)).toHaveLength(35);
    expect(tonbridge.themes[0].actions[1]).toMatchObject({ baseline: '33 referrals', target: '40' });
    expect(tonbridge.themes[0].actions[1].updates[0].asOf).toBe('2013-12-31');
    const kingston = read('safer-kingston-partnership-plan-2011-14.plan.yaml');
    expect(kingston.period).toEqual({ start: '2011-04-01', end: '2014-03-31', text: '2011/14' });
    expect(kingston.themes.length).toBe(6);
    // Delivery agents listed under a heading keep it (group), as the plan lists them.
    const asb = kingston.themes[0].partners;
    expect(asb.filter((m) => m.group === 'RBK mainstream activity').map((m) => m.officer)).toEqual(['Community Care', 'CCTV', 'Environment', 'Housing Services']);
    expect(asb.filter((m) => m.group === 'Police mainstream activity').map((m) => m.text)).toEqual(['SNT', 'MPS']);
    expect(kingston.themes[3].partners.filter((m) => m.group === 'NHS Kingston/GP Commissioned Services').map((m) => m.text)).toEqual(['KHT', 'LHP', 'SWLSTG']);
  });

  it.each([200, 2000])('the generator writes a valid %i-action plan that takes the fast path', (actions) => {
    const text = execFileSync(process.execPath, [join(root, 'bench', 'generate-plan.mjs'), '--actions', String(actions)], { encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 });
    const file = readPlanFile(text, { fileName: 'generated.plan.yaml' });
    expect(file.source.reader).toBe('fast');
    expect(file.diagnostics).toEqual([]);
    expect(file.plan!.themes.flatMap((t) => t.actions)).toHaveLength(actions);
    const json = execFileSync(process.execPath, [join(root, 'bench', 'generate-plan.mjs'), '--actions', String(actions), '--format', 'json'], { encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 });
    const fromJson = readPlanFile(json, { fileName: 'generated.plan.json' });
    expect(fromJson.diagnostics).toEqual([]);
    // JSON carries its schema in a "$schema" key (it has no comments for a modeline).
    const { $schema, ...jsonValue } = fromJson.value as Record<string, unknown>;
    expect($schema).toBe('../schemas/plan.schema.json');
    expect(jsonValue).toEqual(file.value);
  });
});
