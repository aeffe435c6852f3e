import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** A TCP port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export interface RunningWebApp {
  origin: string;
  stop: () => Promise<void>;
}

/** Starts another instance of the suite's built web app, talking to the given API URL. */
export async function startWebApp(apiUrl: string): Promise<RunningWebApp> {
  const port = await freePort();
  const child: ChildProcess = spawn("npx", ["tsx", "apps/web/server.ts", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: rootDir,
    env: { ...process.env, NODE_ENV: "production", LATCHKEY_API_URL: apiUrl, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "ignore",
    detached: true,
  });
  const origin = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The web app exited with ${child.exitCode}`);
    try {
      await fetch(origin, { signal: AbortSignal.timeout(2_000) });
      return { origin, stop };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  await stop();
  throw new Error("The web app did not start within 60 s");
}
