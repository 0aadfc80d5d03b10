"use client";

import { createContext } from "react";
import type { ChaseResult } from "./actions";

// What the chase dialog (ChaseButtons.tsx) and the form inside it (ChaseForm.tsx) share.

export type TestId = "chase" | "chase-all";

/** The days a reply-by may take, as the date picker's bounds (the server checks them again). */
export interface ReplyByBounds {
  minDate: string;
  maxDate: string;
}

/** What the form in an open dialog may do to it: close it, or report the result (a success closes it). */
export const DialogContext = createContext<{ close: () => void; done: (result: ChaseResult | { status: "error" }) => void }>({
  close: () => {},
  done: () => {},
});
