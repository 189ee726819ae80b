import "server-only";
import { getDb, type Db } from "../db/index.ts";
import { enrollmentTokenSelect } from "./schemas.ts";
import { toEnrollmentTokenDto, type EnrollmentTokenDto } from "./enrollment-token-dto.ts";

export async function listEnrollmentTokens(db?: Db, now = new Date()): Promise<EnrollmentTokenDto[]> {
  db ??= await getDb();
  const rows = await db.enrollmentToken.findMany({ select: enrollmentTokenSelect, orderBy: { createdAt: "desc" }, take: 500 });
  return rows.map((r) => toEnrollmentTokenDto(r, now));
}
