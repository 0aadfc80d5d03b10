import "server-only";
import { planNow } from "../../infra/plan-clock";
import { isDone, pastDueDate, shanghaiPeriodOf, type Light, type ReportStatus } from "../../rules/calendar";
import { type Viewer } from "../../rules/policy";
import { DomainError } from "../errors";
import { parseListQuery } from "../list-query";
import { apiItem } from "./presenters";
import { findInitiatives, matchesOf } from "./query";
import { LIST_QUERY_MESSAGES, listInitiativesQuerySchema, type ApiInitiative, type SearchMatch } from "./schema";

export interface InitiativeListItem extends ApiInitiative {
  /** The current supervision light, as on the reporting calendar. */
  light: Light;
  /** This month's report by the lead department (Beijing time). */
  thisMonth: ReportStatus;
  /** Past its own due date and not done. */
  overdue: boolean;
  closed: boolean;
  /** With a search: where it matched. */
  match: SearchMatch | null;
}

export interface InitiativeListPage {
  items: InitiativeListItem[];
  /** How many initiatives match, on all pages. */
  total: number;
  page: number;
  pageCount: number;
  limit: number;
  /** The month the light and thisMonth are about, e.g. 2018-11. */
  period: string;
}

/** The list page (/initiatives): a numbered page of initiatives with their lights, and the count. */
export async function listInitiativePage(viewer: Viewer, queryInput: unknown, options: { now?: Date } = {}): Promise<InitiativeListPage> {
  const query = parseListQuery(listInitiativesQuerySchema, queryInput, LIST_QUERY_MESSAGES);
  if (query.cursor !== undefined) throw new DomainError("invalid", "the page takes a page number", { cursor: "cursor.invalid" }, LIST_QUERY_MESSAGES);
  const now = options.now ?? planNow();
  const found = await findInitiatives(viewer, query, now, { total: true });
  const matches = query.q === undefined ? null : await matchesOf(found.rows, found.state, query.q);
  const total = found.total ?? found.rows.length;
  return {
    items: found.rows.map((row) => {
      const state = found.state.get(row.id);
      return {
        ...apiItem(row, now),
        light: state?.light ?? "GREEN",
        thisMonth: state?.this_month ?? "NOT_DUE",
        overdue: pastDueDate(row.dueDate, now) && !isDone(row),
        closed: row.closedAt !== null,
        match: matches?.get(row.id) ?? null,
      };
    }),
    total,
    page: query.page ?? 1,
    pageCount: Math.max(1, Math.ceil(total / query.limit)),
    limit: query.limit,
    period: shanghaiPeriodOf(now),
  };
}
