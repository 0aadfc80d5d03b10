// Refuse to run integration tests against anything but a local database created for the run.
const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL is not set: run integration tests through `npm run test:int`.");
const host = new URL(url).hostname;
if (!["localhost", "127.0.0.1", "::1", "[::1]"].includes(host)) {
  throw new Error(`Integration tests refuse a non-local database (${host}).`);
}
if (!new URL(url).pathname.includes("workplan_test_")) {
  throw new Error("Integration tests run only on a fresh workplan_test_* database made by scripts/with-test-db.mjs.");
}
