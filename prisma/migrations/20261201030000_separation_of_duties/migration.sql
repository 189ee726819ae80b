-- Separation of duties and approvals (issues 9 and 12): a request can be rejected whole, and
-- the last legal-hold release is remembered so its releaser cannot also delete at once.
ALTER TYPE "CommandApproval" ADD VALUE 'rejected';

ALTER TABLE "CommandRequest" ADD COLUMN "rejectedById" TEXT,
ADD COLUMN "rejectedByLabel" TEXT,
ADD COLUMN "rejectedAt" TIMESTAMP(3),
ADD COLUMN "rejectionReason" TEXT;

CREATE INDEX "CommandRequest_stepRunId_idx" ON "CommandRequest"("stepRunId");

ALTER TABLE "Incident" ADD COLUMN "legalHoldReleasedAt" TIMESTAMP(3),
ADD COLUMN "legalHoldReleasedById" TEXT;
