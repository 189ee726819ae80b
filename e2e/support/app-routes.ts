// Enumerates every entry point under app/ from the source tree, so a route cannot be
// added without a row in the authorization matrix.
import fs from "node:fs";
import path from "node:path";

export type AppRoute = { key: string; route: string; method: string; file: string };

const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    // _private folders are not routable.
    if (e.isDirectory()) return e.name.startsWith("_") ? [] : walk(p);
    return [p];
  });
}

/** URL path of a page.tsx / route.ts: route groups "(x)" and parallel-route slots "@x" are
 *  not part of the URL. */
export function urlOf(appDir: string, file: string): string {
  const segs = path.relative(appDir, path.dirname(file)).split(path.sep).filter(Boolean);
  const kept = segs.filter((s) => !(s.startsWith("(") && s.endsWith(")")) && !s.startsWith("@"));
  return "/" + kept.join("/");
}

/** Names a module exports: `export const|let|function|async function X`,
 *  `export const { A, B } = …` and `export { a as B, C }`. */
export function exportedNames(src: string): string[] {
  const names = new Set<string>();
  for (const m of src.matchAll(
    /export\s+(?:async\s+)?(?:function\*?|const|let|var|class)\s+([A-Za-z_$][\w$]*)/g,
  ))
    names.add(m[1]);
  for (const m of src.matchAll(/export\s+(?:const|let|var)\s*\{([^}]*)\}/g)) {
    for (const part of m[1].split(",")) {
      const name = part.split(":").pop()!.trim();
      if (name) names.add(name);
    }
  }
  for (const m of src.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of m[1].split(",")) {
      const name = part
        .split(/\s+as\s+/)
        .pop()!
        .trim();
      if (name && name !== "type") names.add(name);
    }
  }
  return [...names];
}

const isUseServer = (src: string) =>
  /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*["']use server["']/.test(src);

export function enumerateAppRoutes(root = process.cwd()): AppRoute[] {
  const appDir = path.join(root, "app");
  const out: AppRoute[] = [];
  for (const file of walk(appDir)) {
    const base = path.basename(file);
    const rel = path.relative(root, file).split(path.sep).join("/");
    if (/^page\.(tsx|ts|jsx|js|mdx)$/.test(base)) {
      const route = urlOf(appDir, file);
      out.push({ key: `GET ${route}`, route, method: "GET", file: rel });
    } else if (/^route\.(ts|js)$/.test(base)) {
      const route = urlOf(appDir, file);
      for (const name of exportedNames(fs.readFileSync(file, "utf8"))) {
        if (HTTP_METHODS.includes(name))
          out.push({ key: `${name} ${route}`, route, method: name, file: rel });
      }
    } else if (/\.(ts|tsx|js)$/.test(base)) {
      // Every export of a "use server" module is a public POST endpoint, wherever it is used.
      const src = fs.readFileSync(file, "utf8");
      if (!isUseServer(src)) continue;
      for (const name of exportedNames(src)) {
        const route = `${rel}#${name}`;
        out.push({ key: `ACTION ${route}`, route, method: "ACTION", file: rel });
      }
    }
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
}
