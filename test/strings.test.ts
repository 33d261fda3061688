import { describe, expect, it } from 'vitest';
import { catalogue } from '../packages/elements/src/strings.js';

// Every user-facing word is in the catalogue, in English and Welsh alike.
describe('strings catalogue', () => {
  it.each(Object.entries(catalogue))('%s has the same keys in English and Welsh, none empty', (_, section) => {
    const { en, cy } = section as { en: Record<string, unknown>; cy: Record<string, unknown> };
    expect(Object.keys(cy).sort()).toEqual(Object.keys(en).sort());
    for (const [key, value] of Object.entries({ ...en, ...cy })) {
      if (typeof value === 'string') expect(value.trim(), key).not.toBe('');
      else expect(typeof value, key).toMatch(/function|object/);
    }
  });

  it('Welsh words differ from English ones (not left untranslated)', () => {
    let same = 0;
    let total = 0;
    for (const section of Object.values(catalogue) as { en: Record<string, unknown>; cy: Record<string, unknown> }[]) {
      for (const [key, value] of Object.entries(section.en)) {
        if (typeof value !== 'string') continue;
        total++;
        if (section.cy[key] === value) same++;
      }
    }
    expect(total).toBeGreaterThan(20);
    expect(same / total).toBeLessThan(0.1);
  });
});
