"use client";

import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * false on the server and while the server-rendered page waits for its script; true once React has
 * hydrated it (and on every render after that, and for components mounted later on the client).
 *
 * A form's controls are made unusable until then: before hydration the browser owns them, so text
 * typed into a controlled field is reset by hydration or silently ignored on submit (React's state
 * still holds what the server rendered), and a click on submit sends the form natively, with its
 * values in the URL. useSyncExternalStore gives the server snapshot (false) during hydration and the
 * client snapshot (true) right after, without an effect and without a mismatch warning.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
