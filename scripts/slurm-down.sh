#!/usr/bin/env bash
# Stops the cluster of scripts/slurm-up.sh DIR by its pid files (slurmd, slurmctld, then its munged): no process is
# found by name, so nothing else on the machine is touched. Waits up to 10 s for each, then kills it.
dir=$(realpath -m "$1")
for daemon in slurmd slurmctld munge/munged; do
  pidfile="$dir/$daemon.pid"
  [ -s "$pidfile" ] || continue
  pid=$(cat "$pidfile")
  # a pid file outliving its daemon may name another process by now
  [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$(basename "$daemon")" ] || continue
  kill "$pid" 2>/dev/null || continue
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
done
exit 0
