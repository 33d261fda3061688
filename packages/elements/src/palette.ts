/**
 * The colours Plankit draws plans in, as plain data (no DOM, no Lit): the one source for the web
 * components' default tokens (`styles.ts`, each one a `--plankit-*` property a page can set) and for
 * the command line's HTML report (`@plankit/cli`'s `render/`), so a plan looks the same in both.
 *
 * The light scheme is the GOV.UK Design System's colours. The dark scheme changes the text,
 * background and the tints behind statuses; the status colours themselves stay. Print and forced
 * colours use black on white, or the reader's system colours, not these.
 */
export interface Palette {
  text: string;
  secondary: string;
  background: string;
  border: string;
  link: string;
  focus: string;
  /** Text on the focus colour. */
  focusText: string;
  red: string;
  redTint: string;
  amber: string;
  amberTint: string;
  green: string;
  greenTint: string;
  blue: string;
  blueTint: string;
  grey: string;
  greyTint: string;
  /** Text on a status tag's tint. */
  tagText: string;
}

export const LIGHT: Readonly<Palette> = Object.freeze({
  text: '#0b0c0c',
  secondary: '#505a5f',
  background: '#ffffff',
  border: '#b1b4b6',
  link: '#1d70b8',
  focus: '#ffdd00',
  focusText: '#0b0c0c',
  red: '#d4351c',
  redTint: '#f6d7d2',
  amber: '#f47738',
  amberTint: '#fcd6c3',
  green: '#00703c',
  greenTint: '#cce2d8',
  blue: '#1d70b8',
  blueTint: '#d2e2f1',
  grey: '#505a5f',
  greyTint: '#eeefef',
  tagText: '#0b0c0c',
});

/** The colours the dark scheme changes; the rest are the light scheme's. */
export type DarkPalette = Pick<Palette, 'text' | 'secondary' | 'background' | 'border' | 'link' | 'redTint' | 'amberTint' | 'greenTint' | 'blueTint' | 'greyTint' | 'tagText'>;

export const DARK: Readonly<DarkPalette> = Object.freeze({
  text: '#f3f2f1',
  secondary: '#c5c7c9',
  background: '#0b0c0c',
  border: '#6f777b',
  link: '#8ec8ff',
  redTint: '#5c1d14',
  amberTint: '#5e3217',
  greenTint: '#0d3b23',
  blueTint: '#123a5e',
  greyTint: '#2f3437',
  tagText: '#f3f2f1',
});
