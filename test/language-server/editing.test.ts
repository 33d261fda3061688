/**
 * The pure editor helpers the language server uses (packages/core/src/editing.ts): what is being
 * typed at a cursor (`⟨|⟩` in the cases), values written back in YAML, the smallest edits, and
 * the words hovers and lenses show.
 */
import { describe, expect, it } from 'vitest';
import { addListEntryChange, updateEntryChange, completionContextAt, describeDueAt, describeThemeCounts, formatScalar, insertFieldChange, agencyEntryChange, locateAt, replaceScalarChange, replaceWithinScalarChange, themeCounts } from '../../packages/core/src/editing.js';
import { interpretDue } from '../../packages/core/src/due.js';
import { parseSource } from '../../packages/core/src/parse.js';
import { nodeAt, toValue, type MapNode, type ScalarNode } from '../../packages/core/src/ast.js';
import { readPlanFile, checkPlanFile } from '../../packages/core/src/files.js';
import { withCursor } from './lsp-client.js';

const plan = `title: x
themes:
  - id: '1'
    title: T # a comment
    actions:
      - id: '1.1'
        title: A
`;

describe('completionContextAt', () => {
  const cases: { name: string; marked: string; expected: Record<string, unknown> | undefined }[] = [
    { name: 'a key of an action', marked: `${plan}        le⟨|⟩`, expected: { kind: 'key', path: ['themes', 0, 'actions', 0], prefix: 'le', siblingKeys: ['id', 'title'] } },
    { name: 'a lead value', marked: `${plan}        lead: Ke⟨|⟩`, expected: { kind: 'value', path: ['themes', 0, 'actions', 0, 'lead'], prefix: 'Ke' } },
    { name: 'an item of a flow list', marked: `${plan}        partners: [SDC, Ke⟨|⟩`, expected: { kind: 'value', path: ['themes', 0, 'actions', 0, 'partners', 1], prefix: 'Ke', inFlow: true } },
    { name: 'a quoted value', marked: `${plan}        due: 'Mar⟨|⟩`, expected: { kind: 'value', path: ['themes', 0, 'actions', 0, 'due'], prefix: 'Mar', quote: "'" } },
    { name: 'an item of a block list', marked: `${plan}        partners:\n          - SDC\n          - Ke⟨|⟩`, expected: { kind: 'key', path: ['themes', 0, 'actions', 0, 'partners', 1], itemPath: ['themes', 0, 'actions', 0, 'partners', 1], prefix: 'Ke' } },
    { name: 'a second action', marked: `${plan}      - id: '1.2'\n        st⟨|⟩`, expected: { kind: 'key', path: ['themes', 0, 'actions', 1], siblingKeys: ['id'] } },
    { name: 'a list at the same indentation as its key', marked: 'title: x\nthemes:\n- title: a\n- title: b\n  ac⟨|⟩', expected: { kind: 'key', path: ['themes', 1], prefix: 'ac' } },
    { name: 'a top-level key with keys below', marked: 'title: x\nas⟨|⟩\nthemes: []\n', expected: { kind: 'key', path: [], prefix: 'as', siblingKeys: ['title', 'themes'] } },
    { name: 'inside block text', marked: 'title: x\nsummary: |\n  some text\n  more⟨|⟩', expected: undefined },
    { name: 'inside a comment', marked: `${plan}        # lead: K⟨|⟩`, expected: undefined },
    { name: 'after a value that continues on the next line', marked: 'title: a long\n  title continued⟨|⟩', expected: undefined },
  ];
  for (const testCase of cases) {
    it(testCase.name, () => {
      const { text, offset } = withCursor(testCase.marked);
      const context = completionContextAt(text, offset);
      if (testCase.expected === undefined) expect(context).toBeUndefined();
      else expect(context).toMatchObject(testCase.expected);
    });
  }

  it('gives where the typed text starts', () => {
    const { text, offset } = withCursor(`${plan}        lead: Kent Po⟨|⟩`);
    const context = completionContextAt(text, offset)!;
    expect(text.slice(context.prefixStart, offset)).toBe('Kent Po');
  });
});

describe('formatScalar', () => {
  it('writes plain text plainly and quotes what YAML would read differently', () => {
    expect(formatScalar('Kent Police')).toBe('Kent Police');
    expect(formatScalar('2018-03-31')).toBe('2018-03-31');
    expect(formatScalar('1.4')).toBe("'1.4'");
    expect(formatScalar('true')).toBe("'true'");
    expect(formatScalar('a: b')).toBe("'a: b'");
    expect(formatScalar("it's # here")).toBe("'it''s # here'");
    expect(formatScalar('- x')).toBe("'- x'");
    expect(formatScalar('x', 'json')).toBe('"x"');
    expect(formatScalar('KCC', 'yaml', 'double')).toBe('"KCC"');
  });
});

describe('edits', () => {
  const source = parseSource(plan);
  const action = nodeAt(source.root, ['themes', 0, 'actions', 0]) as MapNode;
  const theme = nodeAt(source.root, ['themes', 0]) as MapNode;
  const apply = (text: string, change: { start: number; end: number; text: string }) => text.slice(0, change.start) + change.text + text.slice(change.end);

  it('adds a field on its own line at the mapping indentation, after a chosen key', () => {
    expect(apply(plan, insertFieldChange(plan, action, 'due', 'March 2018')!)).toBe(`${plan}        due: March 2018\n`);
    expect(apply(plan, insertFieldChange(plan, theme, 'lead', 'KCC', 'yaml', ['title'])!)).toBe(plan.replace('# a comment\n', '# a comment\n    lead: KCC\n'));
  });

  it('keeps quotes when replacing a value', () => {
    const id = nodeAt(source.root, ['themes', 0, 'actions', 0, 'id']) as ScalarNode;
    expect(apply(plan, replaceScalarChange(id, '1.2'))).toBe(plan.replace("'1.1'", "'1.2'"));
  });

  it('replaces a part of a value (one agency of a joint lead) so that the value reads the same around it', () => {
    const text = 'a: KCC/KFRS\nb: "KCC/KFRS"\nc: \'KCC/KFRS\'\nd: |\n  KCC/KFRS\ne: KCC/KFRS and\n  more\n';
    const root = parseSource(text).root;
    const partOf = (key: string) => {
      const node = nodeAt(root, [key]) as ScalarNode;
      const start = text.indexOf('KFRS', node.start);
      return (replacement: string) => {
        const change = replaceWithinScalarChange(text, node, start, start + 4, replacement);
        return change && parseSource(apply(text, change)).root;
      };
    };
    const valueAfter = (key: string, replacement: string) => (nodeAt(partOf(key)(replacement), [key]) as ScalarNode | undefined)?.value;
    for (const key of ['a', 'b', 'c']) {
      expect(valueAfter(key, 'Fire')).toBe('KCC/Fire');
      // Words a plain value cannot hold bare, and quotes of either kind.
      expect(valueAfter(key, 'Fire: Rescue #2')).toBe('KCC/Fire: Rescue #2');
      expect(valueAfter(key, `It's "F"`)).toBe(`KCC/It's "F"`);
    }
    expect(valueAfter('d', 'Fire: Rescue')).toBe('KCC/Fire: Rescue\n');
    // Plain, only the part changes; written again and quoted only when it must be.
    const a = nodeAt(root, ['a']) as ScalarNode;
    expect(replaceWithinScalarChange(text, a, a.start + 4, a.end, 'Fire')).toEqual({ start: a.start + 4, end: a.end, text: 'Fire' });
    expect(replaceWithinScalarChange(text, a, a.start + 4, a.end, 'Fire: R')).toEqual({ start: a.start, end: a.end, text: "'KCC/Fire: R'" });
    // A plain value over several lines is left as written; a replacement is one line.
    expect(partOf('e')('Fire: Rescue')).toBeUndefined();
    expect(partOf('a')('Fire\nb: x')).toBeUndefined();
  });

  it('adds a register entry like the ones before it', () => {
    const register = 'agencies:\n  # councils\n  - id: KCC\n    name: Kent County Council # the county\n';
    const parsed = parseSource(register);
    expect(apply(register, agencyEntryChange(register, nodeAt(parsed.root, ['agencies']), 'Kent Fire', 'Kent Fire')!)).toBe(`${register}  - id: Kent Fire\n    name: Kent Fire\n`);
  });

  it('adds a register file to a plan’s registers: list, written as the list is', () => {
    const added = (text: string, format: 'yaml' | 'json' = 'yaml') => {
      const root = parseSource(text, { format }).root as MapNode;
      const change = addListEntryChange(text, root, 'registers', 'kent.agencies.yaml', format, ['asOf', 'period', 'title']);
      if (!change) return undefined;
      const after = apply(text, change);
      return { after, value: toValue(parseSource(after, { format }).root!) as Record<string, unknown> };
    };
    // A flow list, with and without entries (a comment after it stays).
    expect(added('title: T\nregisters: [a.agencies.yaml] # shared\nthemes: []\n')?.after).toBe('title: T\nregisters: [a.agencies.yaml, kent.agencies.yaml] # shared\nthemes: []\n');
    expect(added('title: T\nregisters: []\n')?.value.registers).toEqual(['kent.agencies.yaml']);
    // A block list: a new line like the last item, after its comment-free end.
    expect(added('title: T\nregisters:\n  - a.agencies.yaml\n  # the county\n  - b.agencies.yaml\nthemes: []\n')?.after).toBe(
      'title: T\nregisters:\n  - a.agencies.yaml\n  # the county\n  - b.agencies.yaml\n  - kent.agencies.yaml\nthemes: []\n',
    );
    expect(added('title: T\nregisters:\n- a.agencies.yaml')?.value.registers).toEqual(['a.agencies.yaml', 'kent.agencies.yaml']);
    // Nothing after the key, and no key at all (after the first of the anchors the plan has).
    expect(added('title: T\nregisters:\nthemes: []\n')?.after).toBe('title: T\nregisters: [kent.agencies.yaml]\nthemes: []\n');
    expect(added('title: T\nperiod: 2013/14\nthemes: []\n')?.after).toBe('title: T\nperiod: 2013/14\nregisters: [kent.agencies.yaml]\nthemes: []\n');
    // JSON plans.
    expect(added('{\n  "title": "T",\n  "registers": ["a.agencies.yaml"]\n}\n', 'json')?.value.registers).toEqual(['a.agencies.yaml', 'kent.agencies.yaml']);
    expect(added('{\n  "title": "T",\n  "themes": []\n}\n', 'json')?.value).toEqual({ title: 'T', registers: ['kent.agencies.yaml'], themes: [] });
    // A path that needs quotes gets them.
    const root = parseSource('registers: [a.yaml]\n').root as MapNode;
    expect(addListEntryChange('registers: [a.yaml]\n', root, 'registers', "o'neill: agencies.yaml")?.text).toBe(", 'o''neill: agencies.yaml'");
    // Not a list: left alone.
    expect(added('title: T\nregisters: kent.agencies.yaml\n')).toBeUndefined();
    expect(added('title: T\nregisters: {a: b}\n')).toBeUndefined();
  });

  it('adds an update at the end of an item’s updates, or the list where the item has none', () => {
    const fields = [['asOf', '2026-12-31'], ['status', 'amber'], ['text', "''"]] as const;
    const after = (text: string, path: (string | number)[], anchor?: string[], format: 'yaml' | 'json' = 'yaml') => {
      const item = nodeAt(parseSource(text, { format }).root, path) as MapNode;
      const change = updateEntryChange(text, item, fields.map(([key, value]) => [key, format === 'json' ? (value === "''" ? '""' : JSON.stringify(value)) : value]), format, anchor);
      return change && apply(text, change);
    };
    const updates = (text: string, format: 'yaml' | 'json' = 'yaml') => (toValue(parseSource(text, { format }).root!) as { actions: { updates?: unknown[] }[] }).actions[0].updates;
    // After the last update, whose text is a folded block: indented as it is.
    const withUpdates = "actions:\n  - title: A\n    updates:\n      - asOf: 2026-09-30\n        text: >-\n          Done so\n          far.\n    # milestones next\n    milestones: []\n";
    const added = after(withUpdates, ['actions', 0])!;
    expect(added).toBe(withUpdates.replace('          far.\n', "          far.\n      - asOf: 2026-12-31\n        status: amber\n        text: ''\n"));
    expect(updates(added)).toEqual([{ asOf: '2026-09-30', text: 'Done so far.' }, { asOf: '2026-12-31', status: 'amber', text: '' }]);
    // A list written at the key's own indentation keeps that style.
    expect(after('actions:\n- title: A\n  updates:\n  - asOf: 2026-09-30\n    text: x\n', ['actions', 0])).toBe("actions:\n- title: A\n  updates:\n  - asOf: 2026-09-30\n    text: x\n  - asOf: 2026-12-31\n    status: amber\n    text: ''\n");
    // No updates yet: a new list, before the milestones when the anchor says so, else at the end.
    const without = 'actions:\n  - title: A\n    status: amber\n    milestones:\n      - title: M\n';
    expect(after(without, ['actions', 0], ['status'])).toBe("actions:\n  - title: A\n    status: amber\n    updates:\n      - asOf: 2026-12-31\n        status: amber\n        text: ''\n    milestones:\n      - title: M\n");
    expect(updates(after('actions:\n  - title: A', ['actions', 0])!)).toEqual([{ asOf: '2026-12-31', status: 'amber', text: '' }]);
    // JSON.
    const json = '{\n  "actions": [\n    {\n      "title": "A",\n      "updates": [\n        { "asOf": "2026-09-30", "text": "x" }\n      ]\n    }\n  ]\n}\n';
    expect(updates(after(json, ['actions', 0], undefined, 'json')!, 'json')).toEqual([{ asOf: '2026-09-30', text: 'x' }, { asOf: '2026-12-31', status: 'amber', text: '' }]);
    expect(updates(after('{ "actions": [{ "title": "A" }] }', ['actions', 0], undefined, 'json')!, 'json')).toEqual([{ asOf: '2026-12-31', status: 'amber', text: '' }]);
    // A list on one line in YAML is left alone.
    expect(after('actions:\n  - title: A\n    updates: []\n', ['actions', 0])).toBeUndefined();
  });

  it('finds the node at an offset, on a key or a value', () => {
    const at = plan.indexOf("'1.1'") + 2;
    expect(locateAt(source.root, at)).toMatchObject({ path: ['themes', 0, 'actions', 0, 'id'], onKey: false });
    expect(locateAt(source.root, plan.indexOf('actions') + 1)).toMatchObject({ path: ['themes', 0, 'actions'], onKey: true });
  });
});

describe('words', () => {
  it('describes a due text at the as-of date', () => {
    const due = interpretDue('March 2018');
    expect(describeDueAt(due, undefined, '2026-11-23')).toBe('March 2018 — due by 31 March 2018, 8 years 7 months overdue at 23 November 2026');
    expect(describeDueAt(due, undefined, '2018-03-01')).toBe('March 2018 — due by 31 March 2018, 30 days to go at 1 March 2018');
    expect(describeDueAt(due, undefined, '2018-03-31')).toBe('March 2018 — due by 31 March 2018, due today (31 March 2018)');
    expect(describeDueAt(due, { complete: true, overdue: false, dueSoon: false, deadline: '2018-03-31' }, '2026-11-23')).toBe('March 2018 — due by 31 March 2018; complete');
    expect(describeDueAt(interpretDue('TBC'), undefined, '2026-11-23')).toBe('TBC — date to be confirmed');
  });

  it('counts a theme for its lens', () => {
    const file = readPlanFile(`title: x
themes:
  - title: T
    actions:
      - title: A
        due: March 2018
        status: amber
      - title: B
        due: 2018-04-05
        status: amber
        milestones:
          - title: m
            due: March 2018
      - title: C
        status: blue
        completed: 2018-01-01
`);
    const analysis = checkPlanFile(file, { asOf: '2018-04-01' }).analysis!;
    const counts = themeCounts(analysis, analysis.plan.themes[0]);
    expect(counts).toEqual({ actions: 3, overdue: 2, dueSoon: 1, statuses: [{ key: 'blue', label: 'Complete', count: 1 }, { key: 'amber', label: 'Amber', count: 2 }] });
    expect(describeThemeCounts(counts)).toBe('3 actions · 2 overdue · 1 due soon · 1 complete · 2 amber');
  });
});
