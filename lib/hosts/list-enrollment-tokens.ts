import "server-only";
import { type Db, getDb } from "../db/index.ts";
import { type EnrollmentTokenDto, toEnrollmentTokenDto } from "./enrollment-token-dto.ts";
import { enrollmentTokenSelect } from "./schemas.ts";

export async function listEnrollmentTokens(
  db?: Db,
  now = new Date(),
): Promise<EnrollmentTokenDto[]> {
  db ??= await getDb();
  const rows = await db.enrollmentToken.findMany({
    select: enrollmentTokenSelect,
    orderBy: { createdAt: "desc" },
    take: 500,
  });
  return rows.map((r) => toEnrollmentTokenDto(r, now));
}
