-- Issue 15 item 3: findings from other tools (AWS Security Hub, GuardDuty, Okta, Prowler,
-- Falco …) become external_detection events, and the incident keeps the finding's own fields.
-- AlterEnum
ALTER TYPE "EventType" ADD VALUE 'external_detection';

-- AlterTable
ALTER TABLE "Incident" ADD COLUMN "finding" JSONB;
