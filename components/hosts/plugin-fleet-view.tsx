"use client";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo } from "react";
import { FleetRevoke } from "@/components/commands/fleet-revoke";
import { Button } from "@/components/ui/button";
import { Badge, Card, Table } from "@/components/ui/card";
import { FieldError, Input, Label, Select } from "@/components/ui/input";
import { type FleetFilter, usePluginFleet, usePluginNames } from "@/lib/hosts/queries";
import { ApiError } from "@/lib/query/client";
import { Ago, ConnectivityBadge, IsolationBadge, PluginStateBadge, shortSha } from "./bits";

const FIELDS = ["name", "version", "sha256", "signer", "origin", "state"] as const;
const STATES = ["active", "disabled", "quarantined", "revoked"];

/** Blast radius: the filter lives in the URL so a responder can paste the view to a colleague. */
export function PluginFleetView() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filter = useMemo(() => {
    const f: FleetFilter = {};
    for (const k of FIELDS) {
      const v = params.get(k)?.trim();
      if (v) f[k] = v;
    }
    return f;
  }, [params]);
  const fleet = usePluginFleet(filter);
  const names = usePluginNames();
  const fieldErrors =
    fleet.error instanceof ApiError
      ? Object.fromEntries((fleet.error.problem.errors ?? []).map((e) => [e.path, e.message]))
      : {};
  const d = fleet.data;
  const versions = d ? [...new Set(d.counts.byVersionState.map((x) => x.version))] : [];
  const cell = (version: string, state: string) =>
    d?.counts.byVersionState.find((x) => x.version === version && x.state === state)?.hosts ?? 0;

  return (
    <div className="space-y-6">
      <Card>
        <form
          key={params.toString()}
          className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            const fd = new FormData(e.currentTarget);
            const q = new URLSearchParams();
            for (const k of FIELDS) {
              const v = String(fd.get(k) ?? "").trim();
              if (v) q.set(k, v);
            }
            router.replace(`${pathname}?${q}`);
          }}
        >
          <div className="sm:col-span-2">
            <Label htmlFor="pf-name">Plugin name</Label>
            <Input
              id="pf-name"
              name="name"
              list="pf-names"
              defaultValue={filter.name}
              placeholder="e.g. clipboard-sync"
              maxLength={200}
              autoFocus={!filter.name}
            />
            <datalist id="pf-names">
              {names.data?.plugins.map((p) => (
                <option key={p.name} value={p.name}>{`${p.hosts} hosts`}</option>
              ))}
            </datalist>
            <FieldError>{fieldErrors.name}</FieldError>
          </div>
          <div>
            <Label htmlFor="pf-version">Version</Label>
            <Input
              id="pf-version"
              name="version"
              defaultValue={filter.version}
              placeholder="any"
              maxLength={100}
            />
          </div>
          <div className="sm:col-span-2">
            <Label htmlFor="pf-sha">SHA-256</Label>
            <Input
              id="pf-sha"
              name="sha256"
              defaultValue={filter.sha256}
              placeholder="any"
              className="font-mono"
              maxLength={64}
            />
            <FieldError>{fieldErrors.sha256}</FieldError>
          </div>
          <div>
            <Label htmlFor="pf-state">State</Label>
            <Select id="pf-state" name="state" defaultValue={filter.state ?? ""} className="w-full">
              <option value="">any</option>
              {STATES.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </Select>
          </div>
          <div className="sm:col-span-2">
            <Label htmlFor="pf-signer">Signer</Label>
            <Input
              id="pf-signer"
              name="signer"
              defaultValue={filter.signer}
              placeholder="any"
              maxLength={500}
            />
          </div>
          <div className="sm:col-span-2">
            <Label htmlFor="pf-origin">Origin</Label>
            <Input
              id="pf-origin"
              name="origin"
              defaultValue={filter.origin}
              placeholder="any"
              maxLength={500}
            />
          </div>
          <div className="flex items-end gap-2 sm:col-span-2">
            <Button type="submit">Find hosts</Button>
            <Button type="button" variant="ghost" onClick={() => router.replace(pathname)}>
              Clear
            </Button>
          </div>
        </form>
      </Card>

      {!filter.name && !filter.sha256 ? (
        <Card>
          <p className="text-sm text-muted">
            Search a plugin to see every host that runs it, in which version and state. Plugins in
            the fleet:
          </p>
          <ul className="mt-3 flex flex-wrap gap-2">
            {names.data?.plugins.slice(0, 40).map((p) => (
              <li key={p.name}>
                <Link
                  className="inline-block rounded border border-line px-2 py-1 text-sm hover:border-accent"
                  href={`${pathname}?name=${encodeURIComponent(p.name)}`}
                >
                  {p.name} <span className="text-muted">· {p.hosts}</span>
                </Link>
              </li>
            ))}
            {names.data && names.data.plugins.length === 0 ? (
              <li className="text-sm text-muted">No host has reported plugins yet.</li>
            ) : null}
          </ul>
        </Card>
      ) : null}
      {fleet.error && !Object.keys(fieldErrors).length ? (
        <FieldError>{fleet.error.message}</FieldError>
      ) : null}

      {d ? (
        <>
          {filter.name && !filter.signer && !filter.origin && !filter.state ? (
            <FleetRevoke
              plugin={{ name: filter.name, version: filter.version, sha256: filter.sha256 }}
              hostCount={d.total}
            />
          ) : null}
          <section aria-label="Counts" className="grid gap-4 lg:grid-cols-3">
            <Card>
              <div className="text-xs uppercase tracking-wide text-muted">Hosts affected</div>
              <div className="mt-1 text-3xl font-semibold tabular-nums" data-testid="fleet-total">
                {d.total}
              </div>
              <div className="mt-2 flex flex-wrap gap-2">
                {Object.entries(d.counts.byState).map(([s, n]) => (
                  <span key={s} className="flex items-center gap-1">
                    <PluginStateBadge state={s} />
                    <span className="tabular-nums text-sm">{n}</span>
                  </span>
                ))}
              </div>
            </Card>
            <Card className="lg:col-span-2">
              <div className="mb-2 text-xs uppercase tracking-wide text-muted">
                By version and state
              </div>
              <table className="w-full text-sm">
                <thead>
                  <tr className="text-left text-muted">
                    <th className="py-1 font-medium">Version</th>
                    {STATES.map((s) => (
                      <th key={s} className="py-1 text-right font-medium">
                        {s}
                      </th>
                    ))}
                    <th className="py-1 text-right font-medium">total</th>
                  </tr>
                </thead>
                <tbody>
                  {versions.map((v) => (
                    <tr key={v} className="border-t border-line">
                      <td className="py-1 font-mono text-xs">{v}</td>
                      {STATES.map((s) => (
                        <td
                          key={s}
                          className={`py-1 text-right tabular-nums ${cell(v, s) ? "" : "text-muted"}`}
                        >
                          {cell(v, s)}
                        </td>
                      ))}
                      <td className="py-1 text-right font-medium tabular-nums">
                        {d.counts.byVersion[v]}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {versions.map((v) => {
                const builds = d.counts.byBuild.filter((b) => b.version === v);
                return builds.length > 1 ? (
                  <p key={v} className="mt-3 text-sm text-warn" role="note">
                    ⚠ Version {v} exists as {builds.length} different builds:{" "}
                    {builds
                      .map(
                        (b) =>
                          `${shortSha(b.sha256)} ${b.signer ?? "unsigned"} on ${b.hosts} host${b.hosts === 1 ? "" : "s"}`,
                      )
                      .join("; ")}
                  </p>
                ) : null;
              })}
            </Card>
          </section>
          <Table>
            <thead>
              <tr>
                <th>Host</th>
                <th>Status</th>
                <th>Isolation</th>
                <th>Last seen</th>
                <th>Version</th>
                <th>State</th>
                <th>Signer</th>
                <th>SHA-256</th>
                <th>Permissions</th>
              </tr>
            </thead>
            <tbody>
              {d.hosts.map((h) => (
                <tr key={`${h.hostId}-${h.plugin.name}-${h.plugin.version}`}>
                  <td>
                    <Link
                      href={`/hosts/${h.hostId}`}
                      className="font-medium text-accent hover:underline"
                    >
                      {h.hostname}
                    </Link>
                  </td>
                  <td>
                    <ConnectivityBadge c={h.connectivity} revoked={h.hostStatus === "revoked"} />
                  </td>
                  <td>
                    <IsolationBadge isolation={h.isolation} />
                  </td>
                  <td>
                    <Ago iso={h.lastSeenAt} />
                  </td>
                  <td className="font-mono text-xs">{h.plugin.version}</td>
                  <td>
                    <PluginStateBadge state={h.plugin.state} />
                  </td>
                  <td className="text-xs">
                    {h.plugin.signer ?? <Badge tone="warn">unsigned</Badge>}
                  </td>
                  <td className="font-mono text-xs" title={h.plugin.sha256}>
                    {shortSha(h.plugin.sha256)}
                  </td>
                  <td className="text-xs text-muted">
                    {h.plugin.permissions.join(", ") || "none"}
                  </td>
                </tr>
              ))}
              {d.hosts.length === 0 ? (
                <tr>
                  <td colSpan={9} className="py-8 text-center text-muted">
                    No host runs a plugin matching this filter.
                  </td>
                </tr>
              ) : null}
            </tbody>
          </Table>
          {d.truncated ? (
            <p className="text-sm text-muted">
              Showing the first {d.hosts.length} of {d.total} hosts; the counts above cover all of
              them.
            </p>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
