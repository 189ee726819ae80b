// ESLint: Next's core-web-vitals rules, typescript-eslint's recommended (syntax-only) rules,
// and the layer rules that keep imports pointing down (docs/DEVELOPING.md, "Lint and format").
// Syntax-only on purpose: type-aware rules would build a TypeScript program per run, which on
// our 2-core machines costs more than `tsc --noEmit` already does in `npm test`.
import nextVitals from "eslint-config-next/core-web-vitals";
import tseslint from "typescript-eslint";
import layerImports from "./eslint/layer-imports.mjs";

// What every layer may use: errors, configuration, the logger, per-process resources
// (lib/process-singleton.ts) and the generated Prisma client.
const BOTTOM = [
  ...["lib/errors/", "lib/env", "lib/log", "lib/process-singleton", "lib/generated/"],
  "lib/telemetry",
];

// Who may import whom, by path from the repository root (see eslint/layer-imports.mjs for how
// an entry matches). Tests are exempt below: they wire layers together on purpose.
const layers = [
  {
    // Tests and the programs in scripts/ and bench/ import lib/, so lib/ importing them would
    // be a cycle (and test code in lib/, which issue 11 moved out).
    files: ["lib/"],
    forbid: ["app/", "components/", "test/", "e2e/", "scripts/", "bench/"],
    message: "lib/ sits below routes, UI, tests and scripts; take what it needs as an argument",
  },
  {
    files: ["components/"],
    forbid: ["app/"],
    message: "components are presentational; pass server actions in as props",
  },
  {
    files: ["agent/"],
    allow: ["agent/", "lib/protocol/"],
    message: "the agent is its own program and shares only the wire contract, lib/protocol/",
  },
  {
    files: ["lib/protocol/"],
    allow: ["lib/protocol/"],
    message: "the wire contract is pure (the agent imports it), so it depends on nothing of ours",
  },
  {
    files: ["lib/errors/"],
    allow: ["lib/errors/"],
    message: "AppError is the bottom layer every other layer throws",
  },
  {
    files: ["lib/db/"],
    allow: ["lib/db/", ...BOTTOM],
    message: "lib/db sits under every domain; a domain registers a hook with it instead",
  },
  {
    // The wrappers authenticate, so they reach the identity code (sessions and permissions,
    // host tokens, the local admin token) and build the actor they hand on; nothing else of the domains.
    files: ["lib/http/"],
    allow: [
      ...["lib/http/", "lib/db/", ...BOTTOM, "lib/protocol/", "lib/net/"],
      ...["lib/auth/", "lib/hosts/", "lib/admin/admin-token", "lib/audit/actor"],
    ],
    message: "lib/http is the edge: it authenticates and maps errors, domains do the work",
  },
  {
    files: ["lib/"],
    ignores: ["lib/http/"],
    forbid: ["lib/http/"],
    message: "domain code is called by the HTTP edge, never the reverse (AppError: lib/errors/)",
  },
];

// eslint-plugin-react-hooks 7 adds React Compiler rules, which compile every file they see:
// two thirds of the lint time, spent mostly on server code with no React in it. They stay
// on for the files that hold components and hooks.
const ALWAYS_ON = ["react-hooks/rules-of-hooks", "react-hooks/exhaustive-deps"];
const compilerRulesOff = Object.fromEntries(
  nextVitals
    .flatMap((c) => Object.keys(c.rules ?? {}))
    .filter((r) => r.startsWith("react-hooks/") && !ALWAYS_ON.includes(r))
    .map((r) => [r, "off"]),
);

export default tseslint.config(
  {
    // Generated, vendored and produced files; .gitignore'd build output too, since ESLint
    // does not read .gitignore.
    ignores: [
      "lib/generated/**",
      "vendor/**",
      "node_modules/**",
      ".next/**",
      ".next-*/**",
      ".data/**",
      "bench/results/**",
      "test-results/**",
      "playwright-report/**",
      "coverage/**",
      "next-env.d.ts",
    ],
  },
  ...nextVitals,
  ...tseslint.configs.recommended,
  {
    plugins: { layers: { rules: { imports: layerImports } } },
    // Warnings, not errors: each fires a few times in today's code and fixing them is not
    // what the lint change is for; raise them to errors once the tree is clean.
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "warn",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      // Comma sequences (`row.push(cell), (cell = "")`) in a few parsers and fuzzers.
      "@typescript-eslint/no-unused-expressions": "warn",
      // React Compiler advice, new in eslint-plugin-react-hooks 7.
      "react-hooks/set-state-in-effect": "warn",
    },
  },
  {
    files: ["**/*.{ts,mjs,js}"],
    ignores: ["lib/**/queries.ts", "lib/query/**", "lib/ui/**"],
    rules: compilerRulesOff,
  },
  {
    // Not React: benchmarks and scripts have helpers named use…() (useDatabase).
    files: ["bench/**", "scripts/**", "test/**", "e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    files: ["**/*.{ts,tsx,mjs,js}"],
    ignores: ["**/*.test.ts", "**/*.test.tsx", "test/**", "e2e/**"],
    rules: { "layers/imports": ["error", { root: import.meta.dirname, layers }] },
  },
);
