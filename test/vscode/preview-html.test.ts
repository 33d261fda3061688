/** The preview page and the messages it exchanges (extension/src/preview-html.ts, protocol.ts). */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { escapeHtml, makeNonce, previewCsp, previewHtml, type PreviewPage } from '../../extension/src/preview-html.js';
import { isWebviewMessage } from '../../extension/src/protocol.js';

const cspSource = 'https://file+.vscode-resource.vscode-cdn.net';
const media = 'https://file%2B.vscode-resource.vscode-cdn.net/ext/dist/media';
const page: PreviewPage = {
  cspSource,
  nonce: 'abcDEF0123456789abcDEF0123456789',
  elementsScript: `${media}/plankit.js`,
  previewScript: `${media}/preview.js`,
  stylesheet: `${media}/preview.css`,
};

describe('previewHtml', () => {
  const html = previewHtml(page);

  it('has the strict policy: scripts by nonce only, styles and images from the extension only', () => {
    // As a browser reads the attribute: entities decoded.
    const policy = html
      .match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/)?.[1]
      ?.replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
    expect(policy).toBe(`default-src 'none'; script-src 'nonce-${page.nonce}'; style-src ${cspSource}; img-src ${cspSource} data:`);
    expect(policy).toBe(previewCsp(cspSource, page.nonce));
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  it('loads the elements’ bundle and the preview script as modules with the nonce, and has no inline script or style', () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.map((script) => script[1].trim())).toEqual([
      `type="module" nonce="${page.nonce}" src="${page.elementsScript}"`,
      `type="module" nonce="${page.nonce}" src="${page.previewScript}"`,
    ]);
    expect(scripts.every((script) => script[2] === '')).toBe(true);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    expect(html).toContain(`<link rel="stylesheet" href="${page.stylesheet}">`);
  });

  it('has the plan elements inside one <plan-source>', () => {
    const source = html.match(/<plan-source id="plankit-plan">([\s\S]*)<\/plan-source>/)?.[1] ?? '';
    for (const tag of ['plan-summary', 'plan-action-table', 'plan-milestone-timeline']) expect(source).toContain(`<${tag}`);
  });

  it('escapes what it is given', () => {
    const hostile = previewHtml({ ...page, stylesheet: 'x"><script>alert(1)</script>', cspSource: "a' b" });
    expect(hostile).not.toContain('<script>alert(1)');
    expect(hostile).toContain('href="x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('refuses a nonce that is short or could break out of the policy', () => {
    expect(() => previewHtml({ ...page, nonce: 'short' })).toThrow(RangeError);
    expect(() => previewHtml({ ...page, nonce: "abcdefghijklmnop' 'unsafe-inline" })).toThrow(RangeError);
  });
});

describe('makeNonce', () => {
  it('makes 32 characters from [A-Za-z0-9], different each time', () => {
    const nonces = new Set(Array.from({ length: 200 }, () => makeNonce((size) => randomBytes(size))));
    expect(nonces.size).toBe(200);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9]{32}$/);
  });

  it('uses every character about equally (bytes that would favour some are dropped)', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 2000; i++) for (const character of makeNonce((size) => randomBytes(size))) counts.set(character, (counts.get(character) ?? 0) + 1);
    expect(counts.size).toBe(62);
    const expected = (2000 * 32) / 62;
    for (const count of counts.values()) expect(Math.abs(count - expected)).toBeLessThan(expected * 0.25);
  });

  it('keeps drawing when the random source gives only bytes it must drop', () => {
    let calls = 0;
    const nonce = makeNonce((size) => {
      calls += 1;
      return new Uint8Array(size).fill(calls < 3 ? 255 : 0);
    });
    expect(nonce).toBe('A'.repeat(32));
    expect(calls).toBe(3);
  });
});

describe('isWebviewMessage', () => {
  it('accepts the messages the preview script sends', () => {
    expect(isWebviewMessage({ type: 'ready' })).toBe(true);
    expect(isWebviewMessage({ type: 'select', key: '1.1', id: '1.1', kind: 'action', path: ['themes', 0, 'actions', 0] })).toBe(true);
    expect(isWebviewMessage({ type: 'select', key: '1-1-m2', kind: 'milestone' })).toBe(true);
  });

  it('refuses anything else', () => {
    for (const value of [
      null,
      'ready',
      { type: 'other' },
      { type: 'select' },
      { type: 'select', key: 3 },
      { type: 'select', key: 'a', kind: 'theme' },
      { type: 'select', path: ['themes', -1] },
      { type: 'select', path: ['themes', 0.5] },
      { type: 'select', path: 'themes.0' },
      { type: 'select', path: Array(20).fill(0) },
      { type: 'select', path: [{}] },
    ]) {
      expect(isWebviewMessage(value), JSON.stringify(value)).toBe(false);
    }
  });
});
