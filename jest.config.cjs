/** Unit and integration tests: TypeScript through SWC, one project per workspace package. */
const swc = [
  "@swc/jest",
  { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } },
];

const project = (dir) => ({
  displayName: dir,
  rootDir: require("node:path").join(__dirname, dir),
  testEnvironment: "node",
  testMatch: ["<rootDir>/**/*.test.ts"],
  transform: { "^.+\\.(t|j|mj)s$": swc },
  transformIgnorePatterns: ["/node_modules/(?!(oauth4webapi|oauth2-mock-server|jose|is-plain-obj)/)"],
  moduleFileExtensions: ["ts", "js", "mjs", "cjs", "json"],
  // The SDK's source, as tsconfig.json's "paths" say (its package exports the build, made by npm pack).
  moduleNameMapper: { "^@latchkey/sdk$": require("node:path").join(__dirname, "packages/sdk/src/index.ts") },
});

module.exports = {
  rootDir: __dirname,
  projects: ["packages/core", "packages/db", "packages/sdk", "apps/api", "apps/web"].map(project),
  testTimeout: 30_000,
};
