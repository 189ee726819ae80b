"use client";
import { useState } from "react";
import { Card } from "@/components/ui/card";
import { Label, Select } from "@/components/ui/input";
import { useIncidents } from "@/lib/incidents/queries";
import { ArtifactUploader } from "./artifact-uploader";
import { ArtifactsTable } from "./artifacts-table";

/** The vault: every artifact (live) and, for responders, an upload box bound to an incident. */
export function ArtifactsView({ canUpload }: { canUpload: boolean }) {
  return (
    <div className="space-y-6">
      {canUpload ? <UploadToIncident /> : null}
      <ArtifactsTable />
    </div>
  );
}

function UploadToIncident() {
  const incidents = useIncidents({});
  const [incidentId, setIncidentId] = useState("");
  const rows = incidents.data?.incidents ?? [];
  return (
    <Card className="space-y-3">
      <div>
        <Label htmlFor="upload-incident">Attach evidence to incident</Label>
        <Select
          id="upload-incident"
          value={incidentId}
          onChange={(e) => setIncidentId(e.target.value)}
          className="min-w-72"
        >
          <option value="">Choose an incident…</option>
          {rows.map((i) => (
            <option key={i.id} value={i.id}>
              {i.key} — {i.title}
            </option>
          ))}
        </Select>
      </div>
      {incidentId ? (
        <ArtifactUploader incidentId={incidentId} />
      ) : (
        <p className="text-sm text-muted">
          Choose the incident the files belong to; every artifact is evidence of one incident.
        </p>
      )}
    </Card>
  );
}
