import type { NextConfig } from "next";

// The environment is validated by instrumentation.ts when the server starts (see env.ts).
const nextConfig: NextConfig = {
  transpilePackages: ["@latchkey/sdk"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
