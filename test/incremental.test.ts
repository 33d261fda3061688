/**
 * Editors check the same file after every keystroke; the core re-reads only what an edit touched
 * (`rereadPlanFile`, and the per-item findings kept in `FileCheck.reuse`). Whatever path a check
 * takes, it must report exactly what a fresh check of the same text reports: checked here edit by
 * edit, over random edits of the examples and of a generated plan.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkFile, LineIndex, parseYamlFast, rereadPlanFile, readPlanFile, type FileCheck, type FileHost } from '../packages/core/src/index.js';
import { seededRandom } from './seeded-random.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Registers are read from examples/ as the CLI would. */
const host: FileHost = {
  readText: async (name) => {
    try {
      return readFileSync(path.join(repo, 'examples', path.basename(name)), 'utf8');
    } catch (error) {
      return error as Error;
    }
  },
  resolve: (_from, relative) => relative,
};


const TYPED = ['x', 'e', 'a', ' ', 's', 'Kent Police', 'x', 'e', 'a', ' ', 'd', 'n', 'Kent Police', 'KCC', '2025-03-31', 'March 2031', 'Q3', 'Ongoing', 'TBC', 'amber', 'green', ':', ' #', '"', "'", '- ', 'é', '1.10', '[', '&a', '*', 'null', '100', 'true'];

/** One random edit on one line: typing, deleting or replacing a few characters (never a line break). */
function lineEdit(text: string, next: () => number): string {
  const lines = text.split('\n');
  const line = Math.floor(next() * lines.length);
  const content = lines[line];
  const at = Math.floor(next() * (content.length + 1));
  const kind = next();
  let changed: string;
  if (kind < 0.55) changed = content.slice(0, at) + TYPED[Math.floor(next() * TYPED.length)] + content.slice(at);
  else if (kind < 0.8) changed = content.slice(0, Math.max(0, at - 1 - Math.floor(next() * 3))) + content.slice(at);
  else changed = content.slice(0, at) + TYPED[Math.floor(next() * TYPED.length)] + content.slice(Math.min(content.length, at + 1 + Math.floor(next() * 4)));
  lines[line] = changed;
  return lines.join('\n');
}

/** A plan model as plain data (without the links back from actions to themes and milestones to actions). */
function modelOf(check: FileCheck): string {
  return JSON.stringify(check.planFile?.plan ?? null, (key, value) => (key === 'theme' || key === 'action' ? undefined : value));
}

async function replay(fileName: string, start: string, edits: number, seed: number): Promise<{ reused: number; total: number }> {
  const next = seededRandom(seed);
  const options = { today: '2026-11-23', asOf: '2026-11-23' };
  let previous = await checkFile(fileName, start, host, { ...options, reuse: true });
  let text = start;
  let reused = 0;
  let lastGood = start;
  for (let edit = 0; edit < edits; edit++) {
    // Officers fix what they break: after an edit that left findings of the format, half the time
    // the next step goes back to the last text that had none.
    const broken = (previous.planFile?.diagnostics.length ?? 0) > 0;
    text = broken && next() < 0.5 ? lastGood : lineEdit(text, next);
    const previousRoot = previous.planFile?.source.root;
    const incremental = await checkFile(fileName, text, host, { ...options, previous, reuse: true });
    if (previousRoot && incremental.planFile?.source.root === previousRoot) reused++;
    const fresh = await checkFile(fileName, text, host, options);
    const where = `${path.basename(fileName)}, seed ${seed}, edit ${edit}`;
    expect(incremental.diagnostics, where).toEqual(fresh.diagnostics);
    expect(incremental.planFile?.value, where).toEqual(fresh.planFile?.value);
    expect(modelOf(incremental), where).toBe(modelOf(fresh));
    expect(incremental.planFile?.source.lines.lineCount, where).toBe(fresh.planFile?.source.lines.lineCount);
    previous = incremental;
    if ((incremental.planFile?.diagnostics.length ?? 1) === 0) lastGood = text;
  }
  return { reused, total: edits };
}

describe('checking again after an edit gives what a fresh check gives', () => {
  for (const name of ['sevenoaks-alcohol-drug-strategy-2011.plan.yaml', 'tonbridge-malling-csp-action-plan-2013-14.plan.yaml', 'safer-kingston-partnership-plan-2011-14.plan.yaml']) {
    it(`on ${name}, over 300 random one-line edits`, async () => {
      const text = readFileSync(path.join(repo, 'examples', name), 'utf8');
      const { reused, total } = await replay(path.join(repo, 'examples', name), text, 300, name.length * 7919);
      // Random edits break the plan often (then the whole text is read again): both paths are taken.
      expect(reused, `${reused} of ${total} edits re-read only the edited value`).toBeGreaterThan(0);
    });
  }

  it('on a generated plan of 300 actions, over 200 random one-line edits', async () => {
    const text = execFileSync(process.execPath, [path.join(repo, 'bench', 'generate-plan.mjs'), '--actions', '300', '--seed', '7'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const { reused } = await replay('/tmp/generated.plan.yaml', text, 200, 42);
    expect(reused).toBeGreaterThan(0);
  });

  it('typing into titles, updates and due dates takes the fast path every time, with the same findings', async () => {
    const start = execFileSync(process.execPath, [path.join(repo, 'bench', 'generate-plan.mjs'), '--actions', '200', '--seed', '3'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const options = { today: '2026-11-23', asOf: '2026-11-23' };
    // The end of each one-line plain value of these fields, in the generated plan.
    // The end of each plain value of these fields (its last line, for a value over several lines).
    const values = [...start.matchAll(/^ +(?:- )?(?:title|text|due): (?:>-\n {8,})?[A-Za-z][^\n#"':]*(?:\n {8,}[A-Za-z][^\n#"':]*)*$/gm)]
      .filter((_, index) => index % 9 === 0)
      .slice(0, 60);
    expect(values.filter((match) => match[0].includes('\n')).length, 'some of the values run over several lines').toBeGreaterThan(2);
    const ends = values.map((match) => match.index! + match[0].length);
    expect(ends.length).toBe(60);
    let previous = await checkFile('/tmp/typing.plan.yaml', start, host, { ...options, reuse: true });
    let text = start;
    let reused = 0;
    for (const [index, end] of ends.entries()) {
      const at = end + (text.length - start.length);
      const typed = index % 3 === 0 ? ' 2031' : index % 3 === 1 ? 's' : ' (KCC)';
      text = text.slice(0, at) + typed + text.slice(at);
      const root = previous.planFile!.source.root;
      const incremental = await checkFile('/tmp/typing.plan.yaml', text, host, { ...options, previous, reuse: true });
      if (incremental.planFile!.source.root === root) reused++;
      const fresh = await checkFile('/tmp/typing.plan.yaml', text, host, options);
      expect(incremental.diagnostics, `keystroke ${index}`).toEqual(fresh.diagnostics);
      expect(modelOf(incremental), `keystroke ${index}`).toBe(modelOf(fresh));
      previous = incremental;
    }
    expect(reused).toBe(ends.length);
  });
});

describe('rereadPlanFile', () => {
  const text = 'title: A plan\nthemes:\n  - title: Theme\n    actions:\n      - title: First\n        lead: KCC\n        due: March 2031\n      - title: Second\n        lead: KCC\n';

  it('re-reads a value typed into, moving what follows it', () => {
    const before = readPlanFile(text, { fileName: 'a.plan.yaml' });
    const edited = text.replace('title: First', 'title: First action');
    const after = rereadPlanFile(before, edited);
    expect(after).toBeDefined();
    expect(after!.plan!.themes[0].actions[0].title).toBe('First action');
    expect(after!.plan!.themes[0].actions[1].title).toBe('Second');
    expect(after!.source.root).toBe(before.source.root);
    expect(after!.plan!.themes[0].actions[1]).toBe(before.plan!.themes[0].actions[1]);
    const fresh = readPlanFile(edited, { fileName: 'a.plan.yaml' });
    expect(JSON.stringify(after!.source.root)).toBe(JSON.stringify(fresh.source.root));
  });

  it('uses up the reading it started from: a second edit from the same reading reads afresh', () => {
    const before = readPlanFile(text, { fileName: 'a.plan.yaml' });
    expect(rereadPlanFile(before, text.replace('First', 'Firsts'))).toBeDefined();
    expect(rereadPlanFile(before, text.replace('First', 'Firstly'))).toBeUndefined();
  });

  it('declines line breaks, values that stop being one value, and readings with findings', () => {
    const before = () => readPlanFile(text, { fileName: 'a.plan.yaml' });
    expect(rereadPlanFile(before(), text.replace('title: First', 'title: First\n'))).toBeUndefined();
    expect(rereadPlanFile(before(), text.replace('title: First', 'title: First: second'))).toBeUndefined();
    expect(rereadPlanFile(before(), text.replace('title: First', 'title: [First'))).toBeUndefined();
    expect(rereadPlanFile(before(), text.replace('title: First', 'title: "First'))).toBeUndefined();
    expect(rereadPlanFile(before(), text.replace('title: First', 'title: &a First'))).toBeUndefined();
    const brokenText = text.replace('title: Second', 'titel: Second');
    const broken = readPlanFile(brokenText, { fileName: 'a.plan.yaml' });
    expect(broken.diagnostics.map((diagnostic) => diagnostic.code)).toContain('schema-unknown-field');
    expect(rereadPlanFile(broken, brokenText.replace('title: First', 'title: Firsts'))).toBeUndefined();
  });
});

describe('what re-reading builds on', () => {
  it('moves line starts on after an edit within a line, as a fresh index finds them (LF, CRLF and lone CR)', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = ['title: A plan', 'themes:', '  - title: Theme', '', '    actions: []', 'last'].join(eol);
      const lines = new LineIndex(text);
      // Typing on line 2 (0-based), and deleting on it.
      for (const edited of [text.replace('Theme', 'Theme typed'), text.replace('Theme', 'Th')]) {
        const delta = edited.length - text.length;
        const moved = lines.edited(edited, 2, delta);
        const fresh = new LineIndex(edited);
        expect(moved.lineCount).toBe(fresh.lineCount);
        for (let offset = 0; offset <= edited.length; offset++) expect(moved.positionAt(offset)).toEqual(fresh.positionAt(offset));
        for (let line = 0; line < fresh.lineCount; line++) {
          expect(moved.lineText(line)).toBe(fresh.lineText(line));
          expect(moved.offsetAt({ line, character: 3 })).toBe(fresh.offsetAt({ line, character: 3 }));
        }
      }
      // The index it was made from still describes its own text.
      expect(lines.positionAt(text.indexOf('last'))).toEqual({ line: 5, character: 0 });
      expect(lines.lineText(2)).toBe('  - title: Theme');
    }
  });

  it('reads a mapping of many keys, and gives a repeated key among them to the full reader', () => {
    const keys = Array.from({ length: 40 }, (_, i) => `key${i}`);
    const many = keys.map((key, i) => `${key}: ${i}`).join('\n') + '\n';
    const root = parseYamlFast(many);
    expect(root?.pairs.map((pair) => pair.key.value)).toEqual(keys);
    // Repeated early (compared one by one) and late (past the first 16 keys, kept in a set).
    expect(parseYamlFast(`${many}key3: again\n`)).toBeUndefined();
    expect(parseYamlFast(`${many}key39: again\n`)).toBeUndefined();
    expect(parseYamlFast('a: 1\nb: 2\na: 3\n')).toBeUndefined();
    const full = readPlanFile(`title: T\nthemes: []\n${many}key30: again\n`, { fileName: 'a.plan.yaml' });
    expect(full.source.reader).toBe('yaml');
    expect(full.diagnostics.map((diagnostic) => diagnostic.code)).toContain('duplicate-key');
  });

  it('reads fields of a mapping without inheriting any: keys such as constructor and __proto__ are only there if written', () => {
    const plain = 'title: A plan\nthemes:\n  - title: Theme\n    actions:\n      - title: First\n';
    const plan = readPlanFile(plain, { fileName: 'a.plan.yaml' }).plan!;
    const action = plan.themes[0].actions[0];
    expect(action.notes).toBeUndefined();
    expect(action.status).toBeUndefined();
    expect(action.lead).toEqual([]);
    const odd = readPlanFile('title: A plan\nthemes:\n  - title: Theme\n    actions:\n      - constructor: x\n        toString: y\n        __proto__: z\n        title: First\n', { fileName: 'a.plan.yaml' });
    expect(odd.plan!.themes[0].actions[0].title).toBe('First');
    expect(odd.plan!.themes[0].actions[0].notes).toBeUndefined();
    expect(odd.diagnostics.map((diagnostic) => diagnostic.code)).toContain('schema-unknown-field');
  });
});
