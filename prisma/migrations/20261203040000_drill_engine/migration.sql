-- A drill's fleet enrols with a token minted for that run: the hosts it enrols are simulated
-- and belong to the run from their first row, so not one event of theirs is ever ingested as
-- a real host's.
ALTER TABLE "EnrollmentToken" ADD COLUMN "drillRunId" TEXT;
CREATE INDEX "EnrollmentToken_drillRunId_idx" ON "EnrollmentToken"("drillRunId");
ALTER TABLE "EnrollmentToken" ADD CONSTRAINT "EnrollmentToken_drillRunId_fkey" FOREIGN KEY ("drillRunId") REFERENCES "DrillRun"("id") ON DELETE SET NULL ON UPDATE CASCADE;
