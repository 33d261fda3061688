/** Reading the open plan in the extension host (extension/src/plan-document.ts, preview-message.ts, languages.ts). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readPlanFile } from '@plankit/core';
import { describe, expect, it } from 'vitest';
import { asOfSetting, dueSoonSetting, readPlanText } from '../../extension/src/plan-document.js';
import { baseName, previewMessage } from '../../extension/src/preview-message.js';
import { fileNameForReading, isPlanLanguage, isPlankitLanguage } from '../../extension/src/languages.js';

const examples = fileURLToPath(new URL('../../examples/', import.meta.url));
const sevenoaksName = 'sevenoaks-alcohol-drug-strategy-2011.plan.yaml';
const sevenoaks = readFileSync(`${examples}${sevenoaksName}`, 'utf8');

describe('settings', () => {
  it('takes an as-of date only when it is a real YYYY-MM-DD date', () => {
    expect(asOfSetting('2026-11-23')).toBe('2026-11-23');
    expect(asOfSetting(' 2026-11-23 ')).toBe('2026-11-23');
    expect(asOfSetting('')).toBeUndefined();
    expect(asOfSetting('2026-02-30')).toBeUndefined();
    expect(asOfSetting('23/11/2026')).toBeUndefined();
    expect(asOfSetting(20261123)).toBeUndefined();
  });

  it('takes a due-soon window of whole days, else 30', () => {
    expect(dueSoonSetting(14)).toBe(14);
    expect(dueSoonSetting(0)).toBe(0);
    expect(dueSoonSetting(7.9)).toBe(7);
    expect(dueSoonSetting(undefined)).toBe(30);
    expect(dueSoonSetting(-1)).toBe(30);
    expect(dueSoonSetting('14')).toBe(30);
    expect(dueSoonSetting(Number.NaN)).toBe(30);
  });
});

describe('readPlanText', () => {
  it('reports at the setting’s date, else the plan’s own, else today', () => {
    expect(readPlanText(sevenoaks, sevenoaksName, { asOf: '2026-11-23' }, '2030-01-01')).toMatchObject({ asOf: '2026-11-23', asOfBasis: 'option' });
    expect(readPlanText(sevenoaks, sevenoaksName, {}, '2030-01-01')).toMatchObject({ asOf: '2011-03-31', asOfBasis: 'plan' });
    expect(readPlanText(sevenoaks, sevenoaksName, { asOf: 'soon' }, '2030-01-01')).toMatchObject({ asOf: '2011-03-31', asOfBasis: 'plan' });
    const noAsOf = 'title: T\nthemes:\n  - title: A\n';
    expect(readPlanText(noAsOf, 'x.plan.yaml', {}, '2030-01-01')).toMatchObject({ asOf: '2030-01-01', asOfBasis: 'today' });
  });

  it('analyses a plan with no errors at that date, with the due-soon window from settings', () => {
    const reading = readPlanText(sevenoaks, sevenoaksName, { asOf: '2026-11-23', dueSoonDays: 10 }, '2030-01-01');
    expect(reading.errors).toEqual([]);
    expect(reading.analysis?.asOf).toBe('2026-11-23');
    expect(reading.analysis?.dueSoonDays).toBe(10);
    expect(reading.analysis?.overdue().map((item) => item.title)).toContain('Challenge 25 in Hextable and Swanley');
    // At the plan's own date (31 March 2011) that milestone, due April 2011, is not yet overdue.
    const own = readPlanText(sevenoaks, sevenoaksName, {}, '2030-01-01');
    expect(own.analysis?.overdue().map((item) => item.title)).not.toContain('Challenge 25 in Hextable and Swanley');
  });

  it('gives no analysis while the text has syntax or schema errors', () => {
    const broken = readPlanText('title: [unclosed\nthemes: []\n', 'x.plan.yaml', {}, '2026-11-23');
    expect(broken.errors.length).toBeGreaterThan(0);
    expect(broken.analysis).toBeUndefined();
    const invalid = readPlanText('title: T\nthemes: 3\n', 'x.plan.yaml', {}, '2026-11-23');
    expect(invalid.errors.length).toBeGreaterThan(0);
    expect(invalid.analysis).toBeUndefined();
  });

  it('reads JSON plans as JSON', () => {
    const json = JSON.stringify({ title: 'A JSON plan', themes: [{ title: 'T', actions: [{ id: '1.1', title: 'Do it', due: 'March 2027' }] }] }, null, 2);
    const reading = readPlanText(json, 'a.plan.json', {}, '2026-11-23');
    expect(reading.errors).toEqual([]);
    expect(reading.planFile.source.format).toBe('json');
    expect(reading.analysis?.actions().map((action) => action.id)).toEqual(['1.1']);
  });
});

describe('languages', () => {
  it('knows which languages are plans and which are registers', () => {
    expect(isPlanLanguage('plankit-plan')).toBe(true);
    expect(isPlanLanguage('plankit-plan-json')).toBe(true);
    expect(isPlanLanguage('plankit-agencies')).toBe(false);
    expect(isPlankitLanguage('plankit-agencies-json')).toBe(true);
    expect(isPlankitLanguage('yaml')).toBe(false);
  });

  it('reads an untitled document by its language', () => {
    expect(fileNameForReading('Untitled-1', 'plankit-plan')).toBe('Untitled-1.yaml');
    expect(fileNameForReading('Untitled-1', 'plankit-plan-json')).toBe('Untitled-1.json');
    expect(fileNameForReading('/plans/a.plan.json', 'plankit-plan-json')).toBe('/plans/a.plan.json');
  });
});

describe('previewMessage', () => {
  it('sends the plan as the plain value the core read, with its as-of date and language', () => {
    const reading = readPlanText(sevenoaks, `/work/${sevenoaksName}`, { asOf: '2026-11-23' }, '2030-01-01');
    const message = previewMessage(reading, `/work/${sevenoaksName}`, { dueSoonDays: 45 });
    expect(message).toEqual({
      type: 'plan',
      value: readPlanFile(sevenoaks, { fileName: sevenoaksName }).value,
      asOf: '2026-11-23',
      fileName: sevenoaksName,
      lang: 'en',
      dueSoonDays: 45,
    });
    // A plain value: it survives the trip to the webview (structured clone) unchanged.
    expect(structuredClone(message)).toEqual(message);
  });

  it('sends the Welsh language of a Welsh plan', () => {
    const text = 'title: Cynllun\nlang: cy\nthemes:\n  - title: Thema\n';
    const message = previewMessage(readPlanText(text, 'c.plan.yaml', {}, '2026-11-23'), 'c.plan.yaml', {});
    expect(message).toMatchObject({ type: 'plan', lang: 'cy', dueSoonDays: 30 });
  });

  it('says what is wrong, with the line, while the text cannot be read', () => {
    const text = 'title: T\nthemes:\n  - title: A\n    actions: [\n';
    const message = previewMessage(readPlanText(text, 'x.plan.yaml', {}, '2026-11-23'), 'x.plan.yaml', {});
    expect(message.type).toBe('problems');
    if (message.type !== 'problems') return;
    const first = readPlanFile(text, { fileName: 'x.plan.yaml' }).diagnostics.find((d) => d.severity === 'error')!;
    expect(message.message.startsWith(`Line ${first.range.start.line + 1}: ${first.message}`)).toBe(true);
  });

  it('counts the errors after the first', () => {
    const text = 'title: [a]\nthemes: 4\n';
    const reading = readPlanText(text, 'x.plan.yaml', {}, '2026-11-23');
    expect(reading.errors.length).toBe(2);
    const message = previewMessage(reading, 'x.plan.yaml', {});
    expect(message.type === 'problems' && message.message).toMatch(/\(and 1 more error\)$/);
  });

  it('names the file without its folder', () => {
    expect(baseName('/a/b/c.plan.yaml')).toBe('c.plan.yaml');
    expect(baseName('C:\\plans\\c.plan.yaml')).toBe('c.plan.yaml');
    expect(baseName('Untitled-1')).toBe('Untitled-1');
  });
});
