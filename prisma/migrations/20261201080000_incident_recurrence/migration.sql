-- An incident that reopens a recently closed one for the same plugin links to it.
ALTER TABLE "Incident" ADD COLUMN "recurrenceOfId" TEXT;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_recurrenceOfId_fkey" FOREIGN KEY ("recurrenceOfId") REFERENCES "Incident"("id") ON DELETE SET NULL ON UPDATE CASCADE;
