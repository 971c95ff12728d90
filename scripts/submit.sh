#!/usr/bin/env bash
# Submits the appi-anon cluster jar (jobs/target/appi-anon-jobs-<version>-spark.jar) with spark-submit, with the
# settings the job needs on every cluster manager. See docs/cluster.md.
#
#   scripts/submit.sh MODE [options] [-- appi-anon options]
#
# Modes:
#   local-cluster  Start a throwaway Spark standalone master and one worker (--workers N: N) on 127.0.0.1, submit in
#                  client mode, stop them all. Uses $SPARK_HOME (a Spark 4.0 / Scala 2.13 distribution) if set, else a SPARK_HOME
#                  made of links to the Maven jars (no download). Tested here: ClusterSubmitIT does the same.
#   standalone     An existing standalone master (--master spark://HOST:7077), client mode: the driver runs here.
#   yarn           --master yarn --deploy-mode cluster. Needs $SPARK_HOME and HADOOP_CONF_DIR/YARN_CONF_DIR.
#   k8s            --master k8s://https://HOST:PORT --deploy-mode cluster --image IMAGE. Needs $SPARK_HOME.
#
# yarn and k8s were NOT tested: there is no YARN or Kubernetes here. They are spark-submit's documented options,
# and --dry-run prints the command to review. In cluster mode the driver runs in a container on some node:
#   - the config, the policies and the hierarchy CSVs are shipped with --files (they land in the driver's working
#     directory, so the job is pointed at them by file name: --config application.conf, appianon.datasets and
#     appianon.hierarchies.dir=.);
#   - the inputs must be cluster paths (hdfs://, s3a://, ...): --set appianon.inputs.<dataset>=URI;
#   - the release, quarantine and method store are written with java.nio on the driver and Spark on the executors:
#     they must be a POSIX folder mounted at the same path on every node/pod (NFS, a shared volume); required here.
#   - spark-submit reports the application's state; the job's own exit codes (2 config, 3 input, 4 privacy, 5
#     release) are the driver container's exit status, and its one-line error is in the driver log.
#
# Options:
#   --master URL          standalone: spark://HOST:PORT (default spark://127.0.0.1:7077); k8s: k8s://https://HOST:PORT
#   --image IMAGE         k8s: container image with Spark 4.0.x, Scala 2.13, Java 17 (spark.kubernetes.container.image)
#   --upload-path URI     k8s, required: where spark-submit uploads the jar and --files for the driver pod
#                         (spark.kubernetes.file.upload.path, e.g. s3a://bucket/spark-upload)
#   --config FILE         job configuration (default conf/application.conf)
#   --policies "FILES"    yarn/k8s: policy files to ship (default conf/policies/*.conf)
#   --hierarchies DIR     yarn/k8s: folder of hierarchy CSVs to ship (default sample-data/hierarchies)
#   --jar PATH|URI        the application jar (default: the cluster jar, built if missing)
#   --conf KEY=VALUE      extra spark-submit --conf (repeatable)
#   --cores N, --memory M local-cluster: each worker's cores and memory (default 1 and 1g)
#   --workers N           local-cluster: the number of workers (default 1), each with --cores and --memory
#   --dry-run             print the spark-submit command and exit
#   -h, --help            this help
# After --, appi-anon options: --release-id ID, --output DIR, --overwrite, --set KEY=VALUE, ... (see --help of the job).
#
# Examples:
#   scripts/submit.sh local-cluster -- --release-id 2026-11 --output out/releases
#   scripts/submit.sh standalone --master spark://spark-master:7077 -- --release-id 2026-11
#   scripts/submit.sh yarn --conf spark.executor.instances=4 -- --release-id 2026-11 \
#     --output /mnt/appianon/releases --set appianon.quarantine.dir=/mnt/appianon/quarantine \
#     --set appianon.method-store.dir=/mnt/appianon/method-store \
#     --set appianon.inputs.survey=hdfs:///landing/survey.csv --set appianon.inputs.purchases=hdfs:///landing/purchases.csv
#   scripts/submit.sh k8s --master k8s://https://k8s-api:6443 --image registry/spark:4.0.1-java17 \
#     --upload-path s3a://bucket/spark-upload --conf spark.kubernetes.namespace=analytics -- ...as for yarn...
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; }
die() { echo "submit.sh: $*" >&2; exit 2; }

[[ $# -gt 0 ]] || { usage >&2; exit 2; }
MODE="$1"; shift
case "$MODE" in
  local-cluster|standalone|yarn|k8s) ;;
  -h|--help|help) usage; exit 0 ;;
  *) die "unknown mode '$MODE' (local-cluster, standalone, yarn, k8s); see --help" ;;
esac

MASTER="" IMAGE="" UPLOAD="" CONFIG="conf/application.conf" POLICIES="" HIERARCHIES="sample-data/hierarchies"
JAR="" DRY_RUN=false CORES=1 MEMORY=1g WORKERS=1
EXTRA_CONF=() APP_ARGS=()
need() { [[ $# -ge 2 ]] || die "$1 needs a value"; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --master) need "$@"; MASTER="$2"; shift 2 ;;
    --image) need "$@"; IMAGE="$2"; shift 2 ;;
    --upload-path) need "$@"; UPLOAD="$2"; shift 2 ;;
    --config) need "$@"; CONFIG="$2"; shift 2 ;;
    --policies) need "$@"; POLICIES="$2"; shift 2 ;;
    --hierarchies) need "$@"; HIERARCHIES="$2"; shift 2 ;;
    --jar) need "$@"; JAR="$2"; shift 2 ;;
    --conf) need "$@"; EXTRA_CONF+=(--conf "$2"); shift 2 ;;
    --cores) need "$@"; CORES="$2"; shift 2 ;;
    --memory) need "$@"; MEMORY="$2"; shift 2 ;;
    --workers) need "$@"; WORKERS="$2"; shift 2
      [[ "$WORKERS" =~ ^[1-9][0-9]*$ ]] || die "--workers: a positive number, got '$WORKERS'" ;;
    --dry-run) DRY_RUN=true; shift ;;
    -h|--help) usage; exit 0 ;;
    --) shift; APP_ARGS=("$@"); break ;;
    *) die "unknown option '$1' (appi-anon options go after --); see --help" ;;
  esac
done

# --- the jar and Spark's Java 17 flags (jobs/target/launcher/jvm.options, from the parent pom's spark.opens)
if [[ -z "$JAR" ]]; then
  build_if_needed
  shopt -s nullglob
  jars=("$ROOT"/jobs/target/appi-anon-jobs-*-spark.jar)
  if [[ ${#jars[@]} -eq 0 ]]; then
    (cd "$ROOT" && mvn -B -q -DskipTests package) >&2
    jars=("$ROOT"/jobs/target/appi-anon-jobs-*-spark.jar)
  fi
  [[ ${#jars[@]} -eq 1 ]] || die "expected one cluster jar in jobs/target, found: ${jars[*]:-none}"
  JAR="${jars[0]}"
elif [[ ! -f "$LAUNCHER/jvm.options" ]]; then
  build_if_needed
fi
OPENS="$(tr '\n' ' ' < "$LAUNCHER/jvm.options" | sed 's/ *$//')"

SUBMIT_ARGS=(--name appi-anon
  # The per-release random seeds are literals in the query plans: no event log, no UI (the job refuses an event log).
  --conf spark.eventLog.enabled=false --conf spark.ui.enabled=false
  # Spark 4 adds most of these itself; listed explicitly so that a cluster's own defaultJavaOptions cannot drop them.
  --conf "spark.driver.extraJavaOptions=$OPENS" --conf "spark.executor.extraJavaOptions=$OPENS")
PRE_ARGS=()

case "$MODE" in
  local-cluster|standalone)
    [[ "$MODE" == standalone ]] && MASTER="${MASTER:-spark://127.0.0.1:7077}"
    SUBMIT_ARGS+=(--deploy-mode client)
    PRE_ARGS=(--config "$CONFIG")
    ;;
  yarn|k8s)
    if [[ "$MODE" == yarn ]]; then
      MASTER="yarn"
      # A failed anonymization (bad input, privacy model not met) is not worth a blind second attempt.
      SUBMIT_ARGS+=(--deploy-mode cluster --conf spark.yarn.maxAppAttempts=1)
    else
      [[ "$MASTER" == k8s://* ]] || [[ "$DRY_RUN" == true ]] || die "k8s needs --master k8s://https://HOST:PORT"
      [[ -n "$IMAGE" ]] || [[ "$DRY_RUN" == true ]] || die "k8s needs --image IMAGE"
      # spark-submit uploads the local jar and --files there for the driver pod to fetch
      [[ -n "$UPLOAD" ]] || [[ "$DRY_RUN" == true ]] || die "k8s needs --upload-path URI (e.g. s3a://bucket/spark-upload)"
      MASTER="${MASTER:-k8s://https://KUBERNETES-API:6443}"
      SUBMIT_ARGS+=(--deploy-mode cluster --conf "spark.kubernetes.container.image=${IMAGE:-IMAGE}")
      [[ -n "$UPLOAD" ]] && SUBMIT_ARGS+=(--conf "spark.kubernetes.file.upload.path=$UPLOAD")
    fi
    # Ship config, policies and hierarchies; the driver finds them by file name in its working directory.
    [[ -n "$POLICIES" ]] || POLICIES="$(echo conf/policies/*.conf)"
    files=("$CONFIG")
    datasets=()
    for p in $POLICIES; do files+=("$p"); datasets+=("\"$(basename "$p")\""); done
    for h in "$HIERARCHIES"/*.csv; do files+=("$h"); done
    names="$(for f in "${files[@]}"; do basename "$f"; done | sort | uniq -d)"
    [[ -z "$names" ]] || die "files shipped with --files must have distinct names: $names"
    for f in "${files[@]}"; do [[ -f "$f" ]] || die "not a file: $f"; done
    SUBMIT_ARGS+=(--files "$(IFS=,; echo "${files[*]}")")
    PRE_ARGS=(--config "$(basename "$CONFIG")"
      --set "appianon.datasets=[$(IFS=,; echo "${datasets[*]}")]" --set appianon.hierarchies.dir=.)
    # Outputs in the driver container's working directory would vanish with it: insist on shared folders.
    all=" ${APP_ARGS[*]:-} "
    missing=()
    [[ "$all" == *" --output "* || "$all" == *"appianon.release.output="* ]] || missing+=("--output DIR")
    [[ "$all" == *"appianon.quarantine.dir="* ]] || missing+=("--set appianon.quarantine.dir=DIR")
    [[ "$all" == *"appianon.method-store.dir="* ]] || missing+=("--set appianon.method-store.dir=DIR")
    if [[ ${#missing[@]} -gt 0 && "$DRY_RUN" != true ]]; then
      die "in $MODE cluster mode give shared folders mounted on every node after --: ${missing[*]}"
    fi
    [[ "$all" == *"appianon.inputs."* ]] || echo "submit.sh: note: no --set appianon.inputs.<dataset>=URI given;" \
      "the policies' input paths will be resolved on the cluster's default file system" >&2
    ;;
esac

# --- spark-submit: the distribution's, or (local-cluster, standalone) SparkSubmit from the Maven jars
submit_cmd() {
  if [[ -n "${SPARK_HOME:-}" && -x "${SPARK_HOME}/bin/spark-submit" ]]; then
    SUBMIT=("$SPARK_HOME/bin/spark-submit")
  elif [[ "$MODE" == local-cluster || "$MODE" == standalone ]]; then
    # SparkSubmit from the Maven jars (Spark 4.0.1 / Scala 2.13: a standalone cluster must run the same)
    [[ -n "$LOCAL_HOME" ]] || make_local_home
    # The driver runs in this JVM (client mode). APPIANON_SUBMIT_JAVA_OPTS adds options to it, e.g. a GC log.
    # shellcheck disable=SC2206
    SUBMIT=(java -Xmx1g $OPENS ${APPIANON_SUBMIT_JAVA_OPTS:-} -cp "$LOCAL_HOME/jars/*" org.apache.spark.deploy.SparkSubmit)
  elif [[ "$DRY_RUN" == true ]]; then
    SUBMIT=('$SPARK_HOME/bin/spark-submit')
  else
    die "$MODE needs SPARK_HOME: a Spark 4.0.x / Scala 2.13 distribution with the cluster's client configuration"
  fi
}

# --- local-cluster: master and worker on loopback, stopped by pid on exit
LOCAL_DIR="$ROOT/out/local-cluster"
LOCAL_HOME="" MASTER_PID="" WORKER_PIDS=()

# A SPARK_HOME of links to the Maven jars, minus what the cluster jar brings (ours, Config, Lucene), standing for a
# Spark distribution; RELEASE marks the distribution layout, so a worker gives executors jars/*.
make_local_home() {
  LOCAL_HOME="$LOCAL_DIR/spark-home"
  rm -rf "$LOCAL_HOME"
  mkdir -p "$LOCAL_HOME/jars"
  : > "$LOCAL_HOME/RELEASE"
  local jar
  tr ':' '\n' < "$LAUNCHER/classpath.txt" | while read -r jar; do
    case "$(basename "$jar")" in appi-anon-*|config-*.jar|lucene-*.jar) continue ;; esac
    if [[ "$jar" == *.jar ]]; then ln -sf "$jar" "$LOCAL_HOME/jars/"; fi
  done
}

free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  die "no free port found"
}

stop_pid() { # PID: SIGTERM, up to 20 s, then SIGKILL
  local pid="$1"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
  kill -9 "$pid" 2>/dev/null || true
}

stop_local_cluster() {
  local executors=""
  local pid
  for pid in "${WORKER_PIDS[@]}"; do
    executors+=" $(pgrep -P "$pid" || true)"
    stop_pid "$pid"
  done
  for pid in $executors; do stop_pid "$pid"; done
  stop_pid "$MASTER_PID"
  echo "local cluster stopped; logs in $LOCAL_DIR" >&2
}

wait_for() { # LOG PATTERN PID WHAT: up to 120 s
  local log="$1" pattern="$2" pid="$3" what="$4"
  for _ in $(seq 1 240); do
    grep -q "$pattern" "$log" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || die "$what ended; see $log"
    sleep 0.5
  done
  die "$what not up within 120 s; see $log"
}

start_local_cluster() {
  rm -rf "$LOCAL_DIR"
  mkdir -p "$LOCAL_DIR"/{work,local,conf}
  if [[ -n "${SPARK_HOME:-}" ]]; then LOCAL_HOME="$SPARK_HOME"; else make_local_home; fi
  export SPARK_HOME="$LOCAL_HOME" SPARK_CONF_DIR="$LOCAL_DIR/conf" SPARK_SCALA_VERSION=2.13 \
    SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_DIRS="$LOCAL_DIR/local"
  local mport mui wport wui
  mport="$(free_port)" mui="$(free_port)"
  MASTER="spark://127.0.0.1:$mport"
  trap stop_local_cluster EXIT
  # shellcheck disable=SC2086
  java -Xmx256m $OPENS -cp "$LOCAL_HOME/jars/*" org.apache.spark.deploy.master.Master \
    --host 127.0.0.1 --port "$mport" --webui-port "$mui" > "$LOCAL_DIR/master.log" 2>&1 &
  MASTER_PID=$!
  wait_for "$LOCAL_DIR/master.log" "elected leader" "$MASTER_PID" "master"
  local w
  for w in $(seq 1 "$WORKERS"); do
    wport="$(free_port)" wui="$(free_port)"
    mkdir -p "$LOCAL_DIR/work/$w"
    # shellcheck disable=SC2086
    java -Xmx256m $OPENS -cp "$LOCAL_HOME/jars/*" org.apache.spark.deploy.worker.Worker \
      --host 127.0.0.1 --port "$wport" --webui-port "$wui" --cores "$CORES" --memory "$MEMORY" \
      --work-dir "$LOCAL_DIR/work/$w" "$MASTER" > "$LOCAL_DIR/worker-$w.log" 2>&1 &
    WORKER_PIDS+=($!)
    wait_for "$LOCAL_DIR/worker-$w.log" "Successfully registered with master" "$!" "worker $w"
  done
  echo "local cluster: master $MASTER (pid $MASTER_PID), $WORKERS worker(s) (pids ${WORKER_PIDS[*]}), each" \
    "$CORES core(s) and $MEMORY; logs in $LOCAL_DIR" >&2
  SUBMIT_ARGS+=(--conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1)
}

if [[ "$MODE" == local-cluster ]]; then
  if [[ "$DRY_RUN" == true ]]; then
    MASTER="spark://127.0.0.1:PORT" LOCAL_HOME="${SPARK_HOME:-$LOCAL_DIR/spark-home}"
  else
    start_local_cluster
  fi
fi
submit_cmd
CMD=("${SUBMIT[@]}" --master "$MASTER" "${SUBMIT_ARGS[@]}" "${EXTRA_CONF[@]}" --class io.appianon.cli.Main "$JAR"
  "${PRE_ARGS[@]}" "${APP_ARGS[@]}")
if [[ "$DRY_RUN" == true ]]; then
  printf '%s' "${CMD[0]}"; printf ' %q' "${CMD[@]:1}"; echo
  exit 0
fi
echo "submitting to $MASTER: $JAR" >&2
set +e
"${CMD[@]}"
code=$?
set -e
exit "$code"
