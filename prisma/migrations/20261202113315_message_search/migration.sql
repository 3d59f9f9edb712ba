-- Full-text search over messages moves to a narrow table, one row per message: the tsvector and the
-- columns searchMessages filters on (the session, its workspace for the access rule, the role, and
-- the first half of the never-on-a-branch rule). A search then reads these small rows only, instead
-- of a wide Message row and a Session row per hit. Triggers keep the rows in step with every write
-- to Message (insert, edit, branch changes, delete) and with a session changing workspace.

-- CreateTable
CREATE TABLE "MessageSearch" (
    "messageId" UUID NOT NULL,
    "sessionId" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "role" "MessageRole" NOT NULL,
    "rootInactive" BOOLEAN NOT NULL,
    "search" tsvector NOT NULL,

    CONSTRAINT "MessageSearch_pkey" PRIMARY KEY ("messageId")
);

-- The messages stored so far (their tsvector is the generated column dropped below).
INSERT INTO "MessageSearch" ("messageId", "sessionId", "workspaceId", "role", "rootInactive", "search")
SELECT m."id", m."sessionId", s."workspaceId", m."role", (m."parentId" IS NULL AND NOT m."active"),
       m."search"
FROM "Message" m JOIN "Session" s ON s."id" = m."sessionId";

-- CreateIndex
CREATE INDEX "MessageSearch_sessionId_idx" ON "MessageSearch"("sessionId");

-- CreateIndex
CREATE INDEX "MessageSearch_search_idx" ON "MessageSearch" USING GIN ("search");

-- AddForeignKey
ALTER TABLE "MessageSearch" ADD CONSTRAINT "MessageSearch_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The function bodies are E'' strings that write each semicolon as \073: the PostgreSQL driver
-- adapter runs a migration statement by statement, split at every semicolon of the script (a
-- dollar-quoted body would be cut), so the script has none but those that end its statements.

-- New messages: one statement-level trigger per INSERT (bulk inserts such as imports and forks add
-- their rows in one statement).
CREATE FUNCTION "message_search_insert"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN
  INSERT INTO "MessageSearch" ("messageId", "sessionId", "workspaceId", "role", "rootInactive", "search")
  SELECT n."id", n."sessionId", s."workspaceId", n."role", (n."parentId" IS NULL AND NOT n."active"),
         to_tsvector(''english''::regconfig, n."text")
  FROM "inserted" n JOIN "Session" s ON s."id" = n."sessionId"\073
  RETURN NULL\073
END';

CREATE TRIGGER "Message_search_insert" AFTER INSERT ON "Message"
REFERENCING NEW TABLE AS "inserted"
FOR EACH STATEMENT EXECUTE FUNCTION "message_search_insert"();

-- Changed messages: the text (an answer stored over its checkpoint), the role, the session, or
-- whether the message is an inactive root (a queued message claimed, branches switched).
CREATE FUNCTION "message_search_update"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN
  UPDATE "MessageSearch" x
  SET "sessionId" = NEW."sessionId",
      "workspaceId" = s."workspaceId",
      "role" = NEW."role",
      "rootInactive" = (NEW."parentId" IS NULL AND NOT NEW."active"),
      "search" = CASE WHEN OLD."text" IS DISTINCT FROM NEW."text"
                      THEN to_tsvector(''english''::regconfig, NEW."text") ELSE x."search" END
  FROM "Session" s
  WHERE x."messageId" = NEW."id" AND s."id" = NEW."sessionId"\073
  RETURN NULL\073
END';

CREATE TRIGGER "Message_search_update"
AFTER UPDATE OF "text", "role", "sessionId", "parentId", "active" ON "Message"
FOR EACH ROW
WHEN (OLD."text" IS DISTINCT FROM NEW."text"
      OR OLD."role" IS DISTINCT FROM NEW."role"
      OR OLD."sessionId" IS DISTINCT FROM NEW."sessionId"
      OR (OLD."parentId" IS NULL AND NOT OLD."active") IS DISTINCT FROM (NEW."parentId" IS NULL AND NOT NEW."active"))
EXECUTE FUNCTION "message_search_update"();

-- A session in another workspace takes its messages along (no code path moves one today).
CREATE FUNCTION "session_search_workspace"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN
  UPDATE "MessageSearch" SET "workspaceId" = NEW."workspaceId" WHERE "sessionId" = NEW."id"\073
  RETURN NULL\073
END';

CREATE TRIGGER "Session_search_workspace" AFTER UPDATE OF "workspaceId" ON "Session"
FOR EACH ROW WHEN (OLD."workspaceId" IS DISTINCT FROM NEW."workspaceId")
EXECUTE FUNCTION "session_search_workspace"();

-- Deleted messages (and sessions, whose messages cascade) take their rows along: the foreign key.

-- DropIndex
DROP INDEX "Message_search_idx";

-- AlterTable
ALTER TABLE "Message" DROP COLUMN "search";
