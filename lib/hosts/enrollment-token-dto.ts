import type { EnrollmentTokenState } from "./schemas.ts";

type Row = {
  id: string;
  label: string;
  expiresAt: Date;
  maxUses: number;
  uses: number;
  status: "active" | "revoked";
  revokedAt: Date | null;
  createdById: string | null;
  createdAt: Date;
};

export type EnrollmentTokenDto = Omit<Row, "status"> & {
  state: EnrollmentTokenState;
  usesLeft: number;
};

/** Revoked wins over expired wins over used up: the admin sees the reason that applies first. */
export function toEnrollmentTokenDto(row: Row, now: Date): EnrollmentTokenDto {
  const { status, ...rest } = row;
  const state: EnrollmentTokenState =
    status === "revoked"
      ? "revoked"
      : row.expiresAt <= now
        ? "expired"
        : row.uses >= row.maxUses
          ? "used_up"
          : "active";
  return { ...rest, state, usesLeft: state === "active" ? row.maxUses - row.uses : 0 };
}
