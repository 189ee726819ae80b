"use client";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo } from "react";
import { FleetRevoke } from "@/components/commands/fleet-revoke";
import { Button } from "@/components/ui/button";
import { Badge, Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { FieldError, FormError, Input, Label, SelectField } from "@/components/ui/input";
import { type FleetFilter, usePluginFleet, usePluginNames } from "@/lib/hosts/queries";
import { errorsByField } from "@/lib/ui/problem-text";
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
  const fieldErrors = errorsByField(fleet.error);
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
          <FilterField field="version" label="Version" filter={filter} maxLength={100} />
          <FilterField
            field="sha256"
            label="SHA-256"
            filter={filter}
            maxLength={64}
            wide
            mono
            error={fieldErrors.sha256}
          />
          <SelectField
            id="pf-state"
            label="State"
            name="state"
            defaultValue={filter.state ?? ""}
            selectClassName="w-full"
          >
            <option value="">any</option>
            {STATES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </SelectField>
          <FilterField field="signer" label="Signer" filter={filter} maxLength={500} wide />
          <FilterField field="origin" label="Origin" filter={filter} maxLength={500} wide />
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
      <FormError error={fleet.error} />

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
              <DataTable
                label="Hosts by version and state"
                framed={false}
                dense
                rows={versions}
                rowKey={(v) => v}
                columns={[
                  {
                    key: "version",
                    header: "Version",
                    cellClassName: "font-mono text-xs",
                    cell: (v) => v,
                  },
                  ...STATES.map((s) => ({
                    key: s,
                    header: s,
                    className: "text-right",
                    cellClassName: "tabular-nums",
                    cell: (v: string) => (
                      <span className={cell(v, s) ? "" : "text-muted"}>{cell(v, s)}</span>
                    ),
                  })),
                  {
                    key: "total",
                    header: "total",
                    className: "text-right",
                    cellClassName: "font-medium tabular-nums",
                    cell: (v) => d.counts.byVersion[v],
                  },
                ]}
              />
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
          <DataTable
            label="Hosts running the plugin"
            rows={d.hosts}
            rowKey={(h) => `${h.hostId}-${h.plugin.name}-${h.plugin.version}`}
            empty="No host runs a plugin matching this filter."
            columns={[
              {
                key: "host",
                header: "Host",
                cell: (h) => (
                  <Link
                    href={`/hosts/${h.hostId}`}
                    className="font-medium text-accent hover:underline"
                  >
                    {h.hostname}
                  </Link>
                ),
              },
              {
                key: "status",
                header: "Status",
                cell: (h) => (
                  <ConnectivityBadge c={h.connectivity} revoked={h.hostStatus === "revoked"} />
                ),
              },
              {
                key: "isolation",
                header: "Isolation",
                cell: (h) => <IsolationBadge isolation={h.isolation} />,
              },
              { key: "seen", header: "Last seen", cell: (h) => <Ago iso={h.lastSeenAt} /> },
              {
                key: "version",
                header: "Version",
                cellClassName: "font-mono text-xs",
                cell: (h) => h.plugin.version,
              },
              {
                key: "state",
                header: "State",
                cell: (h) => <PluginStateBadge state={h.plugin.state} />,
              },
              {
                key: "signer",
                header: "Signer",
                cellClassName: "text-xs",
                cell: (h) => h.plugin.signer ?? <Badge tone="warn">unsigned</Badge>,
              },
              {
                key: "sha",
                header: "SHA-256",
                cellClassName: "font-mono text-xs",
                cell: (h) => <span title={h.plugin.sha256}>{shortSha(h.plugin.sha256)}</span>,
              },
              {
                key: "permissions",
                header: "Permissions",
                cellClassName: "text-xs text-muted",
                cell: (h) => h.plugin.permissions.join(", ") || "none",
              },
            ]}
          />
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

/** One optional filter box of the search form, named after the URL parameter it sets. */
function FilterField({
  field,
  label,
  filter,
  maxLength,
  wide = false,
  mono = false,
  error,
}: {
  field: Exclude<(typeof FIELDS)[number], "name" | "state">;
  label: string;
  filter: FleetFilter;
  maxLength: number;
  wide?: boolean;
  mono?: boolean;
  error?: string;
}) {
  const id = field === "sha256" ? "pf-sha" : `pf-${field}`;
  return (
    <div className={wide ? "sm:col-span-2" : undefined}>
      <Label htmlFor={id}>{label}</Label>
      <Input
        id={id}
        name={field}
        defaultValue={filter[field]}
        placeholder="any"
        className={mono ? "font-mono" : undefined}
        maxLength={maxLength}
      />
      <FieldError>{error}</FieldError>
    </div>
  );
}
