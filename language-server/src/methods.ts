/**
 * Plankit's own requests, beyond LSP, that the VS Code extension sends to this server. Each takes
 * `{ textDocument: { uri } }` and is answered from the file's latest check, with the version checked
 * (null for a file that is not a plan). The extension imports these names from here.
 */

/** The plan's counts for the status bar: `PlanStatus` and the version. */
export const PLAN_STATUS_METHOD = 'plankit/planStatus';
/** The plan to preview: `PlanPreview` and the version. */
export const PLAN_PREVIEW_METHOD = 'plankit/planPreview';
/** Where an action or milestone picked in the preview is: also `path?, key?, kind?` in; its `range` and the version out (null when it is not there). */
export const PLAN_ITEM_METHOD = 'plankit/planItem';
/** The plan as one HTML report for committee papers, as `plankit render` makes it: `{ errors, firstError?, html? }` and the version. */
export const PLAN_REPORT_METHOD = 'plankit/planReport';
