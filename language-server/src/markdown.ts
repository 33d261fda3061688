/**
 * Plan text in the server's Markdown (hovers, completion documentation) is text, as it is on a web
 * page: a register or plan written by someone else must not put a link, an image (fetched when the
 * hover shows), markup or a heading into the officer's editor. The characters that make those are
 * escaped with a backslash (a `#` only where it would start a heading); the text reads the same
 * once rendered, and stays readable in editors that show the Markdown as it is.
 */
export function markdownText(text: string): string {
  return text.replace(/[\\`*_[\]<>]/g, (character) => `\\${character}`).replace(/^([ \t]*)#/gm, '$1\\#');
}
