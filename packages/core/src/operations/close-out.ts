// Year-end close-out (結項): close, reopen, carry over, and the record a page shows; one operation
// per file in close-out/, with their shared rules in close-out/model.ts.
export * from "./close-out/model";
export { closeInitiative } from "./close-out/close";
export { reopenInitiative } from "./close-out/reopen";
export { carryOverInitiative } from "./close-out/carry-over";
export { getCloseOut, type CloseOutView } from "./close-out/get-close-out";
