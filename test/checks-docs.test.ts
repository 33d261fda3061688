import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { DIAGNOSTIC_CODES } from '../packages/core/src/diagnostics.js';

// Every diagnostic code is documented in docs/checks.md (editors link each code there), with the
// severity the code has by default, and the docs name no code that does not exist.
it('docs/checks.md documents exactly the diagnostic codes, each with its default severity', () => {
  const docs = readFileSync(join(__dirname, '..', 'docs', 'checks.md'), 'utf8');
  const headings = [...docs.matchAll(/^### (\S+)\n(\w+)/gm)].map((m) => [m[1], m[2].toLowerCase()]);
  expect(headings.map(([code]) => code).sort()).toEqual(Object.keys(DIAGNOSTIC_CODES).sort());
  for (const [code, severity] of headings) {
    expect(severity, code).toBe(DIAGNOSTIC_CODES[code as keyof typeof DIAGNOSTIC_CODES].severity);
  }
});
