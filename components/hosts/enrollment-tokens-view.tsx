"use client";
import { useSyncExternalStore } from "react";
import { Badge } from "@/components/ui/card";
import { CopyField } from "@/components/ui/copy-field";
import { InputField, SelectField } from "@/components/ui/input";
import { RevokeTokenCell } from "@/components/ui/revoke-token-button";
import { SecretOnce } from "@/components/ui/secret-once";
import { NewTokenCard, TokenPage } from "@/components/ui/token-page";
import { agentStartCommand, tokenUsesLabel } from "@/lib/hosts/agent-command";
import {
  type EnrollmentTokenJson,
  useCreateEnrollmentToken,
  useEnrollmentTokens,
  useRevokeEnrollmentToken,
} from "@/lib/hosts/queries";
import { errorsByField } from "@/lib/ui/problem-text";
import { Ago } from "./bits";

const EXPIRY = [
  { label: "1 hour", seconds: 3600 },
  { label: "24 hours", seconds: 86400 },
  { label: "7 days", seconds: 7 * 86400 },
  { label: "30 days", seconds: 30 * 86400 },
];

const STATE_TONE = {
  active: "ok",
  expired: "neutral",
  used_up: "neutral",
  revoked: "danger",
} as const;

export function EnrollmentTokensView() {
  const tokens = useEnrollmentTokens();
  const revoke = useRevokeEnrollmentToken();
  return (
    <TokenPage
      create={<CreateToken />}
      tokens={tokens}
      revokeError={revoke.error}
      empty="No enrollment tokens yet."
      head={[
        "Label",
        "State",
        { label: "Used", className: "text-right" },
        { label: "Left", className: "text-right" },
        "Expires",
        "Created",
        "",
      ]}
    >
      {tokens.data?.tokens.map((t: EnrollmentTokenJson) => (
        <tr key={t.id} data-testid={`token-row-${t.label}`}>
          <td className="font-medium">{t.label}</td>
          <td>
            <Badge tone={STATE_TONE[t.state]}>{t.state.replace("_", " ")}</Badge>
          </td>
          <td className="text-right tabular-nums">
            {t.uses} / {t.maxUses}
          </td>
          <td className="text-right tabular-nums">{t.usesLeft}</td>
          <td className="text-sm">
            <Ago iso={t.expiresAt} />
          </td>
          <td className="text-sm text-muted">
            <Ago iso={t.createdAt} />
          </td>
          <RevokeTokenCell
            active={t.state === "active"}
            name={`Revoke token ${t.label}`}
            title={`Revoke enrollment token "${t.label}"?`}
            description={`Its ${t.usesLeft} remaining ${t.usesLeft === 1 ? "use stops" : "uses stop"} working now: no new host can enroll with it. Hosts already enrolled with it keep working.`}
            pending={revoke.isPending}
            onConfirm={() => revoke.mutate(t.id)}
          />
        </tr>
      ))}
    </TokenPage>
  );
}

// The origin never changes while the page is open; the server renders the fallback.
const noSubscription = () => () => {};

function CreateToken() {
  const create = useCreateEnrollmentToken();
  const origin = useSyncExternalStore(
    noSubscription,
    () => window.location.origin,
    () => "http://localhost:3000",
  );
  const fieldErrors = errorsByField(create.error);
  const created = create.data;
  return (
    <NewTokenCard
      title="New enrollment token"
      columns={4}
      create={create}
      onSubmit={(fd) =>
        create.mutate({
          label: String(fd.get("label")),
          expiresInSeconds: Number(fd.get("expires")),
          maxUses: Number(fd.get("uses")),
        })
      }
      created={
        created ? (
          <ShowOnce
            token={created.token}
            label={created.label}
            maxUses={created.maxUses}
            origin={origin}
            onDone={() => create.reset()}
          />
        ) : null
      }
    >
      <InputField
        id="et-label"
        label="Label"
        className="sm:col-span-2"
        error={fieldErrors.label}
        name="label"
        required
        maxLength={120}
        placeholder="e.g. finance laptops"
      />
      <SelectField
        id="et-expires"
        label="Expires in"
        name="expires"
        defaultValue={86400}
        selectClassName="w-full"
      >
        {EXPIRY.map((x) => (
          <option key={x.seconds} value={x.seconds}>
            {x.label}
          </option>
        ))}
      </SelectField>
      <InputField
        id="et-uses"
        label="Hosts (uses)"
        error={fieldErrors.maxUses}
        name="uses"
        type="number"
        min={1}
        max={10000}
        defaultValue={1}
        required
      />
    </NewTokenCard>
  );
}

/** How to start the agent with the token, under it. */
function ShowOnce({
  token,
  label,
  maxUses,
  origin,
  onDone,
}: {
  token: string;
  label: string;
  maxUses: number;
  origin: string;
  onDone: () => void;
}) {
  const command = agentStartCommand({ origin, token, maxUses });
  return (
    <SecretOnce
      what={`the token for “${label}”`}
      label="Enrollment token"
      value={token}
      testId="new-token"
      onDone={onDone}
    >
      <p className="text-sm text-muted">This token is {tokenUsesLabel(maxUses)}.</p>
      <CopyField
        label="Start the reference agent with it"
        value={command}
        testId="new-token-command"
      />
      <p className="text-xs text-muted">
        <code>--scenario escape</code> or <code>violation</code> simulates attacks;{" "}
        <code>quiet</code> sends only inventory and heartbeats.
        {maxUses > 1 ? (
          <>
            {" "}
            <code>--fleet {maxUses}</code> enrols {maxUses} simulated hosts from this one process.
          </>
        ) : null}
      </p>
    </SecretOnce>
  );
}
