-- The audit chain stops being a global lock: a transaction inserts its entries unchained (a
-- surrogate id, seq/prevHash/hash/sealedAt null) and one sealer chains committed entries in
-- order. Existing rows were chained when written: they keep seq and hash exactly and count as
-- sealed (id = seq, sealedAt = at), so their chain and its checkpoints still verify.

-- AlterTable
ALTER TABLE "AuditEntry" DROP CONSTRAINT "AuditEntry_pkey";
ALTER TABLE "AuditEntry" ADD COLUMN "id" BIGINT;
ALTER TABLE "AuditEntry" ADD COLUMN "sealedAt" TIMESTAMP(3);
UPDATE "AuditEntry" SET "id" = "seq", "sealedAt" = "at";
CREATE SEQUENCE "AuditEntry_id_seq" OWNED BY "AuditEntry"."id";
SELECT setval('"AuditEntry_id_seq"', COALESCE(MAX("id"), 0) + 1, false) FROM "AuditEntry";
ALTER TABLE "AuditEntry" ALTER COLUMN "id" SET DEFAULT nextval('"AuditEntry_id_seq"');
ALTER TABLE "AuditEntry" ALTER COLUMN "id" SET NOT NULL;
ALTER TABLE "AuditEntry" ADD CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id");
ALTER TABLE "AuditEntry" ALTER COLUMN "seq" DROP NOT NULL;
ALTER TABLE "AuditEntry" ALTER COLUMN "prevHash" DROP NOT NULL;
ALTER TABLE "AuditEntry" ALTER COLUMN "hash" DROP NOT NULL;
-- Sealed is all four columns at once: a half-sealed row is a bug (or a tamper), never a state.
ALTER TABLE "AuditEntry" ADD CONSTRAINT "AuditEntry_sealed_check" CHECK (
    ("seq" IS NULL AND "prevHash" IS NULL AND "hash" IS NULL AND "sealedAt" IS NULL) OR
    ("seq" IS NOT NULL AND "prevHash" IS NOT NULL AND "hash" IS NOT NULL AND "sealedAt" IS NOT NULL)
);

-- CreateIndex
CREATE UNIQUE INDEX "AuditEntry_seq_key" ON "AuditEntry"("seq");
-- The sealer's backlog, in insertion order; it stays as small as the backlog.
CREATE INDEX "AuditEntry_unsealed_idx" ON "AuditEntry"("id") WHERE "seq" IS NULL;
