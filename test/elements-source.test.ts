import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Guards on the elements' source that the browser tests back up: plan text is never HTML, and
// nothing writes a style attribute (a strict CSP with style-src 'self' blocks those).
const dir = join(__dirname, '..', 'packages', 'elements', 'src');
const files = ['base.ts', 'state.ts', 'format-readers.ts', ...readdirSync(join(dir, 'elements')).map((f) => join('elements', f))];

describe('elements source', () => {
  it.each(files)('%s renders no HTML from strings and writes no style attribute', (file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    expect(text).not.toMatch(/unsafeHTML|unsafeSVG|\.innerHTML\s*=|outerHTML\s*=|insertAdjacentHTML|document\.write/);
    expect(text).not.toMatch(/\sstyle=["$]|styleMap\(|setAttribute\(\s*['"]style['"]/);
    expect(text).not.toMatch(/\beval\(|new Function\(/);
  });
});
