-- CreateEnum
CREATE TYPE "ArtifactKind" AS ENUM ('log', 'process_dump', 'network_capture', 'memory_image', 'screenshot', 'other');
CREATE TYPE "ArtifactStatus" AS ENUM ('available', 'purged', 'deleted');

-- CreateTable
CREATE TABLE "Artifact" (
    "id" TEXT NOT NULL,
    "filename" TEXT NOT NULL,
    "kind" "ArtifactKind" NOT NULL,
    "sizeBytes" BIGINT NOT NULL,
    "sha256" TEXT NOT NULL,
    "storageBackend" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "status" "ArtifactStatus" NOT NULL DEFAULT 'available',
    "incidentId" TEXT,
    "commandId" TEXT,
    "hostId" TEXT,
    "uploadedByUserId" TEXT,
    "collectedAt" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "removedAt" TIMESTAMP(3),
    CONSTRAINT "Artifact_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "CustodyEntry" (
    "artifactId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "action" TEXT NOT NULL,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT,
    "actorLabel" TEXT NOT NULL,
    "ip" TEXT,
    "details" JSONB NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    CONSTRAINT "CustodyEntry_pkey" PRIMARY KEY ("artifactId","seq")
);

CREATE TABLE "ArtifactUpload" (
    "id" TEXT NOT NULL,
    "ownerType" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "ownerLabel" TEXT NOT NULL,
    "filename" TEXT NOT NULL,
    "kind" "ArtifactKind" NOT NULL,
    "declaredSha256" TEXT NOT NULL,
    "length" BIGINT NOT NULL,
    "incidentId" TEXT,
    "commandId" TEXT,
    "hostId" TEXT,
    "collectedAt" TIMESTAMP(3) NOT NULL,
    "artifactId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "ArtifactUpload_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "RetentionPolicy" (
    "kind" "ArtifactKind" NOT NULL,
    "days" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedById" TEXT,
    CONSTRAINT "RetentionPolicy_pkey" PRIMARY KEY ("kind")
);

-- CreateIndex
CREATE INDEX "Artifact_incidentId_idx" ON "Artifact"("incidentId");
CREATE INDEX "Artifact_status_expiresAt_idx" ON "Artifact"("status", "expiresAt");
CREATE INDEX "Artifact_storageKey_idx" ON "Artifact"("storageKey");
CREATE INDEX "Artifact_commandId_idx" ON "Artifact"("commandId");
CREATE INDEX "ArtifactUpload_expiresAt_idx" ON "ArtifactUpload"("expiresAt");

-- AddForeignKey
ALTER TABLE "Artifact" ADD CONSTRAINT "Artifact_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Artifact" ADD CONSTRAINT "Artifact_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "CustodyEntry" ADD CONSTRAINT "CustodyEntry_artifactId_fkey" FOREIGN KEY ("artifactId") REFERENCES "Artifact"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
