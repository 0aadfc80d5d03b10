import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

// A second production server on the same build and test database, started by a spec that needs
// other settings than the suite's server (playwright.config.ts).

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** A port nobody listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const found = typeof address === "object" && address !== null ? address.port : 0;
      probe.close(() => resolve(found));
    });
  });
}

/** Resolves once something accepts connections on the port (30 s at most). */
export async function waitForPort(port: number): Promise<void> {
  for (let i = 0; i < 300; i += 1) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => socket.end(() => resolve(true)));
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server on ${port} did not start`);
}

/** `next start` on a free port with these variables (given the port) over the suite's; stop it with kill(). */
export async function startServer(env: (port: number) => Record<string, string>): Promise<{ port: number; server: ChildProcess }> {
  const port = await freePort();
  const server = spawn(path.join(root, "node_modules/.bin/next"), ["start", "-p", String(port)], {
    cwd: path.join(root, "apps/web"),
    env: { ...process.env, NODE_ENV: "production", ...env(port), PORT: String(port) },
    stdio: "ignore",
  });
  await waitForPort(port);
  return { port, server };
}
