#!/usr/bin/env bash
# Checks `ghirbal slurm submit` against a real Slurm (issue 7).
#
#   slurm_e2e.sh PATH/TO/ghirbal
#
# 1. installs slurm-wlm and munge from Debian if missing, writes a one-node configuration on
#    localhost under a temporary directory (state, spool, logs, munge key and socket: nothing
#    under /etc or /var is used), starts munged, slurmctld and slurmd in the foreground as
#    background processes of this script;
# 2. runs the default recipe (MinHash included) on a generated corpus with planted duplicates
#    as a 4-task array plus its dependent jobs, and compares the kept documents with a local
#    run of the same pipeline (same ids, same bytes, read = kept + rejected + errors);
# 3. cancels one task of a second run while it runs (scancel), resubmits, and checks the result
#    is again identical, with no duplicates;
# 4. stops every job and the daemons it started, by their process ids (also on failure).
#
# Every wait has a timeout and says what it waited for. Exit 0: passed; 77: skipped (cannot
# install Slurm, not root); anything else: failed. KEEP=1 keeps the temporary directory.
# The configuration needs no cgroups: proctrack/linuxproc, task/none, no accounting.
set -euo pipefail

GHIRBAL=$(readlink -f "${1:?usage: slurm_e2e.sh PATH/TO/ghirbal}")
HERE=$(cd "$(dirname "$0")" && pwd)
DOCS=${DOCS:-3000}
say() { echo "slurm-e2e: $*" >&2; }
fail() { say "FAIL: $*"; exit 1; }
skip() { say "SKIP: $*"; exit 77; }

[ -x "$GHIRBAL" ] || fail "no ghirbal binary at $GHIRBAL"
[ "$(id -u)" = 0 ] || skip "needs root (slurmd runs jobs as their user and must be root); run as root"
command -v python3 >/dev/null || skip "needs python3 to generate the corpus and compare runs"

# --- 1. Slurm and munge -------------------------------------------------------------------
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null ||
   ! command -v sbatch >/dev/null; then
  say "installing slurm-wlm and munge from Debian"
  export DEBIAN_FRONTEND=noninteractive
  if ! timeout 600 apt-get install -y -q slurm-wlm munge >/tmp/slurm-e2e-apt.log 2>&1; then
    timeout 300 apt-get update -q >>/tmp/slurm-e2e-apt.log 2>&1 || true
    timeout 600 apt-get install -y -q slurm-wlm munge >>/tmp/slurm-e2e-apt.log 2>&1 ||
      skip "cannot install slurm-wlm and munge (apt-get failed; see /tmp/slurm-e2e-apt.log)"
  fi
fi

T=$(mktemp -d /tmp/ghirbal-slurm-e2e.XXXXXX)
PIDS=()
cleanup() {
  local rc=$?
  set +e
  if [ -n "${SLURM_CONF:-}" ] && [ -n "${CTLD_PID:-}" ] && kill -0 "$CTLD_PID" 2>/dev/null; then
    # Jobs first, so that no slurmstepd or ghirbal outlives the cluster.
    ids=$(squeue --noheader --format=%A 2>/dev/null | sort -u | tr '\n' ' ')
    if [ -n "${ids// /}" ]; then
      # shellcheck disable=SC2086
      scancel $ids 2>/dev/null
      for _ in $(seq 1 30); do
        [ -z "$(squeue --noheader --format=%A 2>/dev/null)" ] && break
        sleep 1
      done
    fi
  fi
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    kill "${PIDS[i]}" 2>/dev/null
  done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$pid" 2>/dev/null
  done
  if [ $rc -ne 0 ] && [ $rc -ne 77 ]; then
    say "logs of the daemons and jobs (last lines):"
    for f in "$T"/slurmctld.log "$T"/slurmd.log "$T"/munged.log "$T"/run*/logs/*; do
      [ -f "$f" ] && { echo "--- $f"; tail -n 15 "$f"; } >&2
    done
  fi
  if [ "${KEEP:-0}" = 1 ]; then say "kept $T"; else rm -rf "$T"; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# wait_for SECONDS WHAT COMMAND...: runs COMMAND every half second until it succeeds.
wait_for() {
  local seconds=$1 what=$2
  shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || fail "timed out after ${seconds}s waiting for $what"
    sleep 0.5
  done
}

free_port() {
  local port
  for port in $(seq "$1" "$(($1 + 200))"); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  fail "no free TCP port from $1"
}

mkdir -p "$T/state" "$T/spool" "$T/munge"
chmod 700 "$T/munge"
mungekey --create --keyfile="$T/munge/munge.key" 2>/dev/null ||
  dd if=/dev/urandom of="$T/munge/munge.key" bs=1024 count=1 status=none
chmod 600 "$T/munge/munge.key"
SOCK="$T/munge/munge.sock"
munged --foreground --force --socket="$SOCK" --key-file="$T/munge/munge.key" \
  --pid-file="$T/munge/munged.pid" --log-file="$T/munged.log" --seed-file="$T/munge/seed" >"$T/munged.out" 2>&1 &
PIDS+=($!)
wait_for 15 "munged to answer on $SOCK (see $T/munged.log)" bash -c "munge -S '$SOCK' -n | unmunge -S '$SOCK'"

CTLD_PORT=$(free_port 26817)
SLURMD_PORT=$(free_port $((CTLD_PORT + 1)))
CPUS=$(nproc)
cat >"$T/slurm.conf" <<CONF
ClusterName=ghirbale2e
SlurmctldHost=localhost(127.0.0.1)
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
AuthType=auth/munge
AuthInfo=socket=$SOCK
CredType=cred/munge
StateSaveLocation=$T/state
SlurmdSpoolDir=$T/spool
SlurmctldPidFile=$T/slurmctld.pid
SlurmdPidFile=$T/slurmd.pid
SlurmctldLogFile=$T/slurmctld.log
SlurmdLogFile=$T/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SchedulerParameters=sched_interval=1
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
SwitchType=switch/none
ReturnToService=2
MinJobAge=600
NodeName=localnode NodeAddr=127.0.0.1 CPUs=$CPUS State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$T/slurm.conf"
slurmctld -D -i >"$T/slurmctld.out" 2>&1 &
CTLD_PID=$!
PIDS+=($CTLD_PID)
wait_for 30 "slurmctld to answer (scontrol ping; see $T/slurmctld.log)" bash -c "scontrol ping | grep -q UP"
slurmd -D -N localnode >"$T/slurmd.out" 2>&1 &
PIDS+=($!)
wait_for 30 "slurmd to register node localnode as idle (see $T/slurmd.log)" \
  bash -c "sinfo --noheader --format=%t | grep -qx idle"
say "cluster up in $T (slurmctld :$CTLD_PORT, slurmd :$SLURMD_PORT, $CPUS CPUs)"

# --- 2. a run on Slurm against a local run -------------------------------------------------
"$GHIRBAL" stages | grep -qw minhash || fail "this ghirbal has no minhash stage (ghirbal stages)"
cd "$T"
python3 "$HERE/gen_corpus.py" corpus "$DOCS" 8
cat >pipeline.yaml <<'YAML'
input: ["corpus/*.jsonl"]
format: jsonl
compression: none
YAML
say "local run of $DOCS documents"
now() { date +%s.%N; }
t0=$(now)
"$GHIRBAL" run pipeline.yaml --tasks 4 --output local --threads 1 --no-progress -q || fail "local run failed"
say "local run: $(awk "BEGIN{printf \"%.1f\", $(now) - $t0}") s"

# wait_run DIR SECONDS: waits until DIR's run is finalized; fails early when its jobs are gone.
wait_run() {
  local dir=$1 seconds=$2 deadline=$((SECONDS + $2)) ids
  ids=$(grep -v '^#' "$dir/slurm/jobs.tsv" | cut -f2 | paste -sd, -)
  until [ -f "$dir/stats.json" ]; do
    if [ -z "$(squeue --noheader --format=%A --jobs="$ids" 2>/dev/null)" ]; then
      sleep 1  # a finishing job may still be writing
      [ -f "$dir/stats.json" ] && break
      "$GHIRBAL" slurm status "$dir" >&2 || true
      fail "the jobs of $dir ended but the run is not finalized"
    fi
    if [ $SECONDS -ge $deadline ]; then
      "$GHIRBAL" slurm status "$dir" >&2 || true
      fail "timed out after ${seconds}s waiting for the jobs of $dir"
    fi
    sleep 1
  done
}

say "submitting run1 (4-task arrays and their dependent jobs)"
t0=$(now)
"$GHIRBAL" slurm submit pipeline.yaml --tasks 4 --output run1 --cpus-per-task 1 >submit1.txt ||
  fail "slurm submit failed"
cat submit1.txt >&2
wait_run run1 400
say "run1 on Slurm, submit to stats.json: $(awk "BEGIN{printf \"%.1f\", $(now) - $t0}") s"
"$GHIRBAL" slurm status run1 >&2
for step in segment-0 reduce- finalize; do
  grep -q "$step" run1/slurm/jobs.tsv || fail "run1 submitted no $step job"
done
python3 "$HERE/compare_runs.py" local run1 || fail "run1 differs from the local run"

# --- 3. cancel a task midway, resubmit ------------------------------------------------------
# cancel_running_segment_task DIR: cancels the first segment array task seen running, waits for
# the run's jobs to end, and prints what it cancelled.
cancel_running_segment_task() {
  local dir=$1 ids cancelled= deadline=$((SECONDS + 300))
  ids=$(grep -v '^#' "$dir/slurm/jobs.tsv" | cut -f2 | paste -sd, -)
  while [ -z "$cancelled" ]; do
    [ $SECONDS -lt $deadline ] || fail "no task of $dir was ever seen running"
    while IFS='|' read -r id state name; do
      [ "$state" = RUNNING ] || continue
      case "$name" in *-segment-*) ;; *) continue ;; esac
      scancel "$id"
      cancelled="$id ($name)"
      break
    done < <(squeue --noheader --array --format='%i|%T|%j' --jobs="$ids" 2>/dev/null || true)
    [ -n "$cancelled" ] || sleep 0.2
  done
  say "cancelled $cancelled of $dir"
  wait_for 120 "the jobs of $dir to end after the cancel" \
    bash -c "[ -z \"\$(squeue --noheader --format=%A --jobs='$ids')\" ]"
}

say "submitting run2, to cancel one of its tasks while it runs"
"$GHIRBAL" slurm submit pipeline.yaml --tasks 4 --output run2 --cpus-per-task 1 >submit2.txt ||
  fail "slurm submit (run2) failed"
cancel_running_segment_task run2
"$GHIRBAL" slurm status run2 >status2.txt || fail "slurm status failed"
cat status2.txt >&2
if [ -f run2/stats.json ]; then
  say "note: the cancelled task had already finished its work; run2 completed anyway"
else
  grep -q '^failed: ' status2.txt || fail "slurm status shows no failed task after the cancel"
  say "resubmitting run2"
  "$GHIRBAL" slurm submit pipeline.yaml --tasks 4 --output run2 --cpus-per-task 1 >resubmit2.txt ||
    fail "slurm resubmit failed"
  cat resubmit2.txt >&2
  grep -q "already done" resubmit2.txt || fail "the resubmission did not skip finished work"
  wait_run run2 400
fi
"$GHIRBAL" slurm status run2 >&2
python3 "$HERE/compare_runs.py" local run2 || fail "run2 (cancelled, resubmitted) differs from the local run"
# Resubmitting a finished run submits nothing.
"$GHIRBAL" slurm submit pipeline.yaml --tasks 4 --output run2 | grep -q "nothing to submit" ||
  fail "resubmitting a complete run submitted jobs"

# --- 4. files cut into byte ranges; finished with another task count -----------------------
say "submitting run3: files cut into 64 KB ranges, 2 tasks, one cancelled, finished by 5 tasks"
"$GHIRBAL" slurm submit pipeline.yaml --tasks 2 --split-bytes 64K --output run3 --cpus-per-task 1 >submit3.txt ||
  fail "slurm submit (run3) failed"
cancel_running_segment_task run3
if [ ! -f run3/stats.json ]; then
  "$GHIRBAL" slurm submit pipeline.yaml --tasks 5 --split-bytes 64K --output run3 --cpus-per-task 1 >resubmit3.txt ||
    fail "slurm resubmit (run3, 5 tasks) failed"
  cat resubmit3.txt >&2
  wait_run run3 400
fi
parts=$(python3 -c 'import json,sys; print(json.load(open("run3/run.json"))["parts"])')
[ "$parts" -gt 8 ] || fail "run3 was not cut into byte ranges (parts: $parts)"
python3 "$HERE/compare_runs.py" local run3 || fail "run3 (byte ranges, 2 then 5 tasks) differs from the local run"
say "PASS"
echo "1 passed, 0 failed"
