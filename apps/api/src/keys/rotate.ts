// `npm run keys:rotate`: re-seals every stored secret under a new encryption key while the API
// keeps serving; `--check` reports what is left under older keys. See the README.
import { readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import {
  ConfigurationError,
  Keyring,
  countSealedByKeyId,
  generateKey,
  loadKeyring,
  parseEncryptionKey,
  resealSecrets,
  rowsNotUnder,
  storedKeyIds,
  writeKeyFile,
  type SealedKeyCounts,
} from "@latchkey/core";
import { listLiveApiInstances, openDatabase, type DatabaseHandle } from "@latchkey/db";
import { ConfigError, loadConfig, type ApiConfig } from "../env";
import { describeStartupError, type StartupSettings } from "../startup-errors";
import { readLiveStatus, type KeyringStatus } from "./status-file";

/** Exit codes: 0 done (the old keys are no longer needed), 1 error, 2 not finished yet. */
class Unfinished extends Error {}

const say = (line: string) => console.log(line);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : word.endsWith("h") ? "es" : "s"}`;
const describeCounts = (byKey: Record<string, number>) =>
  Object.entries(byKey).map(([id, n]) => `${plural(n, "secret")} under key id ${id}`).join(", ");

interface Holder {
  name: string;
  activeKeyId: string;
  keyIds: string[];
}

/**
 * Where the command reads counts and the running API processes from. PostgreSQL: the database
 * (the command re-seals itself). PGlite with the API running: the API's status file (the API
 * re-seals; the command may not open the database). PGlite without an API: the database.
 */
interface Target {
  kind: "postgres" | "pglite-api" | "pglite";
  database?: DatabaseHandle;
  /** pglite-api only: the API's latest status. */
  apiStatus?: () => KeyringStatus;
  counts(): Promise<SealedKeyCounts>;
  holders(): Promise<Holder[]>;
  close(): Promise<void>;
}

async function openTarget(config: ApiConfig): Promise<Target> {
  const status = config.databaseUrl ? undefined : readLiveStatus(config.dataDir);
  if (status) {
    const live = () => {
      const now = readLiveStatus(config.dataDir);
      if (!now) throw new ConfigurationError("The API stopped while the rotation waited for it; start it again and re-run the command.");
      return now;
    };
    return {
      kind: "pglite-api",
      apiStatus: live,
      counts: async () => live().counts,
      holders: async () => [toHolder(live())],
      close: async () => {},
    };
  }
  // PGlite: refused (one line naming the holder) while another process holds the data folder.
  const database = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: 2,
    holderName: "npm run keys:rotate",
    ...config.databaseTimeouts,
  });
  return {
    kind: database.kind,
    database,
    counts: () => countSealedByKeyId(database.db),
    holders: async () =>
      database.kind === "postgres"
        ? (await listLiveApiInstances(database.db)).map((i) => ({ name: `${i.host} pid ${i.pid}`, activeKeyId: i.activeKeyId, keyIds: i.keyIds }))
        : [],
    close: () => database.close(),
  };
}

const toHolder = (s: KeyringStatus): Holder => ({ name: `the API (pid ${s.pid})`, activeKeyId: s.activeKeyId, keyIds: s.keyIds });

async function waitFor(what: string, seconds: number, check: () => Promise<string[]>): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  let said = false;
  for (;;) {
    const missing = await check();
    if (missing.length === 0) return;
    if (Date.now() >= deadline) throw new Unfinished(`Gave up waiting for ${what}: ${missing.join("; ")}.`);
    if (!said) say(`Waiting for ${what} (up to ${seconds} s): ${missing.join("; ")}`);
    said = true;
    await sleep(250);
  }
}

const lacking = (target: Target, keyId: string, need: "open" | "seal") => async () =>
  (await target.holders())
    .filter((h) => (need === "open" ? !h.keyIds.includes(keyId) : h.activeKeyId !== keyId))
    .map((h) => `${h.name} ${need === "open" ? "does not hold" : "seals with"} ${need === "open" ? `key id ${keyId}` : `key id ${h.activeKeyId}`}`);

interface Options {
  check: boolean;
  newKeyStdin: boolean;
  batchSize: number;
  maxBatches?: number;
  pauseMs: number;
  waitSeconds: number;
}

/** The command line; --batch-size and --pause-ms default to LATCHKEY_RESEAL_BATCH_SIZE and _PAUSE_MS. */
type CommandLine = Omit<Options, "batchSize" | "pauseMs"> & Partial<Pick<Options, "batchSize" | "pauseMs">>;

async function check(target: Target, activeKeyId: string): Promise<void> {
  const counts = await target.counts();
  for (const [column, byKey] of Object.entries(counts)) say(`${column}: ${describeCounts(byKey) || "empty"}`);
  for (const h of await target.holders()) say(`${h.name}: seals with key id ${h.activeKeyId}, opens ${h.keyIds.join(", ")}`);
  const old = rowsNotUnder(counts, activeKeyId);
  if (Object.keys(old).length > 0) throw new Unfinished(`Not finished: ${describeCounts(old)}; the active key is ${activeKeyId}. Run npm run keys:rotate to finish.`);
  const stale = await lacking(target, activeKeyId, "seal")();
  if (stale.length > 0) throw new Unfinished(`Every secret is under key id ${activeKeyId}, but ${stale.join("; ")}.`);
  say(`Every secret is sealed under key id ${activeKeyId}: no other key is needed.`);
}

/** Brings every secret under the keyring's active key, then says which keys are no longer needed. */
async function converge(target: Target, keyring: Keyring, options: Options): Promise<string[]> {
  const active = keyring.active.id;
  // Nothing may be sealed under the new key before every running API process can open it.
  await waitFor(`every running API process to hold key id ${active}`, options.waitSeconds, lacking(target, active, "open"));

  if (target.kind === "pglite-api") {
    say("The API re-seals the secrets itself (PGlite): waiting for it to finish.");
    let last = "";
    let lastChange = Date.now();
    for (;;) {
      const s = target.apiStatus!();
      const progress = JSON.stringify([s.activeKeyId, s.reseal]);
      if (progress !== last) {
        last = progress;
        lastChange = Date.now();
        if (s.reseal.state === "running") say(`... ${s.reseal.resealed} re-sealed`);
      }
      const remaining = rowsNotUnder(s.counts, active);
      if (s.activeKeyId === active && s.reseal.state !== "running" && Object.keys(remaining).length === 0) break;
      if (s.activeKeyId === active && s.reseal.state === "failed") {
        throw new Error(`The API could not re-seal ${plural(s.reseal.failed, "secret")} (see its log); ${describeCounts(remaining)} remain.`);
      }
      if (Date.now() - lastChange > options.waitSeconds * 1000) throw new Unfinished("The API made no progress re-sealing; see its log, then run the command again.");
      await sleep(250);
    }
  } else {
    const result = await resealSecrets(target.database!.db, keyring, {
      batchSize: options.batchSize,
      maxBatches: options.maxBatches,
      pauseMs: options.pauseMs,
      onBatch: (p) => say(`... batch ${p.batches}: ${p.resealed} re-sealed${p.conflicts ? `, ${p.conflicts} changed meanwhile (kept)` : ""}`),
    });
    say(`Re-sealed ${plural(result.resealed, "secret")} under key id ${active}.`);
    if (result.failed.length > 0) {
      throw new Error(
        `${plural(result.failed.length, "secret")} could not be opened with any key given (${result.failed.map((f) => `${f.column} ${f.id}: ${f.reason}`).join("; ")}); they were left as they are.`,
      );
    }
    const left = Object.keys(result.remaining).length > 0;
    if (result.stopped && left) throw new Unfinished(`Stopped after ${plural(result.batches, "batch")}: ${describeCounts(result.remaining)} left. Run the command again to finish.`);
    if (left) throw new Unfinished(`${describeCounts(result.remaining)} left (written meanwhile by a process sealing with an older key). Run the command again.`);
  }
  // Until every process seals with the new key, one could still write under an old key.
  await waitFor(`every running API process to seal with key id ${active}`, options.waitSeconds, lacking(target, active, "seal"));
  return keyring.ids().filter((id) => id !== active);
}

const readStdinKey = () => parseEncryptionKey(readFileSync(0, "utf8"));

async function rotate(config: ApiConfig, options: Options): Promise<void> {
  const target = await openTarget(config);
  try {
    if (config.encryptionKey) {
      // Keys from the environment: the operator gave the new key as LATCHKEY_ENCRYPTION_KEY and
      // the old ones as LATCHKEY_DECRYPTION_KEYS, here and on every API process.
      if (options.newKeyStdin) throw new ConfigurationError("Keys come from LATCHKEY_ENCRYPTION_KEY: set it to the new key (and the old one in LATCHKEY_DECRYPTION_KEYS) instead of --new-key-stdin.");
      const { keyring } = loadKeyring({ envKey: config.encryptionKey, envDecryptionKeys: config.decryptionKeys, dataDir: config.dataDir });
      if (options.check) return await check(target, keyring.active.id);
      const unneeded = await converge(target, keyring, options);
      say(
        unneeded.length > 0
          ? `Done. Key ids ${unneeded.join(", ")} are no longer needed: remove them from LATCHKEY_DECRYPTION_KEYS on every process.`
          : "Done. Every secret is sealed under the only key given.",
      );
      return;
    }

    // The key file's keys (created on first use, as the API does), first (sealing) key first.
    const { keyring, keyFile } = loadKeyring({ dataDir: config.dataDir });
    let keys = keyring.keys();
    if (options.check) return await check(target, keys[0]!.id);
    const unfinished = Object.keys(rowsNotUnder(await target.counts(), keys[0]!.id)).length > 0 || keys.length > 1;
    if (unfinished) {
      say(`Finishing the rotation to key id ${keys[0]!.id} (the first key of ${keyFile}).`);
    } else {
      const holders = await target.holders();
      if (holders.length > 1) {
        throw new ConfigurationError(
          `${holders.length} API processes are running: rotate with LATCHKEY_ENCRYPTION_KEY and LATCHKEY_DECRYPTION_KEYS (see the README), not the key file.`,
        );
      }
      const next = options.newKeyStdin ? readStdinKey() : generateKey();
      if (keys.some((k) => k.id === next.id)) throw new ConfigurationError("The new key is already in the key file.");
      keys = [next, ...keys];
      // The running API re-reads the file: it seals with the new key and still opens the old ones.
      writeKeyFile(keyFile, keys);
      say(`New key id ${next.id} written to ${keyFile}; key ids ${keys.slice(1).map((k) => k.id).join(", ")} stay in it until the re-seal finishes.`);
    }
    const [active, ...previous] = keys;
    const unneeded = await converge(target, new Keyring(active!, previous), options);
    // Read the stored ids again: only keys that sealed nothing are dropped.
    const stillUsed = storedKeyIds(await target.counts());
    const dropped = unneeded.filter((id) => !stillUsed.includes(id));
    writeKeyFile(keyFile, keys.filter((k) => !dropped.includes(k.id)));
    say(
      dropped.length > 0
        ? `Done. Every secret is sealed under key id ${active!.id}; key ids ${dropped.join(", ")} are no longer needed and were removed from ${keyFile}.`
        : `Done. Every secret is sealed under key id ${active!.id}.`,
    );
  } finally {
    await target.close();
  }
}

function parseOptions(argv: string[]): CommandLine {
  const { values } = parseArgs({
    args: argv,
    options: {
      check: { type: "boolean", default: false },
      "new-key-stdin": { type: "boolean", default: false },
      "batch-size": { type: "string" },
      "max-batches": { type: "string" },
      "pause-ms": { type: "string" },
      "wait-seconds": { type: "string" },
    },
  });
  const int = (name: string, text: string | undefined, fallback: number | undefined, min: number) => {
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!Number.isInteger(n) || n < min) throw new ConfigError(`--${name} must be an integer of at least ${min}.`);
    return n;
  };
  return {
    check: values.check,
    newKeyStdin: values["new-key-stdin"],
    batchSize: int("batch-size", values["batch-size"], undefined, 1),
    maxBatches: int("max-batches", values["max-batches"], undefined, 1),
    pauseMs: int("pause-ms", values["pause-ms"], undefined, 0),
    waitSeconds: int("wait-seconds", values["wait-seconds"], 60, 0)!,
  };
}

async function main(): Promise<void> {
  let settings: StartupSettings = {};
  try {
    const options = parseOptions(process.argv.slice(2));
    const config = (settings = loadConfig());
    await rotate(config, { ...options, batchSize: options.batchSize ?? config.reseal.batchSize, pauseMs: options.pauseMs ?? config.reseal.pauseMs });
  } catch (error) {
    if (error instanceof Unfinished) {
      console.error(error.message);
      process.exit(2);
    }
    // Known problems are one line (the data folder in use by the API included); they never carry key material (ids only).
    const line = describeStartupError(error, settings);
    if (line || (error instanceof Error && error.name === "TypeError" && "code" in error)) {
      console.error(line ?? (error as Error).message);
      process.exit(1);
    }
    console.error(error instanceof Error ? `${error.name}: ${error.message}` : "The rotation failed.");
    process.exit(1);
  }
}

void main();
