// Tests of every semantic check (checks.ts) and the file-level checks (files.ts): for each code, a
// plan that triggers it and a near miss that does not, with the exact position of the finding,
// the words an officer reads and the data the quick fixes use.
//
// Plans are small YAML texts written here; expected positions are found by searching the text for
// a marker, never hard-coded. Register files and linked plans are served from memory: the core
// never touches the disk (except in the last block, which checks the examples/ folder on purpose).

import { readFileSync, readdirSync } from 'node:fs';
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DIAGNOSTIC_CODES, type Diagnostic, type DiagnosticCode, type Severity } from '../packages/core/src/diagnostics.js';
import {
  checkFile,
  checkPlanFile,
  readPlanFile,
  readRegisterFile,
  resolveAsOf,
  resolveRegisters,
  type FileHost,
  type RegisterFile,
} from '../packages/core/src/files.js';
import { nodeFileHost } from '../packages/core/src/node.js';
import type { Position } from '../packages/core/src/positions.js';

// ---------------------------------------------------------------------------------------------
// Helpers

/** A YAML text written indented inside the test: the common indentation and the first newline are removed. */
function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((text, part, i) => text + part + (i < values.length ? String(values[i]) : ''), '');
  const lines = raw.replace(/^\n/, '').replace(/\n[ \t]*$/, '\n').split('\n');
  const indents = lines.filter((line) => line.trim() !== '').map((line) => /^ */.exec(line)![0].length);
  const common = indents.length === 0 ? 0 : Math.min(...indents);
  return lines.map((line) => line.slice(common)).join('\n');
}

/** Offset of the nth (1-based) occurrence of needle in text; fails the test if there is none. */
function offsetOf(text: string, needle: string, nth = 1): number {
  let at = -1;
  for (let i = 0; i < nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at === -1) throw new Error(`"${needle}" (occurrence ${nth}) is not in the test text`);
  }
  return at;
}

/** The 0-based position of an offset. */
function positionOfOffset(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** The 0-based line of the nth line containing a marker. */
function lineOf(text: string, marker: string, nth = 1): number {
  return positionOfOffset(text, offsetOf(text, marker, nth)).line;
}

/**
 * Where `inner` starts inside the nth occurrence of `marker`: at(text, 'due: March 2018', 'March 2018')
 * is the position of the value of that `due:`.
 */
function at(text: string, marker: string, inner = marker, nth = 1): Position {
  const within = marker.indexOf(inner);
  if (within === -1) throw new Error(`"${inner}" is not part of the marker "${marker}"`);
  return positionOfOffset(text, offsetOf(text, marker, nth) + within);
}

interface CheckOptions {
  asOf?: string;
  dueSoonDays?: number;
  registers?: RegisterFile[];
}

/** Reads and checks a plan text; fails the test if the text has syntax or schema errors of its own. */
function check(text: string, options: CheckOptions = {}): Diagnostic[] {
  const file = readPlanFile(text, { fileName: 'test.plan.yaml' });
  const syntaxOrSchema = file.diagnostics.filter((d) => d.severity === 'error');
  expect(syntaxOrSchema, 'the test plan itself must be valid').toEqual([]);
  return checkPlanFile(file, { asOf: options.asOf ?? '2014-01-01', dueSoonDays: options.dueSoonDays, registers: options.registers }).diagnostics;
}

function withCode(diagnostics: Diagnostic[], code: DiagnosticCode): Diagnostic[] {
  return diagnostics.filter((d) => d.code === code);
}

/** The single finding with a code (fails if there are none or several). */
function single(diagnostics: Diagnostic[], code: DiagnosticCode): Diagnostic {
  const found = withCode(diagnostics, code);
  expect(found, `exactly one ${code} in ${JSON.stringify(diagnostics.map((d) => `${d.code}: ${d.message}`), null, 1)}`).toHaveLength(1);
  return found[0];
}

interface Expected {
  severity?: Severity;
  start: Position;
  /** Words the message must contain. */
  words?: string[];
  /** Data fields that must be there with these values (others may be present too). */
  data?: Record<string, unknown>;
}

/** Asserts code, severity (the code's default unless given), start position, words and data of a finding. */
function expectFinding(diagnostic: Diagnostic, code: DiagnosticCode, expected: Expected): void {
  expect(diagnostic.code).toBe(code);
  expect(diagnostic.severity).toBe(expected.severity ?? DIAGNOSTIC_CODES[code].severity);
  expect(diagnostic.range.start).toEqual(expected.start);
  for (const word of expected.words ?? []) expect(diagnostic.message).toContain(word);
  if (expected.data) expect(diagnostic.data).toMatchObject(expected.data);
}

/** A FileHost over a map of file name -> text; it records what it was asked to read. */
function memoryHost(files: Record<string, string>): FileHost & { reads: string[] } {
  const map = new Map(Object.entries(files));
  const reads: string[] = [];
  return {
    reads,
    async readText(fileName) {
      reads.push(fileName);
      return map.get(fileName) ?? new Error('no such file');
    },
    resolve(fromFile, relative) {
      return posix.normalize(posix.join(posix.dirname(fromFile), relative));
    },
  };
}

/** A register text read as a register file named `fileName`. */
function register(text: string, fileName = '/plans/kent.agencies.yaml'): RegisterFile {
  const file = readRegisterFile(text, { fileName });
  expect(file.diagnostics, 'the test register itself must be valid').toEqual([]);
  return file;
}

const KENT_REGISTER = yaml`
  title: Kent agencies
  agencies:
    - id: KCC
      name: Kent County Council
      aliases: [KCC Public Health]
    - id: Kent Police
      name: Kent Police
      aliases: [West Kent Police]
    - id: TMBC
      name: Tonbridge and Malling Borough Council
`;

// ---------------------------------------------------------------------------------------------
// duplicate-id

describe('duplicate-id', () => {
  it('reports a second theme with the same id at its id, suggesting a free one', () => {
    const text = yaml`
      title: Plan
      themes:
        - id: '1'
          title: Enforcement
        - id: '1'
          title: Support
    `;
    const d = single(check(text), 'duplicate-id');
    expectFinding(d, 'duplicate-id', {
      start: at(text, "id: '1'", "'1'", 2),
      words: ['Another theme already has the id "1"', '"2" is free'],
      data: { id: '1', kind: 'theme', firstPath: ['themes', 0], suggestion: '2' },
    });
  });

  it('does not report themes with different ids', () => {
    const text = yaml`
      title: Plan
      themes:
        - id: '1'
          title: Enforcement
        - id: '2'
          title: Support
    `;
    expect(withCode(check(text), 'duplicate-id')).toEqual([]);
  });

  it("reports a second action '1.2' at its id and suggests '1.3' when 1.3 is free", () => {
    const text = yaml`
      title: Plan
      themes:
        - id: '1'
          title: Enforcement
          actions:
            - id: '1.1'
              title: Run operations
            - id: '1.2'
              title: Test purchasing
            - id: '1.2'
              title: Proxy sales
    `;
    const d = single(check(text), 'duplicate-id');
    expectFinding(d, 'duplicate-id', {
      start: at(text, "id: '1.2'", "'1.2'", 2),
      words: ['Another action already has the id "1.2"', '"1.3" is free'],
      data: { id: '1.2', kind: 'action', firstPath: ['themes', 0, 'actions', 1], suggestion: '1.3' },
    });
  });

  it('suggests the next id that is not taken, across themes', () => {
    const text = yaml`
      title: Plan
      themes:
        - id: '1'
          title: Enforcement
          actions:
            - id: '1.2'
              title: Test purchasing
        - id: '2'
          title: Support
          actions:
            - id: '1.3'
              title: Misnumbered action
            - id: '1.2'
              title: Copied row
    `;
    const d = single(check(text), 'duplicate-id');
    expectFinding(d, 'duplicate-id', {
      start: at(text, "id: '1.2'", "'1.2'", 2),
      data: { id: '1.2', kind: 'action', firstPath: ['themes', 0, 'actions', 0], suggestion: '1.4' },
    });
  });

  it("keeps a footnote mark in the suggestion: a second '2.2*' gets '2.3*'", () => {
    const text = yaml`
      title: Plan
      footnotes:
        - mark: '*'
          text: Funded by the PCC
      themes:
        - id: '2'
          title: Road safety
          actions:
            - id: '2.2*'
              title: Workshops
            - id: '2.2*'
              title: Review
    `;
    const d = single(check(text), 'duplicate-id');
    expect(d.range.start).toEqual(at(text, "id: '2.2*'", "'2.2*'", 2));
    expect(d.data).toMatchObject({ id: '2.2*', suggestion: '2.3*' });
  });

  it("does not confuse '1.1' with '1.10' written as plain numbers", () => {
    const text = yaml`
      title: Plan
      themes:
        - id: 1
          title: Enforcement
          actions:
            - id: 1.1
              title: First
            - id: 1.10
              title: Tenth
    `;
    expect(withCode(check(text), 'duplicate-id')).toEqual([]);
  });

  it('reports a second milestone with the same id at its id', () => {
    const text = yaml`
      title: Plan
      themes:
        - id: '1'
          title: Enforcement
          actions:
            - id: '1.2'
              title: Test purchasing
              milestones:
                - id: 1.2.1
                  title: Plan the operations
                - id: 1.2.1
                  title: Run the operations
    `;
    const d = single(check(text), 'duplicate-id');
    expectFinding(d, 'duplicate-id', {
      start: at(text, 'id: 1.2.1', '1.2.1', 2),
      words: ['Another milestone already has the id "1.2.1"', '"1.2.2" is free'],
      data: { id: '1.2.1', kind: 'milestone', firstPath: ['themes', 0, 'actions', 0, 'milestones', 0], suggestion: '1.2.2' },
    });
  });

  it('compares milestones with milestones only: a milestone may share a number with a theme or action', () => {
    const text = yaml`
      title: Plan
      themes:
        - id: '1'
          title: Enforcement
          actions:
            - id: '1.1'
              title: Run operations
              milestones:
                - id: '1'
                  title: First step
                - id: '1.1'
                  title: Second step
    `;
    expect(withCode(check(text), 'duplicate-id')).toEqual([]);
  });

  it("reports a second agency with the same id in the plan's own list", () => {
    const text = yaml`
      title: Plan
      agencies:
        - id: KCC
          name: Kent County Council
        - id: KCC
          name: Kent CC
      themes: []
    `;
    const d = single(check(text), 'duplicate-id');
    expectFinding(d, 'duplicate-id', {
      start: at(text, 'id: KCC', 'KCC', 2),
      words: ['Another agency already has the id "KCC"', '"KCC-2" is free'],
      data: { id: 'KCC', kind: 'agency', firstPath: ['agencies', 0], suggestion: 'KCC-2' },
    });
  });

  it('does not report agencies whose ids only share a beginning', () => {
    const text = yaml`
      title: Plan
      agencies:
        - id: KCC
          name: Kent County Council
        - id: KCC Trading Standards
          name: Kent County Council Trading Standards
      themes: []
    `;
    expect(withCode(check(text), 'duplicate-id')).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// unknown-agency

describe('unknown-agency', () => {
  const registers = () => [register(KENT_REGISTER)];

  it("suggests the nearest agency id: a lead 'Kent Polic' with 'Kent Police' in the register", () => {
    const text = yaml`
      title: Plan
      registers: [kent.agencies.yaml]
      themes:
        - id: '1'
          title: Enforcement
          actions:
            - id: '1.1'
              title: Run operations
              lead: Kent Polic
    `;
    const d = single(check(text, { registers: registers() }), 'unknown-agency');
    expectFinding(d, 'unknown-agency', {
      severity: 'warning',
      start: at(text, 'lead: Kent Polic', 'Kent Polic'),
      words: ['"Kent Polic" is not in the agency register', 'Did you mean Kent Police'],
      data: { agency: 'Kent Polic', role: 'lead', path: ['themes', 0, 'actions', 0, 'lead'], suggestion: 'Kent Police', suggestionName: 'Kent Police' },
    });
  });

  it('suggests an agency through one of its other spellings, and says which', () => {
    const text = yaml`
      title: Plan
      themes:
        - id: '1'
          title: Health
          actions:
            - id: '1.1'
              title: Commission treatment
              lead: KCC Public Helth
    `;
    const d = single(check(text, { registers: registers() }), 'unknown-agency');
    expectFinding(d, 'unknown-agency', {
      severity: 'warning',
      start: at(text, 'lead: KCC Public Helth', 'KCC Public Helth'),
      words: ['Did you mean KCC, Kent County Council', 'KCC Public Health'],
      data: { suggestion: 'KCC', suggestionName: 'Kent County Council' },
    });
  });

  it('warns about a misspelt partner that is close to a known agency, like a lead', () => {
    const text = yaml`
      title: Plan
      themes:
        - id: '1'
          title: Enforcement
          actions:
            - id: '1.1'
              title: Run operations
              lead: KCC
              partners: [TMBC, Kent Polic]
    `;
    const d = single(check(text, { registers: registers() }), 'unknown-agency');
    expectFinding(d, 'unknown-agency', {
      severity: 'warning',
      start: at(text, 'partners: [TMBC, Kent Polic]', 'Kent Polic'),
      data: { agency: 'Kent Polic', role: 'partner', path: ['themes', 0, 'actions', 0, 'partners', 1], suggestion: 'Kent Police' },
    });
  });

  it('warns about a lead with no near match, asking for it to be registered', () => {
    const text = yaml`
      title: Plan
      themes:
        - id: '1'
          title: Enforcement
          actions:
            - id: '1.1'
              title: Run operations
              lead: Substance Misuse Task Group
    `;
    const d = single(check(text, { registers: registers() }), 'unknown-agency');
    expectFinding(d, 'unknown-agency', {
      severity: 'warning',
      start: at(text, 'lead: Substance Misuse Task Group', 'Substance'),
      words: ['"Substance Misuse Task Group" is not in the agency register', 'add it to the register'],
      data: { agency: 'Substance Misuse Task Group', role: 'lead' },
    });
    expect(d.data).not.toHaveProperty('suggestion');
  });

  it('only notes (info) a partner with no near match: partner cells often name resources', () => {
    const text = yaml`
      title: Plan
      themes:
        - id: '1'
          title: Support
          actions:
            - id: '1.1'
              title: Treatment places
              lead: KCC
              partners: [Adult Pooled Treatment Budget]
    `;
    const d = single(check(text, { registers: registers() }), 'unknown-agency');
    expectFinding(d, 'unknown-agency', {
      severity: 'info',
      start: at(text, '[Adult Pooled Treatment Budget]', 'Adult'),
      words: ['If it is an agency or group, add it to the register'],
      data: { agency: 'Adult Pooled Treatment Budget', role: 'partner', path: ['themes', 0, 'actions', 0, 'partners', 0] },
    });
    expect(d.data).not.toHaveProperty('suggestion');
  });

  it('points at the agency inside an {agency, officer} lead, and treats a risk owner as a lead', () => {
    const text = yaml`
      title: Plan
      risks:
        - title: Funding ends
          owner: Treasurer
      themes:
        - id: '1'
          title: Road safety
          lead: {agency: Kent Polic, officer: Chief Inspector}
    `;
    const found = withCode(check(text, { registers: registers() }), 'unknown-agency');
    expect(found).toHaveLength(2);
    const owner = found.find((d) => d.data?.agency === 'Treasurer')!;
    expectFinding(owner, 'unknown-agency', { severity: 'warning', start: at(text, 'owner: Treasurer', 'Treasurer'), data: { role: 'lead', path: ['risks', 0, 'owner'] } });
    const lead = found.find((d) => d.data?.agency === 'Kent Polic')!;
    expectFinding(lead, 'unknown-agency', {
      severity: 'warning',
      start: at(text, '{agency: Kent Polic', 'Kent Polic'),
      data: { role: 'lead', path: ['themes', 0, 'lead', 'agency'], suggestion: 'Kent Police' },
    });
  });

  it('accepts ids, full names, other spellings, other cases, joint leads and {agency, officer} leads', () => {
    const text = yaml`
      title: Plan
      themes:
        - id: '1'
          title: Enforcement
          lead: Kent Police
          actions:
            - id: '1.1'
              title: Run operations
              lead: West Kent Police
              partners: [kent county council, TMBC., KCC Public Health]
            - id: '1.2'
              title: Joint operation
              lead: KCC/Kent Police
              milestones:
                - title: Plan it
                  lead: {agency: KCC, officer: Community Safety Team - Team Leader}
                  partners: [Kent Police & TMBC]
      risks:
        - title: Staffing
          owner: Tonbridge and Malling Borough Council
    `;
    expect(withCode(check(text, { registers: registers() }), 'unknown-agency')).toEqual([]);
  });

  it('points at the unknown agency of a joint lead, not the whole lead, when the others are known', () => {
    const text = yaml`
      title: Plan
      themes:
        - id: '1'
          title: Enforcement
          actions:
            - id: '1.1'
              title: Joint operation
              lead: KCC/Kent Polic
              partners: [TMBC and Housing Options]
            - id: '1.2'
              title: Quoted
              lead: 'KCC & Kent Polic'
    `;
    const found = withCode(check(text, { registers: registers() }), 'unknown-agency');
    expect(found).toHaveLength(3);
    const [plain, partner, quoted] = found;
    expectFinding(plain, 'unknown-agency', {
      severity: 'warning',
      start: at(text, 'lead: KCC/Kent Polic', 'Kent Polic'),
      words: ['"Kent Polic" (in "KCC/Kent Polic") is not in the agency register', 'Did you mean Kent Police'],
      data: { agency: 'Kent Polic', within: 'KCC/Kent Polic', partStart: 4, partEnd: 14, role: 'lead', path: ['themes', 0, 'actions', 0, 'lead'], suggestion: 'Kent Police' },
    });
    // Only the part is underlined.
    expect(plain.range.end).toEqual(at(text, 'lead: KCC/Kent Polic\n', '\n'));
    expectFinding(partner, 'unknown-agency', {
      severity: 'info',
      start: at(text, 'and Housing Options]', 'Housing'),
      words: ['"Housing Options" (in "TMBC and Housing Options")', 'If it is an agency or group'],
      data: { agency: 'Housing Options', within: 'TMBC and Housing Options', role: 'partner' },
    });
    expect(partner.data).not.toHaveProperty('suggestion');
    // In quotes the part is still found in the file.
    expectFinding(quoted, 'unknown-agency', { start: at(text, "'KCC & Kent Polic'", 'Kent Polic'), data: { agency: 'Kent Polic', partStart: 6, partEnd: 16 } });
  });

  it('reports the whole lead when no part of it is known, or when its words are not in the file as they read', () => {
    const text = yaml`
      title: Plan
      themes:
        - id: '1'
          title: Enforcement
          actions:
            - id: '1.1'
              title: Nobody known
              lead: Drug and Alcohol Action Team
            - id: '1.2'
              title: Escaped
              lead: "KCC \\u0026 Kent Polic"
    `;
    const [whole, escaped] = withCode(check(text, { registers: registers() }), 'unknown-agency');
    expectFinding(whole, 'unknown-agency', { start: at(text, 'lead: Drug', 'Drug'), words: ['"Drug and Alcohol Action Team" is not in the agency register'], data: { agency: 'Drug and Alcohol Action Team' } });
    expect(whole.data).not.toHaveProperty('within');
    // A pasted run of names is one finding, not one per name.
    const pasted = yaml`
      title: Plan
      themes:
        - id: '1'
          title: Enforcement
          actions:
            - id: '1.1'
              title: Pasted
              lead: KCC/${Array.from({ length: 30 }, (_, i) => `Unit ${i}`).join('/')}
    `;
    const [one, ...more] = withCode(check(pasted, { registers: registers() }), 'unknown-agency');
    expect(more).toEqual([]);
    expect(one.data).not.toHaveProperty('within');
    // "\u0026" is "&": the finding is about the part, at the whole value.
    expectFinding(escaped, 'unknown-agency', { start: at(text, 'lead: "KCC', '"KCC'), words: ['"Kent Polic" (in "KCC & Kent Polic")'], data: { agency: 'Kent Polic', within: 'KCC & Kent Polic', partStart: 6, partEnd: 16 } });
  });

  it('reads “and partners” after a lead agency as a group, not an agency to register', () => {
    const text = yaml`
      title: Plan
      themes:
        - id: '1'
          title: Enforcement
          actions:
            - id: '1.1'
              title: With partners
              lead: Kent Police and partners
              partners: [KCC & all other partners, All partners, Partners and others]
            - id: '1.2'
              title: A misspelt lead with partners
              lead: Kent Polic & other agencies
            - id: '1.3'
              title: Nobody leads
              lead: All partners
            - id: '1.4'
              title: None registered
              lead: Drug and Alcohol Action Team and partners
    `;
    const found = withCode(check(text, { registers: registers() }), 'unknown-agency');
    expect(found.map((d) => d.data?.agency)).toEqual(['Kent Polic', 'All partners', 'Drug and Alcohol Action Team and partners']);
    const [misspelt, group, whole] = found;
    // The one agency named beside the group is reported on its own words, with the fix for them.
    expectFinding(misspelt, 'unknown-agency', {
      severity: 'warning',
      start: at(text, 'lead: Kent Polic &', 'Kent Polic'),
      words: ['"Kent Polic" (in "Kent Polic & other agencies")', 'Did you mean Kent Police'],
      data: { within: 'Kent Polic & other agencies', partStart: 0, partEnd: 10, suggestion: 'Kent Police' },
    });
    // A group as the lead: no one answers for the action, and there is nothing to add to a register.
    expectFinding(group, 'unknown-agency', {
      severity: 'warning',
      start: at(text, 'lead: All partners', 'All'),
      words: ['"All partners" names no one agency', 'name the registered agency that leads'],
      data: { group: true, role: 'lead' },
    });
    expect(group.data).not.toHaveProperty('suggestion');
    // With no agency registered, the whole text may be one name with "and" in it.
    expect(whole.data).not.toHaveProperty('within');
    expect(whole.data).not.toHaveProperty('group');
    // The lead counts as Kent Police's wherever agencies are counted or filtered.
    const file = readPlanFile(text, { fileName: 'test.plan.yaml' });
    const analysis = checkPlanFile(file, { asOf: '2014-01-01', registers: registers() }).analysis!;
    const [withPartners] = analysis.actions();
    expect(withPartners.lead.flatMap((mention) => analysis.agenciesOf(mention).map((agency) => agency.id))).toEqual(['Kent Police']);
    expect(analysis.agencies.match('Kent Police and partners')).toMatchObject({ by: 'joint', groups: ['partners'] });
    expect(analysis.agencies.findingFor('Partners and others')).toEqual({ match: false, group: true });
    // A registered agency is an agency, whatever its name.
    const named = [register(KENT_REGISTER), register('agencies:\n  - id: Partners\n    name: Partners Trust\n')];
    expect(withCode(check(yaml`
      title: Plan
      themes:
        - id: '1'
          title: Enforcement
          lead: Partners
    `, { registers: named }), 'unknown-agency')).toEqual([]);
  });

  it('uses the plan’s own agencies as a register too', () => {
    const text = yaml`
      title: Plan
      agencies:
        - id: CPI
          name: Community Partnership Initiative
      themes:
        - id: '1'
          title: Enforcement
          actions:
            - id: '1.1'
              title: Exclusion notices
              lead: Community Partnership Initiative
            - id: '1.2'
              title: Pubwatch
              lead: CPl
    `;
    const d = single(check(text), 'unknown-agency');
    expect(d.range.start).toEqual(at(text, 'lead: CPl', 'CPl'));
    expect(d.data).toMatchObject({ suggestion: 'CPI' });
  });

  it('does not check agencies at all when the plan has no register and no agencies', () => {
    const text = yaml`
      title: Plan
      themes:
        - id: '1'
          title: Enforcement
          actions:
            - id: '1.1'
              title: Run operations
              lead: Anybody At All
    `;
    expect(withCode(check(text), 'unknown-agency')).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// unknown-status

describe('unknown-status', () => {
  it('reports a status that is not in the default legend, at the status value, listing the keys', () => {
    const text = yaml`
      title: Plan
      themes:
        - id: '1'
          title: Enforcement
          actions:
            - id: '1.1'
              title: Run operations
              status: purple
    `;
    const d = single(check(text), 'unknown-status');
    expectFinding(d, 'unknown-status', {
      start: at(text, 'status: purple', 'purple'),
      words: ['"purple" is not a status in the default legend', 'blue, green, amber, red, not-started', 'add a statusScheme'],
      data: { status: 'purple', known: ['blue', 'green', 'amber', 'red', 'not-started'] },
    });
  });

  it('reports an unknown status in an update at the update’s status, and in a risk', () => {
    const text = yaml`
      title: Plan
      risks:
        - title: Funding ends
          status: greeen
      themes:
        - id: '1'
          title: Enforcement
          actions:
            - id: '1.1'
              title: Run operations
              updates:
                - asOf: 2013-12-31
                  status: on track-ish
                  text: Going well.
    `;
    const found = withCode(check(text), 'unknown-status');
    expect(found.map((d) => d.range.start)).toEqual([at(text, 'status: greeen', 'greeen'), at(text, 'status: on track-ish', 'on track-ish')]);
    expect(found.map((d) => d.data?.status)).toEqual(['greeen', 'on track-ish']);
  });

  it('accepts keys, labels and other spellings of the default legend, in any case', () => {
    const text = yaml`
      title: Plan
      themes:
        - id: '1'
          title: Enforcement
          actions:
            - { id: '1.1', title: a, status: Green }
            - { id: '1.2', title: b, status: on track }
            - { id: '1.3', title: c, status: On-Track }
            - { id: '1.4', title: d, status: Complete, completed: 2013-06-01 }
            - { id: '1.5', title: e, status: not-started }
            - { id: '1.6', title: f, status: Not yet due }
            - { id: '1.7', title: g, status: A }
            - { id: '1.8', title: h, status: RED }
    `;
    expect(withCode(check(text), 'unknown-status')).toEqual([]);
  });

  it("accepts the keys, labels and aliases of the plan's own statusScheme ('on-track')", () => {
    const text = yaml`
      title: Plan
      statusScheme:
        - key: on-track
          label: On track
          colour: green
        - key: at-risk
          label: At risk
          colour: amber
          aliases: [Some slippage]
        - key: done
          label: Done
          colour: blue
      themes:
        - id: '1'
          title: Enforcement
          actions:
            - { id: '1.1', title: a, status: on-track }
            - { id: '1.2', title: b, status: At Risk }
            - { id: '1.3', title: c, status: some slippage }
            - { id: '1.4', title: d, status: done, completed: 2013-06-01 }
    `;
    expect(withCode(check(text), 'unknown-status')).toEqual([]);
  });

  it("rejects the default keys when the plan has its own legend, and lists the plan's keys", () => {
    const text = yaml`
      title: Plan
      statusScheme:
        - key: on-track
          label: On track
          colour: green
        - key: done
          label: Done
          colour: blue
      themes:
        - id: '1'
          title: Enforcement
          actions:
            - id: '1.1'
              title: Run operations
              status: green
    `;
    const d = single(check(text), 'unknown-status');
    expectFinding(d, 'unknown-status', {
      start: at(text, 'status: green', 'green'),
      words: ['"green" is not a status in this plan\'s legend', 'on-track, done'],
      data: { status: 'green', known: ['on-track', 'done'] },
    });
    expect(d.message).not.toContain('add a statusScheme');
  });
});

// ---------------------------------------------------------------------------------------------
// unknown-reference

describe('unknown-reference', () => {
  const linkingPlan = yaml`
    title: Plan
    themes:
      - id: RS
        title: Road safety
        links:
          - theme: XX
          - theme: DA
      - id: DA
        title: Domestic abuse
        actions:
          - id: '2.1'
            title: Data workshop
            links:
              - action: '5.1'
              - action: '2.2*'
              - {theme: RS, action: '2.1'}
              - National Drug Strategy 2010
              - {strategy: National Drug Strategy 2010, url: 'https://example.org'}
          - id: '2.2*'
            title: Workshops
            milestones:
              - title: Review
                links:
                  - action: '2.3'
    footnotes:
      - mark: '*'
        text: Funded by the PCC
  `;

  it('reports links to a theme, or an action, that the plan does not have, at the id', () => {
    const found = withCode(check(linkingPlan), 'unknown-reference');
    expect(found).toHaveLength(3);
    expectFinding(found[0], 'unknown-reference', {
      start: at(linkingPlan, 'theme: XX', 'XX'),
      words: ['There is no theme "XX" in this plan'],
      data: { theme: 'XX' },
    });
    expectFinding(found[1], 'unknown-reference', {
      start: at(linkingPlan, "action: '5.1'", "'5.1'"),
      words: ['There is no action "5.1" in this plan'],
      data: { action: '5.1' },
    });
    expectFinding(found[2], 'unknown-reference', {
      start: at(linkingPlan, "action: '2.3'", "'2.3'"),
      words: ['There is no action "2.3" in this plan'],
      data: { action: '2.3' },
    });
  });

  it("finds the action numbered '2.2*' from a link to '2.2' or '2.2*', and no action from '2.2†' or '2'", () => {
    const plan = (target: string) => yaml`
      title: Plan
      themes:
        - title: Domestic abuse
          actions:
            - id: '2.1'
              title: Data workshop
              links:
                - action: '${target}'
            - id: '2.2*'
              title: Workshops
      footnotes:
        - mark: '*'
          text: Funded by the PCC
    `;
    for (const found of ['2.2', '2.2*']) expect(withCode(check(plan(found)), 'unknown-reference'), found).toEqual([]);
    for (const missing of ['2.2†', '2']) expect(withCode(check(plan(missing)), 'unknown-reference').map((d) => d.data), missing).toEqual([{ action: missing }]);
  });

  it('accepts links to themes and actions that exist, and text or strategy links', () => {
    const starts = withCode(check(linkingPlan), 'unknown-reference').map((d) => d.range.start.line);
    for (const fine of ['theme: DA', "action: '2.2*'", "{theme: RS, action: '2.1'}", 'National Drug Strategy 2010', 'strategy: National']) {
      expect(starts).not.toContain(lineOf(linkingPlan, fine));
    }
  });

  const otherPlan = yaml`
    title: Kent Domestic Abuse Strategy action plan
    themes:
      - id: DA
        title: Domestic abuse
        actions:
          - id: '5.1'
            title: Refresh the protocol
  `;
  const crossPlan = yaml`
    title: Community Safety Agreement
    themes:
      - id: '1'
        title: Domestic abuse
        actions:
          - id: '1.1'
            title: Support the county strategy
            links:
              - {plan: da-strategy.plan.yaml, action: '5.1'}
              - {plan: da-strategy.plan.yaml, theme: DA}
              - {plan: da-strategy.plan.yaml, action: '9.9'}
              - {plan: da-strategy.plan.yaml, theme: ASB}
              - {plan: not-published.plan.yaml, action: '7.7'}
              - action: '5.1'
  `;

  it('checks a link to another plan against that plan, read through the FileHost', async () => {
    const host = memoryHost({ '/plans/csa.plan.yaml': crossPlan, '/plans/da-strategy.plan.yaml': otherPlan });
    const result = await checkFile('/plans/csa.plan.yaml', crossPlan, host, { today: '2017-06-01' });
    const found = withCode(result.diagnostics, 'unknown-reference');
    expect(host.reads).toContain('/plans/da-strategy.plan.yaml');
    expect(found).toHaveLength(3);
    expectFinding(found[0], 'unknown-reference', {
      start: at(crossPlan, "action: '9.9'", "'9.9'"),
      words: ['There is no action "9.9" in da-strategy.plan.yaml'],
      data: { action: '9.9', plan: 'da-strategy.plan.yaml' },
    });
    expectFinding(found[1], 'unknown-reference', {
      start: at(crossPlan, 'theme: ASB', 'ASB'),
      words: ['There is no theme "ASB" in da-strategy.plan.yaml'],
      data: { theme: 'ASB', plan: 'da-strategy.plan.yaml' },
    });
    // A link without `plan:` is to this plan, which has no 5.1 (only the other plan has).
    expectFinding(found[2], 'unknown-reference', {
      start: at(crossPlan, "- action: '5.1'", "'5.1'"),
      words: ['There is no action "5.1" in this plan'],
      data: { action: '5.1' },
    });
    // '5.1' and 'DA' exist in the other plan, and a plan that cannot be read is not guessed about.
    const lines = found.map((d) => d.range.start.line);
    expect(lines).not.toContain(lineOf(crossPlan, "da-strategy.plan.yaml, action: '5.1'"));
    expect(lines).not.toContain(lineOf(crossPlan, 'da-strategy.plan.yaml, theme: DA'));
    expect(lines).not.toContain(lineOf(crossPlan, 'not-published.plan.yaml'));
  });
});

// ---------------------------------------------------------------------------------------------
// unknown-footnote

describe('unknown-footnote', () => {
  const actions = yaml`
    themes:
      - id: '2'
        title: Road safety
        actions:
          - id: '2.1'
            title: Data workshop
          - id: '2.2*'
            title: Workshops for pupils
  `;

  it("warns about '2.2*' when no footnote explains '*', at the id", () => {
    const text = `title: Plan\n${actions}`;
    const d = single(check(text), 'unknown-footnote');
    expectFinding(d, 'unknown-footnote', {
      start: at(text, "id: '2.2*'", "'2.2*'"),
      words: ['The mark "*" after 2.2* is not explained', 'add a footnote with mark "*"'],
      data: { mark: '*' },
    });
  });

  it("accepts '2.2*' when the plan has a footnote with mark '*'", () => {
    const text = `title: Plan\nfootnotes:\n  - mark: '*'\n    text: Funded by the PCC\n${actions}`;
    expect(withCode(check(text), 'unknown-footnote')).toEqual([]);
  });

  it('wants a footnote for each mark used', () => {
    const text = `title: Plan\nfootnotes:\n  - mark: '*'\n    text: Funded by the PCC\n${actions}      - id: '2.3†'\n        title: Review\n`;
    const d = single(check(text), 'unknown-footnote');
    expect(d.range.start).toEqual(at(text, "id: '2.3†'", "'2.3†'"));
    expect(d.data).toEqual({ mark: '†' });
  });
});

// ---------------------------------------------------------------------------------------------
// Due dates: unreadable, TBC, unresolved

/** A plan with one theme, one action (1.1) and, optionally, text added to the action and the plan's header. */
function oneAction(due: string, actionExtra = '', header = ''): string {
  return (
    `title: Plan\n${header}themes:\n  - id: '1'\n    title: Enforcement\n    actions:\n      - id: '1.1'\n        title: Run operations\n` +
    `        due: ${due}\n${actionExtra}`
  );
}

describe('due-unreadable', () => {
  it('warns about a "by when" that cannot be read as a date, at the due value', () => {
    const text = oneAction('Novmber 2017');
    const d = single(check(text), 'due-unreadable');
    expectFinding(d, 'due-unreadable', {
      start: at(text, 'due: Novmber 2017', 'Novmber 2017'),
      words: ['cannot read "Novmber 2017" as a date', '2014-03-31'],
      data: { kind: 'action', key: '1.1', path: ['themes', 0, 'actions', 0], due: 'Novmber 2017' },
    });
  });

  it('warns about a date that does not exist, saying why', () => {
    const text = oneAction('31/02/2014');
    const d = single(check(text), 'due-unreadable');
    expectFinding(d, 'due-unreadable', {
      start: at(text, 'due: 31/02/2014', '31/02/2014'),
      words: ['"31/02/2014" is not a real date', 'February 2014 has 28 days'],
      data: { due: '31/02/2014' },
    });
    expect(withCode(check(text), 'overdue')).toEqual([]);
  });

  it('reads the usual forms without complaint', () => {
    for (const due of ['31/03/2014', '31st March 2014', 'By end of March 2014', 'Mar 14', '2013/14', 'Q3 2013/14', 'September 2013 - March 2014', 'Ongoing']) {
      const diagnostics = check(oneAction(due), { asOf: '2013-01-01' });
      expect(withCode(diagnostics, 'due-unreadable'), due).toEqual([]);
      expect(withCode(diagnostics, 'due-unresolved'), due).toEqual([]);
    }
  });
});

describe('due-tbc', () => {
  it('notes a date still to be confirmed, at the due value', () => {
    const text = oneAction('TBC');
    const d = single(check(text), 'due-tbc');
    expectFinding(d, 'due-tbc', {
      start: at(text, 'due: TBC', 'TBC'),
      words: ['Action 1.1', 'Run operations', 'TBC', 'date to be confirmed'],
      data: { kind: 'action', key: '1.1', due: 'TBC' },
    });
  });

  it('says nothing about TBC on a complete item, or about a real date', () => {
    expect(withCode(check(oneAction('TBC', '        status: blue\n        completed: 2013-06-01\n')), 'due-tbc')).toEqual([]);
    expect(withCode(check(oneAction('March 2014')), 'due-tbc')).toEqual([]);
  });
});

describe('due-unresolved', () => {
  it("notes two dates in one cell ('November 2017 / March 2018'): ask, don't guess", () => {
    const text = oneAction('November 2017 / March 2018');
    const d = single(check(text, { asOf: '2017-06-01' }), 'due-unresolved');
    expectFinding(d, 'due-unresolved', {
      start: at(text, 'due: November', 'November'),
      words: ['November 2017', 'March 2018', 'Split them into separate milestones'],
      data: { key: '1.1', due: 'November 2017 / March 2018', dueKind: 'alternatives' },
    });
  });

  it("notes a season ('Summer 2014'), which councils read differently", () => {
    const text = oneAction('Summer 2014');
    const d = single(check(text), 'due-unresolved');
    expectFinding(d, 'due-unresolved', {
      start: at(text, 'due: Summer 2014', 'Summer 2014'),
      words: ['Summer 2014', 'no deadline can be checked'],
      data: { due: 'Summer 2014', dueKind: 'season' },
    });
  });

  it("notes a date relative to an event ('Within four weeks of ban') and never resolves it against the as-of date", () => {
    const text = oneAction('Within four weeks of ban');
    for (const asOf of ['2000-01-01', '2014-01-01', '2099-12-31']) {
      const diagnostics = check(text, { asOf });
      const d = single(diagnostics, 'due-unresolved');
      expectFinding(d, 'due-unresolved', {
        start: at(text, 'due: Within', 'Within'),
        words: ['Within four weeks of ban', '"ban"', 'no deadline can be checked'],
        data: { due: 'Within four weeks of ban', dueKind: 'relative' },
      });
      expect(withCode(diagnostics, 'overdue')).toEqual([]);
      expect(withCode(diagnostics, 'due-soon')).toEqual([]);
    }
  });

  it("notes a bare 'Q3' when the plan has no period to take the year from", () => {
    const text = oneAction('Q3');
    const d = single(check(text), 'due-unresolved');
    expectFinding(d, 'due-unresolved', {
      start: at(text, 'due: Q3', 'Q3'),
      words: ['"Q3" has no year', 'no period', 'Q3 2013/14'],
      data: { due: 'Q3', dueKind: 'quarter' },
    });
  });

  it("resolves a bare 'Q3' with `period: 2013/14` to 31 December 2013", () => {
    const text = oneAction('Q3', '', 'period: 2013/14\n');
    const before = check(text, { asOf: '2013-12-31' });
    expect(withCode(before, 'due-unresolved')).toEqual([]);
    expect(withCode(before, 'overdue')).toEqual([]);
    const after = check(text, { asOf: '2014-01-01' });
    expect(withCode(after, 'due-unresolved')).toEqual([]);
    const d = single(after, 'overdue');
    expect(d.message).toContain('31 December 2013');
    expect(d.data).toMatchObject({ deadline: '2013-12-31' });
  });

  it('says nothing about an unresolved date on a complete item', () => {
    const text = oneAction('Summer 2014', '        completed: 2014-08-01\n');
    expect(withCode(check(text, { asOf: '2014-09-01' }), 'due-unresolved')).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// overdue and due-soon

describe('overdue', () => {
  const milestonePlan = (due: string, extra = '') =>
    yaml`
      title: Plan
      themes:
        - id: '1'
          title: Enforcement
          actions:
            - id: '1.4'
              title: Maintain current KCAP projects
              milestones:
                - title: Challenge 25 in Hextable and Swanley
                  due: ${due}
    ` + extra;

  it("reports a milestone due 'March 2018' at 23 November 2026, at the due value, in words", () => {
    const text = milestonePlan('March 2018');
    const d = single(check(text, { asOf: '2026-11-23' }), 'overdue');
    expectFinding(d, 'overdue', {
      start: at(text, 'due: March 2018', 'March 2018'),
      words: ['Milestone', 'Challenge 25 in Hextable and Swanley', '31 March 2018', '(“March 2018”)', '8 years 7 months overdue at 23 November 2026', 'not marked complete'],
      data: {
        kind: 'milestone',
        path: ['themes', 0, 'actions', 0, 'milestones', 0],
        due: 'March 2018',
        deadline: '2018-03-31',
        asOf: '2026-11-23',
        days: -3159,
      },
    });
  });

  it('is overdue the day after the deadline, and not on the deadline day itself', () => {
    const text = oneAction('March 2018');
    const dayAfter = single(check(text, { asOf: '2018-04-01' }), 'overdue');
    expect(dayAfter.message).toContain('1 day overdue at 1 April 2018');
    expect(dayAfter.data).toMatchObject({ deadline: '2018-03-31', days: -1 });
    expect(withCode(check(text, { asOf: '2018-03-31' }), 'overdue')).toEqual([]);
  });

  it('never reports a complete item: by a complete status, by a completed date, or by all milestones complete', () => {
    const byStatus = oneAction('March 2018', '        status: blue\n        completed: 2018-03-30\n');
    const byDate = oneAction('March 2018', '        completed: 2018-03-30\n');
    const byUpdate = oneAction('March 2018', '        updates:\n          - asOf: 2018-03-31\n            status: Complete\n            text: Done.\n');
    const byMilestones = oneAction(
      'March 2018',
      '        milestones:\n          - title: Only step\n            due: February 2018\n            status: blue\n            completed: 2018-02-20\n',
    );
    for (const text of [byStatus, byDate, byUpdate, byMilestones]) {
      expect(withCode(check(text, { asOf: '2026-11-23' }), 'overdue')).toEqual([]);
    }
  });

  it("never reports 'Ongoing'", () => {
    expect(withCode(check(oneAction('Ongoing'), { asOf: '2099-01-01' }), 'overdue')).toEqual([]);
  });

  it("reports 'Ongoing until March 2011' once its end has passed", () => {
    const text = oneAction('Ongoing until March 2011');
    expect(withCode(check(text, { asOf: '2011-03-31' }), 'overdue')).toEqual([]);
    const d = single(check(text, { asOf: '2011-04-01' }), 'overdue');
    expectFinding(d, 'overdue', {
      start: at(text, 'due: Ongoing', 'Ongoing'),
      words: ['31 March 2011', 'Ongoing until March 2011', '1 day overdue at 1 April 2011'],
      data: { deadline: '2011-03-31' },
    });
  });
});

describe('due-soon', () => {
  const text = oneAction('March 2018');

  it('notes an item due within 14 days by default, inclusive, at the due value', () => {
    const d = single(check(text, { asOf: '2018-03-17' }), 'due-soon');
    expectFinding(d, 'due-soon', {
      start: at(text, 'due: March 2018', 'March 2018'),
      words: ['Action 1.1', 'is due in 14 days', '31 March 2018', 'March 2018'],
      data: { deadline: '2018-03-31', asOf: '2018-03-17', days: 14 },
    });
    expect(withCode(check(text, { asOf: '2018-03-16' }), 'due-soon')).toEqual([]);
  });

  it("says 'today' on the deadline and 'tomorrow' the day before", () => {
    expect(single(check(text, { asOf: '2018-03-31' }), 'due-soon').message).toContain('is due today');
    expect(single(check(text, { asOf: '2018-03-30' }), 'due-soon').message).toContain('is due tomorrow');
    expect(withCode(check(text, { asOf: '2018-04-01' }), 'due-soon')).toEqual([]);
  });

  it('uses a custom dueSoonDays window', () => {
    const d = single(check(text, { asOf: '2018-03-01', dueSoonDays: 30 }), 'due-soon');
    expect(d.data).toMatchObject({ days: 30 });
    expect(d.message).toContain('in 30 days');
    expect(withCode(check(text, { asOf: '2018-02-28', dueSoonDays: 30 }), 'due-soon')).toEqual([]);
    expect(withCode(check(text, { asOf: '2018-03-28', dueSoonDays: 2 }), 'due-soon')).toEqual([]);
    expect(withCode(check(text, { asOf: '2018-03-29', dueSoonDays: 2 }), 'due-soon')).toHaveLength(1);
  });

  it('says nothing about a complete item', () => {
    const done = oneAction('March 2018', '        status: blue\n        completed: 2018-03-20\n');
    expect(withCode(check(done, { asOf: '2018-03-25' }), 'due-soon')).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Status contradictions

describe('complete-without-date', () => {
  it('warns about an item marked complete without a completed date, at the status', () => {
    const text = oneAction('March 2014', '        status: blue\n');
    const d = single(check(text), 'complete-without-date');
    expectFinding(d, 'complete-without-date', {
      start: at(text, 'status: blue', 'blue'),
      words: ['Action 1.1', 'is marked Complete', 'has no "completed" date'],
      data: { kind: 'action', key: '1.1', path: ['themes', 0, 'actions', 0] },
    });
  });

  it("uses the plan's legend: a blue 'done' status counts as complete, a blue one marked complete: false does not", () => {
    const scheme = yaml`
      statusScheme:
        - key: done
          label: Done
          colour: blue
        - key: signed-off
          label: Signed off
          colour: blue
          complete: false
    `;
    const done = oneAction('March 2014', '        status: done\n', scheme);
    expectFinding(single(check(done), 'complete-without-date'), 'complete-without-date', { start: at(done, 'status: done', 'done'), words: ['is marked Done'] });
    expect(withCode(check(oneAction('March 2014', '        status: signed-off\n', scheme), { asOf: '2014-01-01' }), 'complete-without-date')).toEqual([]);
  });

  it('says nothing when the completed date is there', () => {
    expect(withCode(check(oneAction('March 2014', '        status: blue\n        completed: 2013-12-01\n')), 'complete-without-date')).toEqual([]);
  });

  it('points at the status that says complete when it comes from the latest update', () => {
    const text = oneAction('March 2014', '        updates:\n          - asOf: 2013-12-31\n            status: blue\n            text: Delivered.\n');
    const d = single(check(text), 'complete-without-date');
    expect(d.range.start).toEqual(at(text, 'status: blue', 'blue'));
  });
});

describe('completed-but-open', () => {
  it('warns about a completed date on an item whose status is not complete, at the date', () => {
    const text = oneAction('March 2014', '        status: amber\n        completed: 2013-11-01\n');
    const d = single(check(text), 'completed-but-open');
    expectFinding(d, 'completed-but-open', {
      start: at(text, 'completed: 2013-11-01', '2013-11-01'),
      words: ['has a completed date but its status is Amber', 'mark it complete, or remove the date'],
      data: { key: '1.1', status: 'amber' },
    });
  });

  it('says nothing for a complete status, or for a completed date with no status', () => {
    expect(withCode(check(oneAction('March 2014', '        status: Complete\n        completed: 2013-11-01\n')), 'completed-but-open')).toEqual([]);
    expect(withCode(check(oneAction('March 2014', '        completed: 2013-11-01\n')), 'completed-but-open')).toEqual([]);
  });
});

describe('green-while-overdue', () => {
  it('warns about an item reported green after its deadline, at the status value', () => {
    const text = oneAction('March 2013', '        status: green\n');
    const diagnostics = check(text);
    const d = single(diagnostics, 'green-while-overdue');
    expectFinding(d, 'green-while-overdue', {
      start: at(text, 'status: green', 'green'),
      words: ['Action 1.1', 'reported Green', 'on track', '31 March 2013', 'has passed'],
      data: { deadline: '2013-03-31', asOf: '2014-01-01' },
    });
    expect(withCode(diagnostics, 'overdue')).toHaveLength(1);
  });

  it('says nothing when the overdue item is amber, or the green item is not yet overdue', () => {
    const amber = check(oneAction('March 2013', '        status: amber\n'));
    expect(withCode(amber, 'overdue')).toHaveLength(1);
    expect(withCode(amber, 'green-while-overdue')).toEqual([]);
    expect(withCode(check(oneAction('March 2013', '        status: green\n'), { asOf: '2013-03-31' }), 'green-while-overdue')).toEqual([]);
  });

  it('points at the green status of the latest update when the item takes its status from it', () => {
    const text = oneAction(
      'March 2013',
      '        updates:\n          - asOf: 2013-09-30\n            status: amber\n            text: Slipping.\n          - asOf: 2013-12-31\n            status: green\n            text: Back on track.\n',
    );
    const d = single(check(text), 'green-while-overdue');
    expect(d.range.start).toEqual(at(text, 'status: green', 'green'));
  });
});

describe('completed-after-as-of', () => {
  it('warns about a completed date after the as-of date, at the date', () => {
    const text = oneAction('March 2014', '        status: blue\n        completed: 2014-02-01\n');
    const d = single(check(text, { asOf: '2014-01-01' }), 'completed-after-as-of');
    expectFinding(d, 'completed-after-as-of', {
      start: at(text, 'completed: 2014-02-01', '2014-02-01'),
      words: ['completed on 1 February 2014', 'after the as-of date 1 January 2014'],
      data: { key: '1.1', completed: '2014-02-01' },
    });
  });

  it('accepts a completed date on the as-of date itself', () => {
    const text = oneAction('March 2014', '        status: blue\n        completed: 2014-01-01\n');
    expect(withCode(check(text, { asOf: '2014-01-01' }), 'completed-after-as-of')).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Updates

/** Updates text for action 1.1 from a list of dates. */
function updates(...dates: string[]): string {
  return '        updates:\n' + dates.map((date, i) => `          - asOf: ${date}\n            text: Update ${i + 1}.\n`).join('');
}

describe('updates-out-of-order', () => {
  it('warns about an update dated before the one above it, at its date', () => {
    const text = oneAction('March 2014', updates('2013-09-30', '2013-06-30'));
    const d = single(check(text), 'updates-out-of-order');
    expectFinding(d, 'updates-out-of-order', {
      start: at(text, 'asOf: 2013-06-30', '2013-06-30'),
      words: ['This update (30 June 2013) comes after one dated 30 September 2013', 'oldest first'],
      data: { key: '1.1', asOf: '2013-06-30', previous: '2013-09-30' },
    });
  });

  it('compares each update with the latest above it', () => {
    const text = oneAction('March 2014', updates('2013-09-30', '2013-06-30', '2013-08-31'));
    const found = withCode(check(text), 'updates-out-of-order');
    expect(found.map((d) => d.range.start)).toEqual([at(text, 'asOf: 2013-06-30', '2013-06-30'), at(text, 'asOf: 2013-08-31', '2013-08-31')]);
    expect(found.map((d) => d.data?.previous)).toEqual(['2013-09-30', '2013-09-30']);
  });

  it('accepts updates oldest first, and two updates on the same date', () => {
    expect(withCode(check(oneAction('March 2014', updates('2013-06-30', '2013-09-30', '2013-09-30', '2013-12-31'))), 'updates-out-of-order')).toEqual([]);
  });
});

describe('update-after-as-of', () => {
  it('warns about an update dated after the as-of date, at its date', () => {
    const text = oneAction('March 2014', updates('2013-12-31', '2014-03-31'));
    const d = single(check(text, { asOf: '2014-01-01' }), 'update-after-as-of');
    expectFinding(d, 'update-after-as-of', {
      start: at(text, 'asOf: 2014-03-31', '2014-03-31'),
      words: ['dated 31 March 2014, after the as-of date 1 January 2014'],
      data: { key: '1.1', updateAsOf: '2014-03-31', asOf: '2014-01-01' },
    });
  });

  it('accepts an update dated on the as-of date', () => {
    expect(withCode(check(oneAction('March 2014', updates('2013-12-31', '2014-01-01')), { asOf: '2014-01-01' }), 'update-after-as-of')).toEqual([]);
  });
});

describe('update-without-text', () => {
  it('warns about an update whose progress text is empty, at its text', () => {
    const text = oneAction('March 2014', "        updates:\n          - asOf: 2013-09-30\n            text: Begun.\n          - asOf: 2013-12-31\n            text: ''\n");
    const d = single(check(text), 'update-without-text');
    expectFinding(d, 'update-without-text', {
      start: at(text, "text: ''", "''"),
      words: ['Action 1.1 “', '” has an update (31 December 2013) with no progress text: say what has happened since the last one.'],
      data: { key: '1.1', asOf: '2013-12-31' },
    });
  });

  it('counts spaces as nothing, and accepts any words or a number', () => {
    expect(withCode(check(oneAction('March 2014', "        updates:\n          - asOf: 2013-12-31\n            text: '   '\n")), 'update-without-text')).toHaveLength(1);
    expect(withCode(check(oneAction('March 2014', updates('2013-09-30', '2013-12-31'))), 'update-without-text')).toEqual([]);
    expect(withCode(check(oneAction('March 2014', '        updates:\n          - asOf: 2013-12-31\n            text: 0\n')), 'update-without-text')).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Registers: found, missing, circular, invalid, and agencies defined twice

describe('register files', () => {
  const PLAN = '/plans/community.plan.yaml';
  const planUsing = (registers: string, extra = '') => `title: Plan\nregisters: ${registers}\n${extra}themes:\n  - id: '1'\n    title: Enforcement\n    actions:\n      - id: '1.1'\n        title: Run operations\n        lead: Kent Polic\n`;

  it('reads a register through the FileHost and uses its agencies (a near miss for register-not-found)', async () => {
    const text = planUsing('[kent.agencies.yaml]');
    const host = memoryHost({ '/plans/kent.agencies.yaml': KENT_REGISTER });
    const result = await checkFile(PLAN, text, host, { today: '2014-01-01' });
    expect(result.diagnostics.filter((d) => d.code.startsWith('register-'))).toEqual([]);
    expect(result.registers.map((r) => r.fileName)).toEqual(['/plans/kent.agencies.yaml']);
    const d = single(result.diagnostics, 'unknown-agency');
    expect(d.data).toMatchObject({ suggestion: 'Kent Police' });
  });

  it('reports register-not-found at the entry when the host cannot read it', async () => {
    const text = planUsing('[kent.agencies.yaml, missing.agencies.yaml]');
    const host = memoryHost({ '/plans/kent.agencies.yaml': KENT_REGISTER });
    const result = await checkFile(PLAN, text, host, { today: '2014-01-01' });
    const d = single(result.diagnostics, 'register-not-found');
    expectFinding(d, 'register-not-found', {
      start: at(text, 'missing.agencies.yaml'),
      words: ['The register "missing.agencies.yaml" cannot be read', 'no such file'],
      data: { register: 'missing.agencies.yaml', resolved: '/plans/missing.agencies.yaml' },
    });
  });

  it('reports a register named by another register that cannot be read, on the plan’s entry', async () => {
    const text = planUsing('[county.agencies.yaml]');
    const host = memoryHost({ '/plans/county.agencies.yaml': 'agencies: []\nregisters: [gone.agencies.yaml]\n' });
    const result = await checkFile(PLAN, text, host, { today: '2014-01-01' });
    const d = single(result.diagnostics, 'register-not-found');
    expectFinding(d, 'register-not-found', {
      start: at(text, 'county.agencies.yaml'),
      words: ['A register included by "county.agencies.yaml" cannot be read', 'gone.agencies.yaml'],
      data: { register: 'county.agencies.yaml' },
    });
  });

  it('reports a plan that names itself as a register, without reading it', async () => {
    const text = planUsing('[community.plan.yaml]');
    const host = memoryHost({});
    const result = await checkFile(PLAN, text, host, { today: '2014-01-01' });
    const d = single(result.diagnostics, 'register-cycle');
    expectFinding(d, 'register-cycle', { start: at(text, 'community.plan.yaml'), words: ['names itself'], data: { register: 'community.plan.yaml' } });
    expect(host.reads).toEqual([]);
  });

  it('reports a register that lists itself, reads it once and terminates', async () => {
    const selfish = 'agencies:\n  - id: Kent Police\n    name: Kent Police\nregisters: [kent.agencies.yaml]\n';
    const text = planUsing('[kent.agencies.yaml]');
    const host = memoryHost({ '/plans/kent.agencies.yaml': selfish });
    const result = await checkFile(PLAN, text, host, { today: '2014-01-01' });
    const d = single(result.diagnostics, 'register-cycle');
    expectFinding(d, 'register-cycle', {
      start: at(text, 'kent.agencies.yaml'),
      words: ['kent.agencies.yaml → kent.agencies.yaml'],
      data: { register: 'kent.agencies.yaml', cycle: ['/plans/kent.agencies.yaml', '/plans/kent.agencies.yaml'] },
    });
    expect(host.reads).toEqual(['/plans/kent.agencies.yaml']);
    // The register is still used.
    expect(withCode(result.diagnostics, 'unknown-agency')[0].data).toMatchObject({ suggestion: 'Kent Police' });

    // Checked as a file of its own, the register reports its own entry.
    const own = await checkFile('/plans/kent.agencies.yaml', selfish, memoryHost({ '/plans/kent.agencies.yaml': selfish }), { today: '2014-01-01' });
    expect(own.kind).toBe('register');
    const ownCycle = single(own.diagnostics, 'register-cycle');
    expect(ownCycle.severity).toBe('warning');
    expect(ownCycle.range.start).toEqual(at(selfish, 'registers: [kent.agencies.yaml]', 'kent.agencies.yaml'));
  });

  it('reports two registers that list each other, reading each once, and uses the agencies of both', async () => {
    const a = 'agencies:\n  - id: KCC\n    name: Kent County Council\nregisters: [b.agencies.yaml]\n';
    const b = 'agencies:\n  - id: Kent Police\n    name: Kent Police\nregisters: [a.agencies.yaml]\n';
    const text = planUsing('[a.agencies.yaml]');
    const host = memoryHost({ '/plans/a.agencies.yaml': a, '/plans/b.agencies.yaml': b });
    const result = await checkFile(PLAN, text, host, { today: '2014-01-01' });
    const d = single(result.diagnostics, 'register-cycle');
    expectFinding(d, 'register-cycle', {
      start: at(text, 'a.agencies.yaml'),
      words: ['a.agencies.yaml → b.agencies.yaml → a.agencies.yaml', 'read once'],
      data: { register: 'a.agencies.yaml', cycle: ['/plans/a.agencies.yaml', '/plans/b.agencies.yaml', '/plans/a.agencies.yaml'] },
    });
    expect([...host.reads].sort()).toEqual(['/plans/a.agencies.yaml', '/plans/b.agencies.yaml']);
    expect(result.registers.map((r) => r.fileName)).toEqual(['/plans/a.agencies.yaml', '/plans/b.agencies.yaml']);
    expect(withCode(result.diagnostics, 'unknown-agency')[0].data).toMatchObject({ suggestion: 'Kent Police' });
  });

  it('does not call two registers that share a third a circle', async () => {
    const host = memoryHost({
      '/plans/a.agencies.yaml': 'agencies:\n  - id: KCC\n    name: Kent County Council\nregisters: [shared.agencies.yaml]\n',
      '/plans/b.agencies.yaml': 'agencies:\n  - id: TMBC\n    name: Tonbridge and Malling Borough Council\nregisters: [shared.agencies.yaml]\n',
      '/plans/shared.agencies.yaml': 'agencies:\n  - id: Kent Police\n    name: Kent Police\n',
    });
    const result = await checkFile(PLAN, planUsing('[a.agencies.yaml, b.agencies.yaml]'), host, { today: '2014-01-01' });
    expect(result.diagnostics.filter((d) => d.code.startsWith('register-'))).toEqual([]);
    expect(host.reads.filter((name) => name === '/plans/shared.agencies.yaml')).toHaveLength(1);
    expect(result.registers).toHaveLength(3);
  });

  it('resolveRegisters on its own: a chain without a circle gives no findings', async () => {
    const host = memoryHost({
      '/plans/a.agencies.yaml': 'agencies: []\nregisters: [shared/b.agencies.yaml]\n',
      '/plans/shared/b.agencies.yaml': 'agencies:\n  - id: KCC\n    name: Kent County Council\n',
    });
    const plan = readPlanFile(planUsing('[a.agencies.yaml]'), { fileName: PLAN });
    const resolved = await resolveRegisters(PLAN, plan.plan!.registers, host);
    expect(resolved.diagnostics).toEqual([]);
    expect(resolved.registers.map((r) => r.fileName)).toEqual(['/plans/a.agencies.yaml', '/plans/shared/b.agencies.yaml']);
  });

  it('reports a register with errors of its own at the entry, quoting the first', async () => {
    const broken = 'agencies:\n  - id: KCC\n    nme: Kent County Council\n';
    const text = planUsing('[kent.agencies.yaml]');
    const result = await checkFile(PLAN, text, memoryHost({ '/plans/kent.agencies.yaml': broken }), { today: '2014-01-01' });
    const d = single(result.diagnostics, 'register-invalid');
    expectFinding(d, 'register-invalid', {
      start: at(text, 'kent.agencies.yaml'),
      words: ['The register "kent.agencies.yaml" has 2 errors', 'the first, at line 2'],
      data: { register: 'kent.agencies.yaml', resolved: '/plans/kent.agencies.yaml' },
    });
  });

  it("warns when the plan's own agency has a different name from the register's (duplicate-agency)", async () => {
    const own = 'agencies:\n  - id: KCC\n    name: Kent CC Youth Service\n';
    const text = planUsing('[kent.agencies.yaml]', own);
    const result = await checkFile(PLAN, text, memoryHost({ '/plans/kent.agencies.yaml': KENT_REGISTER }), { today: '2014-01-01' });
    const d = single(result.diagnostics, 'duplicate-agency');
    expectFinding(d, 'duplicate-agency', {
      start: at(text, '- id: KCC', 'id: KCC'),
      words: ['KCC is "Kent CC Youth Service" in this plan but "Kent County Council" in kent.agencies.yaml', 'the first is used'],
      data: { id: 'KCC', sources: ['this plan', 'kent.agencies.yaml'] },
    });
  });

  it('accepts the same agency in the plan and the register when the names agree but for case and punctuation', async () => {
    const own = 'agencies:\n  - id: KCC\n    name: kent county council.\n';
    const text = planUsing('[kent.agencies.yaml]', own);
    const result = await checkFile(PLAN, text, memoryHost({ '/plans/kent.agencies.yaml': KENT_REGISTER }), { today: '2014-01-01' });
    expect(withCode(result.diagnostics, 'duplicate-agency')).toEqual([]);
  });

  it('warns when two registers define the same agency id with different names (duplicate-agency)', async () => {
    const county = 'agencies:\n  - id: KCC\n    name: Kent County Council\n';
    const youth = 'agencies:\n  - id: KCC\n    name: Kent Children and Young People Service\n';
    const text = planUsing('[county.agencies.yaml, youth.agencies.yaml]');
    const host = memoryHost({ '/plans/county.agencies.yaml': county, '/plans/youth.agencies.yaml': youth });
    const result = await checkFile(PLAN, text, host, { today: '2014-01-01' });
    const d = single(result.diagnostics, 'duplicate-agency');
    expect(d.severity).toBe('warning');
    expect(d.range.start.line).toBe(lineOf(text, 'registers:'));
    expect(d.message).toContain('KCC');
    expect(d.data).toMatchObject({ id: 'KCC' });
  });
});

// ---------------------------------------------------------------------------------------------
// The clock

describe('the clock is never read', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const text = yaml`
    title: Plan
    period: 2013/14
    themes:
      - id: '1'
        title: Enforcement
        actions:
          - { id: '1.1', title: a, due: Q3, status: green }
          - { id: '1.2', title: b, due: March 2014 }
          - { id: '1.3', title: c, due: Within four weeks of ban }
          - { id: '1.4', title: d, due: TBC }
          - { id: '1.5', title: e, due: Quarterly until March 2014 }
  `;

  it('gives identical findings at two very different system times', async () => {
    const host = memoryHost({});
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2001-02-03T04:05:06Z'));
    expect(new Date().getUTCFullYear()).toBe(2001);
    const early = await checkFile('/plans/p.plan.yaml', text, host, { today: '2014-03-20' });
    const earlyDirect = check(text, { asOf: '2014-03-20' });
    vi.setSystemTime(new Date('2087-11-30T23:59:59Z'));
    expect(new Date().getUTCFullYear()).toBe(2087);
    const late = await checkFile('/plans/p.plan.yaml', text, host, { today: '2014-03-20' });
    const lateDirect = check(text, { asOf: '2014-03-20' });
    expect(late.diagnostics).toEqual(early.diagnostics);
    expect(lateDirect).toEqual(earlyDirect);
    expect(early.asOf).toBe('2014-03-20');
    expect(early.asOfBasis).toBe('today');
    // And the findings are the ones for 20 March 2014, not for either system time.
    expect(early.diagnostics.map((d) => d.code)).toEqual(['overdue', 'green-while-overdue', 'due-soon', 'due-unresolved', 'due-tbc', 'due-soon']);
  });
});

// ---------------------------------------------------------------------------------------------
// resolveAsOf

describe('resolveAsOf', () => {
  const withAsOf = readPlanFile('title: Plan\nasOf: 2013-12-31\nthemes: []\n').plan!;
  const withoutAsOf = readPlanFile('title: Plan\nthemes: []\n').plan!;

  it("prefers the option to the plan's asOf, and the plan's asOf to today", () => {
    expect(resolveAsOf({ override: '2014-06-30', plan: withAsOf, today: '2026-11-23' })).toEqual({ asOf: '2014-06-30', basis: 'option' });
    expect(resolveAsOf({ plan: withAsOf, today: '2026-11-23' })).toEqual({ asOf: '2013-12-31', basis: 'plan' });
    expect(resolveAsOf({ plan: withoutAsOf, today: '2026-11-23' })).toEqual({ asOf: '2026-11-23', basis: 'today' });
    expect(resolveAsOf({ today: '2026-11-23' })).toEqual({ asOf: '2026-11-23', basis: 'today' });
  });

  it('throws on an override that is not a real date written YYYY-MM-DD', () => {
    for (const bad of ['2025-02-30', '31/03/2014', '2014-3-31', '', 'today']) {
      expect(() => resolveAsOf({ override: bad, plan: withAsOf, today: '2026-11-23' }), bad).toThrow(RangeError);
    }
  });

  it('is used by checkFile, which reports the date and where it came from', async () => {
    const text = 'title: Plan\nasOf: 2013-12-31\nthemes: []\n';
    const host = memoryHost({});
    expect(await checkFile('/p/a.plan.yaml', text, host, { today: '2026-11-23' })).toMatchObject({ asOf: '2013-12-31', asOfBasis: 'plan' });
    expect(await checkFile('/p/a.plan.yaml', text, host, { today: '2026-11-23', asOf: '2014-06-30' })).toMatchObject({ asOf: '2014-06-30', asOfBasis: 'option' });
  });
});

// ---------------------------------------------------------------------------------------------
// The example plans, from disk

describe('example plans', () => {
  const folder = fileURLToPath(new URL('../examples/', import.meta.url));
  const plans = readdirSync(folder).filter((name) => name.endsWith('.plan.yaml')).sort();

  it('has the three example plans', () => {
    expect(plans).toHaveLength(3);
  });

  for (const name of plans) {
    it(`checks ${name} with no errors at its own as-of date`, async () => {
      const fileName = folder + name;
      const text = readFileSync(fileName, 'utf8');
      const result = await checkFile(fileName, text, nodeFileHost, { today: '2026-11-23' });
      expect(result.kind).toBe('plan');
      expect(result.asOfBasis).toBe(/^asOf:/m.test(text) ? 'plan' : 'today');
      expect(result.registers.length).toBeGreaterThan(0);
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    });
  }

  it("reports the Sevenoaks milestone due 'April 2011' as overdue at 23 November 2026", async () => {
    const fileName = folder + 'sevenoaks-alcohol-drug-strategy-2011.plan.yaml';
    const text = readFileSync(fileName, 'utf8');
    const result = await checkFile(fileName, text, nodeFileHost, { today: '2011-01-01', asOf: '2026-11-23' });
    expect(result.asOfBasis).toBe('option');
    const overdue = withCode(result.diagnostics, 'overdue').filter((d) => d.range.start.line === lineOf(text, 'due: April 2011'));
    expect(overdue).toHaveLength(1);
    expectFinding(overdue[0], 'overdue', {
      start: at(text, 'due: April 2011', 'April 2011'),
      words: ['Challenge 25 in Hextable and Swanley', '30 April 2011', '15 years 6 months overdue at 23 November 2026'],
      data: { due: 'April 2011', deadline: '2011-04-30', asOf: '2026-11-23' },
    });
  });
});
