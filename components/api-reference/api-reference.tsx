// The OpenAPI document rendered on the server as plain HTML: no script, font or stylesheet
// from anywhere else, so the reference works on an air-gapped console. Operations fold open
// with <details>, which needs no JavaScript and is keyboard-reachable.
import { Badge, Card } from "@/components/ui/card";

type Schema = Record<string, unknown>;
type Op = {
  operationId: string;
  tags: string[];
  summary: string;
  description?: string;
  security: Record<string, unknown>[];
  parameters: { name: string; in: string; required: boolean; schema: Schema }[];
  requestBody?: { description?: string; content: Record<string, { schema: Schema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }>;
};
type Doc = {
  info: { description: string };
  tags: { name: string }[];
  paths: Record<string, Record<string, Op>>;
};

const METHOD_TONE: Record<string, "ok" | "warn" | "danger" | "neutral"> = {
  get: "ok",
  post: "warn",
  put: "warn",
  patch: "warn",
  delete: "danger",
};

const credentialOf = (op: Op) =>
  op.security.length === 0
    ? "no credential"
    : op.security.map((s) => Object.keys(s)[0]).join(" or ");

function SchemaBlock({ schema }: { schema: Schema }) {
  if (!Object.keys(schema).length)
    return <p className="text-xs text-muted">Any JSON (described above).</p>;
  return (
    <pre className="max-h-96 overflow-auto rounded border border-line bg-panel-2 p-2 font-mono text-xs">
      {JSON.stringify(schema, null, 2)}
    </pre>
  );
}

function Operation({ method, path, op }: { method: string; path: string; op: Op }) {
  return (
    <details id={op.operationId} className="rounded border border-line">
      <summary className="flex cursor-pointer flex-wrap items-center gap-2 px-3 py-2">
        <Badge tone={METHOD_TONE[method] ?? "neutral"}>{method.toUpperCase()}</Badge>
        <code className="font-mono text-sm">{path}</code>
        <span className="text-sm text-muted">{op.summary}</span>
      </summary>
      <div className="space-y-3 border-t border-line px-3 py-3 text-sm">
        {op.description ? <p className="whitespace-pre-line">{op.description}</p> : null}
        <p>
          <span className="text-muted">Credential:</span> <code>{credentialOf(op)}</code>
        </p>
        {op.parameters.length ? (
          <div>
            <h4 className="font-medium">Parameters</h4>
            <ul className="list-inside list-disc">
              {op.parameters.map((p) => (
                <li key={`${p.in}-${p.name}`}>
                  <code>{p.name}</code> ({p.in}
                  {p.required ? ", required" : ""}){" "}
                  <code className="text-xs text-muted">{JSON.stringify(p.schema)}</code>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {op.requestBody
          ? Object.entries(op.requestBody.content).map(([type, c]) => (
              <div key={type}>
                <h4 className="font-medium">
                  Request body <code className="text-xs text-muted">{type}</code>
                </h4>
                {op.requestBody?.description ? <p>{op.requestBody.description}</p> : null}
                <SchemaBlock schema={c.schema} />
              </div>
            ))
          : null}
        <div>
          <h4 className="font-medium">Responses</h4>
          <ul className="space-y-2">
            {Object.entries(op.responses).map(([status, r]) => (
              <li key={status}>
                <code>{status}</code> {r.description}
                {status.startsWith("2") && r.content
                  ? Object.values(r.content).map((c, i) => (
                      <SchemaBlock key={i} schema={c.schema} />
                    ))
                  : null}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </details>
  );
}

export function ApiReference({ document }: { document: Doc }) {
  const ops = Object.entries(document.paths).flatMap(([path, byMethod]) =>
    Object.entries(byMethod).map(([method, op]) => ({ path, method, op })),
  );
  return (
    <div className="space-y-6">
      <p className="max-w-3xl text-sm text-muted">
        {document.info.description} Download the document:{" "}
        <a className="underline" href="/api/openapi.json">
          /api/openapi.json
        </a>
        .
      </p>
      {document.tags.map(({ name }) => (
        <Card key={name}>
          <h2 className="mb-3 font-semibold">{name}</h2>
          <div className="space-y-2">
            {ops
              .filter((o) => o.op.tags[0] === name)
              .map((o) => (
                <Operation key={o.op.operationId} method={o.method} path={o.path} op={o.op} />
              ))}
          </div>
        </Card>
      ))}
    </div>
  );
}
