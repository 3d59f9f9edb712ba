-- AlterTable
ALTER TABLE "Preference" ADD COLUMN     "sourceSessionId" UUID;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "memoryEnabled" BOOLEAN NOT NULL DEFAULT true;

-- CreateIndex
CREATE INDEX "Preference_userId_createdAt_id_idx" ON "Preference"("userId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Preference_sourceSessionId_idx" ON "Preference"("sourceSessionId");

-- AddForeignKey
ALTER TABLE "Preference" ADD CONSTRAINT "Preference_sourceSessionId_fkey" FOREIGN KEY ("sourceSessionId") REFERENCES "Session"("id") ON DELETE SET NULL ON UPDATE CASCADE;
