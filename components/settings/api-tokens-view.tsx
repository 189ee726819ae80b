"use client";
import { useState } from "react";
import { Ago } from "@/components/hosts/bits";
import { Badge } from "@/components/ui/card";
import { FieldError, InputField, SelectField } from "@/components/ui/input";
import { RevokeTokenCell } from "@/components/ui/revoke-token-button";
import { SecretOnce } from "@/components/ui/secret-once";
import { NewTokenCard, TokenPage } from "@/components/ui/token-page";
import {
  type ApiTokenJson,
  useApiTokens,
  useCreateApiToken,
  useRevokeApiToken,
} from "@/lib/api-tokens/queries";
import { errorsByField } from "@/lib/ui/problem-text";

const EXPIRY_DAYS = [1, 7, 30, 90, 365];
const STATE_TONE = { active: "ok", expired: "neutral", revoked: "danger" } as const;

/** `grantable` is what the signed-in person's role holds: a token gets a subset of it. */
export function ApiTokensView({
  grantable,
  showOwner,
}: {
  grantable: string[];
  showOwner: boolean;
}) {
  const tokens = useApiTokens();
  const revoke = useRevokeApiToken();
  return (
    <TokenPage
      create={<CreateApiToken grantable={grantable} />}
      tokens={tokens}
      revokeError={revoke.error}
      empty="No API tokens yet."
      head={["Name", showOwner ? "Owner" : null, "State", "Scopes", "Last used", "Expires", ""]}
    >
      {tokens.data?.tokens.map((t: ApiTokenJson) => (
        <tr key={t.id} data-testid={`api-token-row-${t.name}`}>
          <td className="font-medium">{t.name}</td>
          {showOwner ? <td>{t.owner.name}</td> : null}
          <td>
            <Badge tone={STATE_TONE[t.state]}>{t.state}</Badge>
          </td>
          <td className="text-xs">
            {t.scopes.map((s) => (
              <code
                key={s}
                className={`mr-1 inline-block ${t.effectiveScopes.includes(s) ? "" : "text-muted line-through"}`}
                title={
                  t.effectiveScopes.includes(s) ? undefined : "No longer held by the owner's role"
                }
              >
                {s}
              </code>
            ))}
          </td>
          <td className="text-sm">{t.lastUsedAt ? <Ago iso={t.lastUsedAt} /> : "never"}</td>
          <td className="text-sm">
            <Ago iso={t.expiresAt} />
          </td>
          <RevokeTokenCell
            active={t.state === "active"}
            name={`Revoke API token ${t.name}`}
            title={`Revoke API token "${t.name}"?`}
            description="Every script using it gets 401 from its next request on. This cannot be undone."
            pending={revoke.isPending}
            onConfirm={() => revoke.mutate(t.id)}
          />
        </tr>
      ))}
    </TokenPage>
  );
}

function CreateApiToken({ grantable }: { grantable: string[] }) {
  const create = useCreateApiToken();
  const [scopes, setScopes] = useState<string[]>(["console:read"]);
  const fieldErrors = errorsByField(create.error);
  const created = create.data;
  return (
    <NewTokenCard
      title="New API token"
      columns={3}
      create={create}
      onSubmit={(fd) =>
        create.mutate({
          name: String(fd.get("name")),
          scopes,
          expiresInDays: Number(fd.get("days")),
        })
      }
      created={
        created ? (
          <SecretOnce
            what={`the token “${created.name}”`}
            label="API token"
            value={created.token}
            testId="new-api-token"
            onDone={() => create.reset()}
          >
            <p className="text-xs text-muted">
              Send it as <code>Authorization: Bearer …</code> to <code>/api/v1/*</code>; see the API
              reference.
            </p>
          </SecretOnce>
        ) : null
      }
    >
      <InputField
        id="at-name"
        label="Name"
        className="sm:col-span-2"
        error={fieldErrors.name}
        name="name"
        required
        maxLength={80}
        placeholder="e.g. SOAR integration"
      />
      <SelectField
        id="at-days"
        label="Expires in"
        name="days"
        defaultValue={30}
        selectClassName="w-full"
      >
        {EXPIRY_DAYS.map((d) => (
          <option key={d} value={d}>
            {d === 1 ? "1 day" : `${d} days`}
          </option>
        ))}
      </SelectField>
      <fieldset className="sm:col-span-3">
        <legend className="mb-1 text-sm font-medium">Scopes (what the token may do)</legend>
        <div className="grid gap-1 sm:grid-cols-3">
          {grantable.map((p) => (
            <label key={p} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={scopes.includes(p)}
                onChange={(e) =>
                  setScopes((s) => (e.target.checked ? [...s, p] : s.filter((x) => x !== p)))
                }
              />
              <code>{p}</code>
            </label>
          ))}
        </div>
        <FieldError>{fieldErrors.scopes}</FieldError>
      </fieldset>
    </NewTokenCard>
  );
}
