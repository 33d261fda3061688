import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseWithYamlPackage } from 'yaml';
import type { AstNode } from '../packages/core/src/ast.js';
import { toValue } from '../packages/core/src/ast.js';
import { parseSource } from '../packages/core/src/parse.js';
import { parseYamlFast } from '../packages/core/src/yaml-fast.js';

/** Every node's start, and the end of one-line scalars, keyed by path: what diagnostics point at. */
function positions(node: AstNode, path = '', out = new Map<string, string>()): Map<string, string> {
  if (node.kind === 'scalar') {
    const oneLine = node.style === 'plain' || node.style === 'single' || node.style === 'double';
    out.set(path, oneLine ? `${node.start}-${node.end}` : `${node.start}`);
  } else if (node.kind === 'seq') {
    out.set(path, `${node.start}`);
    node.items.forEach((item, i) => positions(item, `${path}/${i}`, out));
  } else {
    out.set(path, `${node.start}`);
    for (const pair of node.pairs) {
      out.set(`${path}/${String(pair.key.value)}#key`, `${pair.key.start}-${pair.key.end}`);
      positions(pair.value, `${path}/${String(pair.key.value)}`, out);
    }
  }
  return out;
}

/**
 * The fast reader may decline any document, but a document it accepts must read exactly as the
 * `yaml` package reads it (values and positions), and it must never accept what `yaml` rejects.
 */
function expectAgreement(text: string): 'fast' | 'declined' {
  const fast = parseYamlFast(text);
  if (!fast) return 'declined';
  const full = parseSource(text, { fastPath: false });
  expect(full.diagnostics.filter((d) => d.severity === 'error'), `yaml rejects what the fast reader accepted:\n${text}`).toEqual([]);
  expect(toValue(fast)).toEqual(parseWithYamlPackage(text, { version: '1.2', schema: 'core' }));
  expect(positions(fast)).toEqual(positions(full.root!));
  return 'fast';
}

const accepted = [
  'title: Plan\nthemes: []\n',
  'a: 1\nb: 1.10\nc: 0o17\nd: 0x1F\ne: .inf\nf: -.Inf\ng: ~\nh: null\ni: TRUE\nj: false\nk: 1e3\nl: +12\nm: 007\nn: 2018-03-31\no: 1_000\np: .5\nq: 1.\n',
  'title: "Quoted \\"text\\" \\u00e9\\x41\\t."\nother: \'it\'\'s\'\n',
  'items:\n  - one\n  - two # comment\n  -   three\n',
  'items:\n- one\n- two\nafter: x\n',
  'themes:\n  - id: "1"\n    title: Enforcement\n    actions:\n      - id: 1.1\n        title: Run operations\n        lead: [KCC, "Kent Police", \'SDC\']\n        partners: []\n      - id: 1.10\n        title: Another\n',
  'text: |\n  line one\n  line two\n\n  para\nnext: 1\n',
  'text: |-\n  line one\n    indented\nnext: 1\n',
  'text: >\n  folded one\n  folded two\n\n  para two\n\nnext: 1\n',
  'text: >-\n  folded\n  text\n',
  'text: |\n  at end of file\n',
  'text: |\n  no newline at end',
  'text: >-\n  no newline at end',
  'long: this is a plain\n  scalar over\n  three lines\nnext: x\n',
  'long: plain\n\n  with a blank line\nnext: x\n',
  '# a comment first\n---\ntitle: x\n',
  'a:\n  b:\n    c: deep\n  d: e\nf: g\n',
  'list:\n  - a: 1\n    b: 2\n  - c: 3\n  -\n  - \n    d: 4\n',
  'empty:\nnext: 1\n',
  'url: https://example.org/a#b\nmark: 2.2*\namp: Kingston & Richmond\nbang: Wow!\n',
  'x: a # comment\ny: "b" # comment\nz: [a, b] # comment\n',
  'windows: line\r\nother: line\r\nlist:\r\n  - a\r\n  - b\r\n',
  'text: |\r\n  crlf block\r\n  two\r\nnext: 1\r\n',
  "'quoted key': 1\n\"dq key\": 2\n",
  'obj: {}\nseq: []\n',
  'k: v\nk2: "v: with colon"\n',
  'leads: [KCC, {agency: KDAAT, officer: DIP Manager}, "x"]\nlead: {agency: KCC, officer: "Team Leader, CST"}\n',
  'a: -5\nb: -x\n',
];

const declinedOrErrors = [
  'a: &anchor 1\nb: *anchor\n',
  'a: !!str 1\n',
  'a:\tb\n',
  'a: b\na: c\n',
  '? complex\n: key\n',
  'a: "unterminated\n  on two lines"\n',
  'a: [1, 2,\n  3]\n',
  'a: {b: 1,}\n',
  'a: {b}\n',
  'nested:\n  - - a\n',
  'b: - x\n',
  '%YAML 1.2\n---\na: 1\n',
  'a: 1\n---\nb: 2\n',
  'a: b: c\n',
  'a:\n  - x\n  b: y\n',
  '  a: indented root\n',
  'a: 1\n b: 2\n',
  '- top level list\n',
  'just a scalar\n',
  'a: |2\n   explicit indent\n',
  'a: >\n  folded\n    more indented\n  back\n',
];

describe('fast YAML reader', () => {
  it.each(accepted.map((text) => [JSON.stringify(text).slice(0, 60), text]))('reads %s like the yaml package', (_, text) => {
    expect(expectAgreement(text)).toBe('fast');
  });

  it.each(declinedOrErrors.map((text) => [JSON.stringify(text).slice(0, 60), text]))('declines or agrees on %s', (_, text) => {
    expectAgreement(text);
  });

  it('declines YAML it does not handle, leaving it to the full parser', () => {
    for (const text of ['a: &x 1\nb: *x\n', 'a: !!str 1\n', 'a:\tb\n', 'a: b\na: c\n', 'a: [b, [c, {d: [e]}]]x\n', '- x\n']) {
      expect(parseYamlFast(text), text).toBeUndefined();
    }
  });

  it('reads every example plan and register the fast way, exactly as the yaml package does', () => {
    const dir = join(__dirname, '..', 'examples');
    const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect(expectAgreement(readFileSync(join(dir, file), 'utf8')), file).toBe('fast');
    }
  });

  it('agrees with the yaml package on 3,000 randomly damaged plans', () => {
    const example = readFileSync(join(__dirname, '..', 'examples', 'sevenoaks-alcohol-drug-strategy-2011.plan.yaml'), 'utf8');
    // A slice of a real plan plus the odd forms from above, so that edits land on every construct.
    const base = example.slice(0, 6000) + '\nx-extra:\n  text: |\n    block\n\n    para\n  folded: >-\n    a\n    b\n  flow: [a, {b: c}]\n  plain: one\n    two\n';
    const alphabet = [':', '-', '#', "'", '"', '|', '>', ' ', '  ', '\n', '[', ']', '{', '}', ',', '&', '*', '!', '?', 'a', '1', '\\', '\r\n', '\t'];
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    let fast = 0;
    for (let i = 0; i < 3000; i++) {
      let text = base;
      const edits = 1 + Math.floor(random() * 3);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(random() * text.length);
        if (random() < 0.5) text = text.slice(0, at) + alphabet[Math.floor(random() * alphabet.length)] + text.slice(at);
        else text = text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 3));
      }
      if (expectAgreement(text) === 'fast') fast++;
    }
    // Most single edits still leave a plain plan: the fast path must not decline everything.
    expect(fast).toBeGreaterThan(500);
  });
});
