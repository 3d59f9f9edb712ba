import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT } from './ipc.js';
import { round } from './stats.js';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const FAMILIES: [RegExp, string][] = [
  [/^(ai|@ai-sdk\/.*)$/, 'ai (AI SDK)'],
  [/^(@prisma\/.*|prisma)$/, 'prisma'],
  [/^@electric-sql\/pglite$/, 'pglite'],
  [/^pglite-prisma-adapter$/, 'pglite-prisma-adapter'],
  [
    /^(graphql-yoga|@graphql-yoga\/.*|@envelop\/.*|@whatwg-node\/.*|@graphql-tools\/.*)$/,
    'graphql-yoga / envelop / whatwg-node',
  ],
  [/^@pothos\/.*$/, 'pothos'],
  [/^@escape\.tech\/.*$/, 'graphql-armor'],
];

function packageOf(url: string): string | null {
  const i = url.lastIndexOf('/node_modules/');
  if (i < 0) return null;
  const rest = url.slice(i + '/node_modules/'.length).split('/');
  const name = rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? '?');
  for (const [re, family] of FAMILIES) if (re.test(name)) return family;
  return name;
}

/** The group a script URL belongs to, or null for frames without one (builtins, wasm). */
function groupOfUrl(url: string): string | null {
  if (!url || url.startsWith('wasm://')) return null;
  if (url.startsWith('node:internal/webstreams')) return 'node:internal/webstreams';
  if (url.startsWith('node:internal/streams')) return 'node:internal/streams';
  if (/^node:(_http|http|internal\/http)/.test(url)) return 'node:http';
  if (url.startsWith('node:')) {
    const m = /^node:(internal\/)?([^/]+)/.exec(url);
    return `node:${m?.[1] ?? ''}${m?.[2] ?? ''}`;
  }
  const pkg = packageOf(url);
  if (pkg) return pkg;
  const file = url.startsWith('file://') ? url.slice(7) : url;
  if (file.startsWith(path.join(ROOT, 'src')) || file.startsWith(path.join(ROOT, 'dist'))) {
    return 'our src/';
  }
  if (file.startsWith(path.join(ROOT, 'bench'))) return 'bench harness';
  return 'other';
}

const SPECIAL: Record<string, string> = {
  '(garbage collector)': 'GC',
  '(program)': '(program: VM, native, unattributed)',
  '(idle)': '(idle)',
  '(root)': '(root)',
};

/**
 * Self time by package of a V8 CPU profile. Frames without a script (engine builtins such as
 * JSON.parse, and WebAssembly: PGlite, Prisma's query compiler) count for the nearest caller
 * that has one, so "pglite" includes its WebAssembly and "graphql-ws" the JSON.stringify it calls.
 */
export async function summarizeProfile(file: string, top = 25) {
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) {
    const dt = timeDeltas[i + 1] ?? timeDeltas[i] ?? 0;
    const id = samples[i] as number;
    self.set(id, (self.get(id) ?? 0) + dt);
  }
  const groupCache = new Map<number, string>();
  const groupOf = (id: number): string => {
    const cached = groupCache.get(id);
    if (cached) return cached;
    const node = byId.get(id);
    let g: string;
    if (!node) g = 'other';
    else if (SPECIAL[node.callFrame.functionName] && !node.callFrame.url) {
      g = SPECIAL[node.callFrame.functionName] as string;
    } else {
      const own = groupOfUrl(node.callFrame.url);
      const p = parent.get(id);
      g = own ?? (p != null ? groupOf(p) : 'other');
      if (g === '(root)') g = 'native (no JS caller)';
    }
    groupCache.set(id, g);
    return g;
  };
  const groups = new Map<string, number>();
  const frames = new Map<string, { ms: number; group: string }>();
  let total = 0;
  let idle = 0;
  let wasm = 0;
  for (const [id, us] of self) {
    const node = byId.get(id) as ProfileNode;
    const group = groupOf(id);
    total += us;
    if (group === '(idle)') {
      idle += us;
      continue;
    }
    if (node.callFrame.url.startsWith('wasm://')) wasm += us;
    groups.set(group, (groups.get(group) ?? 0) + us);
    const cf = node.callFrame;
    const where = cf.url
      ? `${cf.url
          .replace(/^file:\/\//, '')
          .replace(`${ROOT}/`, '')
          .replace(/^.*node_modules\//, '')}:${cf.lineNumber + 1}`
      : '(native)';
    const key = `${cf.functionName || '(anonymous)'} ${where}`;
    const f = frames.get(key) ?? { ms: 0, group };
    f.ms += us;
    frames.set(key, f);
  }
  const active = total - idle;
  const pct = (us: number) => round((us / Math.max(1, active)) * 100, 1);
  return {
    sampledMs: round(total / 1000, 0),
    activeMs: round(active / 1000, 0),
    idleMs: round(idle / 1000, 0),
    wasmPct: pct(wasm),
    groups: [...groups]
      .sort((a, b) => b[1] - a[1])
      .map(([group, us]) => ({ group, ms: round(us / 1000, 0), pct: pct(us) })),
    top: [...frames]
      .sort((a, b) => b[1].ms - a[1].ms)
      .slice(0, top)
      .map(([frame, f]) => ({ frame, group: f.group, ms: round(f.ms / 1000, 0), pct: pct(f.ms) })),
  };
}
