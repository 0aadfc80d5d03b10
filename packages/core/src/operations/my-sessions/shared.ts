import "server-only";
import type { SessionViewer } from "../load-viewer";

// What the operations in my-sessions/ share.
export const MY_SESSIONS_LIMIT = 20;

export interface MySession {
  id: string;
  createdAt: Date;
  ip: string | null;
  /** The browser, shortened ("Chrome 120 · Windows"), or null when it did not say. */
  browser: string | null;
  /** Still signed in: neither signed out, revoked nor expired. */
  active: boolean;
  /** The session this page is being read in. */
  current: boolean;
  endedAt: Date | null;
}

/** The viewer's browser session, or null when acting through an API token (which keeps none). */
export function currentSessionId(viewer: SessionViewer): string | null {
  return viewer.sessionId.startsWith("token:") ? null : viewer.sessionId;
}
