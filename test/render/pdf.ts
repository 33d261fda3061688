/**
 * Counts the pages of a PDF: the leaf `/Type /Page` objects, cross-checked with the page tree
 * root's `/Count` (the largest /Count: intermediate page-tree nodes carry their own). Chromium's
 * PDFs keep these dictionaries uncompressed; if they ever were not, both counts would be 0 and
 * the check fails loudly rather than passing.
 */
export function countPdfPages(pdf: Uint8Array): number {
  const text = Buffer.from(pdf).toString('latin1');
  if (!text.startsWith('%PDF-')) throw new Error('not a PDF');
  const leaves = (text.match(/\/Type\s*\/Page(?![A-Za-z])/g) ?? []).length;
  const counts = [...text.matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g)].map((match) => Number(match[1] ?? match[2]));
  const root = counts.length > 0 ? Math.max(...counts) : 0;
  if (leaves === 0 || leaves !== root) throw new Error(`the PDF's pages do not add up: ${leaves} page objects, page tree count ${root}`);
  return leaves;
}
