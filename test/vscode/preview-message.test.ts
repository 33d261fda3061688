/**
 * What the preview is sent (extension/src/preview-message.ts) for the language server's answers, and
 * the extension's languages (languages.ts). The answers are made here as the server makes them: the
 * core's planPreviewOf on a file's check (the server's own requests are tested over stdio in
 * test/language-server/server.test.ts).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkFile, planPreviewOf, readPlanFile } from '@plankit/core';
import { nodeFileHost } from '@plankit/core/node';
import { describe, expect, it } from 'vitest';
import { baseName, previewMessage, serverProblemMessage, type PlanPreviewAnswer } from '../../extension/src/preview-message.js';
import { isPlanLanguage, isPlankitLanguage } from '../../extension/src/languages.js';

const examples = fileURLToPath(new URL('../../examples/', import.meta.url));
const sevenoaksName = 'sevenoaks-alcohol-drug-strategy-2011.plan.yaml';
const sevenoaks = readFileSync(`${examples}${sevenoaksName}`, 'utf8');

/** The server's answer for a text, checked as the server checks it. */
async function answerFor(text: string, fileName: string, options: { asOf?: string; dueSoonDays?: number } = {}): Promise<PlanPreviewAnswer> {
  const check = await checkFile(fileName, text, nodeFileHost, { today: '2030-01-01', ...options });
  const preview = planPreviewOf(check);
  return preview ? { ...preview, version: 3 } : null;
}

describe('languages', () => {
  it('knows which languages are plans and which are registers', () => {
    expect(isPlanLanguage('plankit-plan')).toBe(true);
    expect(isPlanLanguage('plankit-plan-json')).toBe(true);
    expect(isPlanLanguage('plankit-agencies')).toBe(false);
    expect(isPlankitLanguage('plankit-agencies-json')).toBe(true);
    expect(isPlankitLanguage('yaml')).toBe(false);
  });
});

describe('previewMessage', () => {
  it('sends the plan as the plain value the core read, with the as-of date and due-soon window of the check', async () => {
    const message = previewMessage(await answerFor(sevenoaks, `${examples}${sevenoaksName}`, { asOf: '2026-11-23', dueSoonDays: 45 }), `/work/${sevenoaksName}`);
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

  it('reports at the plan’s own date, else today, when no date is set', async () => {
    expect(previewMessage(await answerFor(sevenoaks, `${examples}${sevenoaksName}`), sevenoaksName)).toMatchObject({ type: 'plan', asOf: '2011-03-31', dueSoonDays: 14 });
    expect(previewMessage(await answerFor('title: T\nthemes:\n  - title: A\n', '/x/t.plan.yaml'), 't.plan.yaml')).toMatchObject({ type: 'plan', asOf: '2030-01-01' });
  });

  it('sends the Welsh language of a Welsh plan, and reads a JSON plan as JSON', async () => {
    expect(previewMessage(await answerFor('title: Cynllun\nlang: cy\nthemes:\n  - title: Thema\n', '/x/c.plan.yaml'), 'c.plan.yaml')).toMatchObject({ type: 'plan', lang: 'cy' });
    const json = JSON.stringify({ title: 'A JSON plan', themes: [{ title: 'T', actions: [{ id: '1.1', title: 'Do it', due: 'March 2027' }] }] }, null, 2);
    const message = previewMessage(await answerFor(json, '/x/a.plan.json'), 'a.plan.json');
    expect(message.type === 'plan' && message.value).toEqual(JSON.parse(json));
  });

  it('says what is wrong, with the line, while the text cannot be read', async () => {
    const text = 'title: T\nthemes:\n  - title: A\n    actions: [\n';
    const message = previewMessage(await answerFor(text, '/x/x.plan.yaml'), 'x.plan.yaml');
    const first = readPlanFile(text, { fileName: 'x.plan.yaml' }).diagnostics.find((d) => d.severity === 'error')!;
    expect(message).toEqual({ type: 'problems', message: `Line ${first.range.start.line + 1}: ${first.message}` });
  });

  it('counts the errors after the first', async () => {
    expect(previewMessage(await answerFor('title: [a]\nthemes: 4\n', '/x/x.plan.yaml'), 'x.plan.yaml')).toMatchObject({ type: 'problems', message: expect.stringMatching(/^Line 1: .*\(and 1 more error\)$/) });
    expect(previewMessage({ version: 1, errors: 4, firstError: { line: 9, message: 'Oops.' } }, 'x.plan.yaml')).toEqual({ type: 'problems', message: 'Line 10: Oops. (and 3 more errors)' });
  });

  it('says when the file is empty or holds no plan, and when the server cannot answer', async () => {
    expect(previewMessage(await answerFor('', '/x/empty.plan.yaml'), 'empty.plan.yaml')).toEqual({ type: 'problems', message: 'Line 1: This file is empty. A plan needs at least a title and a list of themes.' });
    expect(previewMessage({ version: 1, errors: 0 }, 'x.plan.yaml')).toEqual({ type: 'problems', message: 'This file does not hold a plan yet.' });
    expect(previewMessage(null, 'x.agencies.yaml')).toEqual({ type: 'problems', message: 'This file does not hold a plan yet.' });
    expect(serverProblemMessage(new Error('Client is not running'))).toEqual({ type: 'problems', message: 'The Plankit language server is not answering (Client is not running); see the Plankit output for why.' });
  });

  it('names the file without its folder', () => {
    expect(baseName('/a/b/c.plan.yaml')).toBe('c.plan.yaml');
    expect(baseName('C:\\plans\\c.plan.yaml')).toBe('c.plan.yaml');
    expect(baseName('Untitled-1')).toBe('Untitled-1');
  });
});
