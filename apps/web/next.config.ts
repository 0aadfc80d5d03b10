import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin({
  requestConfig: "./i18n/request.ts",
  // Messages are compiled at build time: the browser gets a small formatter instead of the ICU
  // message parser (intl-messageformat, ≈10 kB gzipped on every page).
  experimental: { messages: { path: "./messages", format: "json", locales: "infer", precompile: true } },
});

const nextConfig: NextConfig = {
  // The Docker image builds with NEXT_OUTPUT=standalone: .next/standalone holds a server.js and only
  // the node_modules files it uses (no dev dependencies, no source). Elsewhere the usual build,
  // which `next start` (npm start, the e2e tests) serves without a warning.
  ...(process.env.NEXT_OUTPUT === "standalone" ? { output: "standalone" as const } : {}),
  transpilePackages: ["@workplan/auth", "@workplan/core", "@workplan/db"],
  serverExternalPackages: ["@node-rs/argon2", "pg", "@prisma/adapter-pg", "pg-boss"],
  poweredByHeader: false,
  typedRoutes: false,
  experimental: {
    // Progress reports carry up to 10 evidence files of 10 MB each; the proxy buffers request
    // bodies and would otherwise cut them at 10 MB.
    serverActions: { bodySizeLimit: "110mb" },
    proxyClientMaxBodySize: "110mb",
    // The server keeps pages it re-renders in memory, never in .next/server/route-cache: an entry
    // written there outlives the build (its key is the route, not the build) and was served instead
    // of a new build's prerendered sign-in page.
    isrFlushToDisk: false,
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
