import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPORT_CSS } from '../packages/cli/src/render/styles.js';
import { DARK, LIGHT } from '../packages/elements/src/palette.js';
import { tokens } from '../packages/elements/src/styles.js';

// One palette for the web components and the command line's report (packages/elements/src/palette.ts):
// each says, in its own stylesheet, exactly the palette's colours, and no other source file of
// either names a colour of its own (black and white for print and forced colours aside).

/** `--name: value;` declarations of a CSS text, in order. */
function declarations(cssText: string): [string, string][] {
  return [...cssText.matchAll(/(--[\w-]+):\s*([^;]+);/g)].map((match) => [match[1], match[2].trim()]);
}

/** The palette's name for each of the elements' `--plankit-*` properties (the report's are the same without `-colour`). */
const KEYS: Record<string, keyof typeof LIGHT> = {
  'text-colour': 'text',
  'secondary-text-colour': 'secondary',
  background: 'background',
  'border-colour': 'border',
  'link-colour': 'link',
  'focus-colour': 'focus',
  'focus-text-colour': 'focusText',
  red: 'red',
  'red-tint': 'redTint',
  amber: 'amber',
  'amber-tint': 'amberTint',
  green: 'green',
  'green-tint': 'greenTint',
  blue: 'blue',
  'blue-tint': 'blueTint',
  grey: 'grey',
  'grey-tint': 'greyTint',
  'tag-text-colour': 'tagText',
};

/** The palette's name for one of the report's properties (`--red-tint`). */
function reportKey(name: string): keyof typeof LIGHT {
  const key = KEYS[name] ?? KEYS[`${name}-colour`] ?? KEYS[`${name}-text-colour`];
  expect(key, name).toBeDefined();
  return key;
}

describe('the palette', () => {
  it("is what the report's stylesheet declares on :root, colour for colour", () => {
    const root = /:root\s*\{([^}]*)\}/.exec(REPORT_CSS)![1];
    const declared = declarations(root).filter(([name]) => name !== '--color-scheme');
    expect(declared.length).toBe(16);
    for (const [name, value] of declared) expect([name, value]).toEqual([name, LIGHT[reportKey(name.slice(2))]]);
  });

  it("gives the web components' defaults: the light scheme's on :host, the dark scheme's where the reader or theme asks for it", () => {
    const cssText = tokens.cssText;
    const host = /:host\s*\{([^}]*)\}/.exec(cssText)![1];
    const lightDefaults = [...host.matchAll(/var\(--plankit-([\w-]+),\s*(#[0-9a-f]{6})\)/g)].map((match) => [match[1], match[2]]);
    expect(lightDefaults.length).toBe(18);
    for (const [name, value] of lightDefaults) expect([name, value]).toEqual([name, LIGHT[KEYS[name]]]);
    // Every default anywhere in the stylesheet is the light or the dark scheme's colour for that property.
    const everywhere = [...cssText.matchAll(/var\(--plankit-([\w-]+),\s*(#[0-9a-f]{6})\)/g)].map((match) => [match[1], match[2]]);
    const darkDefaults = everywhere.filter(([name, value]) => value !== LIGHT[KEYS[name]]);
    for (const [name, value] of darkDefaults) expect([name, value]).toEqual([name, (DARK as Record<string, string>)[KEYS[name]]]);
    expect(new Set(darkDefaults.map(([name]) => KEYS[name]))).toEqual(new Set(Object.keys(DARK)));
  });

  it('is the only place the elements and the report name a colour (print black and white aside)', () => {
    const root = join(__dirname, '..');
    const sources = [
      ...readdirSync(join(root, 'packages/elements/src')).filter((file) => file.endsWith('.ts') && file !== 'palette.ts').map((file) => join('packages/elements/src', file)),
      ...readdirSync(join(root, 'packages/elements/src/elements')).map((file) => join('packages/elements/src/elements', file)),
      ...readdirSync(join(root, 'packages/cli/src/render')).map((file) => join('packages/cli/src/render', file)),
    ];
    const named = sources.flatMap((file) => [...readFileSync(join(root, file), 'utf8').matchAll(/#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b/g)].map((match) => `${file}: ${match[0]}`));
    expect(sources.length).toBeGreaterThan(10);
    expect(named.filter((entry) => !/: #(?:000000|ffffff)$/.test(entry))).toEqual([]);
  });
});
