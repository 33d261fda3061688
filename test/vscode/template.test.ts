/** The plan "Plankit: New Plan" opens (extension/src/template.ts): checked with the core. */
import { checkFile, readPlanFile, type FileHost } from '@plankit/core';
import { describe, expect, it } from 'vitest';
import { financialYearOf, financialYearText, newPlanTemplate } from '../../extension/src/template.js';

const noFiles: FileHost = {
  readText: async (fileName) => new Error(`no file ${fileName}`),
  resolve: (_from, relative) => relative,
};

describe('newPlanTemplate', () => {
  it.each(['2026-11-23', '2026-04-01', '2027-03-31', '2027-01-15', '2030-02-28', '2028-02-29'])('is a plan with no findings at all when made on %s', async (today) => {
    const text = newPlanTemplate({ today, title: 'Safer Sevenoaks action plan' });
    const check = await checkFile('new.plan.yaml', text, noFiles, { today, dueSoonDays: 30 });
    expect(check.kind).toBe('plan');
    expect(check.diagnostics).toEqual([]);
    const plan = check.planFile!.plan!;
    expect(plan.title).toBe('Safer Sevenoaks action plan');
    expect(plan.period?.text).toBe(financialYearText(financialYearOf(today)));
    expect(check.analysis!.overdue()).toEqual([]);
    expect(check.analysis!.actions().length).toBe(1);
    expect(check.analysis!.items().length).toBe(3);
  });

  it('keeps a title with YAML’s special characters as written', () => {
    const title = `CSP plan: "2026/27" #1 – 'draft' & more`;
    const plan = readPlanFile(newPlanTemplate({ today: '2026-11-23', title }), { fileName: 'n.plan.yaml' }).plan!;
    expect(plan.title).toBe(title);
  });

  it('has a title when none is given, and can name its schema', () => {
    const text = newPlanTemplate({ today: '2026-11-23', title: '  ', schemaPath: '../schemas/plan.schema.json' });
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schemas/plan.schema.json');
    expect(readPlanFile(text, { fileName: 'n.plan.yaml' }).plan!.title).toBe('Community Safety Partnership action plan');
  });

  it('refuses a date that is not YYYY-MM-DD', () => {
    expect(() => newPlanTemplate({ today: '23/11/2026' })).toThrow(RangeError);
  });
});

describe('financial years', () => {
  it('start on 1 April and are written 2026/27', () => {
    expect(financialYearOf('2026-03-31')).toBe(2025);
    expect(financialYearOf('2026-04-01')).toBe(2026);
    expect(financialYearText(2026)).toBe('2026/27');
    expect(financialYearText(2099)).toBe('2099/00');
    expect(financialYearText(2008)).toBe('2008/09');
  });
});
