/**
 * A strict little reader for the report's HTML, for tests in Node: it builds a tree and throws on
 * anything the report should never contain in its markup (an unclosed or misnested element, an
 * unquoted attribute, a comment). Browsers are the judge of real parsing: the Chromium tests load
 * the same reports; this checks the structure fast, without a browser.
 */
export interface Node {
  tag: string;
  attrs: Record<string, string>;
  children: (Node | string)[];
  parent?: Node;
}

const VOID = new Set(['meta', 'col', 'br', 'hr', 'img', 'input', 'link', 'area', 'base', 'embed', 'source', 'track', 'wbr']);
const RAW = new Set(['style', 'script']);

export function decode(text: string): string {
  return text.replace(/&(#\d+|#x[0-9a-f]+|amp|lt|gt|quot|apos|nbsp);/gi, (_, entity: string) => {
    const lower = entity.toLowerCase();
    if (lower === 'amp') return '&';
    if (lower === 'lt') return '<';
    if (lower === 'gt') return '>';
    if (lower === 'quot') return '"';
    if (lower === 'apos') return "'";
    if (lower === 'nbsp') return '\u00a0';
    return String.fromCodePoint(lower.startsWith('#x') ? parseInt(lower.slice(2), 16) : parseInt(lower.slice(1), 10));
  });
}

export function parse(source: string): Node {
  const root: Node = { tag: '#root', attrs: {}, children: [] };
  let current = root;
  let at = 0;
  const doctype = /^<!doctype html>/i.exec(source);
  if (doctype) at = doctype[0].length;
  while (at < source.length) {
    const lt = source.indexOf('<', at);
    if (lt < 0) {
      current.children.push(decode(source.slice(at)));
      break;
    }
    if (lt > at) current.children.push(decode(source.slice(at, lt)));
    if (source.startsWith('<!--', lt)) throw new Error(`a comment at ${lt}`);
    if (source.startsWith('</', lt)) {
      const end = source.indexOf('>', lt);
      const tag = source.slice(lt + 2, end).trim().toLowerCase();
      if (tag !== current.tag) throw new Error(`</${tag}> closes <${current.tag}> at ${lt}: ${source.slice(Math.max(0, lt - 80), lt + 20)}`);
      current = current.parent!;
      at = end + 1;
      continue;
    }
    const match = /^<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"]*")?)*)\s*(\/?)>/.exec(source.slice(lt));
    if (!match) throw new Error(`a malformed tag at ${lt}: ${source.slice(lt, lt + 80)}`);
    const tag = match[1].toLowerCase();
    const attrs: Record<string, string> = {};
    for (const attr of match[2].matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"]*)")?/g)) {
      const name = attr[1].toLowerCase();
      if (name in attrs) throw new Error(`attribute ${name} twice on <${tag}>`);
      attrs[name] = decode(attr[2] ?? '');
    }
    const node: Node = { tag, attrs, children: [], parent: current };
    current.children.push(node);
    at = lt + match[0].length;
    if (RAW.has(tag)) {
      const end = source.toLowerCase().indexOf(`</${tag}>`, at);
      node.children.push(source.slice(at, end));
      at = end + tag.length + 3;
    } else if (!VOID.has(tag) && match[3] !== '/') {
      current = node;
    }
  }
  if (current !== root) throw new Error(`<${current.tag}> is never closed`);
  return root;
}

export function all(node: Node, test: (node: Node) => boolean): Node[] {
  const found: Node[] = [];
  const visit = (n: Node) => {
    for (const child of n.children) {
      if (typeof child === 'string') continue;
      if (test(child)) found.push(child);
      visit(child);
    }
  };
  visit(node);
  return found;
}

export function byTag(node: Node, tag: string): Node[] {
  return all(node, (n) => n.tag === tag);
}

export function byId(node: Node, id: string): Node | undefined {
  return all(node, (n) => n.attrs.id === id)[0];
}

export function byClass(node: Node, name: string): Node[] {
  return all(node, (n) => (n.attrs.class ?? '').split(/\s+/).includes(name));
}

/** The text of a node as a reader sees it (style contents left out), whitespace collapsed. */
export function text(node: Node | string): string {
  const raw = (n: Node | string): string => (typeof n === 'string' ? n : n.tag === 'style' ? '' : n.children.map(raw).join(''));
  return raw(node).replace(/\s+/g, ' ').trim();
}

export function closest(node: Node, test: (node: Node) => boolean): Node | undefined {
  for (let n: Node | undefined = node; n; n = n.parent) if (test(n)) return n;
  return undefined;
}
