// Staff ask for a later due date, with a reason, before the current one has passed; a manager over
// the lead department approves (the initiative's due date moves, the original one is kept) or
// refuses with a comment. One pending request per initiative at a time.
// One operation per file in extension-requests/, what they share in extension-requests/shared.ts.
export { requestExtension } from "./extension-requests/request-extension";
export { decideExtension } from "./extension-requests/decide-extension";
export { listPendingExtensions } from "./extension-requests/list-pending-extensions";
export { getPendingExtensionsPage } from "./extension-requests/get-pending-extensions-page";
export { extensionRequestSchema, extensionDecisionSchema, type ExtensionRequestInput, AlreadyDecidedError, type ExtensionContext, type PendingExtension, EXTENSIONS_PAGE_SIZE } from "./extension-requests/shared";
