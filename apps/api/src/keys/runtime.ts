import { randomUUID } from "node:crypto";
import { unwatchFile, watchFile } from "node:fs";
import {
  ConfigurationError,
  assertKeyringCovers,
  countSealedByKeyId,
  readKeyFile,
  resealSecrets,
  rowsNotUnder,
  storedKeyIds,
  Keyring,
  type ResealProgress,
  type SealedKeyCounts,
} from "@latchkey/core";
import { API_INSTANCE_HEARTBEAT_MS, publishApiInstance, removeApiInstance, type DatabaseHandle } from "@latchkey/db";
import type { ApiConfig } from "../env";
import type { Logger } from "../logger";
import { removeStatusFile, writeStatusFile, type KeyringStatus } from "./status-file";

const KEY_FILE_POLL_MS = 500;
// A key file change that could not be applied (the database did not answer) is tried again after this long.
const RELOAD_RETRY_MS = 5_000;

export interface KeyringRuntime {
  close(): Promise<void>;
}

/**
 * The running API's side of key rotation:
 * - publishes the key ids it holds (api_instances, with a heartbeat), so a rotation re-seals
 *   under a new key only once every live process can open it;
 * - re-reads the key file when it changes (keys from the environment are fixed for the
 *   process's life) and swaps the keyring in place, refusing a file that would leave stored
 *   secrets unreadable;
 * - on PGlite, where no other process can open the database, re-seals in the background every
 *   secret not under the active key, and reports progress in the status file.
 */
export async function startKeyringRuntime(options: {
  config: ApiConfig;
  logger: Logger;
  database: DatabaseHandle;
  keyring: Keyring;
  keyFile: string;
  watchKeyFile: boolean;
  /** The sealed rows per key id, as counted at start (app.ts, for the key check). */
  counts: SealedKeyCounts;
}): Promise<KeyringRuntime> {
  const { config, logger, database, keyring, keyFile } = options;
  const { db } = database;
  const instanceId = randomUUID();
  const inProcessReseal = database.kind === "pglite";
  let counts = options.counts;
  let reseal: KeyringStatus["reseal"] = { state: "idle", resealed: 0, conflicts: 0, failed: 0, remaining: rowsNotUnder(counts, keyring.active.id) };
  let running: Promise<void> | undefined;
  let again = false;
  let closed = false;
  const abort = new AbortController();

  const publish = () => publishApiInstance(db, { id: instanceId, activeKeyId: keyring.active.id, keyIds: keyring.ids() });
  const report = () => {
    if (!inProcessReseal || closed) return;
    writeStatusFile(config.dataDir, {
      pid: process.pid,
      activeKeyId: keyring.active.id,
      keyIds: keyring.ids(),
      counts,
      reseal,
      updatedAt: new Date().toISOString(),
    });
  };

  const runReseal = async () => {
    do {
      again = false;
      const target = keyring.active.id;
      const onBatch = (p: ResealProgress) => {
        reseal = { ...reseal, state: "running", resealed: p.resealed, conflicts: p.conflicts, failed: p.failed.length };
        report();
      };
      reseal = { state: "running", resealed: 0, conflicts: 0, failed: 0, remaining: reseal.remaining };
      report();
      logger.info("Re-sealing secrets under the active key", { keyId: target });
      const result = await resealSecrets(db, keyring, { ...config.reseal, signal: abort.signal, onBatch });
      if (result.stopped) return;
      counts = result.counts;
      const done = Object.keys(result.remaining).length === 0;
      reseal = { state: done ? "done" : "failed", resealed: result.resealed, conflicts: result.conflicts, failed: result.failed.length, remaining: result.remaining };
      report();
      const fields = { keyId: target, resealed: result.resealed, conflicts: result.conflicts, remaining: result.remaining, failedIds: result.failed.map((f) => f.id) };
      if (done) logger.info("Every secret is sealed under the active key", fields);
      else logger.error("Some secrets could not be re-sealed under the active key", fields);
      if (keyring.active.id !== target) again = true;
    } while (again && !closed);
  };

  const startReseal = () => {
    if (!inProcessReseal || closed) return;
    if (Object.keys(rowsNotUnder(counts, keyring.active.id)).length === 0) return;
    if (running) {
      again = true;
      return;
    }
    running = runReseal()
      .catch((error: unknown) => {
        reseal = { ...reseal, state: "failed" };
        report();
        logger.error("Re-sealing secrets stopped by an error", { error: error instanceof Error ? error.name : "unknown" });
      })
      .finally(() => (running = undefined));
  };

  let reloading = Promise.resolve();
  const reloadNow = async () => {
    if (closed) return;
    let keys;
    try {
      keys = readKeyFile(keyFile);
      if (!keys) throw new ConfigurationError(`${keyFile} is gone; keeping the keys loaded at start.`);
    } catch (error) {
      logger.error("The key file cannot be used; keeping the current keys", { reason: error instanceof ConfigurationError ? error.message : "unreadable" });
      return;
    }
    const ids = keys.map((k) => k.id);
    if (ids.join(",") === keyring.ids().join(",")) return;
    const [active, ...previous] = keys;
    counts = await countSealedByKeyId(db);
    try {
      assertKeyringCovers(new Keyring(active!, previous), storedKeyIds(counts), keyFile);
    } catch (error) {
      logger.error("The changed key file lacks keys that stored secrets need; keeping the current keys", {
        reason: error instanceof ConfigurationError ? error.message : "unknown",
      });
      return;
    }
    keyring.replace(active!, previous);
    await publish();
    reseal = { ...reseal, remaining: rowsNotUnder(counts, keyring.active.id) };
    report();
    logger.info("Encryption keys reloaded", { activeKeyId: keyring.active.id, keyIds: keyring.ids() });
    startReseal();
  };
  let retryReload: NodeJS.Timeout | undefined;
  const reload = (): Promise<void> =>
    (reloading = reloading.then(reloadNow).catch((error: unknown) => {
      if (closed) return;
      logger.warn("Could not apply the changed key file; trying again shortly", { retryInMs: RELOAD_RETRY_MS, error: error instanceof Error ? error.name : "unknown" });
      clearTimeout(retryReload);
      retryReload = setTimeout(() => void reload(), RELOAD_RETRY_MS);
      retryReload.unref();
    }));

  await publish();
  report();
  const beat = async () => {
    // The api_instances row is read on PostgreSQL only (keys:rotate lists the live processes).
    if (!inProcessReseal) return publish();
    // PGlite: the command reads the counts from the status file instead (`--check` prints them,
    // and it waits for the rows under old keys to go, which deleting them also does): kept fresh.
    if (!running && !closed) {
      counts = await countSealedByKeyId(db);
      report();
    }
  };
  // Through a database outage the heartbeat keeps trying; its failure is logged once, and its recovery.
  let beatFailing = false;
  const heartbeat = setInterval(() => {
    beat().then(
      () => {
        if (beatFailing) logger.info("Refreshing this process's keys in api_instances again");
        beatFailing = false;
      },
      () => {
        if (!beatFailing) logger.warn("Could not refresh this process's keys in api_instances; retrying", { everyMs: API_INSTANCE_HEARTBEAT_MS });
        beatFailing = true;
      },
    );
  }, API_INSTANCE_HEARTBEAT_MS);
  heartbeat.unref();
  if (options.watchKeyFile) {
    watchFile(keyFile, { interval: KEY_FILE_POLL_MS, persistent: false }, () => void reload());
  }
  startReseal();

  return {
    close: async () => {
      closed = true;
      unwatchFile(keyFile);
      clearInterval(heartbeat);
      clearTimeout(retryReload);
      abort.abort();
      await running;
      await reloading;
      if (inProcessReseal) removeStatusFile(config.dataDir);
      await removeApiInstance(db, instanceId).catch(() => undefined);
    },
  };
}
