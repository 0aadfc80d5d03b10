/** Fail fast, naming the variable, when the app would run without a signing secret. */
export function assertAuthSecret(env: NodeJS.ProcessEnv = process.env): void {
  if (!env.AUTH_SECRET && !env.NEXTAUTH_SECRET) {
    throw new Error(
      "AUTH_SECRET is not set. Set AUTH_SECRET to a long random string (e.g. `openssl rand -base64 32`); " +
        "`npm start` generates one into .data/ when it runs the embedded database.",
    );
  }
}
