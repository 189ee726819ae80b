-- A drill's simulated fleet lives in the memory of the instance that started the run. That
-- instance owns the run and beats a heartbeat on it; any instance ends a run whose owner has
-- stopped beating. A timer may be pinned to one instance: the run's inject driver must fire
-- where its fleet is, never on another instance that would find no fleet.
ALTER TABLE "DrillRun" ADD COLUMN "ownerInstance" TEXT;
ALTER TABLE "DrillRun" ADD COLUMN "ownerSeenAt" TIMESTAMP(3);
ALTER TABLE "Timer" ADD COLUMN "instance" TEXT;
