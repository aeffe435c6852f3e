import { setFlagsFromString } from "node:v8";

/**
 * How far V8 lets the old generation grow past what its last full collection kept, before it
 * collects again: `1 + percent / 100` times. Left to itself V8 allows up to 4 times when the
 * process allocates fast, and under load what fills that room is garbage, not data: each request's
 * objects outlive a young-generation collection or two while the request waits on the database,
 * and are then promoted. At 10 connections on a flows page that was 100-110 MiB of resident
 * memory above the idle API (the old generation's live size stayed about 32 MiB); at twice, 60.
 * It costs more full collections (a few a minute under that load, mostly concurrent with the
 * requests), and the bench saw no loss of throughput. `0` keeps V8's own choice; a
 * `--heap-growing-percent` given to node itself wins. Answers whether it set the flag.
 */
export function limitHeapGrowth(percent: number): boolean {
  if (percent === 0 || process.execArgv.some((arg) => arg.startsWith("--heap-growing-percent"))) return false;
  setFlagsFromString(`--heap-growing-percent=${percent}`);
  return true;
}
