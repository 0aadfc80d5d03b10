import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";

// The server checks its environment when it starts (core/src/infra/env.ts): a value that would not
// work is named then, with what it must be, instead of misbehaving later.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

test("a server with a wrong setting refuses to start and names every one", async () => {
  const server = spawn(path.join(root, "node_modules/.bin/next"), ["start", "-p", "0"], {
    cwd: path.join(root, "apps/web"),
    env: {
      ...process.env,
      AUTH_SECRET: "environment-secret-0123456789abcdef",
      NODE_ENV: "production",
      TRUST_PROXY: "yes",
      SMTP_URL: "http://mail.example.gov.cn",
      // A public address on plain http: session cookies would cross the network in clear.
      NEXTAUTH_URL: "http://workplan.example.gov.cn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  server.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      server.kill("SIGTERM");
      resolve(null);
    }, 30_000);
    server.once("exit", (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  expect(code, output).toBe(1);
  expect(output).toContain("Workplan cannot start");
  expect(output).toContain("TRUST_PROXY must be the number of trusted proxies, 0 to 10");
  expect(output).toContain("SMTP_URL must be an smtp:// or smtps:// URL");
  expect(output).toContain("NEXTAUTH_URL must be https:// in production");
  expect(output).not.toMatch(/\n\s+at /); // no stack trace
});
