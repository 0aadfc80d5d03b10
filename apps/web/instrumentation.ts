// Runs once when the server starts: refuse to serve without the configuration it needs, naming it.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { assertServerEnv } = await import("./lib/server-env");
    assertServerEnv();
  }
}
