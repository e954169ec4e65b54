-- DropIndex
DROP INDEX "RelayMessage_memberId_kind_createdAt_idx";

-- CreateIndex
CREATE INDEX "RelayMessage_memberId_kind_createdAt_status_idx" ON "RelayMessage"("memberId", "kind", "createdAt", "status");
