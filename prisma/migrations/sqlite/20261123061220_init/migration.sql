-- CreateTable
CREATE TABLE "Organisation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" TEXT
);

-- CreateTable
CREATE TABLE "Grant" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "memberId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "orgId" TEXT,
    "grantedById" TEXT,
    "reason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME,
    "revokedAt" DATETIME,
    "revokedById" TEXT,
    "revokeReason" TEXT,
    "reviewedAt" DATETIME,
    "expiryWarnedAt" DATETIME
);

-- CreateTable
CREATE TABLE "RoleRequest" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "requesterId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "orgId" TEXT,
    "justification" TEXT NOT NULL,
    "justificationKey" TEXT NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'member',
    "status" TEXT NOT NULL DEFAULT 'pending',
    "createdAt" DATETIME NOT NULL,
    "decidedAt" DATETIME,
    "decidedById" TEXT,
    "decisionReason" TEXT,
    "grantId" TEXT
);

-- CreateTable
CREATE TABLE "GrantReview" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "grantId" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "note" TEXT,
    "at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "MemberTag" (
    "memberId" TEXT NOT NULL,
    "tag" TEXT NOT NULL,
    "addedById" TEXT,
    "addedAt" DATETIME NOT NULL,

    PRIMARY KEY ("memberId", "tag")
);

-- CreateTable
CREATE TABLE "PromotionProgress" (
    "memberId" TEXT NOT NULL PRIMARY KEY,
    "ticketsResolved" INTEGER NOT NULL DEFAULT 0,
    "ratingSum" INTEGER NOT NULL DEFAULT 0,
    "ratingCount" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "subjectId" TEXT,
    "orgId" TEXT,
    "outcome" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "AuditHead" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "seq" INTEGER NOT NULL,
    "hash" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "ThreadLink" (
    "platform" TEXT NOT NULL,
    "threadKey" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "threadRef" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("platform", "threadKey")
);

-- CreateTable
CREATE TABLE "LinkCode" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "codeHash" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME
);

-- CreateTable
CREATE TABLE "Member" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "displayName" TEXT NOT NULL,
    "pseudonym" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastActiveAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "departedAt" DATETIME
);

-- CreateTable
CREATE TABLE "PlatformAccount" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "memberId" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PlatformAccount_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "recipientKind" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "deliveredVia" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME
);

-- CreateTable
CREATE TABLE "ProcessedEvent" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "DataKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ownerId" TEXT NOT NULL,
    "wrappedKey" TEXT NOT NULL,
    "masterKeyId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "RelayConversation" (
    "number" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "memberId" TEXT NOT NULL,
    "openFor" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "assigneeId" TEXT,
    "messageCount" INTEGER NOT NULL DEFAULT 0,
    "heldCount" INTEGER NOT NULL DEFAULT 0,
    "openedAt" DATETIME NOT NULL,
    "lastMessageAt" DATETIME NOT NULL,
    "closedAt" DATETIME,
    "closedById" TEXT
);

-- CreateTable
CREATE TABLE "RelayMessage" (
    "number" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "conversationNumber" INTEGER NOT NULL,
    "memberId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "authorId" TEXT,
    "body" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "holdReason" TEXT,
    "signature" TEXT,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "RelayBlock" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "memberId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "expiresAt" DATETIME,
    "liftedAt" DATETIME,
    "liftedById" TEXT
);

-- CreateTable
CREATE TABLE "ModerationItem" (
    "number" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "category" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "reporterId" TEXT,
    "subjectMemberId" TEXT,
    "conversationNumber" INTEGER,
    "messageNumber" INTEGER,
    "reason" TEXT,
    "reasonKeyId" TEXT,
    "createdAt" DATETIME NOT NULL,
    "resolvedAt" DATETIME,
    "resolvedById" TEXT,
    "outcome" TEXT,
    "note" TEXT,
    "noteKeyId" TEXT
);

-- CreateTable
CREATE TABLE "SecurityIncident" (
    "number" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "severity" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "summary" TEXT NOT NULL,
    "summaryKeyId" TEXT NOT NULL,
    "subjectId" TEXT,
    "dedupeKey" TEXT,
    "openedById" TEXT,
    "openedAt" DATETIME NOT NULL,
    "ackDeadline" DATETIME NOT NULL,
    "acknowledgedAt" DATETIME,
    "acknowledgedById" TEXT,
    "escalatedAt" DATETIME,
    "resolvedAt" DATETIME,
    "resolvedById" TEXT,
    "resolution" TEXT,
    "resolutionKeyId" TEXT
);

-- CreateTable
CREATE TABLE "JobRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "job" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "periodStart" DATETIME NOT NULL,
    "periodEnd" DATETIME NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "instanceId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "leaseUntil" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    "nextRetryAt" DATETIME,
    "error" TEXT,
    "summary" TEXT
);

-- CreateTable
CREATE TABLE "TicketSequence" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "value" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "Ticket" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "number" INTEGER NOT NULL,
    "reporterId" TEXT NOT NULL,
    "assigneeId" TEXT,
    "category" TEXT NOT NULL,
    "priority" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "sessionId" TEXT,
    "channelPlatform" TEXT,
    "channelId" TEXT,
    "channelName" TEXT,
    "requestId" TEXT,
    "summaryCipher" TEXT,
    "summaryKeyId" TEXT,
    "resolutionCipher" TEXT,
    "resolutionKeyId" TEXT,
    "rating" INTEGER,
    "ratingCommentCipher" TEXT,
    "ratingCommentKeyId" TEXT,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "firstResponseAt" DATETIME,
    "escalatedAt" DATETIME,
    "resolvedAt" DATETIME,
    "closedAt" DATETIME,
    "ratedAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Ticket_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "LiveSession" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TicketEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "ticketId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "actorId" TEXT,
    "kind" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "bodyCipher" TEXT,
    "bodyKeyId" TEXT,
    "bodyOwnerId" TEXT,
    CONSTRAINT "TicketEvent_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TicketSlaMark" (
    "ticketId" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "at" DATETIME NOT NULL,

    PRIMARY KEY ("ticketId", "target", "stage"),
    CONSTRAINT "TicketSlaMark_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LiveSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "number" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "facilitatorId" TEXT NOT NULL,
    "startedById" TEXT NOT NULL,
    "endedById" TEXT,
    "channelPlatform" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "channelName" TEXT NOT NULL,
    "activeChannel" TEXT,
    "startedAt" DATETIME NOT NULL,
    "endedAt" DATETIME
);

-- CreateIndex
CREATE INDEX "Grant_memberId_revokedAt_idx" ON "Grant"("memberId", "revokedAt");

-- CreateIndex
CREATE INDEX "Grant_role_revokedAt_idx" ON "Grant"("role", "revokedAt");

-- CreateIndex
CREATE INDEX "Grant_revokedAt_expiresAt_idx" ON "Grant"("revokedAt", "expiresAt");

-- CreateIndex
CREATE INDEX "Grant_orgId_revokedAt_idx" ON "Grant"("orgId", "revokedAt");

-- CreateIndex
CREATE INDEX "RoleRequest_status_createdAt_idx" ON "RoleRequest"("status", "createdAt");

-- CreateIndex
CREATE INDEX "RoleRequest_requesterId_role_idx" ON "RoleRequest"("requesterId", "role");

-- CreateIndex
CREATE INDEX "GrantReview_grantId_idx" ON "GrantReview"("grantId");

-- CreateIndex
CREATE INDEX "MemberTag_tag_idx" ON "MemberTag"("tag");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEntry_hash_key" ON "AuditEntry"("hash");

-- CreateIndex
CREATE INDEX "AuditEntry_actorId_idx" ON "AuditEntry"("actorId");

-- CreateIndex
CREATE INDEX "AuditEntry_subjectId_idx" ON "AuditEntry"("subjectId");

-- CreateIndex
CREATE INDEX "AuditEntry_action_idx" ON "AuditEntry"("action");

-- CreateIndex
CREATE INDEX "AuditEntry_at_idx" ON "AuditEntry"("at");

-- CreateIndex
CREATE UNIQUE INDEX "ThreadLink_platform_channelId_threadRef_key" ON "ThreadLink"("platform", "channelId", "threadRef");

-- CreateIndex
CREATE UNIQUE INDEX "LinkCode_codeHash_key" ON "LinkCode"("codeHash");

-- CreateIndex
CREATE INDEX "LinkCode_memberId_idx" ON "LinkCode"("memberId");

-- CreateIndex
CREATE INDEX "LinkCode_expiresAt_idx" ON "LinkCode"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "Member_pseudonym_key" ON "Member"("pseudonym");

-- CreateIndex
CREATE INDEX "PlatformAccount_memberId_idx" ON "PlatformAccount"("memberId");

-- CreateIndex
CREATE UNIQUE INDEX "PlatformAccount_platform_workspaceId_userId_key" ON "PlatformAccount"("platform", "workspaceId", "userId");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "DataKey_ownerId_key" ON "DataKey"("ownerId");

-- CreateIndex
CREATE UNIQUE INDEX "RelayConversation_openFor_key" ON "RelayConversation"("openFor");

-- CreateIndex
CREATE INDEX "RelayConversation_memberId_idx" ON "RelayConversation"("memberId");

-- CreateIndex
CREATE INDEX "RelayConversation_status_lastMessageAt_idx" ON "RelayConversation"("status", "lastMessageAt");

-- CreateIndex
CREATE INDEX "RelayConversation_lastMessageAt_idx" ON "RelayConversation"("lastMessageAt");

-- CreateIndex
CREATE INDEX "RelayMessage_conversationNumber_number_idx" ON "RelayMessage"("conversationNumber", "number");

-- CreateIndex
CREATE INDEX "RelayMessage_memberId_kind_createdAt_idx" ON "RelayMessage"("memberId", "kind", "createdAt");

-- CreateIndex
CREATE INDEX "RelayBlock_memberId_liftedAt_idx" ON "RelayBlock"("memberId", "liftedAt");

-- CreateIndex
CREATE INDEX "ModerationItem_status_createdAt_idx" ON "ModerationItem"("status", "createdAt");

-- CreateIndex
CREATE INDEX "ModerationItem_conversationNumber_kind_status_idx" ON "ModerationItem"("conversationNumber", "kind", "status");

-- CreateIndex
CREATE INDEX "ModerationItem_reporterId_idx" ON "ModerationItem"("reporterId");

-- CreateIndex
CREATE INDEX "ModerationItem_subjectMemberId_idx" ON "ModerationItem"("subjectMemberId");

-- CreateIndex
CREATE INDEX "SecurityIncident_status_ackDeadline_idx" ON "SecurityIncident"("status", "ackDeadline");

-- CreateIndex
CREATE INDEX "SecurityIncident_dedupeKey_status_idx" ON "SecurityIncident"("dedupeKey", "status");

-- CreateIndex
CREATE INDEX "SecurityIncident_subjectId_idx" ON "SecurityIncident"("subjectId");

-- CreateIndex
CREATE INDEX "JobRun_job_startedAt_idx" ON "JobRun"("job", "startedAt");

-- CreateIndex
CREATE INDEX "JobRun_status_nextRetryAt_idx" ON "JobRun"("status", "nextRetryAt");

-- CreateIndex
CREATE UNIQUE INDEX "JobRun_job_period_key" ON "JobRun"("job", "period");

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_number_key" ON "Ticket"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_requestId_key" ON "Ticket"("requestId");

-- CreateIndex
CREATE INDEX "Ticket_status_createdAt_idx" ON "Ticket"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Ticket_assigneeId_status_idx" ON "Ticket"("assigneeId", "status");

-- CreateIndex
CREATE INDEX "Ticket_reporterId_idx" ON "Ticket"("reporterId");

-- CreateIndex
CREATE INDEX "Ticket_category_status_idx" ON "Ticket"("category", "status");

-- CreateIndex
CREATE INDEX "Ticket_sessionId_idx" ON "Ticket"("sessionId");

-- CreateIndex
CREATE INDEX "Ticket_createdAt_idx" ON "Ticket"("createdAt");

-- CreateIndex
CREATE INDEX "TicketEvent_ticketId_id_idx" ON "TicketEvent"("ticketId", "id");

-- CreateIndex
CREATE INDEX "TicketEvent_bodyOwnerId_idx" ON "TicketEvent"("bodyOwnerId");

-- CreateIndex
CREATE INDEX "TicketSlaMark_at_idx" ON "TicketSlaMark"("at");

-- CreateIndex
CREATE UNIQUE INDEX "LiveSession_number_key" ON "LiveSession"("number");

-- CreateIndex
CREATE UNIQUE INDEX "LiveSession_activeChannel_key" ON "LiveSession"("activeChannel");

-- CreateIndex
CREATE INDEX "LiveSession_startedAt_idx" ON "LiveSession"("startedAt");

-- CreateIndex
CREATE INDEX "LiveSession_channelPlatform_channelId_idx" ON "LiveSession"("channelPlatform", "channelId");
