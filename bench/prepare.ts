// Prepares the embedded database the API servers of a bench run start from (copied per server):
// migrated and seeded like `npm start` does, with USERS users, each with an API key (the same
// function `npm run user:create` calls; the CLI itself costs a process and a database boot per
// user), and SESSIONS titled sessions spread round-robin over them (one set-based INSERT).
// Prints one JSON line: { users: [{ id, key }], sessions: [{ id, userIndex }] } into OUT.
import { writeFile } from 'node:fs/promises';
import { createUserWithKey } from '../src/auth/api-keys.js';
import { openConfiguredDatabase, seedDatabase } from '../src/bootstrap.js';
import { loadConfig } from '../src/config.js';

const users = Number(process.env.USERS ?? 4);
const sessions = Number(process.env.SESSIONS ?? 1000);
const out = process.env.OUT;
if (!out) throw new Error('OUT (a file) is required');

const config = loadConfig();
const { database } = await openConfiguredDatabase(config);
const db = database.prisma;
try {
  await seedDatabase(db);
  const created: { id: string; key: string }[] = [];
  for (let i = 0; i < users; i++) {
    const { user, key } = await createUserWithKey(db, `bench-${i}`, 'bench');
    created.push({ id: user.id, key });
  }
  const agent = await db.agent.findFirstOrThrow({ where: { isDefault: true } });
  const ids = created.map((u) => `'${u.id}'`).join(',');
  // updatedAt spaced 1 ms apart (oldest first), so the default order is deterministic.
  await db.$executeRawUnsafe(`
    INSERT INTO "Session" (id, "userId", "workspaceId", title, "agentId", "createdAt", "updatedAt")
    SELECT gen_random_uuid(), u.id, w.id, 'Bench session ' || g, '${agent.id}'::uuid,
           now() - interval '1 hour' + g * interval '1 millisecond',
           now() - interval '1 hour' + g * interval '1 millisecond'
    FROM generate_series(1, ${sessions}) AS g,
         LATERAL (SELECT (ARRAY[${ids}]::uuid[])[((g - 1) % ${users}) + 1] AS id) AS u
    JOIN "Workspace" w ON w."personalOfId" = u.id`);
  const rows = await db.$queryRawUnsafe<{ id: string; userId: string }[]>(
    `SELECT id::text AS id, "userId"::text AS "userId" FROM "Session"
     WHERE title LIKE 'Bench session %' ORDER BY substring(title from 15)::int`,
  );
  const index = new Map(created.map((u, i) => [u.id, i]));
  await writeFile(
    out,
    JSON.stringify({
      users: created,
      sessions: rows.map((r) => ({ id: r.id, userIndex: index.get(r.userId) ?? 0 })),
    }),
  );
  console.log(JSON.stringify({ users: created.length, sessions: rows.length }));
} finally {
  await database.close();
}
