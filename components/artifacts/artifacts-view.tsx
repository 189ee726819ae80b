"use client";
import { useState } from "react";
import { Card } from "@/components/ui/card";
import { SelectField } from "@/components/ui/input";
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
      <SelectField
        id="upload-incident"
        label="Attach evidence to incident"
        value={incidentId}
        onChange={(e) => setIncidentId(e.target.value)}
        selectClassName="min-w-72"
      >
        <option value="">Choose an incident…</option>
        {rows.map((i) => (
          <option key={i.id} value={i.id}>
            {i.key} — {i.title}
          </option>
        ))}
      </SelectField>
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
