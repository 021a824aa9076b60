#!/usr/bin/env bash
# End-to-end check of the Slurm recipe in docs/distributed.md on a real (one-node, localhost) Slurm.
#   - installs Debian's slurm-wlm and munge when missing (root, or sudo);
#   - starts a private munged, slurmctld and slurmd (config, keys, state and logs in a temp dir);
#   - submits scripts/slurm/vecrun-array.sbatch (the script the docs show) as an array of 4 shards
#     of billing_failover.vspec (a spec with an import and a planted bug);
#   - sends task 2 an early SIGTERM (as `--signal=B:TERM@...` does before a time limit) and checks it
#     exits 130 with an interrupted checkpoint while the others complete with exit 0;
#   - resubmits task 2 alone (`sbatch --array=2`): it must resume shard 2 of 4 and finish;
#   - merges with scripts/slurm/vecrun-merge.sbatch as a job depending (afterok) on the shards;
#   - compares the merged per-property counts with one unsharded run of the same plan.
# Daemons are stopped and the temp dir removed on any exit. Builds nothing.
# Usage: scripts/slurm-e2e.sh [PATH/TO/vecrun]   (default target/debug/vecrun)
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD

VECRUN=${1:-target/debug/vecrun}
if [ ! -x "$VECRUN" ]; then
  echo "slurm-e2e: $VECRUN is not an executable vecrun binary (build it first: cargo build)" >&2
  exit 2
fi
VECRUN=$(cd "$(dirname "$VECRUN")" && pwd)/$(basename "$VECRUN")

SHARDS=4
INTERRUPTED=2 # the task that gets the early SIGTERM and is resubmitted alone
# Enough work that the interrupted task is still running a second after its first checkpoint with the
# compiled CPU engine (about 0.1 s per million billing vectors on 2 cores, debug build: 3 s a shard).
VECTORS=${VECRUN_E2E_VECTORS:-120000000}
SEED=42
DEADLINE_S=${VECRUN_E2E_TIMEOUT:-600}

say() { echo "slurm-e2e: $*" >&2; }
fail() {
  say "FAILED: $*"
  exit 1
}

# --- Slurm and munge -------------------------------------------------------------------------
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null ||
  ! command -v munged >/dev/null; then
  say "installing slurm-wlm and munge"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null
fi
if [ "$(id -u)" -ne 0 ]; then
  # slurmd must run as root to start jobs; a private munged and slurmctld could run as anyone.
  echo "slurm-e2e: needs root (slurmd starts the jobs as their user)" >&2
  exit 2
fi

TMP=$(mktemp -d /tmp/vecrun-slurm-e2e.XXXXXX)
chmod 711 "$TMP" # munged wants its socket directory searchable by all
PIDS=()
JOBS=()
cleanup() {
  local rc=$?
  set +e
  if [ ${#JOBS[@]} -gt 0 ] && [ -f "$TMP/slurm.conf" ]; then
    # Cancel our jobs and let slurmd end their processes before the daemons go.
    export SLURM_CONF="$TMP/slurm.conf"
    scancel "${JOBS[@]}" >/dev/null 2>&1
    for _ in $(seq 60); do
      [ -z "$(squeue -h -o %i 2>/dev/null)" ] && break
      sleep 0.5
    done
  fi
  if [ $rc -ne 0 ]; then
    for log in slurmctld.log slurmd.log; do
      if [ -f "$TMP/$log" ]; then
        say "last lines of $log:"
        tail -n 15 "$TMP/$log" >&2
      fi
    done
    for f in "$TMP"/work/slurm-*.out; do
      [ -f "$f" ] || continue
      say "$(basename "$f"):"
      tail -n 5 "$f" >&2
    done
  fi
  # Daemons in reverse order of start: slurmd (and the job steps it started), slurmctld, munged.
  local i
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    kill -TERM "${PIDS[i]}" 2>/dev/null
  done
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    for _ in $(seq 50); do
      kill -0 "${PIDS[i]}" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "${PIDS[i]}" 2>/dev/null
    wait "${PIDS[i]}" 2>/dev/null
  done
  rm -rf "$TMP"
  if [ $rc -eq 0 ]; then say "PASSED (daemons stopped, $TMP removed)"; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Private munge: its own key and socket.
dd if=/dev/urandom of="$TMP/munge.key" bs=1024 count=1 status=none
chmod 600 "$TMP/munge.key"
munged --foreground --force --socket="$TMP/munge.socket" --key-file="$TMP/munge.key" \
  --pid-file="$TMP/munged.pid" --log-file="$TMP/munged.log" --seed-file="$TMP/munged.seed" >"$TMP/munged.stdout" 2>&1 &
PIDS+=($!)

HOST=$(hostname -s)
CPUS=$(nproc)
MEM_MB=$(($(awk '/^MemTotal:/ {print $2}' /proc/meminfo) / 1024 - 512))
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
CTLD_PORT=""
for p in $(seq 16817 2 16897); do
  if port_free "$p" && port_free "$((p + 1))"; then
    CTLD_PORT=$p
    break
  fi
done
[ -n "$CTLD_PORT" ] || fail "no free pair of TCP ports in 16817-16898 for slurmctld and slurmd"
mkdir -p "$TMP/state" "$TMP/spool" "$TMP/work"
cat >"$TMP/slurm.conf" <<EOF
ClusterName=vecrun-e2e
SlurmctldHost=$HOST(127.0.0.1)
SlurmctldPort=$CTLD_PORT
SlurmdPort=$((CTLD_PORT + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$TMP/munge.socket
StateSaveLocation=$TMP/state
SlurmdSpoolDir=$TMP/spool
SlurmctldPidFile=$TMP/slurmctld.pid
SlurmdPidFile=$TMP/slurmd.pid
SlurmctldLogFile=$TMP/slurmctld.log
SlurmdLogFile=$TMP/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
ReturnToService=2
MinJobAge=3600
SchedulerParameters=sched_interval=2
GresTypes=gpu
NodeName=$HOST NodeAddr=127.0.0.1 CPUs=$CPUS RealMemory=$MEM_MB Gres=gpu:$SHARDS State=UNKNOWN
PartitionName=debug Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
EOF
# Stand-in GPUs (links to /dev/null in the temp dir): Slurm's gpu GRES needs device files, and
# these are enough for the recipe's `--gres=gpu:1` to be scheduled.
for ((k = 0; k < SHARDS; k++)); do ln -s /dev/null "$TMP/gpu$k"; done
echo "NodeName=$HOST Name=gpu File=$TMP/gpu[0-$((SHARDS - 1))]" >"$TMP/gres.conf"
export SLURM_CONF="$TMP/slurm.conf"

slurmctld -D -i -c -f "$SLURM_CONF" >"$TMP/slurmctld.stdout" 2>&1 &
PIDS+=($!)
slurmd -D -f "$SLURM_CONF" -N "$HOST" >"$TMP/slurmd.stdout" 2>&1 &
PIDS+=($!)

wait_for() { # wait_for SECONDS WHAT COMMAND...
  local limit=$1 what=$2
  shift 2
  local start=$SECONDS
  until "$@"; do
    if ((SECONDS - start > limit)); then fail "timed out after ${limit}s waiting for $what"; fi
    for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null || fail "a daemon (pid $pid) died while waiting for $what"; done
    sleep 0.5
  done
}
node_idle() { [ "$(sinfo -h -n "$HOST" -o %T 2>/dev/null)" = "idle" ]; }
wait_for 60 "node $HOST to be idle" node_idle
say "slurm $(sinfo --version | awk '{print $2}') up: node $HOST, $CPUS CPUs, ${MEM_MB} MB, ports $CTLD_PORT/$((CTLD_PORT + 1))"

# --- The spec (with its import), copied so that the run's history stays out of the repo -----
mkdir -p "$TMP/specs/common"
cp datasets/specs/billing_failover.vspec "$TMP/specs/"
cp datasets/specs/common/money.vspec "$TMP/specs/common/"
SPEC="$TMP/specs/billing_failover.vspec"
OUT="$TMP/work/out"
EXPORT="ALL,VECRUN=$VECRUN,VECRUN_SPEC=$SPEC,VECRUN_SHARD_COUNT=$SHARDS,VECRUN_OUT=$OUT,VECRUN_VECTORS=$VECTORS,VECRUN_SEED=$SEED"
# The recipe as the docs show it; this machine's sizes (one core, a little memory per task) and
# the CPU backend (the runner may have no GPU; the software Vulkan adapter is refused anyway).
SIZES=(--cpus-per-task=1 --mem=512M --time=00:20:00)
cd "$TMP/work"

job_field() { # job_field JOB FIELD: a field of `scontrol show job`
  scontrol -o show job "$1" 2>/dev/null | tr ' ' '\n' | awk -F= -v f="$2" '$1 == f {print substr($0, length(f) + 2); exit}'
}
job_done() { # every task of the job has left PENDING/RUNNING/COMPLETING
  [ -z "$(squeue -h -j "$1" -o %i 2>/dev/null)" ]
}
state_of() { grep -Eo '"state": *"[a-z-]+"' "$1" | sed -E 's/.*"([a-z-]+)"$/\1/'; }

ARRAY=$(sbatch --parsable --array=0-$((SHARDS - 1)) "${SIZES[@]}" --export="$EXPORT" \
  "$REPO/scripts/slurm/vecrun-array.sbatch" --backend cpu)
ARRAY=${ARRAY%%;*}
JOBS+=("$ARRAY")
say "submitted array job $ARRAY (tasks 0-$((SHARDS - 1)), $VECTORS vectors, seed $SEED)"

# Task K's early SIGTERM, once it runs and has written its first checkpoint.
CP="$OUT/shard-$INTERRUPTED-of-$SHARDS/checkpoint.json"
task_running() {
  local state
  state=$(job_field "${ARRAY}_$INTERRUPTED" JobState)
  case "$state" in
    RUNNING) [ -f "$CP" ] ;;
    PENDING | CONFIGURING | "") return 1 ;;
    *) fail "task ${ARRAY}_$INTERRUPTED ended ($state, exit $(job_field "${ARRAY}_$INTERRUPTED" ExitCode)) before its SIGTERM: raise VECRUN_E2E_VECTORS" ;;
  esac
}
wait_for "$DEADLINE_S" "task $INTERRUPTED to start" task_running
sleep 1
scancel --signal=TERM --batch "${ARRAY}_$INTERRUPTED"
say "sent SIGTERM to task ${ARRAY}_$INTERRUPTED (scancel --signal=TERM --batch)"
wait_for "$DEADLINE_S" "array job $ARRAY to end" job_done "$ARRAY"

checks=0
check() { # check WHAT EXPECTED ACTUAL
  if [ "$2" != "$3" ]; then fail "$1: expected $2, got $3"; fi
  checks=$((checks + 1))
  say "ok: $1 = $3"
}
for ((k = 0; k < SHARDS; k++)); do
  if [ "$k" -eq "$INTERRUPTED" ]; then
    check "task $k exit code (SIGTERM: checkpoint, exit 130)" "130:0" "$(job_field "${ARRAY}_$k" ExitCode)"
    check "task $k checkpoint state" "interrupted" "$(state_of "$CP")"
  else
    check "task $k exit code (complete, bug found or not)" "0:0" "$(job_field "${ARRAY}_$k" ExitCode)"
    check "task $k checkpoint state" "finished" "$(state_of "$OUT/shard-$k-of-$SHARDS/checkpoint.json")"
  fi
done

# Resubmit the interrupted task alone: Slurm now says the array has one task (id K); the fixed
# VECRUN_SHARD_COUNT keeps it shard K of N, and the script resumes from the checkpoint.
RESUB=$(sbatch --parsable --array="$INTERRUPTED" "${SIZES[@]}" --export="$EXPORT" \
  "$REPO/scripts/slurm/vecrun-array.sbatch" --backend cpu)
RESUB=${RESUB%%;*}
JOBS+=("$RESUB")
AFTER="afterok"
for ((k = 0; k < SHARDS; k++)); do
  if [ "$k" -ne "$INTERRUPTED" ]; then AFTER+=":${ARRAY}_$k"; fi
done
AFTER+=":$RESUB"
MERGE=$(sbatch --parsable --dependency="$AFTER" --export="$EXPORT" "$REPO/scripts/slurm/vecrun-merge.sbatch")
MERGE=${MERGE%%;*}
JOBS+=("$MERGE")
say "resubmitted task $INTERRUPTED as job $RESUB; merge job $MERGE waits on $AFTER"
wait_for "$DEADLINE_S" "resubmitted task $RESUB to end" job_done "$RESUB"
check "resubmitted task exit code" "0:0" "$(job_field "${RESUB}_$INTERRUPTED" ExitCode)"
resub_log="$TMP/work/slurm-${RESUB}_$INTERRUPTED.out"
[ -f "$resub_log" ] || fail "no log $resub_log of the resubmitted task"
grep -q "resuming run" "$resub_log" || fail "the resubmitted task did not resume (no 'resuming run' in $resub_log)"
say "ok: the resubmitted task resumed its checkpoint ($(grep -o 'resuming run.*' "$resub_log"))"
check "task $INTERRUPTED checkpoint state after resuming" "finished" "$(state_of "$CP")"
check "task $INTERRUPTED checkpoint shard" "[$INTERRUPTED,$SHARDS]" "$(tr -d ' \n' <"$CP" | grep -Eo '"shard":\[[0-9]+,[0-9]+\]' | cut -d: -f2)"
wait_for "$DEADLINE_S" "merge job $MERGE to end" job_done "$MERGE"
# The planted bug is found: merge exits 1 (its job FAILED); the shards all exited 0.
check "merge job exit code (a property failed)" "1:0" "$(job_field "$MERGE" ExitCode)"
check "merged checkpoint state" "finished" "$(state_of "$OUT/merged/checkpoint.json")"

# One unsharded run of the same plan, outside Slurm: the merged counts must equal its counts.
cd "$TMP"
set +e
"$VECRUN" run "$SPEC" --vectors "$VECTORS" --seed "$SEED" --out "$TMP/single" --quiet --backend cpu >"$TMP/single.txt" 2>&1
rc=$?
set -e
check "unsharded run exit code (the planted bug)" 1 "$rc"
counts() { # per property: name evaluated failed discarded
  tr -d ' \n' <"$1" | grep -Eo '"evaluated":[0-9]+,"passed":[0-9]+,"failed":[0-9]+,"discarded":[0-9]+' |
    sed -E 's/"evaluated":([0-9]+),"passed":[0-9]+,"failed":([0-9]+),"discarded":([0-9]+)/evaluated=\1 failed=\2 discarded=\3/'
}
merged_counts=$(counts "$OUT/merged/checkpoint.json")
single_counts=$(counts "$TMP/single/checkpoint.json")
[ -n "$single_counts" ] || fail "no per-property counts in the unsharded checkpoint"
check "merged per-property counts equal the unsharded run's" "$(tr '\n' ' ' <<<"$single_counts")" "$(tr '\n' ' ' <<<"$merged_counts")"
failed_total=$(echo "$merged_counts" | grep -Eo 'failed=[0-9]+' | cut -d= -f2 | awk '{s += $1} END {print s + 0}')
[ "$failed_total" -gt 0 ] || fail "the planted bug was not found (no failures in the merge)"
say "ok: the planted bug is found ($failed_total failing vectors in all shards)"
say "$checks checks passed"
