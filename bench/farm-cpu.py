#!/usr/bin/env python3
"""CPU seconds, context switches and peak RSS per TaskFarm process for one run.

   bench/farm-cpu.py TASKS MODE(off|files) RUNDIR [extra taskfarm args...]

Samples /proc every 50 ms for the submitter and its children; a process's last sample
before it exits is its total (it can miss at most 50 ms of a process's last work). Context
switches count the main thread only unless FARM_THREADS=1, which reads every thread. Prints a
readable summary on stderr (per thread name too with FARM_THREADS=1) and one JSON line on
stdout: tasks_per_second, and cpu_s and rss_mb per role (pools summed for CPU, largest RSS)."""
import json, os, subprocess, sys, time

tasks, mode, rundir = sys.argv[1], sys.argv[2], sys.argv[3]
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
farm = os.environ.get("FARM_DLL") or os.path.join(root, "samples/TaskFarm/bin/Release/net10.0/taskfarm.dll")
args = ["dotnet", farm, "--tasks", tasks, "--sleep-ms", "0", "--shape", "independent", "--pools", "2", "--workers", "2", "--run-dir", rundir]
if mode == "off":
    args += ["--wide-events", "off"]
args += sys.argv[4:]
tick = os.sysconf("SC_CLK_TCK")
proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
seen = {}
threads = {}

def children_of(pid):
    """Children of pid, from each of its threads' /proc children list (no scan of /proc)."""
    found = set()
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                found.update(int(c) for c in f.read().split())
    except OSError:
        pass
    return found

# The sampler must not be what it measures: every 50 ms it reads two small files per TaskFarm
# process (and per thread only with FARM_THREADS=1), and looks for new children of the submitter.
per_thread = bool(os.environ.get("FARM_THREADS"))
pids = {proc.pid}
while proc.poll() is None:
    pids |= children_of(proc.pid)
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{pid}/status") as f:
                status = dict(l.split(":", 1) for l in f if ":" in l)
            old = seen.get(pid, ("?", 0, 0, 0))
            role = old[0]
            if role == "?":
                with open(f"/proc/{pid}/cmdline") as f:
                    cmd = f.read().split("\0")
                # A child read between fork and exec still shows the submitter's command line: ask again next time.
                role = "submitter" if pid == proc.pid else (cmd[2] if len(cmd) > 2 and cmd[2] in ("interchange", "pool") else "?")
            ctx = int(status["voluntary_ctxt_switches"]) + int(status["nonvoluntary_ctxt_switches"])
            if per_thread:
                ctx = 0
                for t in os.listdir(f"/proc/{pid}/task"):
                    with open(f"/proc/{pid}/task/{t}/status") as f:
                        ts = dict(l.split(":", 1) for l in f if ":" in l)
                    ctx += int(ts["voluntary_ctxt_switches"]) + int(ts["nonvoluntary_ctxt_switches"])
                    with open(f"/proc/{pid}/task/{t}/stat") as f:
                        tname, tfields = f.read().split("(", 1)[1].rsplit(")", 1)
                    tfields = tfields.split()
                    threads[(pid, int(t))] = (tname, (int(tfields[11]) + int(tfields[12])) / tick)
        except (OSError, KeyError, ValueError):
            continue
        cpu = (int(fields[11]) + int(fields[12])) / tick
        rss = int(status.get("VmHWM", "0 kB").split()[0]) / 1024
        seen[pid] = (role, max(cpu, old[1]), max(ctx, old[2]), max(rss, old[3]))
    time.sleep(0.05)

out = proc.stdout.read().strip().splitlines()[-1]
summary = json.loads(out)
real_stdout = sys.stdout
sys.stdout = sys.stderr
print(f"{mode}: {summary['tasks_per_second']:.0f} tasks/s")
for pid, (role, cpu, ctx, rss) in sorted(seen.items(), key=lambda x: x[1][0]):
    print(f"  {role:12} pid {pid:7} cpu {cpu:6.2f} s  ctxsw {ctx:8}  peak rss {rss:6.1f} MB")
if os.environ.get("FARM_THREADS"):
    for pid, (role, *_rest) in sorted(seen.items(), key=lambda x: x[1][0]):
        by = {}
        for (p, t), (name, cpu) in threads.items():
            if p == pid:
                by[name] = by.get(name, 0) + cpu
        print(f"  {role}: " + ", ".join(f"{n} {c:.2f}" for n, c in sorted(by.items(), key=lambda x: -x[1]) if c >= 0.05))
print(f"  total cpu {sum(v[1] for v in seen.values()):.2f} s")
cpu, rss = {}, {}
for role, c, _ctx, r in seen.values():
    cpu[role] = cpu.get(role, 0) + c
    rss[role] = max(rss.get(role, 0), r)
print(json.dumps({"tasks_per_second": summary["tasks_per_second"], "cpu_s": cpu, "rss_mb": rss}), file=real_stdout)
