/** latest.md: the run's numbers as tables, each with what it means. */

type Any = any;

const fmt = (v: unknown, digits = 1): string => {
  if (v == null || (typeof v === 'number' && !Number.isFinite(v))) return '–';
  if (typeof v === 'number') {
    if (Math.abs(v) >= 1000) return Math.round(v).toLocaleString('en-US');
    return String(Math.round(v * 10 ** digits) / 10 ** digits);
  }
  return String(v);
};

function table(head: string[], rows: (string | number | undefined | null)[][]): string {
  const line = (cells: unknown[]) =>
    `| ${cells.map((c) => (c == null ? '–' : String(c))).join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

function failed(s: Any): string | null {
  if (!s) return '_not run_';
  if (s.error) return `**failed**: \`${String(s.error).split('\n')[0]?.slice(0, 400)}\``;
  if (s.skipped) return `_skipped: ${s.skipped}_`;
  return null;
}

const integrity = (r: Any) => {
  const rep = r.report;
  const bad =
    rep.lostEvents +
    rep.duplicatedEvents +
    rep.textMismatches +
    rep.storedMismatches +
    rep.sessionsNotStartingAtSeq1;
  const label = `${rep.lostEvents} / ${rep.duplicatedEvents} / ${rep.textMismatches + rep.storedMismatches}`;
  return bad === 0 && !r.timedOut ? `${label} ✓` : `**${label}${r.timedOut ? ', timed out' : ''}**`;
};

const TARGET_NAMES: Record<string, string> = {
  'api-coalesce-0': 'API (coalescing off)',
  'floor-graphql-ws': 'floor: graphql-js + graphql-ws',
  'floor-ws': 'floor: raw ws',
};
const targetName = (r: Any) => TARGET_NAMES[r.label] ?? `API (coalescing ${r.coalesceMs} ms)`;

function fanoutSection(f: Any): string {
  const out: string[] = ['## 1–2. Token fan-out, and the floors', ''];
  const problem = failed(f);
  if (problem) return [...out, problem, ''].join('\n');
  const c = f.config;
  out.push(
    `C concurrent sessions, each one turn of ${c.tokens} tokens at ${fmt(1000 / c.delayMs, 0)} tokens/s (LOCAL_MODEL_DELAY_MS=${c.delayMs}), the local model through the whole API: sendMessage over HTTP, streamText, the event log, graphql-ws to one socket per session in a separate client process (subscribed with afterSeq 0 before the send). The floors relay the same words as the same graphql-ws-shaped frames to the same client code, fed by an in-process timer (no database, no AI SDK, no auth).`,
    '',
  );
  for (const r of (f.rounds as Any[]).filter(
    (x) => x.send?.sendErrorCount || x.send?.sendRetries,
  )) {
    out.push(
      `- ${targetName(r)}, C=${r.sessions}: ${r.send.sendRetries} sendMessage retries after network errors (same clientMessageId), ${r.send.sendErrorCount} failed sends${r.send.sendErrors?.length ? `: ${r.send.sendErrors.join('; ')}` : ''}`,
    );
  }
  for (const s of f.servers.filter((x: Any) => x.skipped)) out.push(`- _${s.skipped}_`);
  for (const s of f.servers.filter((x: Any) => x.error)) {
    out.push(`- **${s.label} failed**: \`${String(s.error).split('\n')[0]?.slice(0, 300)}\``);
  }
  const rounds = (f.rounds as Any[]).filter((r) => r.kind === 'main');
  out.push(
    table(
      [
        'server',
        'C',
        'wall s',
        'tokens/s',
        'events/s',
        'server CPU s (cores busy)',
        'µs CPU / event',
        'µs CPU / token',
        'first token p50 / p99 s',
        'turn p50 / p99 s (ideal)',
        'latency p50 / p99 / max ms',
        'loop delay p99 / max ms',
        'peak RSS MB',
        'SQL / turn (checkpoints)',
        'lost / dup / text ≠',
        'client CPU s',
      ],
      rounds.map((r) => [
        targetName(r),
        r.sessions,
        fmt(r.wallS, 2),
        fmt(r.tokensPerS, 0),
        fmt(r.eventsPerS, 0),
        `${fmt(r.serverCpuS, 2)} (${fmt(r.serverCpuUtilisation, 2)})`,
        fmt(r.serverCpuUsPerEvent),
        fmt(r.serverCpuUsPerToken),
        `${fmt(r.report.firstTokenMs?.p50 / 1000, 2)} / ${fmt(r.report.firstTokenMs?.p99 / 1000, 2)}`,
        `${fmt(r.report.turnMs.p50 / 1000, 2)} / ${fmt(r.report.turnMs.p99 / 1000, 2)} (${fmt(r.idealTurnS, 2)})`,
        `${fmt(r.report.latencyMs.p50)} / ${fmt(r.report.latencyMs.p99)} / ${fmt(r.report.latencyMs.max)}`,
        `${fmt(r.serverLoopDelayMs?.p99)} / ${fmt(r.serverLoopDelayMs?.max)}`,
        fmt(r.serverPeakRssMB, 0),
        r.target === 'api' ? `${fmt(r.sqlPerTurn)} (${fmt(r.sqlCheckpointsPerTurn)})` : '–',
        integrity(r),
        fmt(r.clientCpuS, 2),
      ]),
    ),
    '',
  );
  const ratios = (f.comparisons as Any[]).filter(
    (x) => x.ratioToGraphqlWsFloor || x.ratioToWsFloor,
  );
  if (ratios.length) {
    out.push(
      "**Our server CPU per delivered event, as a multiple of each floor's** (same run, same machine, same clients; all-in, per token in brackets, and the marginal per-token cost from the split below):",
      '',
      table(
        [
          'C',
          'API µs / event',
          '× graphql-ws floor',
          '× raw ws floor',
          'marginal per token: × graphql-ws / × ws',
        ],
        ratios.map((x) => [
          x.sessions,
          fmt(x.apiCpuUsPerEvent),
          `${fmt(x.ratioToGraphqlWsFloor)} (${fmt(x.ratioPerTokenToGraphqlWsFloor)})`,
          `${fmt(x.ratioToWsFloor)} (${fmt(x.ratioPerTokenToWsFloor)})`,
          `${fmt(x.marginalRatioToGraphqlWsFloor)} / ${fmt(x.marginalRatioToWsFloor)}`,
        ]),
      ),
      '',
    );
  }
  const split = (f.costSplit as Any[] | undefined) ?? [];
  if (split.length) {
    out.push(
      `**Per turn vs per token.** A second, short round on each server (same C, ${f.config.shortTokens}-token answers) splits the CPU into a fixed part per turn and a marginal part per token: per token = (CPU(${f.config.tokens}) − CPU(${f.config.shortTokens})) / (C × ${f.config.tokens - f.config.shortTokens}); per turn = the rest. For the API the per-turn part is sendMessage (HTTP, auth, the transaction), the run's setup and the stored answer: about 20 SQL statements on PGlite, in this process.`,
      '',
      table(
        ['server', 'C', 'per turn (fixed) ms CPU', 'per token (marginal) µs CPU'],
        split.map((x) => [
          TARGET_NAMES[x.label] ?? x.label,
          x.sessions,
          fmt(x.perTurnMs, 2),
          fmt(x.marginalUsPerToken),
        ]),
      ),
      '',
    );
  }
  out.push(
    '- *events/s*: every frame the clients received (TextDelta plus TurnStarted, StepFinished, TurnFinished for the API; TextDelta plus TurnFinished for the floors) over the wall time from the first send to the last TurnFinished. *tokens/s*: words received over the same time.',
    '- *server CPU*: user + system CPU of the server process (`process.cpuUsage`) over that window, including the sendMessage requests, the database work (PGlite runs inside the server process) and GC; *cores busy* = CPU s / wall s (1.0 = one core: Node runs JavaScript on one thread; it can exceed 1 because the GC helper threads of V8 count too).',
    "- *latency*: per word, from the moment the model enqueued it (the local model's stream controller, timestamped in bench/model.ts without an extra stream stage) to the moment the client process received the frame carrying it; both read CLOCK_MONOTONIC. **The local model paces itself with timers and is pull-driven** (its next word waits for the consumer's read, then the delay): when the server is busy or its event loop stalls, the model emits later rather than queueing words, so this latency stays low and the cost shows as longer turns (compare *turn* with *ideal*). With coalescing on, words already emitted wait for the middleware's flush timer, which a stalled loop delays too, so stalls do show up there as latency. A real provider pushes tokens over the network and would show them as latency as well.",
    "- *loop delay*: the server's event-loop delay during the round (`monitorEventLoopDelay`, 10 ms resolution): how late a timer or an I/O callback runs; it bounds how fast the server can react.",
    '- *first token*: from the client sending sendMessage to receiving the first TextDelta (the per-turn work: request, transaction, model call setup). *turn*: to TurnFinished; *ideal* = tokens × delay, what an idle server would take.',
    '- *SQL / turn*: statements the server ran during the round (onQuery counter in bench/server.ts) per turn; *checkpoints* are the partial-answer UPDATEs a running turn writes every TURN_CHECKPOINT_MS (2 s): time-based, so they grow with how long turns take.',
    '- *lost / dup / text ≠*: seq gaps, repeated or out-of-order seqs, and sessions whose concatenated deltas differ from the stored assistant text (API: read back over HTTP) or from the expected words. All must be 0.',
    '- *client CPU*: the client process, to show whether the clients kept up.',
    '',
  );
  return out.join('\n');
}

function coalesceSection(f: Any): string {
  const out: string[] = ['## 3. Coalescing (STREAM_COALESCE_MS)', ''];
  if (failed(f)) return [...out, failed(f) as string, ''].join('\n');
  const rows: Any[] = [];
  for (const cmp of f.comparisons as Any[]) {
    for (const x of cmp.coalescing) rows.push({ sessions: cmp.sessions, ...x });
  }
  if (!rows.length) return [...out, '_not run_', ''].join('\n');
  out.push(
    table(
      [
        'C',
        'window ms',
        'frames / token (off → on)',
        'µs CPU / token, all-in (off → on)',
        'saved per token',
        'saved of the marginal cost',
        'latency added p50 / p99 ms',
      ],
      rows.map((x) => [
        x.sessions,
        x.windowMs,
        `${fmt(x.framesPerTokenWithout, 3)} → ${fmt(x.framesPerToken, 3)}`,
        `${fmt(x.cpuUsPerTokenWithout)} → ${fmt(x.cpuUsPerToken)}`,
        `${fmt(x.cpuSavedUsPerToken)} µs (${fmt(x.cpuSavedPct)} %)`,
        x.cpuSavedOfMarginalPct == null ? '–' : `${fmt(x.cpuSavedOfMarginalPct)} %`,
        `${fmt(x.latencyP50AddedMs)} / ${fmt(x.latencyP99AddedMs)}`,
      ]),
    ),
    '',
    '*all-in* per token includes the fixed per-turn cost, which coalescing does not change; *saved of the marginal cost* relates the saving to the per-token part alone (see the split above). Negative savings are noise or a real loss: compare with the load average.',
    '',
    'The API coalesces **model-side**: STREAM_COALESCE_MS wraps the language model in a middleware that merges the text deltas arriving within the window into one, *before* streamText. Every event after that (the event log, every subscription, replay) carries the merged delta, so all subscribers see the same, fewer TextDelta events with contiguous seqs; it is not a per-subscription or per-socket batching of frames. It saves the per-chunk cost of streamText and of each delivered frame, and delays a word by up to the window.',
    '',
  );
  return out.join('\n');
}

function sqlSection(s: Any): string {
  const out: string[] = ['## 4. SQL statements per turn', ''];
  if (failed(s)) return [...out, failed(s) as string, ''].join('\n');
  out.push(
    `Whole turn (the sendMessage request with its authentication, the run, the stored answer), createApp in-process on ${s.database}, LOCAL_MODEL_DELAY_MS=0, counted with openDatabase's onQuery.`,
    '',
    table(
      ['answer', 'statements', 'turn ms', 'by statement'],
      (s.turns as Any[]).map((t) => [
        `${t.answerTokens} tokens`,
        t.statements,
        fmt(t.ms, 0),
        Object.entries(t.byKind)
          .map(([k, v]) => `${k} ×${v}`)
          .join(', '),
      ]),
    ),
    '',
    s.equal
      ? '**Equal**: token deltas never touch the database.'
      : `**NOT equal.** Statements that differ (count for 10 tokens → 1,000 tokens):\n\n${(s.differences as Any[]).map((d) => `- ${d.a} → ${d.b}: \`${d.statement}\``).join('\n')}`,
    '',
    `Note: ${s.note} (TURN_CHECKPOINT_MS=${s.checkpointMs}).`,
    '',
  );
  return out.join('\n');
}

function pagingSection(p: Any): string {
  const out: string[] = ['## 5. Paging at scale (PostgreSQL)', ''];
  if (failed(p)) return [...out, failed(p) as string, ''].join('\n');
  out.push(
    `${fmt(p.data.sessions, 0)} sessions (all of one user) and ${fmt(p.data.messages, 0)} messages (${fmt(p.data.bigSessionMessages, 0)} in one session), ${p.data.size} on ${p.database}; generated set-based in ${Object.entries(
      p.generateS,
    )
      .map(([k, v]) => `${k} ${v} s`)
      .join(
        ', ',
      )}. Latency is the HTTP round trip of the GraphQL query through the API (createApp in-process, ${p.reps} runs after 3 warm-ups). Deep cursors are built from the data (the cursor of the last row of the page before); a cursor built that way ${p.builtCursorMatchesApi ? 'equals' : '**does not equal**'} the API's own endCursor.`,
    '',
    table(
      [
        'page',
        'p50 ms',
        'p90 ms',
        'max ms',
        'statements',
        'index (EXPLAIN ANALYZE)',
        'keyset in Index Cond',
        'rows removed by filter',
        'buffers',
        'sort',
        'seq scan',
        'SQL exec ms',
        'check',
      ],
      (p.pages as Any[]).map((x) => [
        x.name,
        fmt(x.latencyMs.p50),
        fmt(x.latencyMs.p90),
        fmt(x.latencyMs.max),
        x.statementsPerRequest,
        x.explain?.indexes?.join(', ') || '–',
        x.explain
          ? x.explain.keysetInIndexCond
            ? 'yes'
            : x.name.includes('first')
              ? 'n/a'
              : '**no**'
          : '–',
        x.explain ? fmt(x.explain.rowsRemovedByFilter, 0) : '–',
        x.explain ? fmt(x.explain.sharedBuffers, 0) : '–',
        x.explain ? (x.explain.sorts ? 'yes' : 'no') : '–',
        x.explain?.seqScans?.length ? `**${x.explain.seqScans.join(', ')}**` : 'none',
        x.explain
          ? `${fmt(x.explain.executionMs, 2)}${x.explainCount ? ` + COUNT ${fmt(x.explainCount.executionMs, 2)}` : ''}`
          : '–',
        x.problem ? `**${x.problem}**` : '✓',
      ]),
    ),
    '',
    "*statements* include the two of authentication (API key, user). *keyset in Index Cond*: whether the cursor's condition on the ordering column is an index condition (the scan starts at the cursor) or only a Filter (the scan reads every row before the cursor and drops it: *rows removed by filter*, growing with depth like OFFSET). *buffers*: shared pages hit. *SQL exec ms*: the list query alone in EXPLAIN ANALYZE.",
    '',
  );
  for (const x of p.pages as Any[]) {
    for (const [label, e] of [
      ['list query', x.explain],
      ['count', x.explainCount],
    ] as const) {
      if (!e) continue;
      out.push(
        `<details><summary>EXPLAIN ANALYZE: ${x.name}, ${label}</summary>`,
        '',
        '```',
        e.statement,
        '',
        ...e.plan,
        '```',
        '</details>',
        '',
      );
    }
  }
  return out.join('\n');
}

function idleSection(s: Any): string {
  const out: string[] = ['## 6. Idle subscriptions', ''];
  if (failed(s)) return [...out, failed(s) as string, ''].join('\n');
  out.push(
    table(
      [
        'subscriptions',
        'sockets',
        'RSS before → after MB',
        'RSS / subscription',
        'heap / subscription',
        'opened in',
        'idle CPU',
        'errors',
      ],
      [
        [
          fmt(s.subscriptions, 0),
          `${s.sockets} × ${s.subscriptionsPerSocket}`,
          `${fmt(s.rssBeforeMB)} → ${fmt(s.rssAfterMB)} (+${fmt(s.rssDeltaMB)})`,
          `${fmt(s.rssPerSubscriptionKB, 2)} KB`,
          `${fmt(s.heapPerSubscriptionKB, 2)} KB`,
          `${fmt(s.openS)} s (${fmt(s.subscriptionsOpenedPerS, 0)}/s)`,
          `${fmt(s.idleCpuMsPerS)} ms/s`,
          s.clientErrors,
        ],
      ],
    ),
    '',
    'Each subscription is a `sessionEvents` on a session of its own (live only), many per graphql-ws socket, one user per socket. RSS and heap are read after a full GC, before opening them and once all are registered in the event log; *idle CPU* is what the server spent per second while they stayed open.',
    '',
  );
  return out.join('\n');
}

function coldSection(s: Any): string {
  const out: string[] = ['## 7. Cold start', ''];
  if (failed(s)) return [...out, failed(s) as string, ''].join('\n');
  out.push(
    table(
      ['DATA_DIR', `median of ${s.runs}`, 'runs'],
      [
        [
          'fresh (migrations + seed)',
          `${fmt(s.freshDataDirMs.median, 0)} ms`,
          s.freshDataDirMs.all.map((v: number) => fmt(v, 0)).join(', '),
        ],
        [
          'existing',
          `${fmt(s.existingDataDirMs.median, 0)} ms`,
          s.existingDataDirMs.all.map((v: number) => fmt(v, 0)).join(', '),
        ],
      ],
    ),
    '',
    `From spawning \`${s.command}\` to its \`listening on\` line (dist/ is built ahead: nothing is compiled at start).`,
    '',
  );
  return out.join('\n');
}

function profileSection(f: Any): string {
  const out: string[] = [
    "## Where a streamed token's CPU goes (CPU profile of the API server)",
    '',
  ];
  const r = (f?.rounds as Any[] | undefined)?.find((x) => x.kind === 'profile');
  if (!r?.profile) return [...out, f?.error ? failed(f) : '_not run_', ''].join('\n');
  const p = r.profile;
  out.push(
    `V8's sampling profiler (what \`node --cpu-prof\` runs, 1 ms interval) on the API server during a separate fan-out round of ${r.sessions} sessions × ${r.tokens} tokens (coalescing off; startup excluded; profiling slows the round, so its throughput is not in the tables above: ${fmt(r.serverCpuUsPerToken)} µs CPU/token while profiled). ${fmt(p.activeMs, 0)} ms of CPU sampled (${fmt(p.idleMs, 0)} ms idle). Self time per group; frames without a script of their own (engine builtins such as JSON.parse, and WebAssembly: PGlite's database, Prisma's query compiler) count for their nearest JavaScript caller. WebAssembly is ${fmt(p.wasmPct)} % in all. File: \`bench/results/${p.file}\` (not committed).`,
    '',
    table(
      ['group', 'self ms', '% of busy CPU'],
      (p.groups as Any[]).slice(0, 16).map((g) => [g.group, fmt(g.ms, 0), `${fmt(g.pct)} %`]),
    ),
    '',
    '<details><summary>Top frames by self time</summary>',
    '',
    table(
      ['frame', 'group', 'self ms', '%'],
      (p.top as Any[])
        .slice(0, 25)
        .map((t) => [`\`${t.frame}\``, t.group, fmt(t.ms, 0), `${fmt(t.pct)} %`]),
    ),
    '</details>',
    '',
  );
  return out.join('\n');
}

const CHAT_SERVER_NAMES: Record<string, string> = {
  reference: 'reference (streamText → SSE)',
  floor: 'floor: streamText alone',
  'floor-coalesced': 'floor: streamText alone, coalesced',
  'project-pglite': 'project, PGlite',
  'project-postgresql': 'project, PostgreSQL',
};
const chatServerName = (label: string) => CHAT_SERVER_NAMES[label] ?? label;
/** The floors send each chat's whole text once, at the end: their per-word latency means nothing. */
const isFloor = (label: string) => label.startsWith('floor');

/** "none ✓", or the failures by kind in bold; failed chats out of C. */
function chatFailures(r: Any): string {
  const entries = Object.entries((r.report?.failures ?? {}) as Record<string, number>);
  if (!entries.length && !r.timedOut) return 'none ✓';
  const kinds = entries
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} × ${n}`)
    .join(', ');
  return `**${r.report.failedChats} of ${r.chats} chats: ${kinds}${r.timedOut ? ' (timed out)' : ''}**`;
}

const msTriple = (d: Any) => `${fmt(d?.p50)} / ${fmt(d?.p99)} / ${fmt(d?.max)}`;

function serverNotes(x: Any): string[] {
  const out: string[] = [];
  for (const s of (x.servers as Any[]).filter((s) => s.error)) {
    out.push(
      `- **${chatServerName(s.label)} failed**: \`${String(s.error).split('\n')[0]?.slice(0, 300)}\``,
    );
  }
  for (const r of x.rounds as Any[]) {
    if (r.serverErrorLogs)
      out.push(
        `- ${chatServerName(r.label)}, C=${r.chats}: the server logged ${r.serverErrorLogs} errors; first: \`${String(r.serverErrorSamples?.[0] ?? '').slice(0, 300)}\``,
      );
    for (const p of (r.report?.problems as string[] | undefined)?.slice(0, 3) ?? [])
      out.push(`- ${chatServerName(r.label)}, C=${r.chats}: ${p}`);
  }
  return out;
}

function providerSection(p: Any): string {
  const out: string[] = [
    '## 8. Against a naive streamText server, fed by an OpenAI-compatible provider',
    '',
  ];
  const problem = failed(p);
  if (problem) return [...out, problem, ''].join('\n');
  const c = p.config;
  out.push(
    `An OpenAI-compatible server (\`bench/provider.ts\`, its own process, real HTTP) streams ${c.words} words at ${c.wordsPerS} words/s per chat (ideal ${fmt(p.idealS, 2)} s) in OpenAI's chat-completions SSE format and answers title requests. The same C chats, all at once, go to each server in turn: the **reference** (\`bench/reference-server.ts\`: \`streamText\` on \`createOpenAI(…).chat\` → \`pipeUIMessageStreamToResponse\`, stores nothing, no auth; clients POST /api/chat and read the SSE UI message stream) and the **project** (\`${p.command ?? 'its real entry point'}\`, default settings, \`MODEL=openai:bench\` on that provider; per chat the client calls createSession over HTTP, subscribes to sessionEvents(afterSeq: 0) over graphql-ws on a socket of its own, calls sendMessage, and reads events to TurnFinished and the title's SessionUpdated). A warm-up round of ${c.warmupChats} short chats precedes each server's rounds.`,
    '',
    `The two **floors** are the reference with nothing streamed to the client (\`REFERENCE_DELIVERY=none\`): the same \`streamText\` on the same provider, its stream read to the end in the server, the whole text sent once at the end. They measure what the AI SDK alone spends reading the provider's stream, before any delivery or storage: once as the reference reads it (one event per word), once through the project's wire-level coalescing (${fmt(p.floorCoalesceMs, 0)} ms window; the project's default unless \`BENCH_FLOOR_COALESCE_MS\` says otherwise). A server that reads its model through \`streamText\` as the reference does pays at least the first; the project pays at least the second, plus its requests, storage, title and delivery. Their latency columns are n/a: their words all arrive at the end.`,
    '',
  );
  out.push(...serverNotes(p));
  const rounds = (p.rounds as Any[]).filter((r) => r.kind === 'main');
  const ref = (n: number) => rounds.find((r) => r.label === 'reference' && r.chats === n);
  out.push(
    '',
    table(
      [
        'server',
        'C',
        'µs server CPU / word (to turn end)',
        '× reference',
        'PostgreSQL µs / word',
        'words/s',
        'wall s (× ideal)',
        'provider → client p50 / p99 / max ms',
        'first word p50 / p99 ms',
        'chat setup p50 / p99 ms',
        'loop delay p99 / max ms',
        'peak RSS MB',
        'failures',
      ],
      rounds.map((r) => {
        const base = ref(r.chats);
        const ratio =
          r.label !== 'reference' && base?.serverCpuUsPerWord && r.serverCpuUsPerWord != null
            ? `${fmt(r.serverCpuUsPerWord / base.serverCpuUsPerWord, 2)}×`
            : r.label === 'reference'
              ? '1×'
              : '–';
        return [
          chatServerName(r.label),
          r.chats,
          `${fmt(r.serverCpuUsPerWord)} (${fmt(r.serverCpuUsPerWordToTurnEnd)})`,
          ratio,
          fmt(r.postgresCpuUsPerWord),
          fmt(r.wordsPerS, 0),
          `${fmt(r.wallS, 2)} (${fmt(r.wallS / p.idealS, 1)}×)`,
          isFloor(r.label) ? 'n/a' : msTriple(r.report.latencyMs),
          isFloor(r.label)
            ? 'n/a'
            : `${fmt(r.report.firstWordMs.p50)} / ${fmt(r.report.firstWordMs.p99)}`,
          r.target === 'project'
            ? `${fmt(r.report.setupMs.p50)} / ${fmt(r.report.setupMs.p99)}`
            : '–',
          r.loopDelayP99Ms == null ? 'n/a' : `${fmt(r.loopDelayP99Ms)} / ${fmt(r.loopDelayMaxMs)}`,
          fmt(r.serverPeakRssMB, 0),
          chatFailures(r),
        ];
      }),
    ),
    '',
    table(
      [
        'server',
        'C',
        'words delivered / expected',
        'provider streams (done / aborted / retried)',
        'titles answered / received',
        'server CPU s (cores busy)',
        'provider CPU s',
        'clients CPU s',
        'load avg',
      ],
      rounds.map((r) => [
        chatServerName(r.label),
        r.chats,
        `${fmt(r.wordsDelivered, 0)} / ${fmt(r.wordsExpected, 0)}`,
        r.provider
          ? `${fmt(r.provider.streamsCompleted, 0)} / ${fmt(r.provider.streamsAborted, 0)} / ${fmt(r.report.providerRestarts, 0)}`
          : '–',
        r.target === 'project' && r.provider
          ? `${fmt(r.provider.titleCompletions, 0)} / ${fmt(r.report.titled, 0)}`
          : '–',
        `${fmt(r.serverCpuS, 2)} (${fmt(r.serverCoresBusy, 2)})`,
        fmt(r.providerCpuS, 2),
        fmt(r.clientCpuS, 2),
        r.loadavg1,
      ]),
    ),
    '',
    '- *µs server CPU / word*: user + system CPU of the server process read from outside (`/proc/<pid>/stat`, every thread) from the first request to the moment the last chat has its title (project: all-in, sendMessage, persistence, title, delivery; the reference has no title), divided by the words the clients received; in brackets the same to the last turn end. *× reference*: over the reference’s in the same run at the same C. *PostgreSQL*: the CPU of the PostgreSQL backends serving the run’s database (`/proc`, same window), on top.',
    '- *words/s*: words received over the wall time, from the first request to the last turn end; *× ideal*: that time over words ÷ pace.',
    '- *provider → client*: per word, from the provider’s write of its chunk to the clients’ receipt of the frame that carried it (both CLOCK_MONOTONIC). Each word is `<chat tag>.<index>`, so every word is matched to the exact send time of the same word. *first word*: from the request that starts the turn (sendMessage, POST /api/chat) to the first word. *chat setup*: createSession plus the socket up to connection_ack, before sendMessage.',
    '- *loop delay*: `nodejs_eventloop_lag_p99_seconds` / `_max_seconds` of the server’s GET /metrics, scraped before the round (prom-client resets its histogram on each scrape) and after it.',
    '- *peak RSS*: VmHWM of the server process, reset (`/proc/<pid>/clear_refs`) at the round’s start, read at the last turn end.',
    '- *failures*: per chat, the first of: a connect timeout (TCP, 10 s: fetch’s default, applied to WebSockets too), a response timeout (300 s), a connection reset or refused, an HTTP status, a GraphQL error code (RATE_LIMITED, …), a socket closed, TurnFailed / TurnCancelled, no end within the time limit; then for the chats that finished: seq missing / duplicated / out of order (from 1, every event), words missing / duplicated / out of order / foreign against the words the provider sent for that chat, the text not equal to them, the deltas not equal to the stored answer (TurnFinished.message.text). *none ✓* means every chat passed every check.',
    '',
  );
  const cmps = (p.comparisons as Any[]) ?? [];
  if (cmps.length) {
    out.push(
      table(
        [
          'C',
          'reference µs / word',
          'floor: µs / word (× ref)',
          'floor, coalesced: µs / word (× ref)',
          'project PGlite: µs / word (× ref, to turn end)',
          'project PostgreSQL: µs / word (× ref, to turn end)',
        ],
        cmps.map((x) => [
          x.chats,
          fmt(x.referenceCpuUsPerWord),
          x.floor ? `${fmt(x.floor.cpuUsPerWord)} (${fmt(x.floor.ratio, 2)}×)` : '–',
          x.floorCoalesced
            ? `${fmt(x.floorCoalesced.cpuUsPerWord)} (${fmt(x.floorCoalesced.ratio, 2)}×)`
            : '–',
          x.pglite
            ? `${fmt(x.pglite.cpuUsPerWord)} (${fmt(x.pglite.ratio, 2)}×, ${fmt(x.pglite.ratioToTurnEnd, 2)}×)`
            : '–',
          x.postgresql
            ? `${fmt(x.postgresql.cpuUsPerWord)} (${fmt(x.postgresql.ratio, 2)}×, ${fmt(x.postgresql.ratioToTurnEnd, 2)}×)`
            : '–',
        ]),
      ),
      '',
    );
  }
  const splits = (p.splits as Any[]) ?? [];
  if (splits.length) {
    out.push(
      `**Per chat vs per word.** A short round on each server (C=${splits[0].chats}, ${c.splitWords} words) splits its CPU into a part each chat costs whatever its length and a part per further word: per word = (CPU(${c.words} words) − CPU(${c.splitWords})) / (C × ${c.words - c.splitWords}); per chat = the rest. The project's per-chat part is createSession, the socket and its subscription, sendMessage, the stored question and answer, the title (a second provider call) and the turn's setup; the reference's is one request and one provider call.`,
      '',
      table(
        ['server', 'C', 'per chat ms CPU (× reference)', 'per word µs CPU (× reference)'],
        splits.map((x) => [
          chatServerName(x.label),
          x.chats,
          `${fmt(x.perChatMs, 2)}${x.perChatRatio != null && x.label !== 'reference' ? ` (${fmt(x.perChatRatio, 2)}×)` : ''}`,
          `${fmt(x.perWordUs, 1)}${x.perWordRatio != null && x.label !== 'reference' ? ` (${fmt(x.perWordRatio, 2)}×)` : ''}`,
        ]),
      ),
      '',
    );
  }
  return out.join('\n');
}

function turnsSection(t: Any): string {
  const out: string[] = [
    '## 9. Realistic shopping turns (local model: tool call, answer, title)',
    '',
  ];
  const problem = failed(t);
  if (problem) return [...out, problem, ''].join('\n');
  out.push(
    `C new chats at once on the project’s server (\`${t.command ?? 'its real entry point'}\`, default settings, \`MODEL=local\` at its default pace): createSession, sessionEvents over graphql-ws, sendMessage "${t.config.message}" (the local model calls searchProducts, answers from the results, and the server titles the session), to TurnFinished and the title's SessionUpdated. A warm-up round of ${t.config.warmupChats} chats precedes each server's rounds.`,
    '',
  );
  out.push(...serverNotes(t));
  const rounds = (t.rounds as Any[]).filter((r) => r.kind === 'main');
  out.push(
    '',
    table(
      [
        'server',
        'C',
        'ms server CPU / turn',
        'PostgreSQL ms / turn',
        'SQL / turn',
        'loop delay p99 / max ms',
        'first delta p50 / p99 ms',
        'between deltas p50 / p99 / max ms',
        'turn p50 / p99 s',
        'wall s',
        'searchProducts calls',
        'titles',
        'peak RSS MB',
        'failures',
      ],
      rounds.map((r) => [
        chatServerName(r.label),
        r.chats,
        fmt(r.serverCpuMsPerTurn, 1),
        fmt(r.postgresCpuMsPerTurn, 1),
        r.sqlPerTurn == null ? 'n/a' : fmt(r.sqlPerTurn),
        r.loopDelayP99Ms == null ? 'n/a' : `${fmt(r.loopDelayP99Ms)} / ${fmt(r.loopDelayMaxMs)}`,
        `${fmt(r.report.firstWordMs.p50)} / ${fmt(r.report.firstWordMs.p99)}`,
        msTriple(r.report.frameGapMs),
        `${fmt(r.report.turnMs.p50 / 1000, 2)} / ${fmt(r.report.turnMs.p99 / 1000, 2)}`,
        fmt(r.wallS, 2),
        fmt(r.report.toolCalls?.searchProducts ?? 0, 0),
        `${fmt(r.report.titled, 0)} / ${r.chats}`,
        fmt(r.serverPeakRssMB, 0),
        chatFailures(r),
      ]),
    ),
    '',
    '- *ms server CPU / turn*: user + system CPU of the server process from outside (`/proc/<pid>/stat`) from the first request to the last title, over the finished turns (createSession, the socket, sendMessage, the tool, the answer, persistence, the title, delivery). *PostgreSQL*: its backends for the run’s database, on top.',
    '- *SQL / turn*: the increase of `chat_db_queries_total` on GET /metrics over the round, per chat (everything the chat caused); *n/a* while the server does not export that counter.',
    '- *loop delay*: `nodejs_eventloop_lag_p99_seconds` / `_max_seconds` from GET /metrics, scraped before the round (which resets prom-client’s histogram) and after it.',
    '- *first delta*: sendMessage sent → first TextDelta received. *between deltas*: the gap between consecutive TextDelta frames of a chat as the client receives them (there is no provider clock here; the local model paces its words 20 ms apart by default, and the gap across the tool call includes the tool).',
    '- *failures*: as in section 8 (seqs; the deltas against the stored answer).',
    '',
  );
  return out.join('\n');
}

function chatHeadlines(s: Any, rows: string[][]) {
  const p = s.provider;
  if (p?.rounds) {
    for (const r of (p.rounds as Any[]).filter((x) => x.kind === 'main')) {
      const cmp = (p.comparisons as Any[]).find((x) => x.chats === r.chats);
      const ratio = {
        floor: cmp?.floor?.ratio,
        'floor-coalesced': cmp?.floorCoalesced?.ratio,
        'project-pglite': cmp?.pglite?.ratio,
        'project-postgresql': cmp?.postgresql?.ratio,
      }[r.label as string];
      const latency = isFloor(r.label)
        ? ''
        : `, provider → client p99 ${fmt(r.report.latencyMs.p99)} ms`;
      rows.push([
        `Provider stream, ${chatServerName(r.label)}, C=${r.chats}`,
        `${fmt(r.serverCpuUsPerWord)} µs CPU/word${ratio != null ? ` (${fmt(ratio, 2)}× reference)` : ''}, ${fmt(r.wordsPerS, 0)} words/s, wall ${fmt(r.wallS, 2)} s (ideal ${fmt(p.idealS, 2)})${latency}, failures: ${chatFailures(r)}`,
      ]);
    }
  }
  for (const x of (p?.splits as Any[]) ?? []) {
    if (x.label === 'reference') continue;
    rows.push([
      `Provider stream cost split, ${chatServerName(x.label)}, C=${x.chats}`,
      `${fmt(x.perChatMs, 2)} ms CPU per chat (${fmt(x.perChatRatio, 2)}× reference) + ${fmt(x.perWordUs, 1)} µs per word (${fmt(x.perWordRatio, 2)}× reference)`,
    ]);
  }
  const t = s.turns;
  if (t?.rounds) {
    for (const r of (t.rounds as Any[]).filter((x) => x.kind === 'main')) {
      rows.push([
        `Shopping turns, ${chatServerName(r.label)}, C=${r.chats}`,
        `${fmt(r.serverCpuMsPerTurn, 1)} ms CPU/turn, SQL/turn ${r.sqlPerTurn == null ? 'n/a' : fmt(r.sqlPerTurn)}, loop delay p99 ${fmt(r.loopDelayP99Ms)} ms, between deltas p99 ${fmt(r.report.frameGapMs.p99)} ms, failures: ${chatFailures(r)}`,
      ]);
    }
  }
}

function headline(results: Any): string {
  const s = results.scenarios;
  const rows: string[][] = [];
  const f = s.fanout;
  if (f?.rounds) {
    const api = (f.rounds as Any[]).filter(
      (r) => r.label === 'api-coalesce-0' && r.kind === 'main',
    );
    for (const r of api) {
      rows.push([
        `API fan-out, ${r.sessions} sessions × ${r.tokens} tokens`,
        `${fmt(r.tokensPerS, 0)} tokens/s delivered, ${fmt(r.serverCpuUsPerToken)} µs server CPU/token, latency p50 ${fmt(r.report.latencyMs.p50)} ms / p99 ${fmt(r.report.latencyMs.p99)} ms, ${integrity(r)} lost/dup/≠`,
      ]);
    }
    for (const cmp of f.comparisons as Any[]) {
      if (cmp.ratioToGraphqlWsFloor || cmp.ratioToWsFloor)
        rows.push([
          `CPU per event vs floors (C=${cmp.sessions})`,
          `${fmt(cmp.ratioToGraphqlWsFloor)}× graphql-ws floor, ${fmt(cmp.ratioToWsFloor)}× raw ws floor`,
        ]);
      for (const x of cmp.coalescing)
        rows.push([
          `Coalescing ${x.windowMs} ms (C=${cmp.sessions})`,
          `${fmt(x.framesPerToken, 2)} frames/token, ${fmt(x.cpuSavedUsPerToken)} µs CPU/token saved (${fmt(x.cpuSavedPct)} % all-in${x.cpuSavedOfMarginalPct == null ? '' : `, ${fmt(x.cpuSavedOfMarginalPct)} % of the marginal cost`}), latency +${fmt(x.latencyP50AddedMs)} ms p50 / +${fmt(x.latencyP99AddedMs)} ms p99`,
        ]);
    }
    for (const x of (f.costSplit as Any[] | undefined) ?? []) {
      if (x.label === 'api-coalesce-0')
        rows.push([
          `API cost split (C=${x.sessions})`,
          `${fmt(x.perTurnMs, 2)} ms CPU per turn + ${fmt(x.marginalUsPerToken)} µs CPU per token`,
        ]);
    }
  }
  if (s.sql?.turns) {
    rows.push([
      'SQL per turn',
      `${(s.sql.turns as Any[]).map((t) => `${t.statements} (${t.answerTokens} tokens)`).join(' vs ')}: ${s.sql.equal ? 'equal' : '**differ**'}`,
    ]);
  }
  if (s.paging?.pages) {
    rows.push([
      'Paging (PostgreSQL)',
      (s.paging.pages as Any[])
        .filter((x) => !/totalCount/.test(x.name))
        .map(
          (x) =>
            `${x.name.replace(/ \(.*\)/, '')}: ${fmt(x.latencyMs.p50)} ms${x.explain?.rowsRemovedByFilter > 1 ? ` (**${fmt(x.explain.rowsRemovedByFilter, 0)} rows read and filtered**)` : ''}`,
        )
        .join('; '),
    ]);
  }
  if (s.idle?.subscriptions) {
    rows.push([
      `Idle subscriptions (${fmt(s.idle.subscriptions, 0)})`,
      `${fmt(s.idle.rssPerSubscriptionKB, 2)} KB RSS / ${fmt(s.idle.heapPerSubscriptionKB, 2)} KB heap per subscription`,
    ]);
  }
  if (s.coldstart?.freshDataDirMs) {
    rows.push([
      'Cold start (embedded DB)',
      `${fmt(s.coldstart.freshDataDirMs.median, 0)} ms fresh, ${fmt(s.coldstart.existingDataDirMs.median, 0)} ms existing`,
    ]);
  }
  chatHeadlines(s, rows);
  return rows.length ? table(['measure', 'result'], rows) : '_no results_';
}

export function renderMarkdown(results: Any): string {
  const m = results.machine;
  const l = results.load;
  const s = results.scenarios;
  const out: string[] = [
    `# Benchmark results (${results.mode} run)`,
    '',
    `Run \`${results.runId}\`, ${results.wallS} s wall time · commit \`${results.git.describe}\`${results.git.dirty ? ` (${results.git.changedFiles} uncommitted changes)` : ''} · ${m.cpus} × ${m.cpuModel}, ${m.memoryGB} GB, ${m.platform} · Node ${m.node} (servers: \`${results.serverNode}\`) · scenarios: ${Array.isArray(results.scenariosSelected) ? results.scenariosSelected.join(', ') : 'all'}.`,
    '',
    `Load average at start ${l.start.loadavg1} / ${l.start.loadavg5} / ${l.start.loadavg15}${l.end ? `, at end ${l.end.loadavg1} / ${l.end.loadavg5} / ${l.end.loadavg15}` : ''} (${l.start.cpus} CPUs). Produced by \`npm run bench${results.mode === 'quick' ? ' -- --quick' : ''}\`; raw numbers in \`latest.json\`.`,
    '',
  ];
  for (const w of results.warnings ?? []) out.push(`> **Warning:** ${w}`, '');
  out.push(
    '## Summary',
    '',
    headline(results),
    '',
    fanoutSection(s.fanout),
    coalesceSection(s.fanout),
    profileSection(s.fanout),
    sqlSection(s.sql),
    pagingSection(s.paging),
    idleSection(s.idle),
    coldSection(s.coldstart),
    providerSection(s.provider),
    turnsSection(s.turns),
    '## Conditions',
    '',
    `- Servers: \`NODE_ENV=production\`, \`LOG_LEVEL=warn\`, \`MODEL=local\`, rate limits raised to 1,000,000/min so they never interfere, embedded PGlite database (a fresh copy of a prepared one per server: ${results.configuration?.idle?.users ?? '?'} users with API keys, titled sessions spread over them), \`--expose-gc\` (GC is forced only between measurements).`,
    '- The clients are a separate Node process on the same machine: they share its CPUs with the server.',
    `- Provider and turns scenarios (8, 9): the project's server is started as users run it (\`${s.provider?.command ?? s.turns?.command ?? 'its real entry point'}\`, \`NODE_ENV=production\`, every other setting at its default: log level, rate limits, checkpoints, coalescing) and measured from outside (\`/proc\`, GET /metrics, what the clients receive); chats are spread over enough users for the default rate limits. The provider, the reference and the clients share the machine's CPUs with it.`,
    '- Bench prompts: the local model echoes at most 25 words of a message, so bench/model.ts rewrites a "bench <tokens> <tag>" prompt (once per call) into tool results the local model answers word for word; the stream itself, its pacing and every stage after it are the production ones.',
    '',
  );
  return `${out.join('\n')}\n`;
}
