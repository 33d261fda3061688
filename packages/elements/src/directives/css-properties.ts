import { noChange, type ElementPart } from 'lit';
import { Directive, directive, PartType, type PartInfo } from 'lit/directive.js';

/** CSS properties for one element, by name: custom properties (`--left`) or ordinary ones (`width`). */
export type CssProperties = Record<string, string | undefined>;

/**
 * Sets an element's inline style properties through the CSSOM (`style.setProperty`), on the first
 * render as on every later one. Lit's styleMap writes a `style` attribute on its first render,
 * which a strict Content-Security-Policy (`style-src 'self'`) blocks; CSSOM changes are allowed.
 * Use as an element binding: `<span ${cssProperties({ '--left': '10%' })}>`.
 */
class CssPropertiesDirective extends Directive {
  private previous = new Set<string>();

  constructor(partInfo: PartInfo) {
    super(partInfo);
    if (partInfo.type !== PartType.ELEMENT) throw new Error('cssProperties() is an element binding: <div ${cssProperties({...})}>');
  }

  render(_properties: CssProperties) {
    return noChange;
  }

  override update(part: ElementPart, [properties]: [CssProperties]) {
    const style = (part.element as HTMLElement).style;
    for (const name of this.previous) {
      if (properties[name] === undefined) {
        style.removeProperty(name);
        this.previous.delete(name);
      }
    }
    for (const [name, value] of Object.entries(properties)) {
      if (value === undefined) continue;
      style.setProperty(name, value);
      this.previous.add(name);
    }
    return noChange;
  }
}

export const cssProperties = directive(CssPropertiesDirective);
