import { css, unsafeCSS, type CSSResult } from 'lit';
import { DARK, LIGHT } from './palette.js';

/** A colour from the palette (constant data, never page or plan text) in a stylesheet. */
const colour = (value: string): CSSResult => unsafeCSS(value);

/**
 * Tokens and base styles every plan element shares. Defaults follow the GOV.UK Design System's
 * colours (`palette.ts`, shared with the command line's report) with Arial/Helvetica type (councils
 * are not on GOV.UK). Each is a documented custom property (`--plankit-*`) the host page can set.
 * Shadow DOM keeps the host's own CSS out; a host's ::part rules come from the outer tree, so they
 * always win over these.
 */
/** The dark colour scheme's values: followed from the reader's setting, or forced by theme="dark". */
const darkTokens = css`
  --_text: var(--plankit-text-colour, ${colour(DARK.text)});
  --_secondary: var(--plankit-secondary-text-colour, ${colour(DARK.secondary)});
  --_background: var(--plankit-background, ${colour(DARK.background)});
  --_border: var(--plankit-border-colour, ${colour(DARK.border)});
  --_link: var(--plankit-link-colour, ${colour(DARK.link)});
  --_red-tint: var(--plankit-red-tint, ${colour(DARK.redTint)});
  --_amber-tint: var(--plankit-amber-tint, ${colour(DARK.amberTint)});
  --_green-tint: var(--plankit-green-tint, ${colour(DARK.greenTint)});
  --_blue-tint: var(--plankit-blue-tint, ${colour(DARK.blueTint)});
  --_grey-tint: var(--plankit-grey-tint, ${colour(DARK.greyTint)});
  --_tag-text: var(--plankit-tag-text-colour, ${colour(DARK.tagText)});
`;

export const tokens = css`
  :host {
    --_text: var(--plankit-text-colour, ${colour(LIGHT.text)});
    --_secondary: var(--plankit-secondary-text-colour, ${colour(LIGHT.secondary)});
    --_background: var(--plankit-background, ${colour(LIGHT.background)});
    --_border: var(--plankit-border-colour, ${colour(LIGHT.border)});
    --_link: var(--plankit-link-colour, ${colour(LIGHT.link)});
    --_focus: var(--plankit-focus-colour, ${colour(LIGHT.focus)});
    --_focus-text: var(--plankit-focus-text-colour, ${colour(LIGHT.focusText)});
    --_font: var(--plankit-font-family, Arial, Helvetica, sans-serif);
    --_red: var(--plankit-red, ${colour(LIGHT.red)});
    --_red-tint: var(--plankit-red-tint, ${colour(LIGHT.redTint)});
    --_amber: var(--plankit-amber, ${colour(LIGHT.amber)});
    --_amber-tint: var(--plankit-amber-tint, ${colour(LIGHT.amberTint)});
    --_green: var(--plankit-green, ${colour(LIGHT.green)});
    --_green-tint: var(--plankit-green-tint, ${colour(LIGHT.greenTint)});
    --_blue: var(--plankit-blue, ${colour(LIGHT.blue)});
    --_blue-tint: var(--plankit-blue-tint, ${colour(LIGHT.blueTint)});
    --_grey: var(--plankit-grey, ${colour(LIGHT.grey)});
    --_grey-tint: var(--plankit-grey-tint, ${colour(LIGHT.greyTint)});
    --_tag-text: var(--plankit-tag-text-colour, ${colour(LIGHT.tagText)});
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
