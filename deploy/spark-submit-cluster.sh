#!/usr/bin/env bash
# Submit an autolabel run to a Spark standalone or YARN cluster with GPU executors.
# Build the application jar first (on a machine with Maven):  mvn -B -DskipTests -Pgpu package
#   -Pgpu puts ONNX Runtime's CUDA build into the jar; without it every executor runs on CPU (with one log line).
# Usage: deploy/spark-submit-cluster.sh spark://master:7077 conf/gpu-cluster.conf [extra autolabel run options]
#        deploy/spark-submit-cluster.sh yarn conf/gpu-cluster.conf --run-id nightly-2026-11-25
set -euo pipefail
master="${1:?usage: $0 MASTER CONFIG [run options]}"
config="${2:?usage: $0 MASTER CONFIG [run options]}"
shift 2
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="${AUTOLABEL_JAR:-$here/../pipeline-spark/target/autolabel-spark.jar}"

# Sizing (see deploy/README.md): one executor per GPU, TASKS_PER_GPU tasks per GPU at a time (1, or 2 to overlap
# one task's shard start and end with the other's inference), the executor's cores split among those tasks for
# fetch/decode. With 4 GPUs per node and 32 cores: 4 executors x 8 cores.
GPUS_PER_EXECUTOR="${GPUS_PER_EXECUTOR:-1}"
CORES_PER_EXECUTOR="${CORES_PER_EXECUTOR:-8}"
TASKS_PER_GPU="${TASKS_PER_GPU:-1}"
# Each task asks for 1/TASKS_PER_GPU of a GPU (Spark then runs TASKS_PER_GPU tasks on each) ...
task_gpu_amount=$(awk -v n="$TASKS_PER_GPU" 'BEGIN { printf "%.4f", 1 / n }')
# ... and for its share of the cores: its decode threads (execution.decode-threads = 0 uses spark.task.cpus).
task_cpus=$(( CORES_PER_EXECUTOR / (GPUS_PER_EXECUTOR * TASKS_PER_GPU) ))
if (( task_cpus < 1 )); then
  echo "CORES_PER_EXECUTOR=$CORES_PER_EXECUTOR is too few for $GPUS_PER_EXECUTOR GPU(s) x $TASKS_PER_GPU task(s)" >&2
  exit 2
fi

exec spark-submit \
  --master "$master" \
  --deploy-mode client \
  --name "autolabel" \
  --class dev.autolabel.spark.cli.AutolabelCli \
  `# The driver holds no manifest rows: one entry per manifest split and one bit per shard (deploy/README.md).` \
  --driver-memory "${DRIVER_MEMORY:-2g}" \
  --executor-cores "$CORES_PER_EXECUTOR" \
  --executor-memory "${EXECUTOR_MEMORY:-16g}" \
  `# Off-heap room for ONNX Runtime, CUDA and decode buffers (native memory Spark does not see).` \
  --conf spark.executor.memoryOverhead="${EXECUTOR_OVERHEAD:-6g}" \
  `# Ask the cluster manager for GPUs; each executor gets GPUS_PER_EXECUTOR.` \
  --conf spark.executor.resource.gpu.amount="$GPUS_PER_EXECUTOR" \
  `# Script each worker runs to tell Spark which GPUs it has (nvidia-smi based).` \
  --conf spark.executor.resource.gpu.discoveryScript="$here/get-gpus.sh" \
  --files "$here/get-gpus.sh" \
  `# TASKS_PER_GPU tasks per GPU at a time; a task finds its GPU in TaskContext.resources().` \
  --conf spark.task.resource.gpu.amount="$task_gpu_amount" \
  `# The executor's cores are split among its concurrent tasks: they are the tasks' decode threads.` \
  --conf spark.task.cpus="$task_cpus" \
  `# Shards are independent; a slow node's shard is re-run elsewhere and the commit keeps one copy.` \
  --conf spark.speculation=true \
  --conf spark.task.maxFailures=4 \
  "$jar" run --config "$config" --set execution.tasks-per-gpu="$TASKS_PER_GPU" "$@"
