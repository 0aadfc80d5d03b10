// One operation per file in my-sessions/, what they share in my-sessions/shared.ts.
export { listMySessions } from "./my-sessions/list-my-sessions";
export { revokeOtherSessions } from "./my-sessions/revoke-other-sessions";
export { signOutOtherSessions } from "./my-sessions/sign-out-other-sessions";
export { MY_SESSIONS_LIMIT, type MySession, currentSessionId } from "./my-sessions/shared";
