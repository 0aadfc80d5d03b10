import { spawn } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { createTestDatabase, type TestDatabase } from "@workplan/db/test-database";
import { freePort, portOpen, ROOT } from "../app-server";
import { createApiToken, seedDatabase } from "../fault-database";

// The image's entry (scripts/serve.mjs → the Next server) gets SIGTERM, as from `docker stop`,
// with requests in flight: readiness turns 503 at once, each request is answered in full, no new
// connection is accepted after the grace period, and the process exits 0. A database of its own,
// so that nothing it does meets another spec.

const IN_FLIGHT = 35;
let database: TestDatabase | undefined;

/** GET on a connection of its own (as a load balancer's health check or a new client makes one). */
function get(url: string, headers: Record<string, string> = {}, onConnect?: () => void): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers, agent: false }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (c: Buffer) => chunks.push(c));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) }));
        response.on("error", reject);
      })
      .on("socket", (socket) => socket.once("connect", () => onConnect?.()))
      .on("error", reject);
  });
}

test.describe.configure({ timeout: 180_000 });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  database = await createTestDatabase();
  await seedDatabase(database.url);
});

test.afterAll(async () => {
  await database?.drop();
});

test("SIGTERM with 35 requests in flight: all answered, new connections refused, exit 0", async () => {
  if (!database) throw new Error("setup failed");
  const token = await createApiToken(database.url, "director@demo.local");
  const port = await freePort();
  const server = spawn(process.execPath, [path.join(ROOT, "scripts/serve.mjs")], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      MIGRATE_ON_START: "0", // migrated by createTestDatabase; the bundles are the image's
      // Long enough for the readiness check below to be answered behind the 35 on a busy machine:
      // a connection the server has not accepted when it closes its port is reset.
      SHUTDOWN_GRACE_SECONDS: "15",
      PORT: String(port),
      AUTH_SECRET: "fault-sigterm-secret-0123456789abcdef0123",
      NEXTAUTH_URL: `http://localhost:${port}`,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  server.stdout.on("data", (c: Buffer) => (output += c.toString()));
  server.stderr.on("data", (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => server.once("exit", (code) => resolve(code)));
  try {
    await expect.poll(() => portOpen(port), { timeout: 60_000 }).toBe(true);
    const url = `http://127.0.0.1:${port}/api/v1/initiatives?year=2018`;
    const headers = { Authorization: `Bearer ${token}` };
    // Warm up (the first request compiles nothing, but loads the route's modules).
    expect((await get(url, headers)).status, output).toBe(200);

    // The whole ministry's initiatives, 35 requests at once, each on its own connection.
    let answered = 0;
    let connected = 0;
    let allConnected: () => void = () => {};
    const sent = new Promise<void>((resolve) => (allConnected = resolve));
    const requests = Array.from({ length: IN_FLIGHT }, () =>
      get(url, headers, () => {
        connected += 1;
        if (connected === IN_FLIGHT) allConnected();
      }).then(
        (response) => {
          answered += 1;
          return { status: response.status, bytes: response.body.byteLength };
        },
        (e: unknown) => ({ status: -1, bytes: 0, error: String(e) }),
      ),
    );
    await sent; // every request is on its way, on a connection of its own
    server.kill("SIGTERM");
    const inFlightAtSignal = IN_FLIGHT - answered;
    expect(inFlightAtSignal, "requests still in flight when SIGTERM was sent").toBeGreaterThan(0);

    // A load balancer is told at once to send nothing new (the signal reaches the server through
    // serve.mjs, so the first check may still find it ready)…
    await expect
      .poll(
        async () => {
          const ready = await get(`http://127.0.0.1:${port}/api/health/ready`).catch((e: unknown) => {
            throw new Error(`the readiness check failed: ${String(e)} (${answered} answered)\n${output}`);
          });
          return `${ready.status} ${ready.body.toString()}`;
        },
        { timeout: 12_000, intervals: [100] },
      )
      .toBe('503 {"status":"unavailable","reason":"shutting down"}');
    // …after the grace period no new connection is accepted…
    await expect.poll(() => portOpen(port), { timeout: 45_000, intervals: [50] }).toBe(false);
    // …while every request in flight is answered in full.
    const results = await Promise.all(requests);
    expect(results.map((r) => r.status), `${JSON.stringify(results)}\n${output}`).toEqual(Array(IN_FLIGHT).fill(200));
    for (const r of results) expect(r.bytes).toBeGreaterThan(1000);
    expect(await exited, output).toBe(0);
    expect(output).toContain("SIGTERM: not ready any more; serving for 15 s more");
  } finally {
    if (server.exitCode === null) server.kill("SIGKILL");
  }
});
