/**
 * Words <plan-rag-badge> (and the status rows of <plan-summary>) use. English and Welsh; keys are
 * the same in both. `labels` and `definitions` are the default legend's (core's
 * DEFAULT_STATUS_SCHEME, by key): they are used only when a plan has no legend of its own, since a
 * plan's own legend is shown in the plan's own words.
 */
export const badge = {
  en: {
    labels: {
      blue: 'Complete',
      green: 'Green',
      amber: 'Amber',
      red: 'Red',
      'not-started': 'Not started',
    },
    definitions: {
      blue: 'Delivered: the action or milestone is finished.',
      green: 'On track: will be delivered as planned.',
      amber: 'Some slippage or risk, but recoverable.',
      red: 'Off track: will not be delivered without intervention.',
      'not-started': 'Not started yet, or not yet due.',
    },
    /** Joins the status word and its definition in the text screen readers get. */
    definitionJoin: ' — ',
    noStatus: 'No status',
    notInLegend: 'Not a status in the plan’s legend',
  },
  cy: {
    labels: {
      blue: 'Wedi’i gwblhau',
      green: 'Gwyrdd',
      amber: 'Ambr',
      red: 'Coch',
      'not-started': 'Heb ddechrau',
    },
    definitions: {
      blue: 'Wedi’i gyflawni: mae’r gwaith wedi’i orffen.',
      green: 'Ar y trywydd iawn: bydd yn cael ei gyflawni fel y cynlluniwyd.',
      amber: 'Rhywfaint o lithriad neu risg, ond mae modd ei adfer.',
      red: 'Ddim ar y trywydd iawn: ni fydd yn cael ei gyflawni heb ymyrraeth.',
      'not-started': 'Heb ddechrau eto, neu ddim yn ddyledus eto.',
    },
    definitionJoin: ' — ',
    noStatus: 'Dim statws',
    notInLegend: 'Ddim yn statws yn allwedd y cynllun',
  },
} as const;
