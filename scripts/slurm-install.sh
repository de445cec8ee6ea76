#!/usr/bin/env bash
# Installs Debian's Slurm (slurm-wlm) and MUNGE for the Slurm test, as root, without starting their system
# services (the test runs its own one-node cluster: scripts/slurm-up.sh). Exits 0 when they are already there.
set -euo pipefail
have() { command -v sbatch >/dev/null && [ -x /usr/sbin/slurmctld ] && [ -x /usr/sbin/slurmd ] && [ -x /usr/sbin/munged ]; }
have && exit 0
if [ "$(id -u)" != "0" ]; then echo "slurm-install: slurm-wlm and munge are missing and installing them needs root" >&2; exit 1; fi
command -v apt-get >/dev/null || { echo "slurm-install: slurm-wlm and munge are missing and there is no apt-get" >&2; exit 1; }
echo "slurm-install: installing Debian's slurm-wlm and munge (about 40 s)" >&2
# A package's postinst would start the system's munge, slurmctld and slurmd; policy-rc.d 101 tells it not to.
policy=/usr/sbin/policy-rc.d
ours=""
if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod 755 "$policy" && ours=1; fi
trap '[ -n "$ours" ] && rm -f "$policy"' EXIT
install() { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null; }
install || { apt-get update -qq && install; }
have
