// ESLint rule `layers/imports`: which of our own folders a file may import.
//
// Why not core `no-restricted-imports`: it matches the specifier text, so it cannot tell that
// `../../app/x` written in lib/commands/ lands in app/ while `../app/x` in lib/ does too, and
// an allow-list ("agent/ imports only lib/protocol/") would need one pattern per folder depth.
// Why not `import/no-restricted-paths`: it resolves through the file system and tsconfig, so
// an import of a file that does not exist (yet, or in a test fixture) is silently allowed.
// Here a specifier is resolved lexically instead — `@/x` is <root>/x, `./` and `../` are
// joined to the importing file's folder — which is exact for our code and needs no disk.
//
// Options: { root, layers: [{ files, ignores?, allow?, forbid?, message }] }, all paths
// repo-relative. A layer applies to a file under any of `files` and none of `ignores`; an
// import of ours must be under one of
// `allow` (when given) and under none of `forbid`. An entry "lib/env" covers lib/env.ts,
// lib/env.tsx and lib/env/…; "lib/db/" covers only the folder.
import path from "node:path";

const posix = path.posix;

/** The repo-relative path an import points at, or null for packages and node: builtins. */
export function resolveSpecifier(spec, fromFile) {
  if (spec.startsWith("@/")) return posix.normalize(spec.slice(2));
  if (spec === "." || spec === ".." || spec.startsWith("./") || spec.startsWith("../")) {
    const target = posix.normalize(posix.join(posix.dirname(fromFile), spec));
    // Above the repository root: not ours (and not a layer question).
    return target.startsWith("../") || target === ".." ? null : target;
  }
  return null;
}

export function isUnder(target, entry) {
  if (entry.endsWith("/")) return target.startsWith(entry) || target === entry.slice(0, -1);
  return target === entry || target.startsWith(`${entry}/`) || target.startsWith(`${entry}.`);
}

const anyUnder = (target, entries) => entries.some((e) => isUnder(target, e));

const rule = {
  meta: {
    type: "problem",
    docs: { description: "Keep imports between our folders pointing down the layers" },
    schema: [
      {
        type: "object",
        properties: { root: { type: "string" }, layers: { type: "array" } },
        required: ["root", "layers"],
        additionalProperties: false,
      },
    ],
    messages: { layer: "{{file}} must not import {{target}}: {{message}}" },
  },
  create(context) {
    const { root, layers } = context.options[0];
    const file = path.relative(root, context.filename).split(path.sep).join("/");
    if (file.startsWith("..")) return {};
    const mine = layers.filter((l) => anyUnder(file, l.files) && !anyUnder(file, l.ignores ?? []));
    if (mine.length === 0) return {};

    function check(sourceNode) {
      if (!sourceNode || typeof sourceNode.value !== "string") return;
      const target = resolveSpecifier(sourceNode.value, file);
      if (target === null) return;
      for (const layer of mine) {
        const allowed = layer.allow ? anyUnder(target, layer.allow) : true;
        if (allowed && !anyUnder(target, layer.forbid ?? [])) continue;
        context.report({
          node: sourceNode,
          messageId: "layer",
          data: { file, target: sourceNode.value, message: layer.message },
        });
        return;
      }
    }

    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source.type === "Literal" ? node.source : null),
      // `import x = require("…")` and `typeof import("…")` are imports too.
      TSExternalModuleReference: (node) => check(node.expression),
      TSImportType: (node) => check(node.source ?? node.argument?.literal ?? null),
      // `vi.mock("…")`-style calls live in tests, which are exempt; require() is not used in
      // our TypeScript, but a CommonJS escape hatch should not escape the layers either.
      CallExpression(node) {
        if (node.callee.type === "Identifier" && node.callee.name === "require") {
          const arg = node.arguments[0];
          if (arg?.type === "Literal") check(arg);
        }
      },
    };
  },
};

export default rule;
