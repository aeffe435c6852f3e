// Whether a build output is newer than every source it is made from (npm start rebuilds otherwise).
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

/** The newest modification time under `target`, leaving out the entries `skip` names. */
function newestMtime(target, skip) {
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) {
    if (!skip(entry)) newest = Math.max(newest, newestMtime(path.join(target, entry), skip));
  }
  return newest;
}

/** True when `output` exists and no file of `sources` (folders walked, `skip` left out) is newer. */
export function isFresh(output, sources, skip) {
  if (!existsSync(output)) return false;
  const built = statSync(output).mtimeMs;
  return sources.every((source) => newestMtime(source, skip) <= built);
}
