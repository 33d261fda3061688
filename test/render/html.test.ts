import { describe, expect, it } from 'vitest';
import { escapeHtml, html, idFrom, join, safeHref, stylesheet, toText } from '../../packages/cli/src/render/html.js';
import { decode, parse, text } from './dom.js';
import { HOSTILE_URLS, PAYLOADS } from './hostile.js';

describe('escapeHtml', () => {
  it('escapes the five characters that matter in content and quoted attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('leaves ordinary text (Welsh, typographic quotes, emoji) alone', () => {
    const plain = 'Wedi’i gwblhau – “Gwyrdd” 👍 £5';
    expect(escapeHtml(plain)).toBe(plain);
  });

  it('replaces characters HTML does not allow (NUL, controls, lone surrogates) with U+FFFD', () => {
    expect(escapeHtml('a\u0000b\u0007c\u007fd\ud800e')).toBe('a\ufffdb\ufffdc\ufffdd\ufffde');
    expect(escapeHtml('tab\tline\nok')).toBe('tab\tline\nok');
    expect(escapeHtml('😀')).toBe('😀');
  });

  it.each(PAYLOADS)('turns %j into text: no tag, no attribute, and it reads back exactly', (payload) => {
    const escaped = escapeHtml(payload);
    expect(escaped).not.toMatch(/[<>"']/);
    expect(decode(escaped)).toBe(payload.replace(/\u0000/g, '\ufffd'));
    // In an attribute and in content, parsed, it stays one attribute value and one text node.
    const tree = parse(toText(html`<p title="${payload}">${payload}</p>`));
    const p = tree.children[0];
    expect(typeof p).toBe('object');
    if (typeof p === 'string') return;
    expect(Object.keys(p.attrs)).toEqual(['title']);
    expect(p.attrs.title).toBe(payload);
    expect(p.children).toEqual([payload]);
    expect(text(p)).toBe(payload.replace(/\s+/g, ' ').trim());
  });
});

describe('html templates', () => {
  it('escapes every value and keeps nested templates, lists and nothing', () => {
    const inner = html`<b>${'<i>'}</b>`;
    const out = toText(html`<p>${inner}${['<x>', 1, undefined, null, false, html`<br>`]}</p>`);
    expect(out).toBe('<p><b>&lt;i&gt;</b>&lt;x&gt;1<br></p>');
  });

  it('joins with an escaped separator', () => {
    expect(toText(join(['a', html`<b>b</b>`], ' & '))).toBe('a &amp; <b>b</b>');
  });

  it('does not treat a look-alike object as markup', () => {
    const forged = { value: '<script>alert(1)</script>' } as unknown as string;
    expect(toText(html`${forged}`)).not.toContain('<script');
  });

  it('takes a stylesheet only if it cannot end the style element', () => {
    expect(toText(stylesheet('p { color: red }'))).toBe('p { color: red }');
    expect(() => stylesheet('</style><script>')).toThrow();
  });
});

describe('safeHref', () => {
  it('keeps http, https and mailto links', () => {
    expect(safeHref('https://www.kent.gov.uk/plan')).toBe('https://www.kent.gov.uk/plan');
    expect(safeHref(' http://example.org ')).toBe('http://example.org/');
    expect(safeHref('mailto:csp@example.org')).toBe('mailto:csp@example.org');
    expect(safeHref('HTTPS://EXAMPLE.ORG/A')).toBe('https://example.org/A');
  });

  it.each(HOSTILE_URLS)('refuses %j', (url) => {
    expect(safeHref(url)).toBeUndefined();
  });

  it('refuses relative, empty and malformed addresses', () => {
    for (const url of ['', 'plan.html', '/x', '#top', 'http://', 'http//example.org', undefined]) expect(safeHref(url)).toBeUndefined();
  });

  it('percent-encodes quotes and angle brackets so an address cannot leave its attribute', () => {
    const href = safeHref('https://example.org/?q="><script>alert(1)</script>')!;
    expect(href).not.toMatch(/[<>"]/);
  });
});

describe('idFrom', () => {
  it('makes ids of letters, digits and -_.: only', () => {
    expect(idFrom('action', '1.10')).toBe('action-1.10');
    expect(idFrom('action', ' "><script> ')).toBe('action-script');
    expect(idFrom('action', '')).toBe('action-x');
  });
});
