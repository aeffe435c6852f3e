export { startApi, type RunningApi } from "./app";
export { loadConfig, type ApiConfig } from "./env";
export { createLogger } from "./logger";
