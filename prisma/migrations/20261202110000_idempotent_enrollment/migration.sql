-- An enrolment whose 201 never reached the agent can be replayed: the agent names the attempt
-- (enrollmentId), and until the credential is first used the server may reissue it.
ALTER TABLE "Host" ADD COLUMN "enrollmentId" TEXT;
ALTER TABLE "Host" ADD COLUMN "credentialUsedAt" TIMESTAMP(3);

-- CreateIndex
CREATE UNIQUE INDEX "Host_enrollmentId_key" ON "Host"("enrollmentId");
