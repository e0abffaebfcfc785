/**
 * CPU time from /proc: of given processes, of every process of a server by its command name (Redis,
 * PostgreSQL), and of the whole machine. Each returns null where there is no /proc (off Linux).
 */
import { readFileSync, readdirSync } from 'node:fs';

/** USER_HZ, the unit of /proc/<pid>/stat's times: 100 on every Linux architecture Node runs on. */
const CLOCK_TICKS = 100;

/** A process's command name and CPU seconds (user + system, every thread) so far, from /proc/<pid>/stat. */
function processStat(pid: number | string): { comm: string; seconds: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name is in parentheses and may itself hold spaces or parentheses: it ends at the last ')'.
  const close = stat.lastIndexOf(')');
  const fields = stat.slice(close + 2).split(' ');
  // After the name, utime and stime are the 12th and 13th fields.
  return { comm: stat.slice(stat.indexOf('(') + 1, close), seconds: (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS };
}

/**
 * CPU seconds the processes have used so far. Unlike wall-clock figures this does not depend on what else
 * the machine runs.
 */
export function cpuSeconds(pids: number[]): number | null {
  try {
    return pids.reduce((sum, pid) => sum + processStat(pid).seconds, 0);
  } catch {
    return null;
  }
}

/**
 * CPU seconds used so far by each process whose command name is `comm` ('redis-server', 'postgres'), by
 * pid. The server's processes count whoever they serve, other users of the server too.
 */
export function serverCpuByPid(comm: string): Map<string, number> | null {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  const seconds = new Map<string, number>();
  for (const pid of pids) {
    try {
      const stat = processStat(pid);
      if (stat.comm === comm) seconds.set(pid, stat.seconds);
    } catch {
      // The process exited between the listing and the read.
    }
  }
  return seconds;
}

/**
 * CPU seconds a server's processes used between two readings of serverCpuByPid. PostgreSQL starts a
 * process per connection: one that exited meanwhile took its time with it and counts nothing (a plain
 * difference of two sums went negative when a busy backend of an earlier run exited during a round); one
 * that started meanwhile counts all it used. The bench's targets keep pooled connections open, so theirs stay.
 */
export function serverCpuBetween(before: Map<string, number>, after: Map<string, number>): number {
  let sum = 0;
  for (const [pid, seconds] of after) sum += seconds - (before.get(pid) ?? 0);
  return sum;
}

/**
 * The machine's CPU time so far from /proc/stat's first line (user nice system idle iowait irq softirq
 * steal). Steal is time the hypervisor gave to other guests: on a shared machine it is why two runs
 * minutes apart can differ by half, and a run with much of it says little.
 */
export function machineTicks(): number[] | null {
  try {
    return readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
  } catch {
    return null;
  }
}

/** Ticks of each kind (user nice system idle iowait irq softirq steal) between two readings of machineTicks. */
const ticksBetween = (before: number[], after: number[]) => after.map((value, i) => value - before[i]);

/** CPU seconds the whole machine was busy between two readings of machineTicks (idle, iowait and steal left out). */
export function machineBusySeconds(before: number[], after: number[]): number {
  const used = ticksBetween(before, after);
  return (used.reduce((sum, value) => sum + value, 0) - used[3] - used[4] - used[7]) / CLOCK_TICKS;
}

/** CPU seconds this process has used so far, all its threads. */
export function ownCpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

export function machineShares(before: number[], after: number[]): { busy: number; stolen: number } {
  const used = ticksBetween(before, after);
  const total = used.reduce((sum, value) => sum + value, 0) || 1;
  const idle = used[3] + used[4];
  return { busy: (total - idle - used[7]) / total, stolen: used[7] / total };
}
