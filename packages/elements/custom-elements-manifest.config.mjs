// Options for `cem analyze` (run by this package's build), found by the analyzer in this folder.
//
// Lit's internal reactive state (`static properties = { x: { state: true } }`) has no attribute,
// but the analyzer lists every static property as one. This plugin removes, after the analysis,
// the attributes of members that are not public (the elements mark their state `private` or
// `protected`), so that the manifest, and the Storybook docs made from it, list only real attributes.
function internalStateIsNotAnAttribute() {
  return {
    name: 'plankit-internal-state-is-not-an-attribute',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules ?? []) {
        for (const declaration of module.declarations ?? []) {
          if (!declaration.customElement) continue;
          const hidden = new Set((declaration.members ?? []).filter((member) => member.privacy === 'private' || member.privacy === 'protected').map((member) => member.name));
          declaration.attributes = (declaration.attributes ?? []).filter((attribute) => !(attribute.fieldName && hidden.has(attribute.fieldName)));
          for (const member of declaration.members ?? []) if (hidden.has(member.name)) delete member.attribute;
        }
      }
    },
  };
}

export default {
  plugins: [internalStateIsNotAnAttribute()],
};
