import type { Viewer } from "@workplan/core/rules/policy";
import { DomainError } from "@workplan/core/operations/errors";
import { listChoices, type ListChoices } from "@workplan/core/operations/list-choices";

// What a list page (/initiatives, /updates) reads: the filter bar's choices for the year shown, and
// the page of rows. Filters the operation refuses (a hand-edited or outdated link) come back as
// `errors` (field → message key) for the form to say what is wrong next to the filter.

export interface LoadedList<P> {
  choices: ListChoices;
  page: P | null;
  errors: Record<string, string>;
}

export async function loadList<P>(viewer: Viewer, year: string | undefined, load: () => Promise<P>): Promise<LoadedList<P>> {
  const choices = await listChoices(viewer, Number.isInteger(Number(year)) ? Number(year) : undefined);
  try {
    return { choices, page: await load(), errors: {} };
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== "invalid") throw error;
    return { choices, page: null, errors: error.fields ?? {} };
  }
}
