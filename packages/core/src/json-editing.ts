import { getLocation } from 'jsonc-parser';
import type { CompletionContext } from './editing.js';

/**
 * Where a completion in a JSON plan or register goes, for values only: an agency id, a status key.
 * Keys and the schema's enum values in JSON files are the JSON editor's own job (VS Code offers
 * them from the contributed schema), so a key position answers undefined, as does a position after
 * a number, `true`, `false` or `null`.
 */
export function jsonCompletionContextAt(text: string, offset: number): CompletionContext | undefined {
  const location = getLocation(text, offset);
  if (location.isAtPropertyKey || location.path.length === 0) return undefined;
  const node = location.previousNode;
  if (node) {
    // Inside a string being typed (closed or not): complete what is typed so far, within the quotes.
    if (node.type !== 'string' || offset <= node.offset) return undefined;
    const prefixStart = node.offset + 1;
    return { kind: 'value', path: [...location.path], prefix: text.slice(prefixStart, offset), prefixStart, siblingKeys: [], quote: '"', inFlow: false, json: true };
  }
  // After `"lead": ` or `[` / `,` in a list, nothing typed yet: the value is inserted quoted.
  return { kind: 'value', path: [...location.path], prefix: '', prefixStart: offset, siblingKeys: [], inFlow: false, json: true };
}
