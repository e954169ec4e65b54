-- DropIndex
DROP INDEX "Ticket_reporterId_idx";

-- CreateIndex
CREATE INDEX "Ticket_status_number_idx" ON "Ticket"("status", "number");

-- CreateIndex
CREATE INDEX "Ticket_reporterId_number_idx" ON "Ticket"("reporterId", "number");
