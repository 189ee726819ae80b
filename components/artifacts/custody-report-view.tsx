"use client";
import { Button } from "@/components/ui/button";
import { Time } from "@/components/ui/time";
import type { CustodyReportDto } from "@/lib/artifacts/queries";
import { formatBytes, KIND_LABEL } from "./format";

/** Printable chain-of-custody report: plain, high-contrast when printed, every hash in full. */
export function CustodyReportView({ report }: { report: CustodyReportDto }) {
  const r = report;
  return (
    <article
      className="mx-auto max-w-4xl space-y-6 print:max-w-none print:bg-white print:text-black"
      data-testid="custody-report"
    >
      {/* On paper only the report: the console's navigation is hidden without touching the layout. */}
      <style>
        {
          "@media print { body * { visibility: hidden; } [data-testid=custody-report], [data-testid=custody-report] * { visibility: visible; } [data-testid=custody-report] { position: absolute; inset: 0 auto auto 0; width: 100%; } }"
        }
      </style>
      <header className="space-y-1">
        <div className="flex items-center justify-between gap-3 print:hidden">
          <p className="text-sm text-muted">Chain-of-custody report</p>
          <div className="flex gap-2">
            <a
              className="text-sm text-accent hover:underline"
              href={`/api/v1/incidents/${encodeURIComponent(r.incident.key)}/custody-report`}
            >
              Download JSON
            </a>
            <Button onClick={() => window.print()}>Print</Button>
          </div>
        </div>
        <h1 className="text-2xl font-semibold">
          {r.incident.key} — {r.incident.title}
        </h1>
        <p className="text-sm">
          Generated <Time value={r.generatedAt} /> · {r.artifacts.length} artifact
          {r.artifacts.length === 1 ? "" : "s"} ·{" "}
          {r.allChainsIntact
            ? "all custody chains verify"
            : "AT LEAST ONE CUSTODY CHAIN FAILS VERIFICATION"}
        </p>
        <p className="text-sm">
          Legal hold:{" "}
          {r.incident.legalHoldAt ? (
            <>
              since <Time value={r.incident.legalHoldAt} /> — {r.incident.legalHoldReason}
            </>
          ) : (
            "none"
          )}
        </p>
      </header>
      {r.artifacts.map((a) => (
        <section
          key={a.id}
          className="break-inside-avoid rounded-lg border border-line p-4 print:border-black"
        >
          <h2 className="font-semibold break-all">{a.filename}</h2>
          <dl className="mt-2 grid grid-cols-[10rem_1fr] gap-x-3 gap-y-1 text-sm">
            <dt className="text-muted print:text-black">Artifact id</dt>
            <dd className="font-mono text-xs">{a.id}</dd>
            <dt className="text-muted print:text-black">Kind</dt>
            <dd>{KIND_LABEL[a.kind]}</dd>
            <dt className="text-muted print:text-black">Size</dt>
            <dd>
              {a.sizeBytes.toLocaleString()} bytes ({formatBytes(a.sizeBytes)})
            </dd>
            <dt className="text-muted print:text-black">SHA-256</dt>
            <dd className="break-all font-mono text-xs">{a.sha256}</dd>
            <dt className="text-muted print:text-black">Status</dt>
            <dd>
              {a.status}
              {a.removedAt ? (
                <>
                  {" "}
                  (<Time value={a.removedAt} />)
                </>
              ) : (
                ""
              )}
            </dd>
            <dt className="text-muted print:text-black">Host</dt>
            <dd>{a.hostname ?? "uploaded by a responder"}</dd>
            <dt className="text-muted print:text-black">Chain</dt>
            <dd>
              {a.verification.ok
                ? `intact, ${a.verification.entries} entries`
                : `BROKEN at entry ${a.verification.brokenSeq}: ${a.verification.reason}`}
            </dd>
          </dl>
          <table className="mt-3 w-full text-left text-xs">
            <thead>
              <tr className="text-muted print:text-black">
                <th className="py-1 pr-2">#</th>
                <th className="pr-2">At</th>
                <th className="pr-2">Action</th>
                <th className="pr-2">By</th>
                <th className="pr-2">From</th>
                <th>Entry hash</th>
              </tr>
            </thead>
            <tbody>
              {a.custody.map((c) => (
                <tr key={c.seq} className="border-t border-line align-top print:border-black">
                  <td className="py-1 pr-2">{c.seq}</td>
                  <td className="pr-2 font-mono">
                    <Time value={c.at} ms />
                  </td>
                  <td className="pr-2">{c.action}</td>
                  <td className="pr-2">
                    {c.actorLabel} ({c.actorType})
                  </td>
                  <td className="pr-2">{c.ip ?? "—"}</td>
                  <td className="break-all font-mono">{c.hash}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </article>
  );
}
