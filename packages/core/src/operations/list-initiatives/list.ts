import "server-only";
import { planNow } from "../../infra/plan-clock";
import { type Viewer } from "../../rules/policy";
import { parseListQuery } from "../list-query";
import { apiItem } from "./presenters";
import { findInitiatives, matchesOf } from "./query";
import { LIST_QUERY_MESSAGES, listInitiativesQuerySchema, type ApiInitiativeList } from "./schema";

/**
 * The initiatives in the viewer's scope matching the filters, in the order asked (code order by
 * default), a page at a time: follow nextCursor (keyset on the sort key and the unique code), or
 * ask for a page number.
 */
export async function listInitiatives(viewer: Viewer, queryInput: unknown, options: { now?: Date } = {}): Promise<ApiInitiativeList> {
  const query = parseListQuery(listInitiativesQuerySchema, queryInput, LIST_QUERY_MESSAGES);
  const now = options.now ?? planNow();
  const found = await findInitiatives(viewer, query, now, { total: false });
  const matches = query.q === undefined ? null : await matchesOf(found.rows, found.state, query.q);
  return {
    items: found.rows.map((row) => {
      const match = matches?.get(row.id);
      return match ? { ...apiItem(row, now), match } : apiItem(row, now);
    }),
    nextCursor: found.nextCursor,
  };
}
