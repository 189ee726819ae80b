-- CreateEnum
CREATE TYPE "UserRole" AS ENUM ('admin', 'manager', 'responder', 'viewer');
CREATE TYPE "UserStatus" AS ENUM ('active', 'disabled');
CREATE TYPE "EnrollmentTokenStatus" AS ENUM ('active', 'revoked');
CREATE TYPE "HostStatus" AS ENUM ('active', 'revoked');
CREATE TYPE "IsolationState" AS ENUM ('none', 'isolated');
CREATE TYPE "PluginState" AS ENUM ('active', 'disabled', 'quarantined', 'revoked');
CREATE TYPE "EventType" AS ENUM ('sandbox_escape_attempt', 'permission_violation', 'quota_exceeded', 'ipc_anomaly', 'unsigned_plugin_loaded', 'plugin_quarantined', 'containment_applied', 'rollback_completed', 'command_rejected');
CREATE TYPE "Severity" AS ENUM ('low', 'medium', 'high', 'critical');
CREATE TYPE "IncidentStatus" AS ENUM ('open', 'acknowledged', 'contained', 'recovered', 'closed');

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT,
    "role" "UserRole" NOT NULL,
    "status" "UserStatus" NOT NULL DEFAULT 'active',
    "disabledAt" TIMESTAMP(3),
    "sessionVersion" INTEGER NOT NULL DEFAULT 1,
    "oidcSubject" TEXT,
    "lastLoginAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "LoginFailure" (
    "id" BIGSERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LoginFailure_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "AuditEntry" (
    "seq" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT,
    "actorLabel" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "targetType" TEXT,
    "targetId" TEXT,
    "details" JSONB NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("seq")
);

CREATE TABLE "EnrollmentToken" (
    "id" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "maxUses" INTEGER NOT NULL,
    "uses" INTEGER NOT NULL DEFAULT 0,
    "status" "EnrollmentTokenStatus" NOT NULL DEFAULT 'active',
    "revokedAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "EnrollmentToken_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Host" (
    "id" TEXT NOT NULL,
    "hostname" TEXT NOT NULL,
    "os" TEXT NOT NULL,
    "agentVersion" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "status" "HostStatus" NOT NULL DEFAULT 'active',
    "revokedAt" TIMESTAMP(3),
    "isolation" "IsolationState" NOT NULL DEFAULT 'none',
    "isolationChangedAt" TIMESTAMP(3),
    "simulated" BOOLEAN NOT NULL DEFAULT false,
    "enrolledAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "inventoryAt" TIMESTAMP(3),
    "enrollmentTokenId" TEXT,
    CONSTRAINT "Host_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "HostPlugin" (
    "id" TEXT NOT NULL,
    "hostId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "signer" TEXT,
    "sha256" TEXT NOT NULL,
    "permissions" TEXT[],
    "state" "PluginState" NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "HostPlugin_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Event" (
    "id" BIGSERIAL NOT NULL,
    "hostId" TEXT NOT NULL,
    "eventId" UUID NOT NULL,
    "type" "EventType" NOT NULL,
    "observedAt" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "severity" "Severity" NOT NULL,
    "pluginName" TEXT,
    "pluginVersion" TEXT,
    "pluginSha256" TEXT,
    "details" JSONB,
    "contentHash" TEXT NOT NULL,
    "incidentId" TEXT,
    CONSTRAINT "Event_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Incident" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "status" "IncidentStatus" NOT NULL DEFAULT 'open',
    "severity" "Severity" NOT NULL,
    "correlationKey" TEXT NOT NULL,
    "pluginName" TEXT,
    "pluginVersion" TEXT,
    "pluginSha256" TEXT,
    "detectedAt" TIMESTAMP(3) NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledgedAt" TIMESTAMP(3),
    "containedAt" TIMESTAMP(3),
    "containmentVerifiedAt" TIMESTAMP(3),
    "recoveredAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "reopenedAt" TIMESTAMP(3),
    "lastEventAt" TIMESTAMP(3) NOT NULL,
    "eventCount" INTEGER NOT NULL DEFAULT 0,
    "drill" BOOLEAN NOT NULL DEFAULT false,
    "legalHoldAt" TIMESTAMP(3),
    "legalHoldReason" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "IncidentHost" (
    "incidentId" TEXT NOT NULL,
    "hostId" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "eventCount" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "IncidentHost_pkey" PRIMARY KEY ("incidentId","hostId")
);

CREATE TABLE "TimelineEntry" (
    "id" BIGSERIAL NOT NULL,
    "incidentId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "type" TEXT NOT NULL,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT,
    "actorLabel" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "details" JSONB,
    CONSTRAINT "TimelineEntry_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Counter" (
    "name" TEXT NOT NULL,
    "value" INTEGER NOT NULL,
    CONSTRAINT "Counter_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE UNIQUE INDEX "User_oidcSubject_key" ON "User"("oidcSubject");
CREATE INDEX "LoginFailure_email_at_idx" ON "LoginFailure"("email", "at");
CREATE INDEX "LoginFailure_ip_at_idx" ON "LoginFailure"("ip", "at");
CREATE INDEX "AuditEntry_action_idx" ON "AuditEntry"("action");
CREATE INDEX "AuditEntry_targetType_targetId_idx" ON "AuditEntry"("targetType", "targetId");
CREATE UNIQUE INDEX "EnrollmentToken_tokenHash_key" ON "EnrollmentToken"("tokenHash");
CREATE UNIQUE INDEX "Host_tokenHash_key" ON "Host"("tokenHash");
CREATE INDEX "Host_lastSeenAt_idx" ON "Host"("lastSeenAt");
CREATE INDEX "Host_hostname_idx" ON "Host"("hostname");
CREATE UNIQUE INDEX "HostPlugin_hostId_name_version_key" ON "HostPlugin"("hostId", "name", "version");
CREATE INDEX "HostPlugin_name_version_idx" ON "HostPlugin"("name", "version");
CREATE INDEX "HostPlugin_sha256_idx" ON "HostPlugin"("sha256");
CREATE UNIQUE INDEX "Event_hostId_eventId_key" ON "Event"("hostId", "eventId");
CREATE INDEX "Event_incidentId_observedAt_idx" ON "Event"("incidentId", "observedAt");
CREATE INDEX "Event_hostId_observedAt_idx" ON "Event"("hostId", "observedAt");
CREATE UNIQUE INDEX "Incident_key_key" ON "Incident"("key");
CREATE INDEX "Incident_status_openedAt_idx" ON "Incident"("status", "openedAt");
CREATE INDEX "Incident_correlationKey_status_idx" ON "Incident"("correlationKey", "status");
CREATE INDEX "Incident_openedAt_idx" ON "Incident"("openedAt");
CREATE INDEX "IncidentHost_hostId_idx" ON "IncidentHost"("hostId");
CREATE INDEX "TimelineEntry_incidentId_at_idx" ON "TimelineEntry"("incidentId", "at");

-- AddForeignKey
ALTER TABLE "Host" ADD CONSTRAINT "Host_enrollmentTokenId_fkey" FOREIGN KEY ("enrollmentTokenId") REFERENCES "EnrollmentToken"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "HostPlugin" ADD CONSTRAINT "HostPlugin_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Event" ADD CONSTRAINT "Event_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Event" ADD CONSTRAINT "Event_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "IncidentHost" ADD CONSTRAINT "IncidentHost_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "IncidentHost" ADD CONSTRAINT "IncidentHost_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "TimelineEntry" ADD CONSTRAINT "TimelineEntry_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;
