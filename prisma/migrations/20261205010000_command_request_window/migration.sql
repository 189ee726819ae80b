-- The four-eyes window sums one requester's recent requests before each issue
-- (lib/commands/approval-window.ts); without this index that read scans every request.
CREATE INDEX "CommandRequest_requestedById_requestedAt_idx" ON "CommandRequest"("requestedById", "requestedAt");
