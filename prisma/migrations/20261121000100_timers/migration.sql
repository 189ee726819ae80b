-- CreateEnum
CREATE TYPE "TimerStatus" AS ENUM ('pending', 'done', 'failed', 'cancelled');

-- CreateTable
CREATE TABLE "Timer" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "payload" JSONB NOT NULL,
    "dedupeKey" TEXT,
    "status" "TimerStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "firedAt" TIMESTAMP(3),
    "cancelledAt" TIMESTAMP(3),
    CONSTRAINT "Timer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Timer_dedupeKey_key" ON "Timer"("dedupeKey");
CREATE INDEX "Timer_status_dueAt_idx" ON "Timer"("status", "dueAt");
