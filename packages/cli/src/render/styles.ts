import { LIGHT } from '@plankit/elements/palette';

/**
 * The report's one stylesheet, inlined in its <style>. The same design tokens as the web
 * components (their palette's colours, `@plankit/elements/palette`, and Arial/Helvetica), for the
 * screen and for print: A4, each theme and the timeline on a new page, table headers repeated on
 * each page, rows kept whole where they fit, black text, statuses still word + shape + colour.
 * No url(), no @import, no web fonts: the report makes no requests.
 */
export const REPORT_CSS = `
:root {
  --text: ${LIGHT.text};
  --secondary: ${LIGHT.secondary};
  --background: ${LIGHT.background};
  --border: ${LIGHT.border};
  --link: ${LIGHT.link};
  --focus: ${LIGHT.focus};
  --red: ${LIGHT.red};
  --red-tint: ${LIGHT.redTint};
  --amber: ${LIGHT.amber};
  --amber-tint: ${LIGHT.amberTint};
  --green: ${LIGHT.green};
  --green-tint: ${LIGHT.greenTint};
  --blue: ${LIGHT.blue};
  --blue-tint: ${LIGHT.blueTint};
  --grey: ${LIGHT.grey};
  --grey-tint: ${LIGHT.greyTint};
  color-scheme: light;
}
html {
  font-family: Arial, Helvetica, sans-serif;
  color: var(--text);
  background: var(--background);
  line-height: 1.4;
  -webkit-text-size-adjust: 100%;
  text-size-adjust: 100%;
}
body {
  margin: 0 auto;
  padding: 1rem 1.25rem 3rem;
  max-width: 72rem;
}
h1, h2, h3, h4 {
  line-height: 1.25;
  margin: 1.5em 0 0.5em;
}
h1 {
  font-size: 2rem;
  margin-top: 0.5em;
}
h2 {
  font-size: 1.5rem;
}
h3 {
  font-size: 1.1875rem;
}
h4 {
  font-size: 1rem;
}
.kicker {
  display: block;
  font-size: 1.1875rem;
  font-weight: normal;
  color: var(--secondary);
  margin-bottom: 0.25em;
}
p, ul, ol, dl {
  margin: 0 0 0.75em;
}
.prose p {
  white-space: pre-line;
}
a {
  color: var(--link);
  text-decoration-thickness: max(1px, 0.0625rem);
  text-underline-offset: 0.15em;
}
a:focus-visible {
  outline: 3px solid var(--focus);
  outline-offset: 0;
  background: var(--focus);
  color: var(--text);
  box-shadow: 0 4px var(--text);
  text-decoration: none;
}
.visually-hidden {
  position: absolute !important;
  width: 1px !important;
  height: 1px !important;
  margin: 0 !important;
  padding: 0 !important;
  overflow: hidden !important;
  clip: rect(0 0 0 0) !important;
  clip-path: inset(50%) !important;
  border: 0 !important;
  white-space: nowrap !important;
}
.meta {
  display: grid;
  grid-template-columns: max-content 1fr;
  gap: 0.25em 1em;
}
.meta dt, .facts dt {
  font-weight: bold;
}
.meta dd, .facts dd {
  margin: 0;
}
.as-at {
  font-size: 1.1875rem;
  font-weight: bold;
  border-left: 5px solid var(--blue);
  padding: 0.25em 0 0.25em 0.75em;
}
.secondary, .none, .due-meaning {
  color: var(--secondary);
}
nav ol {
  padding-left: 1.5em;
}
/* Each contents link is a 24px target at least (WCAG 2.2 target size). */
nav.contents a {
  display: inline-block;
  min-height: 24px;
  padding: 0.15em 0;
}
table {
  width: 100%;
  border-collapse: collapse;
  margin: 0 0 1.5em;
}
caption {
  text-align: left;
  font-weight: bold;
  font-size: 1.1875rem;
  padding: 0 0 0.5em;
}
th, td {
  text-align: left;
  vertical-align: top;
  padding: 0.5em 0.75em 0.5em 0;
  border-bottom: 1px solid var(--border);
  overflow-wrap: break-word;
}
thead th {
  border-bottom: 2px solid var(--text);
}
td.number, th.number {
  text-align: right;
  font-variant-numeric: tabular-nums;
}
.summary-tables {
  display: grid;
  gap: 0 2rem;
}
@media (min-width: 48rem) {
  .summary-tables {
    grid-template-columns: 3fr 2fr;
    align-items: start;
  }
}
.actions col.c-id { width: 4.5em; }
.actions col.c-lead { width: 18%; }
.actions col.c-due { width: 18%; }
.actions col.c-status { width: 9em; }
.actions tbody.action > tr.action-row > * {
  border-bottom: 0;
}
.actions tr.details > td {
  padding: 0.25em 0 1em 1em;
  border-left: 4px solid var(--border);
}
.actions tbody.action.is-overdue > tr.action-row > :first-child {
  box-shadow: inset 4px 0 0 var(--red);
  padding-left: 0.5em;
}
.action-title {
  font-weight: bold;
}
.plain-list {
  list-style: none;
  margin: 0;
  padding: 0;
}
.grouped-list {
  padding-left: 1.25em;
}
.line, .due-text {
  display: block;
}
.line .due-text, .line .due-meaning {
  display: inline;
}
.line .due-meaning::before {
  content: ' · ';
}
.line .flag {
  margin: 0 0 0 0.5em;
}
.facts {
  display: grid;
  grid-template-columns: max-content 1fr;
  gap: 0.25em 1em;
  margin: 0 0 0.75em;
}
.facts > div {
  display: contents;
}
.details-heading {
  font-weight: bold;
  margin: 0.5em 0 0.25em;
}
.milestones, .updates {
  margin: 0 0 0.5em;
  padding-left: 1.25em;
}
.milestones > li + li, .updates > li + li {
  margin-top: 0.5em;
}
.milestone-title {
  font-weight: bold;
}
.update-date {
  font-weight: bold;
  display: block;
}
.flag {
  display: inline-block;
  margin-top: 0.25em;
  padding: 0 0.35em;
  font-weight: bold;
  color: var(--text);
  -webkit-print-color-adjust: exact;
  print-color-adjust: exact;
}
.flag-overdue {
  background: var(--red-tint);
  border-left: 4px solid var(--red);
}
.flag-soon {
  background: var(--amber-tint);
  border-left: 4px solid var(--amber);
}
/* A status is its word first; a shape and a colour per status are extra, never alone. */
.tag {
  display: inline-block;
  padding: 0.05em 0.45em 0.1em;
  font-weight: bold;
  color: var(--text);
  background: var(--grey-tint);
  border: 1px solid transparent;
  white-space: normal;
  -webkit-print-color-adjust: exact;
  print-color-adjust: exact;
}
.tag-red { background: var(--red-tint); }
.tag-amber { background: var(--amber-tint); }
.tag-green { background: var(--green-tint); }
.tag-blue { background: var(--blue-tint); font-weight: normal; }
.tag-grey { background: var(--grey-tint); }
.tag-unknown, .tag-none {
  background: transparent;
  border: 1px dashed var(--grey);
  font-weight: normal;
}
.shape {
  display: inline-block;
  width: 0.8em;
  height: 0.8em;
  vertical-align: -0.05em;
  margin-inline-end: 0.35em;
  overflow: visible;
  -webkit-print-color-adjust: exact;
  print-color-adjust: exact;
}
.shape-red { color: var(--red); }
.shape-amber { color: var(--amber); }
.shape-green { color: var(--green); }
.shape-blue { color: var(--blue); }
.shape-grey, .shape-unknown { color: var(--grey); }
.direction-arrow {
  font-weight: bold;
  margin-inline-end: 0.3em;
}
.timeline-axis {
  display: block;
  width: 100%;
  height: auto;
  margin: 0 0 1em;
  color: var(--text);
  -webkit-print-color-adjust: exact;
  print-color-adjust: exact;
}
.timeline-list {
  padding-left: 0;
  list-style: none;
}
.timeline-list > li {
  padding: 0.35em 0;
  border-bottom: 1px solid var(--border);
  break-inside: avoid;
}
.timeline-date {
  font-weight: bold;
}
.timeline-flag-overdue {
  font-weight: bold;
}
.footnote-mark {
  font-weight: bold;
}
@media (forced-colors: active) {
  .tag, .flag { border: 1px solid CanvasText; }
  .shape { color: CanvasText; }
  .as-at { border-left-color: CanvasText; }
}
@page {
  size: A4;
  margin: 15mm 12mm 15mm;
}
@media print {
  :root {
    --text: #000000;
    --secondary: #000000;
    --border: #000000;
    --link: #000000;
  }
  html {
    font-size: 10pt;
  }
  body {
    max-width: none;
    padding: 0;
  }
  nav.contents {
    display: none;
  }
  /* Each theme, and the timeline, starts a new page. */
  section.theme, section.timeline {
    break-before: page;
  }
  h1, h2, h3, h4, caption, .details-heading {
    break-after: avoid;
  }
  /* The column headings are printed again at the top of each page a table runs on to. */
  thead {
    display: table-header-group;
  }
  tfoot {
    display: table-footer-group;
  }
  /* An action (its row and its details) is kept on one page when it fits on one. */
  tbody.action, tr, .milestones > li, .updates > li, .facts > div {
    break-inside: avoid;
  }
  a[href^='http']::after, a[href^='mailto']::after {
    content: ' (' attr(href) ')';
    word-break: break-all;
  }
  .summary-tables {
    grid-template-columns: 3fr 2fr;
    align-items: start;
  }
}
`;
