-- CreateEnum
CREATE TYPE "CommandType" AS ENUM ('revoke_permissions', 'restore_permissions', 'quarantine_plugin', 'kill_process', 'isolate_host', 'release_host', 'rollback_runtime', 'collect_artifact');

-- CreateEnum
CREATE TYPE "CommandStatus" AS ENUM ('awaiting_approval', 'queued', 'delivered', 'acknowledged', 'succeeded', 'failed', 'expired', 'cancelled');

-- CreateEnum
CREATE TYPE "CommandApproval" AS ENUM ('not_required', 'pending', 'approved', 'break_glass');

-- CreateTable
CREATE TABLE "CommandRequest" (
    "id" TEXT NOT NULL,
    "type" "CommandType" NOT NULL,
    "params" JSONB NOT NULL,
    "comment" TEXT NOT NULL,
    "incidentId" TEXT,
    "stepRunId" TEXT,
    "requestedById" TEXT,
    "requestedByLabel" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "hostCount" INTEGER NOT NULL,
    "approval" "CommandApproval" NOT NULL,
    "approvedById" TEXT,
    "approvedByLabel" TEXT,
    "approvedAt" TIMESTAMP(3),
    "breakGlassReason" TEXT,
    "durationSeconds" INTEGER,
    "reverseOfId" TEXT,
    "drill" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "CommandRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Command" (
    "id" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "hostId" TEXT NOT NULL,
    "incidentId" TEXT,
    "type" "CommandType" NOT NULL,
    "params" JSONB NOT NULL,
    "status" "CommandStatus" NOT NULL,
    "payload" JSONB,
    "kid" TEXT,
    "signature" TEXT,
    "issuedAt" TIMESTAMP(3),
    "notBefore" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "queuedAt" TIMESTAMP(3),
    "deliveredAt" TIMESTAMP(3),
    "acknowledgedAt" TIMESTAMP(3),
    "succeededAt" TIMESTAMP(3),
    "failedAt" TIMESTAMP(3),
    "expiredAt" TIMESTAMP(3),
    "cancelledAt" TIMESTAMP(3),
    "leaseUntil" TIMESTAMP(3),
    "deliveryCount" INTEGER NOT NULL DEFAULT 0,
    "cancelRequestedAt" TIMESTAMP(3),
    "cancelRequestedBy" TEXT,
    "result" JSONB,
    "failureReason" TEXT,
    "containmentEndsAt" TIMESTAMP(3),

    CONSTRAINT "Command_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommandReceipt" (
    "id" BIGSERIAL NOT NULL,
    "commandId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "result" JSONB,
    "reason" TEXT,

    CONSTRAINT "CommandReceipt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CommandRequest_incidentId_idx" ON "CommandRequest"("incidentId");

-- CreateIndex
CREATE INDEX "CommandRequest_requestedAt_idx" ON "CommandRequest"("requestedAt");

-- CreateIndex
CREATE INDEX "CommandRequest_approval_idx" ON "CommandRequest"("approval");

-- CreateIndex
CREATE INDEX "Command_hostId_status_idx" ON "Command"("hostId", "status");

-- CreateIndex
CREATE INDEX "Command_status_expiresAt_idx" ON "Command"("status", "expiresAt");

-- CreateIndex
CREATE INDEX "Command_requestId_idx" ON "Command"("requestId");

-- CreateIndex
CREATE INDEX "Command_incidentId_idx" ON "Command"("incidentId");

-- CreateIndex
CREATE INDEX "Command_createdAt_idx" ON "Command"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "CommandReceipt_commandId_status_key" ON "CommandReceipt"("commandId", "status");

-- AddForeignKey
ALTER TABLE "CommandRequest" ADD CONSTRAINT "CommandRequest_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Command" ADD CONSTRAINT "Command_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "CommandRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Command" ADD CONSTRAINT "Command_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommandReceipt" ADD CONSTRAINT "CommandReceipt_commandId_fkey" FOREIGN KEY ("commandId") REFERENCES "Command"("id") ON DELETE CASCADE ON UPDATE CASCADE;
