/**
 * A tiny, safe way to write HTML as text: every value put into an `html` template is escaped
 * unless it is itself `Html` made by this module. Plan text is always text: nothing an officer
 * writes can become markup, an attribute, a script or a link other than http(s) and mailto.
 */

const MARK = Symbol('plankit.html');

/** A piece of HTML made by `html`: trusted because every value in it was escaped. */
export interface Html {
  readonly [MARK]: true;
  readonly value: string;
}

/** What can be put into an `html` template: text (escaped), numbers, other Html, lists of them, or nothing. */
export type HtmlValue = Html | string | number | false | null | undefined | readonly HtmlValue[];

function trusted(value: string): Html {
  return { [MARK]: true, value };
}

function isHtml(value: unknown): value is Html {
  return typeof value === 'object' && value !== null && (value as Html)[MARK] === true;
}

/**
 * Characters that are not allowed in an HTML document at all (C0 controls other than tab, line
 * feed, form feed and carriage return; DEL and C1 controls; lone surrogates; non-characters): a
 * plan could hold them, and they would make the file non-conforming. Each becomes U+FFFD.
 */
// eslint-disable-next-line no-control-regex
const NOT_ALLOWED = /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F\uFDD0-\uFDEF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text escaped for HTML element content and for double- or single-quoted attribute values:
 * `& < > " '` become references, and characters HTML does not allow become U+FFFD.
 */
export function escapeHtml(text: string): string {
  return String(text)
    .replace(NOT_ALLOWED, '\uFFFD')
    .replace(/[&<>"']/g, (character) => ESCAPES[character]);
}

function render(value: HtmlValue): string {
  if (value === undefined || value === null || value === false) return '';
  if (isHtml(value)) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/**
 * HTML from a template: the literal parts are the template's own markup; every value is escaped
 * (strings, numbers) or kept (Html from another `html` template), lists joined, nothing left out.
 * Write attribute values in double quotes in the template: `<a href="${href}">`.
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0];
  for (let index = 0; index < values.length; index++) out += render(values[index]) + strings[index + 1];
  return trusted(out);
}

/** Joins pieces of HTML with a separator (escaped if it is text). */
export function join(parts: readonly HtmlValue[], separator: HtmlValue): Html {
  return trusted(parts.map(render).join(render(separator)));
}

/** The document as a string. */
export function toText(value: HtmlValue): string {
  return render(value);
}

/**
 * A link target only if it is an absolute http, https or mailto URL (normalised by the URL
 * parser, so that `java\nscript:` and friends are refused); anything else gives undefined and
 * the text is shown without a link.
 */
export function safeHref(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const trimmed = String(url).trim();
  if (!/^(https?:|mailto:)/i.test(trimmed)) return undefined;
  try {
    const parsed = new URL(trimmed);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:' && parsed.protocol !== 'mailto:') return undefined;
    if (parsed.protocol !== 'mailto:' && parsed.hostname === '') return undefined;
    return parsed.href;
  } catch {
    return undefined;
  }
}

/**
 * A value safe to use as an element id (and in `aria-labelledby`): letters, digits and `-_.:`
 * only, starting with a letter. The prefix keeps ids from different parts of the report apart.
 */
export function idFrom(prefix: string, key: string): string {
  const cleaned = String(key)
    .trim()
    .replace(/[^\p{L}\p{N}_.:-]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return `${prefix}-${cleaned || 'x'}`;
}

/**
 * A stylesheet written by this program (never plan text), for a <style> element. Refuses text
 * that could end the element or open markup, so it can only ever be CSS.
 */
export function stylesheet(css: string): Html {
  if (css.includes('<')) throw new Error('a stylesheet for the report must not contain "<"');
  return trusted(css);
}
