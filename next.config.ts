import type { NextConfig } from "next";

const config: NextConfig = {
  // Separate build dirs let a benchmark or e2e build coexist with a dev build.
  distDir: process.env.BREAKWATER_DIST_DIR || ".next",
  // PGlite ships WASM + data files and Prisma's client loads its query compiler at run
  // time; bundling either breaks them, so Node resolves them from node_modules.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@prisma/client", "@node-rs/argon2", "pg"],
  poweredByHeader: false,
  // forbidden()/unauthorized() give pages real 403/401 statuses.
  experimental: { authInterrupts: true },
  typescript: { ignoreBuildErrors: false },
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
