-- Incident collaboration (issue 12, item 14): merge a duplicate into another incident, and
-- symmetric "related to" links. Comments and severity changes are timeline entries.
ALTER TABLE "Incident" ADD COLUMN "mergedIntoId" TEXT,
ADD COLUMN "mergedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "IncidentLink" (
    "aId" TEXT NOT NULL,
    "bId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,
    CONSTRAINT "IncidentLink_pkey" PRIMARY KEY ("aId","bId")
);

-- CreateIndex
CREATE INDEX "Incident_mergedIntoId_idx" ON "Incident"("mergedIntoId");

-- CreateIndex
CREATE INDEX "IncidentLink_bId_idx" ON "IncidentLink"("bId");

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Incident"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentLink" ADD CONSTRAINT "IncidentLink_aId_fkey" FOREIGN KEY ("aId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentLink" ADD CONSTRAINT "IncidentLink_bId_fkey" FOREIGN KEY ("bId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;
