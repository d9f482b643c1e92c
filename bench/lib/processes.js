// Child processes for benches: start, wait until an URL answers, sample peak RSS, stop.
const { spawn } = require('node:child_process');
const { openSync, readFileSync, readdirSync } = require('node:fs');

// BENCH_STDOUT_FILE=<file> keeps the servers' standard output (e.g. `--trace-gc` lines) there.
function start(command, args, options = {}) {
  const stdout = process.env.BENCH_STDOUT_FILE ? openSync(process.env.BENCH_STDOUT_FILE, 'a') : 'ignore';
  const child = spawn(command, args, { stdio: ['ignore', stdout, options.stderr ?? 'inherit'], env: { ...process.env, ...options.env }, cwd: options.cwd });
  child.on('exit', (code, signal) => {
    if (!child.stopping && code !== 0) process.stderr.write(`${command} ${args.join(' ')} exited with ${code ?? signal}\n`);
  });
  return child;
}

async function waitFor(url, timeoutMs = 60_000, init = {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, init);
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** Peak and current resident set size of a process, in MiB (Linux /proc). */
function rss(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number((status.match(new RegExp(`${key}:\\s+(\\d+)`)) || [])[1] || 0);
    return { peakMiB: Math.round(kb('VmHWM') / 1024), currentMiB: Math.round(kb('VmRSS') / 1024) };
  } catch {
    return { peakMiB: null, currentMiB: null };
  }
}

/**
 * CPU time (user + system, ms) of a process's main thread, the one that serves requests:
 * a run's difference divided by its requests is the request thread's cost per request.
 */
function mainThreadCpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks of 10 ms
  } catch {
    return null;
  }
}

/**
 * Time (ms) a process's main thread has spent runnable but waiting for a core
 * (`/proc/<pid>/task/<pid>/schedstat`, its second field): over a run, the share of the wall
 * clock in which a request thread that wanted to work could not, because the machine's cores
 * were busy with something else (the database, the load generator, other threads).
 */
function mainThreadRunQueueMs(pid) {
  try {
    return Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e6;
  } catch {
    return null;
  }
}

/**
 * CPU time (ms) of the PostgreSQL backends serving `database` (the server is shared with
 * other work, so only the sessions whose process title names it): over a run, the database's
 * cost per request on the cores the gateway shares with it. A backend that exits during the
 * run takes its time with it, so this is a lower bound.
 */
function databaseBackendsCpuMs(database) {
  let ticks = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(` ${database} `)) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // exited meanwhile
    }
  }
  return (ticks * 1000) / 100;
}

/** CPU time (ms) of a process's threads other than the main one (GC helpers, worker threads). */
function otherThreadsCpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    const all = ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
    return all - (mainThreadCpuMs(pid) ?? 0);
  } catch {
    return null;
  }
}

function stop(child) {
  if (!child || child.exitCode !== null) return Promise.resolve();
  child.stopping = true;
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

module.exports = { start, waitFor, rss, mainThreadCpuMs, mainThreadRunQueueMs, databaseBackendsCpuMs, otherThreadsCpuMs, stop };
