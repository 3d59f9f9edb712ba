-- AlterEnum
ALTER TYPE "TurnStatus" ADD VALUE 'QUEUED';

-- DropIndex
DROP INDEX "Message_sessionId_createdAt_id_idx";

-- DropIndex
DROP INDEX "Turn_userMessageId_key";

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "active" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "parentId" UUID,
ADD COLUMN     "search" tsvector GENERATED ALWAYS AS (to_tsvector('english', "text")) STORED;

-- The messages stored so far form one branch per session, in the order they were written.
UPDATE "Message" AS m SET "parentId" = p."previous"
FROM (
  SELECT "id", lag("id") OVER (PARTITION BY "sessionId" ORDER BY "createdAt", "id") AS "previous"
  FROM "Message"
) AS p
WHERE m."id" = p."id" AND p."previous" IS NOT NULL;

-- CreateIndex
CREATE INDEX "Message_sessionId_active_createdAt_id_idx" ON "Message"("sessionId", "active", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Message_sessionId_parentId_idx" ON "Message"("sessionId", "parentId");

-- CreateIndex
CREATE INDEX "Message_search_idx" ON "Message" USING GIN ("search");

-- CreateIndex
CREATE INDEX "Turn_userMessageId_idx" ON "Turn"("userMessageId");

-- CreateIndex
CREATE INDEX "Turn_userId_startedAt_idx" ON "Turn"("userId", "startedAt");

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Message"("id") ON DELETE SET NULL ON UPDATE CASCADE;
