-- Tabletop drills (issue 14): runs of a scenario, participants, injects and the run's own
-- timeline; drill hosts and incidents point at their run so two drills never see each other.
CREATE TYPE "DrillStatus" AS ENUM ('running', 'paused', 'ended');
CREATE TYPE "DrillInjectStatus" AS ENUM ('pending', 'fired', 'failed', 'skipped');

CREATE TABLE "DrillRun" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "scenarioSlug" TEXT NOT NULL,
    "scenarioTitle" TEXT NOT NULL,
    "scenarioHash" TEXT NOT NULL,
    "scenario" JSONB NOT NULL,
    "status" "DrillStatus" NOT NULL DEFAULT 'running',
    "speed" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "anchorAt" TIMESTAMP(3) NOT NULL,
    "anchorElapsedMs" INTEGER NOT NULL DEFAULT 0,
    "clockSegments" JSONB NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedById" TEXT NOT NULL,
    "startedByLabel" TEXT NOT NULL,
    "pausedAt" TIMESTAMP(3),
    "resumedAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "endedById" TEXT,
    "endedByLabel" TEXT,
    "endReason" TEXT,
    "facilitatorNotes" TEXT NOT NULL DEFAULT '',
    "score" JSONB,
    "scoredAt" TIMESTAMP(3),
    CONSTRAINT "DrillRun_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "DrillRun_key_key" ON "DrillRun"("key");
CREATE INDEX "DrillRun_scenarioSlug_startedAt_idx" ON "DrillRun"("scenarioSlug", "startedAt");
CREATE INDEX "DrillRun_status_idx" ON "DrillRun"("status");

CREATE TABLE "DrillParticipant" (
    "drillRunId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "addedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DrillParticipant_pkey" PRIMARY KEY ("drillRunId", "userId", "role")
);
CREATE INDEX "DrillParticipant_userId_idx" ON "DrillParticipant"("userId");
ALTER TABLE "DrillParticipant" ADD CONSTRAINT "DrillParticipant_drillRunId_fkey" FOREIGN KEY ("drillRunId") REFERENCES "DrillRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "DrillParticipant" ADD CONSTRAINT "DrillParticipant_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "DrillInject" (
    "id" TEXT NOT NULL,
    "drillRunId" TEXT NOT NULL,
    "index" INTEGER NOT NULL,
    "atSeconds" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "spec" JSONB NOT NULL,
    "status" "DrillInjectStatus" NOT NULL DEFAULT 'pending',
    "firedAt" TIMESTAMP(3),
    "failedAt" TIMESTAMP(3),
    "error" TEXT,
    CONSTRAINT "DrillInject_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "DrillInject_drillRunId_index_key" ON "DrillInject"("drillRunId", "index");
CREATE INDEX "DrillInject_drillRunId_status_atSeconds_idx" ON "DrillInject"("drillRunId", "status", "atSeconds");
ALTER TABLE "DrillInject" ADD CONSTRAINT "DrillInject_drillRunId_fkey" FOREIGN KEY ("drillRunId") REFERENCES "DrillRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "DrillTimelineEntry" (
    "id" BIGSERIAL NOT NULL,
    "drillRunId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "elapsedMs" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT,
    "actorLabel" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "details" JSONB,
    CONSTRAINT "DrillTimelineEntry_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "DrillTimelineEntry_drillRunId_at_idx" ON "DrillTimelineEntry"("drillRunId", "at");
ALTER TABLE "DrillTimelineEntry" ADD CONSTRAINT "DrillTimelineEntry_drillRunId_fkey" FOREIGN KEY ("drillRunId") REFERENCES "DrillRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "Host" ADD COLUMN "drillRunId" TEXT;
CREATE INDEX "Host_drillRunId_idx" ON "Host"("drillRunId");
ALTER TABLE "Host" ADD CONSTRAINT "Host_drillRunId_fkey" FOREIGN KEY ("drillRunId") REFERENCES "DrillRun"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "Incident" ADD COLUMN "drillRunId" TEXT;
CREATE INDEX "Incident_drillRunId_idx" ON "Incident"("drillRunId");
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_drillRunId_fkey" FOREIGN KEY ("drillRunId") REFERENCES "DrillRun"("id") ON DELETE SET NULL ON UPDATE CASCADE;
