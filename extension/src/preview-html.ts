/**
 * The preview webview's page: the plan elements inside a <plan-source>, the elements' bundle and the
 * preview script, under a strict Content-Security-Policy (scripts only with this page's nonce, styles
 * and images only from the extension's media folder; no inline script or style: Lit uses constructable
 * stylesheets). Plain module, tested in Node (test/vscode/preview-html.test.ts).
 */

/** What the page is made from: the webview's source token and the addresses of the media files. */
export interface PreviewPage {
  /** `webview.cspSource`: the origin the webview serves local resources from. */
  cspSource: string;
  /** A fresh random nonce for this page's scripts. */
  nonce: string;
  /** `webview.asWebviewUri` of dist/media/plankit.js, dist/media/preview.js and dist/media/preview.css. */
  elementsScript: string;
  previewScript: string;
  stylesheet: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for an HTML attribute value or element content. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

/** A nonce: 32 random characters from [A-Za-z0-9], from the given source of random bytes. */
export function makeNonce(randomBytes: (size: number) => Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let nonce = '';
  // 62 does not divide 256: bytes of 248 and above are dropped so that every character is equally likely.
  while (nonce.length < 32) {
    for (const byte of randomBytes(48)) {
      if (byte < 248 && nonce.length < 32) nonce += alphabet[byte % 62];
    }
  }
  return nonce;
}

/** The Content-Security-Policy of the preview page. */
export function previewCsp(cspSource: string, nonce: string): string {
  return `default-src 'none'; script-src 'nonce-${nonce}'; style-src ${cspSource}; img-src ${cspSource} data:`;
}

/** The preview page's HTML. */
export function previewHtml(page: PreviewPage): string {
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(page.nonce)) throw new RangeError('The nonce must be at least 16 base64 characters.');
  const nonce = escapeHtml(page.nonce);
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta http-equiv="Content-Security-Policy" content="${escapeHtml(previewCsp(page.cspSource, page.nonce))}">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Plan preview</title>
  <link rel="stylesheet" href="${escapeHtml(page.stylesheet)}">
  <script type="module" nonce="${nonce}" src="${escapeHtml(page.elementsScript)}"></script>
  <script type="module" nonce="${nonce}" src="${escapeHtml(page.previewScript)}"></script>
</head>
<body>
  <main>
    <p id="plankit-message" class="message" role="status" hidden></p>
    <plan-source id="plankit-plan">
      <!-- Counting milestones too: many plans date only their milestones (Sevenoaks keeps RAG on
           milestone rows), and a summary of actions alone would say nothing is overdue while the
           Problems panel and the status bar list the overdue milestones. -->
      <plan-summary heading-level="1" count="all"></plan-summary>
      <plan-action-table columns="id title lead due status update"></plan-action-table>
      <plan-milestone-timeline></plan-milestone-timeline>
    </plan-source>
  </main>
</body>
</html>
`;
}
