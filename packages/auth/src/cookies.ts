/** The session cookie's names (next-auth's, plain and on HTTPS): the one list the proxy, the API and sign-out read. */
export const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"] as const;
