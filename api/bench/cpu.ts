// CPU time (ms) from /proc, shared by the benches: steadier than req/s or rows/s on a shared machine, and it says
// whose time a request or an import costs — the server's (or the CLI's) or PostgreSQL's.
import fs from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux
export function cpuMs(pid: number, reaped = false): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime, stime; with `reaped`, also cutime and cstime: the CPU of children that have exited.
    return (Number(f[11]) + Number(f[12]) + (reaped ? Number(f[13]) + Number(f[14]) : 0)) * TICK_MS;
  } catch {
    return 0;
  }
}
/**
 * All PostgreSQL processes' CPU (every backend, whichever client it serves, and the server's own processes): read
 * before and after a run. A backend that exits meanwhile (a pool closing an idle connection, a CLI's connection at its
 * end) takes its CPU with it from the live processes but adds it to the postmaster's reaped children's: counted there,
 * or a run would show less, even negative, CPU.
 */
export function postgresCpuMs(): number {
  if (process.platform !== 'linux') return 0;
  let total = 0;
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (fs.readFileSync(`/proc/${d}/comm`, 'utf8').trim() === 'postgres') total += cpuMs(Number(d), true);
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/** `run`'s result with the CPU (ms) process `pid` and PostgreSQL spent while it ran. */
export async function cpuDuring<T>(pid: number, run: () => Promise<T>): Promise<{ result: T; cpu: { process: number; postgres: number } }> {
  const [p0, pg0] = [cpuMs(pid), postgresCpuMs()];
  const result = await run();
  return { result, cpu: { process: cpuMs(pid) - p0, postgres: postgresCpuMs() - pg0 } };
}
