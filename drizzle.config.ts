import type { Config } from "drizzle-kit";

export default {
  dialect: "postgresql",
  schema: "./packages/db/src/schema.ts",
  out: "./packages/db/migrations",
  casing: "snake_case",
} satisfies Config;
