// Initiatives as the REST API (v1) gives them to other systems, and as the list page (/initiatives)
// shows them, one concern per file in list-initiatives/: schema.ts (the query's and the API's zod
// contract, and its English messages), query.ts (filters, ranked search and keyset pages in SQL),
// presenters.ts (rows as the API shows them), list.ts (the API's list) and page.ts (the page's).
export * from "./list-initiatives/schema";
export { snippetOf } from "./list-initiatives/query";
export { toApiInitiativeDetail } from "./list-initiatives/presenters";
export { listInitiatives } from "./list-initiatives/list";
export { listInitiativePage, type InitiativeListItem, type InitiativeListPage } from "./list-initiatives/page";
export { searchTerms } from "./list-initiatives/search-terms";
