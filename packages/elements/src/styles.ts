import { css } from 'lit';

/**
 * Tokens and base styles every plan element shares. Defaults follow the GOV.UK Design System's
 * colours with Arial/Helvetica type (councils are not on GOV.UK). Each is a documented custom
 * property (`--plankit-*`) the host page can set. Shadow DOM keeps the host's own CSS out; a host's
 * ::part rules come from the outer tree, so they always win over these.
 */
/** The dark colour scheme's values: followed from the reader's setting, or forced by theme="dark". */
const darkTokens = css`
  --_text: var(--plankit-text-colour, #f3f2f1);
  --_secondary: var(--plankit-secondary-text-colour, #c5c7c9);
  --_background: var(--plankit-background, #0b0c0c);
  --_border: var(--plankit-border-colour, #6f777b);
  --_link: var(--plankit-link-colour, #8ec8ff);
  --_red-tint: var(--plankit-red-tint, #5c1d14);
  --_amber-tint: var(--plankit-amber-tint, #5e3217);
  --_green-tint: var(--plankit-green-tint, #0d3b23);
  --_blue-tint: var(--plankit-blue-tint, #123a5e);
  --_grey-tint: var(--plankit-grey-tint, #2f3437);
  --_tag-text: var(--plankit-tag-text-colour, #f3f2f1);
`;

export const tokens = css`
  :host {
    --_text: var(--plankit-text-colour, #0b0c0c);
    --_secondary: var(--plankit-secondary-text-colour, #505a5f);
    --_background: var(--plankit-background, #ffffff);
    --_border: var(--plankit-border-colour, #b1b4b6);
    --_link: var(--plankit-link-colour, #1d70b8);
    --_focus: var(--plankit-focus-colour, #ffdd00);
    --_focus-text: var(--plankit-focus-text-colour, #0b0c0c);
    --_font: var(--plankit-font-family, Arial, Helvetica, sans-serif);
    --_red: var(--plankit-red, #d4351c);
    --_red-tint: var(--plankit-red-tint, #f6d7d2);
    --_amber: var(--plankit-amber, #f47738);
    --_amber-tint: var(--plankit-amber-tint, #fcd6c3);
    --_green: var(--plankit-green, #00703c);
    --_green-tint: var(--plankit-green-tint, #cce2d8);
    --_blue: var(--plankit-blue, #1d70b8);
    --_blue-tint: var(--plankit-blue-tint, #d2e2f1);
    --_grey: var(--plankit-grey, #505a5f);
    --_grey-tint: var(--plankit-grey-tint, #eeefef);
    --_tag-text: var(--plankit-tag-text-colour, #0b0c0c);
    /* Inherited text properties cross the shadow boundary, so a host page's "* { ... !important }"
       would reach inside. A shadow tree's !important beats the page's !important on the host, so
       these hold; pages theme through the --plankit-* properties instead. Font size still comes
       from the page, so readers' text-size settings apply. */
    font-family: var(--_font) !important;
    color: var(--_text) !important;
    font-style: normal !important;
    font-weight: normal !important;
    letter-spacing: normal !important;
    word-spacing: normal !important;
    text-transform: none !important;
    text-indent: 0 !important;
    text-shadow: none !important;
    text-align: start !important;
    white-space: normal !important;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${darkTokens}
    }
  }
  :host([theme='dark']) {
    ${darkTokens}
  }
  :host([hidden]) {
    display: none;
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
  .message {
    border-left: 5px solid var(--_border);
    padding: 0.5em 1em;
    margin: 0.5em 0;
  }
  .message.error {
    border-left-color: var(--_red);
  }
  .message-heading {
    font-weight: bold;
    margin: 0 0 0.25em;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 0;
    box-shadow: 0 0 0 6px var(--_focus-text);
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      transition: none !important;
      animation: none !important;
      scroll-behavior: auto !important;
    }
  }
  @media print {
    :host {
      --_text: #000000;
      --_secondary: #000000;
      --_background: #ffffff;
      --_border: #000000;
      --_link: #000000;
      color: #000000;
    }
  }
  @media (forced-colors: active) {
    .message {
      border-left-color: CanvasText;
    }
  }
`;
