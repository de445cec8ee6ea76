#!/usr/bin/env bash
# Starts a private one-node Slurm cluster as root: everything (slurm.conf, state, spool, logs, pid files, a MUNGE key
# and socket of its own) lives under DIR, so the machine's own munge and Slurm, if any, are left alone.
#   bash scripts/slurm-up.sh DIR [CTLD_PORT SLURMD_PORT]    (default ports 16817 16818)
# Clients then need SLURM_CONF=DIR/slurm.conf. Stop it with scripts/slurm-down.sh DIR (by its pid files).
set -euo pipefail
dir=$(realpath -m "$1")
ctld_port=${2:-16817}
slurmd_port=${3:-16818}
mkdir -p "$dir"/{state,spool,log,munge}
chmod 755 "$dir"                       # munged runs as the munge user and must reach DIR/munge
chown munge:munge "$dir/munge"
chmod 755 "$dir/munge"                 # munged wants its socket directory reachable by everyone
host=$(hostname -s)
cores=$(nproc)
mem=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 - 1024 ))
cat > "$dir/slurm.conf" <<CONF
ClusterName=driftlab
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.socket
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
ReturnToService=2
MpiDefault=none
SchedulerType=sched/backfill
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
NodeName=$host CPUs=$cores RealMemory=$mem State=UNKNOWN
PartitionName=lab Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
m="$dir/munge"
[ -s "$m/munge.key" ] || runuser -u munge -- mungekey --create --keyfile="$m/munge.key"
runuser -u munge -- /usr/sbin/munged --socket="$m/munge.socket" --key-file="$m/munge.key" --pid-file="$m/munged.pid" \
  --log-file="$m/munged.log" --seed-file="$m/munged.seed"
export SLURM_CONF=$dir/slurm.conf
/usr/sbin/slurmctld
/usr/sbin/slurmd
for _ in $(seq 1 30); do
  sinfo -h -o %T 2>/dev/null | grep -qE '^(idle|mixed|allocated)' && { sinfo; exit 0; }
  sleep 1
done
echo "slurm-up: the node did not come up within 30 s; see $dir/log/" >&2
exit 1
