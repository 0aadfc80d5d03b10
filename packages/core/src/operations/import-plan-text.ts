// Loading a whole plan from a department's report text: the seed's parser proposes the record, the
// plan, its themes, initiatives and targets; the admin corrects and drops items in a preview that
// writes nothing; the commit goes through the seed's importWorkReport in one transaction.
// One operation per file in import-plan-text/, what they share in import-plan-text/shared.ts.
export { previewPlanText } from "./import-plan-text/preview-plan-text";
export { commitPlanText } from "./import-plan-text/commit-plan-text";
export { type TextProblem, PlanTextError, type PreviewItem, type PreviewTheme, type PreviewPlan, type PlanTextPreview, type CommitInput } from "./import-plan-text/shared";
