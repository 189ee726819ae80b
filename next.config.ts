import type { NextConfig } from "next";

const distDir = process.env.BREAKWATER_DIST_DIR || ".next";

const config: NextConfig = {
  // Separate build dirs let a benchmark or e2e build coexist with a dev build.
  distDir,
  // PGlite ships WASM + data files and Prisma's client loads its query compiler at run
  // time; bundling either breaks them, so Node resolves them from node_modules.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/client",
    "@node-rs/argon2",
    "pg",
  ],
  poweredByHeader: false,
  // forbidden()/unauthorized() give pages real 403/401 statuses.
  experimental: { authInterrupts: true },
  // Next adds `<distDir>/types/**/*.ts` to the include of the tsconfig it builds with,
  // unless that file extends another. tsconfig.json already lists .next's; a side build
  // (.next-e2e, .next-agent, bench) reads tsconfig.dist.json instead, so no build leaves
  // tsconfig.json changed.
  typescript: {
    ignoreBuildErrors: false,
    ...(distDir === ".next" ? {} : { tsconfigPath: "tsconfig.dist.json" }),
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

export default config;
