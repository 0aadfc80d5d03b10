import { expect, test } from "@playwright/test";

// Liveness and readiness for a load balancer (the outage case is in database-down.spec.ts).

test("a load balancer finds the app alive and ready, with its newest migration applied", async ({ request }) => {
  expect(await (await request.get("/api/health")).json()).toEqual({ status: "ok" });
  const ready = await request.get("/api/health/ready");
  expect(ready.status()).toBe(200);
  expect(((await ready.json()) as { status: string }).status).toBe("ready");
});
