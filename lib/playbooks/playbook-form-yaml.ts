// The form editor and the YAML editor edit one thing: the draft's YAML text. The form reads a
// plain object out of the text and writes each edit back as the smallest change to the parsed
// document (only the values that differ are replaced), so comments, key order and flow style
// outside the edited part survive and switching tabs can lose nothing but comments inside a
// part the form replaced. Pure (no database), shared by the browser and the tests.

import { type Document, isCollection, isMap, isSeq, parseDocument, visit } from "yaml";
import type { z } from "zod";
import type { playbookSchema } from "./definition.ts";

/** A playbook as written (before zod's defaults), which is what the form shows and edits. */
export type PlaybookDraft = z.input<typeof playbookSchema>;
export type StepDraft = PlaybookDraft["steps"][number];

export type FormRead =
  | { ok: true; value: PlaybookDraft; comments: number }
  | { ok: false; reason: string };

const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const stable = (v: unknown): string =>
  JSON.stringify(v, (_k, x) =>
    isPlain(x)
      ? Object.fromEntries(
          Object.entries(x)
            .filter(([, y]) => y !== undefined)
            .sort(),
        )
      : x,
  ) ?? "undefined";

export const sameValue = (a: unknown, b: unknown) => stable(a) === stable(b);

/** How many comments the YAML holds, so the editor can say when form edits dropped some. */
export function countComments(doc: Document): number {
  let n = (doc.commentBefore ? 1 : 0) + (doc.comment ? 1 : 0);
  visit(doc, (_key, node) => {
    const c = node as { comment?: string | null; commentBefore?: string | null };
    if (c.comment) n++;
    if (c.commentBefore) n++;
  });
  return n;
}

// The form renders lists of mappings; anything else (a step that is a string, steps that are a
// mapping) must be fixed in YAML first, or the form would show a field for a value it cannot hold.
function shapeProblem(raw: unknown): string | null {
  if (!isPlain(raw)) return "the document is not a mapping";
  const listOfMaps = (v: unknown, where: string) => {
    if (v === undefined || v === null) return null;
    if (!Array.isArray(v)) return `${where} is not a list`;
    const i = v.findIndex((x) => !isPlain(x));
    return i === -1 ? null : `${where}.${i} is not a mapping`;
  };
  const listOfScalars = (v: unknown, where: string) =>
    v === undefined || (Array.isArray(v) && v.every((x) => !isCollectionValue(x)))
      ? null
      : `${where} is not a list of values`;
  const problems: (string | null)[] = [
    listOfMaps(raw.steps, "steps"),
    listOfMaps(raw.roles, "roles"),
    listOfMaps(raw.triggers, "triggers"),
  ];
  (Array.isArray(raw.triggers) ? raw.triggers : []).forEach((t, i) =>
    problems.push(
      listOfScalars((t as Record<string, unknown>).eventTypes, `triggers.${i}.eventTypes`),
    ),
  );
  (Array.isArray(raw.steps) ? raw.steps : []).forEach((s, i) => {
    const step = s as Record<string, unknown>;
    const at = `steps.${i}`;
    problems.push(listOfScalars(step.needs, `${at}.needs`));
    problems.push(listOfScalars(step.checklist, `${at}.checklist`));
    problems.push(listOfMaps(step.options, `${at}.options`));
    (Array.isArray(step.options) ? step.options : []).forEach((o, j) =>
      problems.push(listOfScalars((o as Record<string, unknown>).next, `${at}.options.${j}.next`)),
    );
    for (const k of ["command", "escalation", "notify"] as const)
      if (step[k] !== undefined && !isPlain(step[k])) problems.push(`${at}.${k} is not a mapping`);
    const esc = step.escalation as Record<string, unknown> | undefined;
    if (isPlain(esc)) {
      problems.push(listOfMaps(esc.levels, `${at}.escalation.levels`));
      (Array.isArray(esc.levels) ? esc.levels : []).forEach((l, j) => {
        const notify = (l as Record<string, unknown>).notify;
        if (notify !== undefined && !isPlain(notify))
          problems.push(`${at}.escalation.levels.${j}.notify is not a mapping`);
      });
    }
  });
  return problems.find((p) => p !== null) ?? null;
}

const isCollectionValue = (v: unknown) => typeof v === "object" && v !== null;

/** The YAML as the form's value, or why the form cannot show it (a syntax or shape problem). */
export function readPlaybookForm(text: string): FormRead {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length)
    return {
      ok: false,
      reason: `the YAML does not parse: ${doc.errors[0].message.split("\n")[0]}`,
    };
  const raw = doc.toJS() as unknown;
  const problem =
    shapeProblem(raw) ??
    (Array.isArray((raw as Record<string, unknown>).steps) ? null : "there is no list of steps");
  if (problem) return { ok: false, reason: problem };
  return { ok: true, value: raw as PlaybookDraft, comments: countComments(doc) };
}

type Path = (string | number)[];
const idOf = (v: unknown) => (isPlain(v) ? (v.id ?? v.key) : undefined);

// Rewrites the node at `path` from `before` to `after`, descending while both sides are the
// same kind of collection so that untouched siblings keep their nodes (and comments).
function patch(doc: Document, path: Path, before: unknown, after: unknown) {
  if (sameValue(before, after)) return;
  if (after === undefined) {
    doc.deleteIn(path);
    return;
  }
  const node = path.length ? doc.getIn(path, true) : doc.contents;
  if (isPlain(before) && isPlain(after) && isMap(node)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    for (const k of keys) patch(doc, [...path, k], before[k], after[k]);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after) && isSeq(node)) {
    // Reordered, inserted or removed steps and roles keep their own nodes, found by id or key.
    const used = new Set<number>();
    const aligned: unknown[] = [];
    const items = after.map((b, j) => {
      const id = idOf(b);
      let i = id === undefined ? -1 : before.findIndex((a, k) => !used.has(k) && idOf(a) === id);
      // Lists without ids (levels, checklist items) keep their nodes by position.
      const positional =
        before.length === after.length || (id === undefined && idOf(before[j]) === undefined);
      if (i === -1 && j < before.length && !used.has(j) && positional) i = j;
      if (i === -1) {
        aligned.push(b);
        return styledLike(doc.createNode(b), node.items.find(isMap));
      }
      used.add(i);
      aligned.push(before[i]);
      return node.items[i];
    });
    node.items = items;
    after.forEach((b, j) => patch(doc, [...path, j], aligned[j], b));
    return;
  }
  const created = doc.createNode(after);
  // A list or mapping written inline ([a, b], { role: x }) stays inline when replaced.
  if (isCollection(node) && isCollection(created)) created.flow = node.flow;
  if (path.length) doc.setIn(path, created);
  else doc.contents = created;
}

// A new list item is written like its siblings: `notify: { role: x }` inline if theirs are.
function styledLike<T>(created: T, sibling: unknown): T {
  if (!isMap(created) || !isMap(sibling)) return created;
  for (const pair of created.items) {
    const twin = sibling.get(pair.key, true);
    if (isCollection(pair.value) && isCollection(twin)) pair.value.flow = twin.flow;
  }
  return created;
}

/** The YAML text with the form's new value written into it; the text itself when nothing changed. */
export function writePlaybookForm(text: string, next: PlaybookDraft): string {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length) throw new Error("the YAML does not parse; the form cannot write into it");
  const before = doc.toJS() as unknown;
  if (sameValue(before, next)) return text;
  patch(doc, [], before, next);
  return doc.toString({ lineWidth: 0 });
}
