-- Several instances on one database: the signing keys become one set for the deployment
-- (sealed private halves), and a resumable upload's offset and writer live in the database
-- so any instance can continue it.

-- CreateTable
CREATE TABLE "SigningKey" (
    "kid" TEXT NOT NULL,
    "publicKey" TEXT NOT NULL,
    "sealedPrivate" TEXT,
    "kekId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "retiredAt" TIMESTAMP(3),
    "publishUntil" TIMESTAMP(3),
    "endorsements" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "SigningKey_pkey" PRIMARY KEY ("kid")
);

-- CreateIndex
CREATE INDEX "SigningKey_retiredAt_idx" ON "SigningKey"("retiredAt");

-- AlterTable
ALTER TABLE "ArtifactUpload" ADD COLUMN "receivedBytes" BIGINT NOT NULL DEFAULT 0;
ALTER TABLE "ArtifactUpload" ADD COLUMN "writerId" TEXT;
ALTER TABLE "ArtifactUpload" ADD COLUMN "writerUntil" TIMESTAMP(3);
