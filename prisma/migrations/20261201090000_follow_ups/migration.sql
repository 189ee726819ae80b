-- Follow-up items of after-action reports, and the version a published draft became.
CREATE TYPE "FollowUpStatus" AS ENUM ('open', 'done', 'cancelled');

CREATE TABLE "FollowUp" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "ownerId" TEXT,
    "dueAt" TIMESTAMP(3),
    "status" "FollowUpStatus" NOT NULL DEFAULT 'open',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,
    "doneAt" TIMESTAMP(3),
    "cancelledAt" TIMESTAMP(3),
    "draftId" TEXT,
    "playbookSlug" TEXT,
    "playbookVersion" INTEGER,
    CONSTRAINT "FollowUp_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "FollowUp_draftId_key" ON "FollowUp"("draftId");
CREATE INDEX "FollowUp_status_dueAt_idx" ON "FollowUp"("status", "dueAt");
CREATE INDEX "FollowUp_incidentId_idx" ON "FollowUp"("incidentId");
ALTER TABLE "FollowUp" ADD CONSTRAINT "FollowUp_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "PlaybookDraft" ADD COLUMN "publishedVersion" INTEGER;
