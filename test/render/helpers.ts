import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkFile, type FileCheck } from '@plankit/core';
import { nodeFileHost, readPlankitText } from '@plankit/core/node';
import { renderReport } from '../../packages/cli/src/render/report.js';
import type { Lang } from '../../packages/cli/src/render/words.js';

export const root = join(__dirname, '..', '..');

export const EXAMPLES = [
  'sevenoaks-alcohol-drug-strategy-2011',
  'tonbridge-malling-csp-action-plan-2013-14',
  'safer-kingston-partnership-plan-2011-14',
] as const;

export function examplePath(name: string): string {
  return join(root, 'examples', `${name}.plan.yaml`);
}

/** The as-of date the tests render at unless they say otherwise. */
export const AS_OF = '2026-11-23';
/** "Today" for tests: a fixed date, as the CLI would pass from its clock. */
export const TODAY = '2026-11-23';

/** Checks a plan file as the command does and renders it; fails the test if the plan has errors. */
export async function renderFile(file: string, options: { asOf?: string; lang?: Lang; text?: string; allowErrors?: boolean } = {}): Promise<{ html: string; check: FileCheck }> {
  const text = options.text ?? (await readPlankitText(file));
  const check = await checkFile(file, text, nodeFileHost, { asOf: options.asOf, today: TODAY });
  const errors = check.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 && !options.allowErrors) throw new Error(`${file} has errors: ${errors.map((e) => `${e.code} ${e.message}`).join('; ')}`);
  const html = renderReport(check.analysis!, { lang: options.lang ?? 'en', asOfBasis: check.asOfBasis!, today: TODAY });
  return { html, check };
}

/** Writes a plan value as a .plan.json file in a new temporary folder and returns its path. */
export function writeTempPlan(value: unknown, name = 'hostile.plan.json'): string {
  const dir = mkdtempSync(join(tmpdir(), 'plankit-render-'));
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(value, null, 2));
  return file;
}
