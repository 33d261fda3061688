/** The status bar's words for the open plan (extension/src/status-text.ts). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PlanAnalysis, planCounts, readPlanFile } from '@plankit/core';
import { describe, expect, it } from 'vitest';
import { planErrorText, planStatusText } from '../../extension/src/status-text.js';

function analyse(text: string, asOf: string): PlanAnalysis {
  return new PlanAnalysis(readPlanFile(text, { fileName: 'p.plan.yaml' }).plan!, { asOf });
}

const sevenoaks = readFileSync(fileURLToPath(new URL('../../examples/sevenoaks-alcohol-drug-strategy-2011.plan.yaml', import.meta.url)), 'utf8');

describe('planStatusText', () => {
  it('counts overdue items and actions by status, in the legend’s order', () => {
    const analysis = analyse(sevenoaks, '2026-11-23');
    const overdue = analysis.overdue();
    const counts = analysis.statusCounts('action');
    expect(overdue.length).toBeGreaterThan(0);
    const words = planStatusText(planCounts(analysis));
    expect(words.text).toBe(`Plan: ${overdue.length} overdue · ${counts.get('green')} green · ${counts.get('none')} no status`);
    expect(words.tooltip).toContain('SEVENOAKS DISTRICT COMMUNITY SAFETY ALCOHOL & DRUG STRATEGY April 2011');
    expect(words.tooltip).toContain('Overdue at 23 November 2026:');
    expect(words.tooltip).toContain(`${overdue.filter((item) => item.kind === 'milestone').length} milestones`);
  });

  it('has nothing overdue at the plan’s own date', () => {
    const words = planStatusText(planCounts(analyse(sevenoaks, '2011-03-31')));
    expect(words.text).not.toContain('overdue');
    expect(words.tooltip).toContain('Nothing overdue at 31 March 2011.');
  });

  it('uses the plan’s own legend words', () => {
    const text = `title: T
statusScheme:
  - { key: ok, label: On track, colour: green }
  - { key: late, label: Slipping, colour: amber }
  - { key: RAG, label: BRAG, colour: blue }
themes:
  - title: A
    actions:
      - { title: One, status: ok }
      - { title: Two, status: ok }
      - { title: Three, status: late, due: January 2020 }
      - { title: Four, status: Unknown word }
      - { title: Five, status: RAG }
`;
    const words = planStatusText(planCounts(analyse(text, '2026-11-23')));
    expect(words.text).toBe('Plan: 1 overdue · 2 on track · 1 slipping · 1 BRAG · 1 other');
    expect(words.tooltip).toContain("5 actions: 2 On track, 1 Slipping, 1 BRAG, 1 with a status not in the plan's legend.");
    expect(words.tooltip).toContain('Overdue at 23 November 2026: 1 action.');
  });

  it('counts the updates still to write, after a quarter’s round has started them', () => {
    const text = `title: T
themes:
  - title: A
    actions:
      - title: One
        status: green
        updates:
          - { asOf: 2026-09-30, text: Begun. }
          - { asOf: 2026-12-31, status: green, text: '' }
      - title: Two
        status: green
        updates:
          - { asOf: 2026-12-31, status: green, text: '' }
        milestones:
          - title: M
            updates:
              - { asOf: 2026-12-31, text: '  ' }
`;
    const counts = planCounts(analyse(text, '2026-12-31'));
    expect(counts.updatesToWrite).toBe(3);
    const words = planStatusText(counts);
    expect(words.text).toBe('Plan: 2 green · 3 updates to write');
    expect(words.tooltip).toContain('3 updates have no progress text yet (see the Problems panel).');
    // Once written, gone.
    const written = planStatusText(planCounts(analyse(text.replaceAll("text: ''", 'text: Done.').replace("text: '  '", 'text: Done.'), '2026-12-31')));
    expect(written.text).toBe('Plan: 2 green');
    expect(written.tooltip).not.toContain('progress text');
  });

  it('says when a plan has no actions yet, or none with a status', () => {
    expect(planStatusText(planCounts(analyse('title: T\nthemes:\n  - title: A\n', '2026-11-23'))).text).toBe('Plan: no actions');
    expect(planStatusText(planCounts(analyse('title: T\nthemes:\n  - title: A\n', '2026-11-23'))).tooltip).toContain('The plan has no actions yet.');
  });
});

describe('planErrorText', () => {
  it('counts errors and names the first one’s line (1-based)', () => {
    expect(planErrorText(1, 3)).toEqual({ text: 'Plan: 1 error', tooltip: expect.stringContaining('until this error is put right (the first is on line 4)') });
    expect(planErrorText(2, undefined).text).toBe('Plan: 2 errors');
  });
});
