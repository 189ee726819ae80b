// YAML text → a zod-validated value, with every problem located by dotted path and, when the
// node is in the text, its line: shared by playbook files and drill scenario files so both
// report errors the same way (`file:line: path: message`).
import { parseDocument } from "yaml";
import type { z } from "zod";

export type ValidationIssue = { path: string; message: string; line?: number };

export type YamlParse<T> =
  | { ok: true; value: T; lineOfPath: (dotted: string) => number | undefined }
  | { ok: false; issues: ValidationIssue[] };

export function parseYamlFile<S extends z.ZodType>(text: string, schema: S): YamlParse<z.infer<S>> {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    return {
      ok: false,
      issues: doc.errors.map((e) => ({
        path: "(yaml)",
        message: e.message.split("\n")[0],
        line: e.linePos?.[0].line,
      })),
    };
  }
  const lineOf = (path: (string | number)[]) => {
    const node = doc.getIn(path, true) as { range?: [number, number] } | undefined;
    if (!node?.range) return undefined;
    return text.slice(0, node.range[0]).split("\n").length;
  };
  const parsed = schema.safeParse(doc.toJS());
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => {
        const path = i.path.map((x) => (typeof x === "symbol" ? String(x) : x));
        return { path: path.join(".") || "(root)", message: i.message, line: lineOf(path) };
      }),
    };
  }
  const lineOfPath = (dotted: string) =>
    lineOf(dotted.split(".").map((x) => (/^\d+$/.test(x) ? Number(x) : x)));
  return { ok: true, value: parsed.data, lineOfPath };
}
