/**
 * Schema validation: the two JSON Schemas themselves, the precompiled validator, and the
 * officer-worded diagnostics that validate.ts makes from its errors, at exact source positions,
 * for YAML and JSON files.
 *
 * Every expected position is found by searching the test text for a marker (never hard-coded),
 * so the texts can be edited without recounting columns.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { parse as parseWithYamlPackage } from 'yaml';
import type { Diagnostic } from '../packages/core/src/diagnostics.js';
import { readPlanFile, readRegisterFile } from '../packages/core/src/files.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const planSchema = JSON.parse(readFileSync(join(root, 'schemas', 'plan.schema.json'), 'utf8'));
const agenciesSchema = JSON.parse(readFileSync(join(root, 'schemas', 'agencies.schema.json'), 'utf8'));

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

interface Position {
  line: number;
  character: number;
}

/**
 * The 0-based position of `within` inside the only occurrence of `marker` in `text` (the start
 * of the marker when `within` is not given). Counted here, independently of positions.ts.
 */
function at(text: string, marker: string, within: string = marker): Position {
  const index = text.indexOf(marker);
  expect(index, `marker ${JSON.stringify(marker)} not found in the test text`).toBeGreaterThanOrEqual(0);
  expect(text.indexOf(marker, index + 1), `marker ${JSON.stringify(marker)} is not unique in the test text`).toBe(-1);
  const inner = marker.indexOf(within);
  expect(inner, `${JSON.stringify(within)} is not inside marker ${JSON.stringify(marker)}`).toBeGreaterThanOrEqual(0);
  const offset = index + inner;
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** The position just after the last character of the text. */
function endOf(text: string): Position {
  const lines = text.split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

function show(diagnostics: readonly Diagnostic[]): string {
  if (diagnostics.length === 0) return '  (no diagnostics)';
  return diagnostics
    .map((d) => `  ${d.range.start.line}:${d.range.start.character} ${d.severity} ${d.code}: ${d.message}${d.data?.suggestion ? ` [suggestion ${String(d.data.suggestion)}]` : ''}`)
    .join('\n');
}

function isJsonName(fileName: string): boolean {
  return /\.json$/i.test(fileName);
}

/**
 * A plan's syntax and schema diagnostics. For YAML the text is read twice, by the fast reader and
 * by the full `yaml` parser, and both must report exactly the same thing.
 */
function planDiagnostics(text: string, fileName = 'x.plan.yaml'): Diagnostic[] {
  const file = readPlanFile(text, { fileName });
  if (!isJsonName(fileName)) {
    const full = readPlanFile(text, { fileName, fastPath: false });
    expect(full.diagnostics, `the fast reader and the full yaml parser disagree on:\n${text}`).toEqual(file.diagnostics);
  }
  return file.diagnostics;
}

function registerDiagnostics(text: string, fileName = 'x.agencies.yaml'): Diagnostic[] {
  const file = readRegisterFile(text, { fileName });
  if (!isJsonName(fileName)) {
    const full = readRegisterFile(text, { fileName, fastPath: false });
    expect(full.diagnostics, `the fast reader and the full yaml parser disagree on:\n${text}`).toEqual(file.diagnostics);
  }
  return file.diagnostics;
}

/** What one diagnostic must be: its code, where it starts, and words its message must hold. */
interface Expected {
  code: Diagnostic['code'];
  /** The text the range must start at (see `at`). */
  marker: string;
  within?: string;
  severity?: Diagnostic['severity'];
  /** Words (or patterns) the message must contain. */
  words: (string | RegExp)[];
  /** Words (or patterns) the message must not contain. */
  notWords?: (string | RegExp)[];
  /** Entries `data` must hold. */
  data?: Record<string, unknown>;
}

/** Finds the diagnostic an expectation describes, and checks its severity, message and data. */
function expectDiagnostic(diagnostics: readonly Diagnostic[], text: string, expected: Expected): Diagnostic {
  const start = at(text, expected.marker, expected.within);
  const found = diagnostics.find(
    (d) => d.code === expected.code && d.range.start.line === start.line && d.range.start.character === start.character,
  );
  expect(
    found,
    `expected ${expected.code} starting at ${start.line}:${start.character} (${JSON.stringify(expected.within ?? expected.marker)}); got:\n${show(diagnostics)}`,
  ).toBeDefined();
  const diagnostic = found!;
  expect(diagnostic.severity).toBe(expected.severity ?? 'error');
  for (const word of expected.words) {
    if (typeof word === 'string') expect(diagnostic.message).toContain(word);
    else expect(diagnostic.message).toMatch(word);
  }
  for (const word of expected.notWords ?? []) {
    if (typeof word === 'string') expect(diagnostic.message).not.toContain(word);
    else expect(diagnostic.message).not.toMatch(word);
  }
  if (expected.data) expect(diagnostic.data).toMatchObject(expected.data);
  return diagnostic;
}

/** Validator wording that must never reach an officer. */
const JARGON = [/anyOf/, /oneOf/, /allOf/, /must match/i, /schemas?\b/i, /must NOT/, /must have required/, /additional propert/i, /\$defs/, /#\//];

function expectNoJargon(diagnostics: readonly Diagnostic[]): void {
  for (const diagnostic of diagnostics) {
    for (const pattern of JARGON) {
      expect(diagnostic.message, `message uses validator wording (${pattern}): ${diagnostic.message}`).not.toMatch(pattern);
    }
    // A form list that came out empty ("should be , not true") or undefined.
    expect(diagnostic.message).not.toMatch(/be ,|be \.|undefined|\[object/);
  }
}

/**
 * Checks the diagnostics are exactly the expected ones (one each, nothing else), all worded
 * without validator jargon.
 */
function expectExactly(diagnostics: readonly Diagnostic[], text: string, expected: Expected[]): Diagnostic[] {
  const found = expected.map((e) => expectDiagnostic(diagnostics, text, e));
  expect(diagnostics.length, `expected exactly ${expected.length} diagnostic(s); got:\n${show(diagnostics)}`).toBe(expected.length);
  expectNoJargon(diagnostics);
  return found;
}

// A plan with one theme and the given action(s), in YAML and in JSON.

function yamlPlanWithActions(actions: string): string {
  return ['title: Community Safety Partnership Action Plan 2013/14', 'themes:', '  - id: ASB', '    title: Anti-social behaviour', '    actions:', actions.replace(/\n$/, ''), ''].join('\n');
}

function jsonPlanWithActions(actions: string): string {
  return [
    '{',
    '  "title": "Community Safety Partnership Action Plan 2013/14",',
    '  "themes": [',
    '    {',
    '      "id": "ASB",',
    '      "title": "Anti-social behaviour",',
    '      "actions": [',
    actions.replace(/\n$/, ''),
    '      ]',
    '    }',
    '  ]',
    '}',
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// 1. The schemas themselves
// ---------------------------------------------------------------------------------------------

type SchemaObject = Record<string, unknown>;

function isObject(value: unknown): value is SchemaObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function resolvePointer(schema: SchemaObject, ref: string): SchemaObject | undefined {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = schema;
  for (const raw of ref.slice(1).split('/').filter(Boolean)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return isObject(node) ? node : undefined;
}

function nonEmpty(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

interface Walked {
  /** Subschemas with no title or description, even through their $ref. */
  missing: string[];
  /** Properties that take their title or description from their $ref's target. */
  inherited: string[];
  /** Every subschema visited, to show the walk went everywhere. */
  visited: string[];
}

/**
 * Walks every subschema (properties, patternProperties, additionalProperties, $defs, items,
 * anyOf branches) and checks each has a title and a description, its own or its $ref target's.
 */
function walkSchema(schema: SchemaObject): Walked {
  const result: Walked = { missing: [], inherited: [], visited: [] };
  const visit = (node: SchemaObject, path: string, isProperty: boolean) => {
    result.visited.push(path || '#');
    // Shared building blocks (text, id, lead, list-or-one forms) and plain structural nodes (an
    // anyOf branch that is only a type, an items schema) carry no title: yaml-language-server shows
    // the innermost title on hover, which would hide the field's own words. Building blocks say
    // what they are in $comment instead. Every property, and every object definition, has words.
    const structural = !isProperty && path !== '' && (nonEmpty(node.$comment) || !isObject(node.properties));
    for (const keyword of structural ? [] : (['title', 'description'] as const)) {
      if (nonEmpty(node[keyword])) continue;
      let target: SchemaObject | undefined = node;
      let inheritedValue: unknown;
      for (let hops = 0; target && typeof target.$ref === 'string' && hops < 16; hops++) {
        target = resolvePointer(schema, target.$ref);
        if (target && nonEmpty(target[keyword])) {
          inheritedValue = target[keyword];
          break;
        }
      }
      if (inheritedValue === undefined) result.missing.push(`${path || '#'} (${keyword})`);
      else if (isProperty) result.inherited.push(`${path} (${keyword})`);
    }
    const children = (container: unknown, prefix: string, property: boolean) => {
      if (!isObject(container)) return;
      for (const [key, child] of Object.entries(container)) if (isObject(child)) visit(child, `${path}/${prefix}/${key}`, property);
    };
    children(node.properties, 'properties', true);
    children(node.patternProperties, 'patternProperties', true);
    children(node.$defs, '$defs', false);
    if (isObject(node.additionalProperties)) visit(node.additionalProperties, `${path}/additionalProperties`, false);
    if (isObject(node.items)) visit(node.items, `${path}/items`, false);
    if (Array.isArray(node.anyOf)) node.anyOf.forEach((branch, i) => isObject(branch) && visit(branch, `${path}/anyOf/${i}`, false));
    if (Array.isArray(node.oneOf)) node.oneOf.forEach((branch, i) => isObject(branch) && visit(branch, `${path}/oneOf/${i}`, false));
  };
  visit(schema, '', false);
  return result;
}

describe('the schemas', () => {
  for (const [name, schema] of [
    ['plan.schema.json', planSchema],
    ['agencies.schema.json', agenciesSchema],
  ] as const) {
    it(`${name}: every property and object definition has a title and a description`, () => {
      const walked = walkSchema(schema);
      // The walk reached the nested places, not only the top.
      expect(walked.visited.length).toBeGreaterThan(name === 'plan.schema.json' ? 120 : 15);
      // Allowed, but reported: properties that are only a $ref and borrow their target's words.
      if (walked.inherited.length > 0) {
        console.info(`${name}: properties without their own title/description (taken from the $ref target):\n  ${walked.inherited.join('\n  ')}`);
      }
      expect(walked.missing, `subschemas with no title/description (not even through $ref):\n  ${walked.missing.join('\n  ')}`).toEqual([]);
    });

    it(`${name}: declares draft 2020-12 and an $id`, () => {
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(typeof schema.$id).toBe('string');
      expect(schema.$id).toMatch(/^https:\/\/\S+$/);
      expect(schema.$id.endsWith(`/${name}`)).toBe(true);
    });
  }

  it('the two schemas have different $ids', () => {
    expect(planSchema.$id).not.toBe(agenciesSchema.$id);
  });

  it('the agency, text and id definitions are identical in both schemas', () => {
    for (const def of ['agency', 'text', 'id']) {
      expect(agenciesSchema.$defs[def], `$defs/${def} is missing from agencies.schema.json`).toBeDefined();
      expect(agenciesSchema.$defs[def], `$defs/${def} differs between the two schemas`).toEqual(planSchema.$defs[def]);
    }
  });

  it('every $ref in both schemas points at an existing definition', () => {
    for (const schema of [planSchema, agenciesSchema]) {
      const refs: string[] = [];
      const collect = (node: unknown) => {
        if (Array.isArray(node)) node.forEach(collect);
        else if (isObject(node)) {
          if (typeof node.$ref === 'string') refs.push(node.$ref);
          Object.values(node).forEach(collect);
        }
      };
      collect(schema);
      expect(refs.length).toBeGreaterThan(0);
      for (const ref of refs) expect(resolvePointer(schema, ref), `${schema.$id}: ${ref}`).toBeDefined();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// 2. A valid plan using every field
// ---------------------------------------------------------------------------------------------

const FULL_PLAN = `$schema: ../schemas/plan.schema.json
title: Community Safety Partnership Action Plan 2013/14
partnership: Tonbridge and Malling Community Safety Partnership
summary: How the partnership will reduce crime and disorder, reviewed each quarter.
period:
  start: 2013-04-01
  end: 2014-03-31
asOf: 2013-12-31
lang: en
statusScheme:
  - key: green
    label: On track
    definition: Will be delivered on time
    colour: green
    aliases: [On track, OK]
  - key: amber
    label: Some slippage
    colour: amber
    complete: false
  - key: done
    label: Complete
    definition: Delivered
    colour: blue
    complete: true
    aliases: [Done, Completed]
registers:
  - kent.agencies.yaml
agencies:
  - id: TMBC
    name: Tonbridge and Malling Borough Council
    aliases: [T&M BC, Tonbridge & Malling BC]
    kind: agency
    url: https://www.tmbc.gov.uk
    notes: The lead authority for the partnership
  - id: TMBC-CS
    name: TMBC Community Safety Unit
    kind: service
    parent: TMBC
  - id: 42
    name: Task group 42
    kind: group
footnotes:
  - mark: '*'
    text: Funded by the Police and Crime Commissioner
risks:
  - id: R1
    title: Funding ends
    status: amber
    owner: [TMBC, {agency: Kent Police, officer: Chief Inspector}]
    mitigation: Seek other funding
    notes: Reviewed quarterly
themes:
  - id: ASB
    title: Anti-social behaviour
    lead: {agency: TMBC, officer: Community Safety Manager}
    aim: Reduce anti-social behaviour
    description: Anti-social behaviour remains the top concern in residents' surveys.
    objectives: [Reduce repeat victims, Improve reporting]
    partners: [TMBC, Kent Police]
    links: [National ASB strategy, {strategy: Kent Community Safety Agreement}]
    notes: Theme notes
    extra:
      Funding: PCC grant
    x-owner: Board
    actions:
      - id: 1.10
        title: Run joint patrols in hotspot areas
        objective: Reduce ASB in hotspots
        outcome: Fewer incidents reported
        outputs: [Patrol schedule, Monthly report]
        measures:
          - Number of patrols
          - Number of partners attending
        baseline: 33 referrals
        target: 40
        achieved: partially-met
        polarity: higher
        lead:
          - TMBC
          - agency: Kent Police
            officer: Inspector
            group: Police mainstream activity
        partners: KCC
        due: 2014-03-31
        status: green
        completed: 2014-03-01
        percentComplete: 75
        links:
          - (5.1)
          - text: reducing drug-related crime
            strategy: National Drug Strategy 2010
            plan: other.plan.yaml
            theme: DRG
            action: 5.1
            url: https://www.gov.uk/government/publications/drug-strategy-2010
        notes: Resourced from the PCC grant
        updates:
          - asOf: 2013-09-30
            status: amber
            text: Schedule delayed
            value: 8
            by: Community Safety Manager
          - asOf: 2013-12-31
            status: green
            text: Patrols started
            value: '82%'
        milestones:
          - id: 1.10.1
            title: Agree the patrol schedule
            due: Q3 2013/14
            lead: TMBC
            partners: [Kent Police]
            status: done
            completed: 2013-10-01
            measure: Schedule agreed
            links: [{action: 1.10}]
            updates:
              - asOf: 2013-10-01
                text: Agreed at the October meeting
            notes: Milestone notes
            extra:
              Cost: nil
            x-ref: M1
          - title: Review
            measure: [Report, Minutes]
        extra:
          Funding: [PCC grant, Council]
          Ward: 7
        x-internal: yes
  - id: 2
    title: Domestic abuse
    actions: []
extra:
  Approved by: Board, June 2013
x-generated: by hand
`;

/** Every place in the schema where a property is defined: `/$defs/action/properties/lead` and so on. */
function propertyLocations(schema: SchemaObject): string[] {
  const out: string[] = [];
  const walk = (node: unknown, path: string) => {
    if (Array.isArray(node)) node.forEach((child, i) => walk(child, `${path}/${i}`));
    else if (isObject(node)) {
      for (const [key, child] of Object.entries(node)) {
        if (key === 'properties' && isObject(child)) for (const name of Object.keys(child)) out.push(`${path}/properties/${name}`);
        walk(child, `${path}/${key}`);
      }
    }
  };
  walk(schema, '');
  return out;
}

/** The property locations a value uses, walking it along the schema (every anyOf branch that fits its shape). */
function usedLocations(schema: SchemaObject, value: unknown): Set<string> {
  const used = new Set<string>();
  const shapeFits = (node: SchemaObject, v: unknown): boolean => {
    const types = node.type === undefined ? [] : Array.isArray(node.type) ? node.type : [node.type];
    if (types.length === 0) return true;
    if (Array.isArray(v)) return types.includes('array');
    if (isObject(v)) return types.includes('object');
    return !types.includes('array') && !types.includes('object');
  };
  const visit = (path: string, v: unknown, depth: number) => {
    if (depth > 64) return;
    const node = resolvePointer(schema, `#${path}`);
    if (!node) return;
    if (typeof node.$ref === 'string') visit(node.$ref.slice(1), v, depth + 1);
    if (Array.isArray(node.anyOf)) {
      node.anyOf.forEach((branch, i) => {
        const target = isObject(branch) && typeof branch.$ref === 'string' ? resolvePointer(schema, branch.$ref) : branch;
        if (isObject(target) && (target.anyOf || shapeFits(target, v))) visit(`${path}/anyOf/${i}`, v, depth + 1);
      });
    }
    if (isObject(v)) {
      const properties = isObject(node.properties) ? node.properties : {};
      for (const [key, child] of Object.entries(v)) {
        if (Object.prototype.hasOwnProperty.call(properties, key)) {
          used.add(`${path}/properties/${key}`);
          visit(`${path}/properties/${key}`, child, depth + 1);
        } else if (isObject(node.additionalProperties)) {
          visit(`${path}/additionalProperties`, child, depth + 1);
        }
      }
    }
    if (Array.isArray(v) && isObject(node.items)) v.forEach((item) => visit(`${path}/items`, item, depth + 1));
  };
  visit('', value, 0);
  return used;
}

describe('a valid plan', () => {
  const expectedValue = parseWithYamlPackage(FULL_PLAN, { version: '1.2', schema: 'core' });

  it('the test plan uses every field the plan schema defines', () => {
    const used = usedLocations(planSchema, expectedValue);
    const unused = propertyLocations(planSchema).filter((location) => !used.has(location));
    expect(unused, 'fields of the plan schema the full test plan does not use').toEqual([]);
  });

  it('validates with no diagnostics as YAML (fast reader and full parser)', () => {
    const diagnostics = planDiagnostics(FULL_PLAN);
    expect(diagnostics, show(diagnostics)).toEqual([]);
    const file = readPlanFile(FULL_PLAN, { fileName: 'x.plan.yaml' });
    expect(file.value).toEqual(expectedValue);
    expect(file.plan).toBeDefined();
    expect(file.plan!.themes.map((t) => t.title)).toEqual(['Anti-social behaviour', 'Domestic abuse']);
  });

  it('validates with no diagnostics as JSON (x.plan.json)', () => {
    const json = JSON.stringify(expectedValue, null, 2);
    const file = readPlanFile(json, { fileName: 'x.plan.json' });
    expect(file.source.reader).toBe('json');
    expect(file.diagnostics, show(file.diagnostics)).toEqual([]);
    expect(file.value).toEqual(expectedValue);
    expect(file.plan!.themes[0].actions[0].title).toBe('Run joint patrols in hotspot areas');
  });

  it('string fields with a minimum length (status, legend key, footnote mark, period text) validate without throwing', () => {
    const text = `title: Plan
period: 2013/14
statusScheme:
  - key: on-track
    label: On track
    colour: green
footnotes:
  - mark: '*'
    text: PCC funded
themes:
  - title: T
    actions:
      - title: A
        status: on-track
`;
    let diagnostics: Diagnostic[] | undefined;
    expect(() => {
      diagnostics = readPlanFile(text, { fileName: 'x.plan.yaml' }).diagnostics;
    }).not.toThrow();
    expect(diagnostics).toEqual([]);
    // And an empty one is reported as empty, not thrown.
    const empty = 'title: Plan\nthemes:\n  - title: T\n    actions:\n      - title: A\n        status: ""\n';
    let emptyDiagnostics: Diagnostic[] = [];
    expect(() => {
      emptyDiagnostics = readPlanFile(empty, { fileName: 'x.plan.yaml' }).diagnostics;
    }).not.toThrow();
    expectExactly(emptyDiagnostics, empty, [{ code: 'schema-length', marker: '""', words: ['"status"', 'empty'] }]);
  });

  it('accepts the other forms of a plan period, lead and link', () => {
    const text = `title: Plan
period: 2013/14
themes:
  - title: T
    lead: KCC
    actions:
      - title: A
        lead: [KCC, TMBC]
        partners: {agency: KCC}
        links: ['(5.1)', {text: see 5.1}]
        outcome: [One, 2]
`;
    expect(planDiagnostics(text), show(planDiagnostics(text))).toEqual([]);
  });

  it('accepts an agency listed under a heading (group), and the model keeps the heading as written', () => {
    const text = `title: Plan
themes:
  - title: T
    lead: {agency: RBK, group: RBK mainstream activity continued}
    partners:
      - Businesses
      - {agency: RBK, officer: Community Care, group: 'RBK mainstream activity :'}
      - agency: Community Care
        group: RBK mainstream activity
      - {agency: SNT, group: 2011}
    actions:
      - title: A
        partners: {agency: KCC, group: Kent partners}
`;
    expect(planDiagnostics(text), show(planDiagnostics(text))).toEqual([]);
    const plan = readPlanFile(text, { fileName: 'x.plan.yaml' }).plan!;
    const theme = plan.themes[0];
    expect(theme.lead.map((m) => [m.text, m.officer, m.group])).toEqual([['RBK', undefined, 'RBK mainstream activity continued']]);
    expect(theme.partners.map((m) => [m.text, m.officer, m.group])).toEqual([
      ['Businesses', undefined, undefined],
      ['RBK', 'Community Care', 'RBK mainstream activity :'],
      ['Community Care', undefined, 'RBK mainstream activity'],
      ['SNT', undefined, '2011'],
    ]);
    expect(theme.partners[0]).not.toHaveProperty('group');
    // The mention still points at its agency, for the checks and the editor.
    expect(theme.partners[1].path).toEqual(['themes', 0, 'partners', 1, 'agency']);
    expect(theme.actions[0].partners[0].group).toBe('Kent partners');
  });

  it('a register using every field validates as YAML and as JSON', () => {
    const text = `$schema: ../schemas/agencies.schema.json
title: Kent community safety agencies
partnership: Kent Community Safety Partnership
registers: [england.agencies.yaml]
agencies:
  - id: KCC
    name: Kent County Council
    aliases: [Kent CC]
    kind: agency
    url: https://www.kent.gov.uk
    notes: Upper-tier authority
  - id: KCC-TS
    name: KCC Trading Standards
    kind: service
    parent: KCC
x-source: hand made
`;
    const value = parseWithYamlPackage(text, { version: '1.2', schema: 'core' });
    const used = usedLocations(agenciesSchema, value);
    expect(propertyLocations(agenciesSchema).filter((location) => !used.has(location))).toEqual([]);
    expect(registerDiagnostics(text), show(registerDiagnostics(text))).toEqual([]);
    const json = readRegisterFile(JSON.stringify(value, null, 2), { fileName: 'kent.agencies.json' });
    expect(json.diagnostics, show(json.diagnostics)).toEqual([]);
    expect(json.register!.agencies.map((a) => a.id)).toEqual(['KCC', 'KCC-TS']);
  });
});

// ---------------------------------------------------------------------------------------------
// 3. YAML 1.2 core schema
// ---------------------------------------------------------------------------------------------

describe('YAML 1.2 core schema', () => {
  const text = `title: yes
partnership: on
summary: no
asOf: 2018-03-31
themes:
  - id: 01
    title: off
    actions:
      - id: 1.10
        title: Y
        due: 2018-03-31
        completed: 2018-03-30
        baseline: 1.50
`;

  it('is valid, for the fast reader and the full parser', () => {
    expect(planDiagnostics(text), show(planDiagnostics(text))).toEqual([]);
  });

  it('keeps an unquoted date (asOf, due) as a string', () => {
    for (const fastPath of [true, false]) {
      const file = readPlanFile(text, { fileName: 'x.plan.yaml', fastPath });
      const value = file.value as { asOf: unknown; themes: { actions: { due: unknown; completed: unknown }[] }[] };
      expect(value.asOf).toBe('2018-03-31');
      expect(value.themes[0].actions[0].due).toBe('2018-03-31');
      expect(value.themes[0].actions[0].completed).toBe('2018-03-30');
      expect(file.plan!.asOf).toBe('2018-03-31');
    }
  });

  it("keeps an unquoted number id as typed: id 1.10 is '1.10' in the model", () => {
    for (const fastPath of [true, false]) {
      const file = readPlanFile(text, { fileName: 'x.plan.yaml', fastPath });
      expect(file.plan!.themes[0].actions[0].id).toBe('1.10');
      expect(file.plan!.themes[0].id).toBe('01');
    }
  });

  it("reads yes/no/on/off as words (YAML 1.2), not booleans: title 'yes' is valid", () => {
    for (const fastPath of [true, false]) {
      const file = readPlanFile(text, { fileName: 'x.plan.yaml', fastPath });
      const value = file.value as Record<string, unknown> & { themes: { title: unknown }[] };
      expect(value.title).toBe('yes');
      expect(value.partnership).toBe('on');
      expect(value.summary).toBe('no');
      expect(value.themes[0].title).toBe('off');
      expect(file.plan!.title).toBe('yes');
    }
  });

  it('the same plan as JSON with the id as a string keeps it too', () => {
    const json = '{"title": "yes", "themes": [{"title": "T", "actions": [{"id": "1.10", "title": "A", "due": "2018-03-31"}]}]}';
    const file = readPlanFile(json, { fileName: 'x.plan.json' });
    expect(file.diagnostics).toEqual([]);
    expect(file.plan!.themes[0].actions[0].id).toBe('1.10');
  });

  it('a JSON number id keeps the digits as typed', () => {
    const json = '{"title": "T", "themes": [{"title": "T", "actions": [{"id": 1.10, "title": "A"}]}]}';
    const file = readPlanFile(json, { fileName: 'x.plan.json' });
    expect(file.diagnostics).toEqual([]);
    expect(file.plan!.themes[0].actions[0].id).toBe('1.10');
  });
});

// ---------------------------------------------------------------------------------------------
// 4, 5, 7. Schema errors at exact positions, in YAML and JSON
// ---------------------------------------------------------------------------------------------

interface SchemaCase {
  name: string;
  yaml: string;
  json: string;
  /** Expectations for the YAML text; `jsonMarkers` maps each marker to the JSON text's. */
  expected: Expected[];
  jsonMarkers: { marker: string; within?: string }[];
}

const schemaCases: SchemaCase[] = [
  {
    name: 'missing title on the plan',
    yaml: '# Safer Kingston partnership plan\nthemes:\n  - title: Anti-social behaviour\n',
    json: '{\n  "themes": [\n    { "title": "Anti-social behaviour" }\n  ]\n}\n',
    expected: [{ code: 'schema-required', marker: 'themes:', words: ['"title"', 'plan', 'required'], data: { missingProperty: 'title' } }],
    jsonMarkers: [{ marker: '{\n  "themes"', within: '{' }],
  },
  {
    name: 'missing title on an action',
    yaml: yamlPlanWithActions('      - id: 1.1\n        title: Patrols\n      - id: "1.2"\n        lead: KCC\n        due: March 2014\n'),
    json: jsonPlanWithActions('        { "id": "1.1", "title": "Patrols" },\n        {\n          "id": "1.2",\n          "lead": "KCC"\n        }\n'),
    expected: [{ code: 'schema-required', marker: '- id: "1.2"', within: 'id', words: ['action', '"title"', 'required'], data: { missingProperty: 'title' } }],
    jsonMarkers: [{ marker: '{\n          "id": "1.2"', within: '{' }],
  },
  {
    name: 'unknown field lead_agency on an action (suggests lead)',
    yaml: yamlPlanWithActions('      - id: 1.1\n        title: Patrols\n        lead_agency: KCC\n'),
    json: jsonPlanWithActions('        {\n          "id": "1.1",\n          "title": "Patrols",\n          "lead_agency": "KCC"\n        }\n'),
    expected: [{ code: 'schema-unknown-field', marker: 'lead_agency', words: ['"lead_agency"', 'action', '"lead"'], data: { field: 'lead_agency', suggestion: 'lead' } }],
    jsonMarkers: [{ marker: '"lead_agency"' }],
  },
  {
    name: 'misspelt field stauts on an action (suggests status)',
    yaml: yamlPlanWithActions('      - id: 1.1\n        title: Patrols\n        stauts: green\n'),
    json: jsonPlanWithActions('        { "id": "1.1", "title": "Patrols", "stauts": "green" }\n'),
    expected: [{ code: 'schema-unknown-field', marker: 'stauts', words: ['"stauts"', 'Did you mean "status"'], data: { field: 'stauts', suggestion: 'status' } }],
    jsonMarkers: [{ marker: '"stauts"' }],
  },
  {
    name: 'themes: 5',
    yaml: 'title: Plan\nthemes: 5\n',
    json: '{\n  "title": "Plan",\n  "themes": 5\n}\n',
    expected: [{ code: 'schema-type', marker: 'themes: 5', within: '5', words: ['"themes"', 'a list', 'the number 5'] }],
    jsonMarkers: [{ marker: '"themes": 5', within: '5' }],
  },
  {
    name: 'asOf: 2025-02-30 is not a real date',
    yaml: 'title: Plan\nasOf: 2025-02-30\nthemes: []\n',
    json: '{\n  "title": "Plan",\n  "asOf": "2025-02-30",\n  "themes": []\n}\n',
    expected: [{ code: 'schema-format', marker: '2025-02-30', words: ['2025-02-30', 'not a real date', 'YYYY-MM-DD'], data: { format: 'date' } }],
    jsonMarkers: [{ marker: '"2025-02-30"' }],
  },
  {
    name: 'asOf: 2023-02-29 is not a real date (not a leap year)',
    yaml: 'title: Plan\nasOf: 2023-02-29\nthemes: []\n',
    json: '{"title": "Plan", "asOf": "2023-02-29", "themes": []}',
    expected: [{ code: 'schema-format', marker: '2023-02-29', words: ['2023-02-29', 'not a real date'] }],
    jsonMarkers: [{ marker: '"2023-02-29"' }],
  },
  {
    name: 'completed: 31/03/2014 is not written YYYY-MM-DD',
    yaml: yamlPlanWithActions('      - title: Patrols\n        completed: 31/03/2014\n'),
    json: jsonPlanWithActions('        { "title": "Patrols", "completed": "31/03/2014" }\n'),
    expected: [{ code: 'schema-format', marker: '31/03/2014', words: ['31/03/2014', 'YYYY-MM-DD'] }],
    jsonMarkers: [{ marker: '"31/03/2014"' }],
  },
  {
    name: 'achieved: yes',
    yaml: yamlPlanWithActions('      - title: Patrols\n        achieved: yes\n'),
    json: jsonPlanWithActions('        { "title": "Patrols", "achieved": "yes" }\n'),
    expected: [{ code: 'schema-enum', marker: 'achieved: yes', within: 'yes', words: ['"met"', '"not-met"', '"partially-met"', '"yes"'] }],
    jsonMarkers: [{ marker: '"achieved": "yes"', within: '"yes"' }],
  },
  {
    name: 'percentComplete: 150',
    yaml: yamlPlanWithActions('      - title: Patrols\n        percentComplete: 150\n'),
    json: jsonPlanWithActions('        { "title": "Patrols", "percentComplete": 150 }\n'),
    expected: [{ code: 'schema-range', marker: '150', words: ['"percentComplete"', '0', '100', '150'] }],
    jsonMarkers: [{ marker: '150' }],
  },
  {
    name: 'url: ftp://x on an agency',
    yaml: 'title: Plan\nagencies:\n  - id: KCC\n    name: Kent County Council\n    url: ftp://x\nthemes: []\n',
    json: '{\n  "title": "Plan",\n  "agencies": [\n    { "id": "KCC", "name": "Kent County Council", "url": "ftp://x" }\n  ],\n  "themes": []\n}\n',
    expected: [{ code: 'schema-pattern', marker: 'ftp://x', words: ['"url"', 'http://', 'https://'] }],
    jsonMarkers: [{ marker: '"ftp://x"' }],
  },
  {
    name: 'statusScheme colour purple',
    yaml: 'title: Plan\nstatusScheme:\n  - key: green\n    label: On track\n    colour: green\n  - key: special\n    label: Special\n    colour: purple\nthemes: []\n',
    json: '{\n  "title": "Plan",\n  "statusScheme": [\n    { "key": "special", "label": "Special", "colour": "purple" }\n  ],\n  "themes": []\n}\n',
    expected: [{ code: 'schema-enum', marker: 'purple', words: ['"colour"', '"purple"', '"red"', '"amber"', '"green"', '"blue"', '"grey"'], data: { allowed: ['red', 'amber', 'green', 'blue', 'grey'] } }],
    jsonMarkers: [{ marker: '"purple"' }],
  },
  {
    name: 'an empty title: says empty, not a type error',
    yaml: 'title:\nthemes: []\n',
    json: '{\n  "title": null,\n  "themes": []\n}\n',
    expected: [{ code: 'schema-type', marker: 'title:', words: ['"title"', 'empty'], notWords: [/not nothing/, /null/, /number/] }],
    jsonMarkers: [{ marker: '"title": null', within: 'null' }],
  },
  {
    name: 'an empty title on an action',
    yaml: yamlPlanWithActions('      - id: 1.1\n        title:\n        lead: KCC\n'),
    json: jsonPlanWithActions('        { "id": "1.1", "title": null, "lead": "KCC" }\n'),
    expected: [{ code: 'schema-type', marker: 'title:\n        lead', within: 'title', words: ['"title"', 'empty'], notWords: [/not nothing/, /null/] }],
    jsonMarkers: [{ marker: '"title": null', within: 'null' }],
  },
  // 5. The best anyOf branch.
  {
    name: 'a lead {agency, oficer} reports the unknown field oficer (suggesting officer)',
    yaml: yamlPlanWithActions('      - title: Patrols\n        lead: {agency: KCC, oficer: Team Leader}\n'),
    json: jsonPlanWithActions('        {\n          "title": "Patrols",\n          "lead": { "agency": "KCC", "oficer": "Team Leader" }\n        }\n'),
    expected: [{ code: 'schema-unknown-field', marker: 'oficer', words: ['"oficer"', '"officer"'], data: { field: 'oficer', suggestion: 'officer' } }],
    jsonMarkers: [{ marker: '"oficer"' }],
  },
  {
    name: 'lead: [KCC, {agenc: KCC}] reports the second item: unknown agenc and missing agency',
    yaml: yamlPlanWithActions('      - title: Patrols\n        lead: [KCC, {agenc: KCC}]\n'),
    json: jsonPlanWithActions('        {\n          "title": "Patrols",\n          "lead": ["KCC", { "agenc": "KCC" }]\n        }\n'),
    expected: [
      { code: 'schema-unknown-field', marker: 'agenc:', within: 'agenc', words: ['"agenc"', '"agency"'], data: { field: 'agenc', suggestion: 'agency' } },
      { code: 'schema-required', marker: '{agenc', within: '{', words: ['"agency"', 'required'], data: { missingProperty: 'agency' } },
    ],
    jsonMarkers: [{ marker: '"agenc"' }, { marker: '{ "agenc"', within: '{' }],
  },
  {
    name: 'lead: true reports one type error naming the allowed forms',
    yaml: yamlPlanWithActions('      - title: Patrols\n        lead: true\n'),
    json: jsonPlanWithActions('        { "title": "Patrols", "lead": true }\n'),
    expected: [{ code: 'schema-type', marker: 'true', words: ['"lead"', 'text', 'a list', 'true'] }],
    jsonMarkers: [{ marker: 'true' }],
  },
  {
    name: 'period: {start} reports the missing end, not a type error',
    yaml: 'title: Plan\nperiod: {start: 2013-04-01}\nthemes: []\n',
    json: '{\n  "title": "Plan",\n  "period": { "start": "2013-04-01" },\n  "themes": []\n}\n',
    expected: [{ code: 'schema-required', marker: '{start', within: '{', words: ['"end"', 'required'], notWords: [/text/], data: { missingProperty: 'end' } }],
    jsonMarkers: [{ marker: '{ "start"', within: '{' }],
  },
  {
    name: 'a link {action: 5.1, colour: red} reports the unknown field',
    yaml: yamlPlanWithActions('      - title: Patrols\n        links:\n          - {action: 5.1, colour: red}\n'),
    json: jsonPlanWithActions('        {\n          "title": "Patrols",\n          "links": [{ "action": 5.1, "colour": "red" }]\n        }\n'),
    expected: [{ code: 'schema-unknown-field', marker: 'colour', words: ['"colour"'], data: { field: 'colour' } }],
    jsonMarkers: [{ marker: '"colour"' }],
  },
  {
    name: 'a period with a bad end date reports the date, not the text form',
    yaml: 'title: Plan\nperiod:\n  start: 2013-04-01\n  end: 2014-02-30\nthemes: []\n',
    json: '{"title": "Plan", "period": {"start": "2013-04-01", "end": "2014-02-30"}, "themes": []}',
    expected: [{ code: 'schema-format', marker: '2014-02-30', words: ['2014-02-30', 'not a real date'] }],
    jsonMarkers: [{ marker: '"2014-02-30"' }],
  },
  {
    name: 'a milestone partner {agency, role} reports the unknown field role',
    yaml: yamlPlanWithActions('      - title: Patrols\n        milestones:\n          - title: Step\n            partners:\n              - KCC\n              - agency: TMBC\n                role: Officer\n'),
    json: jsonPlanWithActions('        { "title": "Patrols", "milestones": [{ "title": "Step", "partners": ["KCC", { "agency": "TMBC", "role": "Officer" }] }] }\n'),
    expected: [{ code: 'schema-unknown-field', marker: 'role', words: ['"role"'], data: { field: 'role' } }],
    jsonMarkers: [{ marker: '"role"' }],
  },
  {
    name: 'an extra column holding a set of fields: one type error naming text or a list',
    yaml: yamlPlanWithActions('      - title: Patrols\n        extra:\n          Funding: {amount: 5}\n'),
    json: jsonPlanWithActions('        { "title": "Patrols", "extra": { "Funding": { "amount": 5 } } }\n'),
    expected: [{ code: 'schema-type', marker: '{amount', within: '{', words: ['"Funding"', 'text', 'a list'] }],
    jsonMarkers: [{ marker: '{ "amount"', within: '{' }],
  },
  {
    name: 'a partner listed under a heading written as a list: one type error at the heading',
    yaml: yamlPlanWithActions('      - title: Patrols\n        partners:\n          - KCC\n          - agency: RBK\n            group: [RBK mainstream activity]\n'),
    json: jsonPlanWithActions('        { "title": "Patrols", "partners": ["KCC", { "agency": "RBK", "group": ["RBK mainstream activity"] }] }\n'),
    expected: [{ code: 'schema-type', marker: '[RBK mainstream activity]', within: '[', words: ['"group"', 'text', 'a list'] }],
    jsonMarkers: [{ marker: '["RBK mainstream activity"]', within: '[' }],
  },
  {
    name: 'a lead listed under a heading written as a set of fields: one type error at the heading',
    yaml: yamlPlanWithActions('      - title: Patrols\n        lead: {agency: RBK, officer: CCTV, group: {name: RBK}}\n'),
    json: jsonPlanWithActions('        { "title": "Patrols", "lead": { "agency": "RBK", "officer": "CCTV", "group": { "name": "RBK" } } }\n'),
    expected: [{ code: 'schema-type', marker: '{name: RBK}', within: '{', words: ['"group"', 'text'] }],
    jsonMarkers: [{ marker: '{ "name": "RBK" }', within: '{' }],
  },
];

describe('schema errors at exact positions (YAML)', () => {
  for (const testCase of schemaCases) {
    it(testCase.name, () => {
      const diagnostics = planDiagnostics(testCase.yaml);
      expectExactly(diagnostics, testCase.yaml, testCase.expected);
    });
  }

  it('asOf: 2024-02-29 is a real date (leap year)', () => {
    const text = 'title: Plan\nasOf: 2024-02-29\nthemes: []\n';
    expect(planDiagnostics(text), show(planDiagnostics(text))).toEqual([]);
  });

  it('the range of an unknown field covers exactly the key', () => {
    const text = schemaCases[2].yaml;
    const [diagnostic] = planDiagnostics(text);
    expect(diagnostic.range).toEqual({ start: at(text, 'lead_agency'), end: at(text, 'lead_agency: KCC', ': KCC') });
  });

  it('a required field on an action underlines only the first line of the action', () => {
    const text = schemaCases[1].yaml;
    const [diagnostic] = planDiagnostics(text);
    expect(diagnostic.range.end.line).toBe(diagnostic.range.start.line);
  });

  it('several errors in one plan are each reported at their own place', () => {
    const text = yamlPlanWithActions(
      '      - id: 1.1\n        title: Patrols\n        achieved: yes\n        percentComplete: 150\n      - id: 1.2\n        lead_agency: KCC\n',
    ).replace('title: Community', 'asOf: 2025-02-30\ntitle: Community');
    const diagnostics = planDiagnostics(text);
    expectExactly(diagnostics, text, [
      { code: 'schema-format', marker: '2025-02-30', words: ['not a real date'] },
      { code: 'schema-enum', marker: 'achieved: yes', within: 'yes', words: ['"met"'] },
      { code: 'schema-range', marker: '150', words: ['100'] },
      { code: 'schema-required', marker: '- id: 1.2', within: 'id', words: ['"title"'] },
      { code: 'schema-unknown-field', marker: 'lead_agency', words: ['"lead_agency"'] },
    ]);
  });
});

describe('schema errors at exact positions (JSON)', () => {
  for (const testCase of schemaCases) {
    it(testCase.name, () => {
      const diagnostics = planDiagnostics(testCase.json, 'x.plan.json');
      const expected = testCase.expected.map((e, i) => ({ ...e, marker: testCase.jsonMarkers[i].marker, within: testCase.jsonMarkers[i].within }));
      expectExactly(diagnostics, testCase.json, expected);
    });
  }

  it('asOf: "2024-02-29" is a real date (leap year)', () => {
    const file = readPlanFile('{"title": "Plan", "asOf": "2024-02-29", "themes": []}', { fileName: 'x.plan.json' });
    expect(file.diagnostics).toEqual([]);
  });
});

describe('best anyOf branch: never validator wording', () => {
  const badPlans = schemaCases.filter((c) => /lead|period|link|extra|partner|Funding/.test(c.name)).flatMap((c) => [
    { name: `${c.name} (YAML)`, text: c.yaml, fileName: 'x.plan.yaml' },
    { name: `${c.name} (JSON)`, text: c.json, fileName: 'x.plan.json' },
  ]);
  badPlans.push(
    {
      name: 'everything wrong at once',
      text: `title: [Plan]
period: 5
themes:
  - title: T
    lead: [{officer: X}, 5, [KCC]]
    links: [{}]
    actions:
      - title: A
        partners: {agency: [KCC]}
        outcome: {a: b}
        links: [{url: ftp://x}, {action: [1]}]
        milestones:
          - title: M
            lead: {agency: KCC, officer: {name: X}}
`,
      fileName: 'x.plan.yaml',
    },
  );

  it('everything wrong at once: every bad line is reported', () => {
    const plan = badPlans[badPlans.length - 1];
    const diagnostics = readPlanFile(plan.text, { fileName: plan.fileName }).diagnostics;
    const lines = new Set(diagnostics.map((d) => d.range.start.line));
    for (const marker of ['title: [Plan]', 'period: 5', '{officer: X}', '[KCC]]', 'links: [{}]', 'partners: {agency: [KCC]}', 'outcome: {a: b}', 'ftp://x', 'officer: {name: X}']) {
      expect(lines.has(at(plan.text, marker).line), `nothing reported on the line of ${marker}; got:\n${show(diagnostics)}`).toBe(true);
    }
    expectNoJargon(diagnostics);
  });

  for (const plan of badPlans) {
    it(plan.name, () => {
      const diagnostics = readPlanFile(plan.text, { fileName: plan.fileName }).diagnostics;
      expect(diagnostics.length, `a bad plan was reported valid:\n${plan.text}`).toBeGreaterThan(0);
      for (const diagnostic of diagnostics) {
        expect(diagnostic.message).not.toMatch(/anyOf|oneOf|must match|schemas/);
        expect(diagnostic.code).toMatch(/^schema-/);
      }
      expectNoJargon(diagnostics);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// 6. Register files
// ---------------------------------------------------------------------------------------------

describe('register files', () => {
  it('an agency without a name: schema-required at that agency', () => {
    const text = 'title: Kent agencies\nagencies:\n  - id: KCC\n    name: Kent County Council\n  - id: TMBC\n    aliases: [T&M BC]\n';
    expectExactly(registerDiagnostics(text, 'kent.agencies.yaml'), text, [
      { code: 'schema-required', marker: 'id: TMBC', words: ['agency', '"name"', 'required'], data: { missingProperty: 'name' } },
    ]);
  });

  it('an unknown top-level key: schema-unknown-field at the key', () => {
    const text = 'title: Kent agencies\nagencies:\n  - id: KCC\n    name: Kent County Council\nthemes: []\n';
    const [diagnostic] = expectExactly(registerDiagnostics(text, 'kent.agencies.yaml'), text, [
      { code: 'schema-unknown-field', marker: 'themes', words: ['"themes"', 'register'], data: { field: 'themes' } },
    ]);
    expect(diagnostic.range.end).toEqual(at(text, 'themes: []', ': []'));
  });

  it('a misspelt top-level key suggests the right one', () => {
    const text = 'agencys:\n  - id: KCC\n    name: Kent County Council\n';
    const diagnostics = registerDiagnostics(text, 'kent.agencies.yaml');
    expectDiagnostic(diagnostics, text, { code: 'schema-unknown-field', marker: 'agencys', words: ['"agencys"', '"agencies"'], data: { suggestion: 'agencies' } });
    expectDiagnostic(diagnostics, text, { code: 'schema-required', marker: 'agencys', words: ['"agencies"'] });
    expectNoJargon(diagnostics);
  });

  it('the same errors in a JSON register', () => {
    const text = '{\n  "agencies": [\n    { "id": "KCC", "name": "Kent County Council" },\n    { "id": "TMBC", "kind": "council" }\n  ],\n  "themes": []\n}\n';
    expectExactly(registerDiagnostics(text, 'kent.agencies.json'), text, [
      { code: 'schema-required', marker: '{ "id": "TMBC"', within: '{', words: ['"name"'] },
      { code: 'schema-enum', marker: '"council"', words: ['"agency"', '"group"', '"service"'] },
      { code: 'schema-unknown-field', marker: '"themes"', words: ['"themes"'] },
    ]);
  });

  it('a register agency with a bad url', () => {
    const text = 'agencies:\n  - id: KCC\n    name: Kent County Council\n    url: www.kent.gov.uk\n';
    expectExactly(registerDiagnostics(text, 'kent.agencies.yaml'), text, [
      { code: 'schema-pattern', marker: 'www.kent.gov.uk', words: ['http://'] },
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// 7. JSON syntax
// ---------------------------------------------------------------------------------------------

describe('JSON syntax', () => {
  it('a trailing comma: json-syntax at the comma', () => {
    const text = '{\n  "title": "Plan",\n  "themes": [],\n}\n';
    const file = readPlanFile(text, { fileName: 'x.plan.json' });
    expect(file.plan).toBeUndefined();
    expect(file.diagnostics.every((d) => d.code === 'json-syntax')).toBe(true);
    expectDiagnostic(file.diagnostics, text, { code: 'json-syntax', marker: '[],', within: ',', words: [/comma/i] });
  });

  it('a trailing comma in a list: json-syntax at the comma', () => {
    const text = '{\n  "title": "Plan",\n  "themes": [\n    { "title": "T" },\n  ]\n}\n';
    const file = readPlanFile(text, { fileName: 'x.plan.json' });
    expectDiagnostic(file.diagnostics, text, { code: 'json-syntax', marker: '"T" },', within: ',', words: [/comma/i] });
  });

  it('a missing closing brace inside the themes: json-syntax where the } belongs', () => {
    const text = '{\n  "title": "Plan",\n  "themes": [\n    {\n      "title": "T"\n  ]\n}\n';
    const file = readPlanFile(text, { fileName: 'x.plan.json' });
    expect(file.plan).toBeUndefined();
    expect(file.diagnostics.length).toBeGreaterThan(0);
    expect(file.diagnostics.every((d) => d.code === 'json-syntax' && d.severity === 'error')).toBe(true);
    // The first problem reported is where the ] appears instead of the }.
    const first = [...file.diagnostics].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)[0];
    expect(first.range.start).toEqual(at(text, '\n  ]', ']'));
  });

  it('a missing final brace: json-syntax at the end of the file saying a } is missing', () => {
    const text = '{\n  "title": "Plan",\n  "themes": []\n';
    const file = readPlanFile(text, { fileName: 'x.plan.json' });
    expect(file.diagnostics).toHaveLength(1);
    expect(file.diagnostics[0].code).toBe('json-syntax');
    expect(file.diagnostics[0].range.start).toEqual(endOf(text));
    expect(file.diagnostics[0].message).toContain('}');
  });

  it('duplicate keys: duplicate-key at the second key', () => {
    const text = '{\n  "title": "Plan",\n  "themes": [],\n  "title": "Another plan"\n}\n';
    const file = readPlanFile(text, { fileName: 'x.plan.json' });
    expectExactly(file.diagnostics, text, [{ code: 'duplicate-key', marker: '"title": "Another', within: '"title"', words: ['"title"', 'twice'] }]);
  });

  it('duplicate keys inside an action', () => {
    const text = jsonPlanWithActions('        {\n          "title": "Patrols",\n          "due": "2014-03-31",\n          "due": "Ongoing"\n        }\n');
    const file = readPlanFile(text, { fileName: 'x.plan.json' });
    expectExactly(file.diagnostics, text, [{ code: 'duplicate-key', marker: '"due": "Ongoing"', within: '"due"', words: ['"due"', 'twice'] }]);
  });
});

// ---------------------------------------------------------------------------------------------
// 8. YAML syntax (through the full yaml parser)
// ---------------------------------------------------------------------------------------------

describe('YAML syntax', () => {
  function readYaml(text: string) {
    const file = readPlanFile(text, { fileName: 'x.plan.yaml' });
    expect(file.source.reader, 'syntax errors are reported by the full yaml parser').toBe('yaml');
    return file;
  }

  /**
   * A syntax diagnostic on the line of `marker`, starting no later than `within` on that line
   * (the yaml package may point at the start of the indentation rather than at the key).
   */
  function expectOnLine(diagnostics: readonly Diagnostic[], text: string, code: Diagnostic['code'], marker: string, within = marker): Diagnostic {
    const position = at(text, marker, within);
    const found = diagnostics.find((d) => d.code === code && d.range.start.line === position.line && d.range.start.character <= position.character);
    expect(found, `expected ${code} on line ${position.line} (at or before character ${position.character}); got:\n${show(diagnostics)}`).toBeDefined();
    expect(found!.severity).toBe('error');
    expect(found!.message).toMatch(/^YAML: /);
    return found!;
  }

  it('bad indentation: a key less indented than the rest of its mapping', () => {
    const text = yamlPlanWithActions('      - id: 1.1\n        title: Patrols\n     lead: KCC\n');
    const file = readYaml(text);
    expect(file.plan).toBeUndefined();
    expect(file.diagnostics.every((d) => d.code === 'yaml-syntax' && d.severity === 'error')).toBe(true);
    const diagnostic = expectOnLine(file.diagnostics, text, 'yaml-syntax', '     lead: KCC', 'lead');
    expect(diagnostic.message).toMatch(/column|indent/i);
  });

  it('bad indentation: a list item out of line with the others, at its dash', () => {
    const text = 'title: Plan\nthemes:\n  - title: One\n   - title: Two\n';
    const file = readYaml(text);
    expect(file.diagnostics.every((d) => d.code === 'yaml-syntax' && d.severity === 'error')).toBe(true);
    expectDiagnostic(file.diagnostics, text, { code: 'yaml-syntax', marker: '- title: Two', words: ['YAML', /column|indent/i] });
  });

  it('bad indentation: a tab used to indent', () => {
    const text = 'title: Plan\nthemes:\n\t- title: One\n';
    const file = readYaml(text);
    const diagnostic = expectOnLine(file.diagnostics, text, 'yaml-syntax', '\t- title: One');
    expect(diagnostic.message).toMatch(/tab/i);
  });

  it('an unclosed double quote: reported on the line of the opening quote', () => {
    const text = 'title: "Community Safety Partnership Action Plan\nthemes:\n  - title: Anti-social behaviour\n';
    const file = readYaml(text);
    expect(file.plan).toBeUndefined();
    const diagnostic = expectOnLine(file.diagnostics, text, 'yaml-syntax', '"Community', '"');
    expect(diagnostic.message).toMatch(/quote/i);
  });

  it('an unclosed single quote in a theme: reported on the line of the opening quote', () => {
    const text = "title: Plan\nthemes:\n  - title: 'Anti-social behaviour\n    actions:\n      - title: Patrols\n";
    const file = readYaml(text);
    const diagnostic = expectOnLine(file.diagnostics, text, 'yaml-syntax', "'Anti-social", "'");
    expect(diagnostic.message).toMatch(/quote/i);
  });

  it('a duplicate key: duplicate-key at the second key', () => {
    const text = yamlPlanWithActions('      - id: 1.1\n        title: Patrols\n        due: 2014-03-31\n        due: Ongoing\n');
    const file = readYaml(text);
    expectExactly(file.diagnostics, text, [{ code: 'duplicate-key', marker: 'due: Ongoing', within: 'due', words: ['twice'] }]);
  });

  it('a duplicate top-level key', () => {
    const text = 'title: Plan\nthemes: []\ntitle: Other\n';
    const file = readYaml(text);
    expectExactly(file.diagnostics, text, [{ code: 'duplicate-key', marker: 'title: Other', within: 'title', words: ['twice'] }]);
  });
});

// ---------------------------------------------------------------------------------------------
// 9. The standalone validator
// ---------------------------------------------------------------------------------------------

describe('the precompiled validator', () => {
  const generatedPath = join(root, 'packages', 'core', 'src', 'generated', 'validators.ts');
  const generated = readFileSync(generatedPath, 'utf8');

  it('has no new Function or eval', () => {
    expect(generated).not.toMatch(/new\s+Function/);
    expect(generated).not.toMatch(/\beval\s*\(/);
    expect(generated).not.toMatch(/\bFunction\s*\(/);
  });

  it('imports only local files and ajv runtime helpers', () => {
    const specifiers = [
      ...[...generated.matchAll(/\bimport\s+(?:[^'";]*?\sfrom\s*)?['"]([^'"]+)['"]/g)].map((m) => m[1]),
      ...[...generated.matchAll(/\bexport\s+[^'";]*?\sfrom\s*['"]([^'"]+)['"]/g)].map((m) => m[1]),
      ...[...generated.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]),
    ];
    expect(specifiers.length).toBeGreaterThan(0);
    expect(specifiers).toContain('../formats.js');
    for (const specifier of specifiers) {
      expect(specifier, `validators.ts imports ${specifier}`).toMatch(/^(\.\.?\/[\w./-]+\.js|ajv\/dist\/runtime\/[\w-]+\.js)$/);
    }
    // No CommonJS require left behind (the build turns them into imports).
    expect(generated).not.toMatch(/\brequire\s*\(/);
    // Exports the two validators and the branch table.
    expect(generated).toMatch(/export const validatePlan\b/);
    expect(generated).toMatch(/export const validateRegister\b/);
    expect(generated).toMatch(/export const anyOfBranches\b/);
  });

  it('loading it (as built) loads no part of ajv but its runtime helpers', () => {
    const built = join(root, 'packages', 'core', 'dist', 'generated', 'validators.js');
    const script = `
      import { createRequire } from 'node:module';
      const require = createRequire(import.meta.url);
      const { validatePlan } = await import(${JSON.stringify(built)});
      const ok = validatePlan({ title: 'P', themes: [{ title: 'T', actions: [{ title: 'A', lead: { agency: 'KCC' } }] }] });
      const bad = validatePlan({ title: 'P', themes: 5 });
      const loaded = Object.keys(require.cache);
      // Sanity: loading ajv itself is visible this way.
      await import('ajv');
      const afterAjv = Object.keys(require.cache);
      console.log(JSON.stringify({ ok, bad, loaded, afterAjv }));
    `;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    expect(child.status, child.stderr).toBe(0);
    const result = JSON.parse(child.stdout.trim().split('\n').pop()!);
    expect(result.ok).toBe(true);
    expect(result.bad).toBe(false);
    const ajvFiles = (result.loaded as string[]).filter((file) => /[\\/]node_modules[\\/]ajv(-formats)?[\\/]/.test(file));
    // The check can see ajv when it is loaded.
    expect((result.afterAjv as string[]).some((file) => /[\\/]ajv[\\/]dist[\\/]compile[\\/]/.test(file))).toBe(true);
    for (const file of ajvFiles) expect(file).toMatch(/[\\/]ajv[\\/]dist[\\/]runtime[\\/]/);
  });

  it('importing the TypeScript source imports no ajv compiler module (each is mocked to record an import)', async () => {
    const compilerModules = [
      'ajv',
      'ajv/dist/ajv.js',
      'ajv/dist/2020.js',
      'ajv/dist/2019.js',
      'ajv/dist/core.js',
      'ajv/dist/compile/index.js',
      'ajv/dist/compile/codegen/index.js',
      'ajv/dist/standalone/index.js',
      'ajv-formats',
    ];
    const imported: string[] = [];
    vi.resetModules();
    for (const id of compilerModules) {
      vi.doMock(id, () => {
        imported.push(id);
        return {};
      });
    }
    try {
      const validators = await import('../packages/core/src/generated/validators.js');
      expect(typeof validators.validatePlan).toBe('function');
      expect(typeof validators.validateRegister).toBe('function');
      expect(validators.validatePlan({ title: 'P', themes: [] })).toBe(true);
      expect(imported, 'validators.ts imported part of the ajv compiler').toEqual([]);
    } finally {
      for (const id of compilerModules) vi.doUnmock(id);
      vi.resetModules();
    }
  });
});
