import type { DepartmentNames } from "@workplan/core/operations/import-work-report";

/**
 * The departments the source text names, keyed by their name as written. The text gives only the
 * Traditional name; the short code, the Simplified rendering and the English name are ours.
 */
export const SOURCE_DEPARTMENTS: Record<string, DepartmentNames> = {
  產業政策司: { code: "CYZCS", nameZhHant: "產業政策司", nameZhHans: "产业政策司", nameEn: "Department of Industrial Policy" },
  科技司: { code: "KJS", nameZhHant: "科技司", nameZhHans: "科技司", nameEn: "Department of Science and Technology" },
};
