/**
 * Registers a custom element unless the tag is taken. A second copy of the bundle on the same page
 * (two SharePoint web parts, say) warns instead of throwing.
 */
export function defineElement(tag: string, element: CustomElementConstructor): boolean {
  if (typeof customElements === 'undefined') return false;
  const existing = customElements.get(tag);
  if (existing) {
    if (existing !== element) console.warn(`plankit: <${tag}> is already defined on this page (another copy of Plankit?); the first definition is kept.`);
    return false;
  }
  customElements.define(tag, element);
  return true;
}
