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

# Sizing (see deploy/README.md): one executor per GPU, one task per GPU at a time, a few cores per GPU for
# fetch/decode. With 4 GPUs per node and 32 cores: 4 executors x 8 cores.
GPUS_PER_EXECUTOR="${GPUS_PER_EXECUTOR:-1}"
CORES_PER_EXECUTOR="${CORES_PER_EXECUTOR:-8}"

exec spark-submit \
  --master "$master" \
  --deploy-mode client \
  --name "autolabel" \
  --class dev.autolabel.spark.cli.AutolabelCli \
  --executor-cores "$CORES_PER_EXECUTOR" \
  --executor-memory "${EXECUTOR_MEMORY:-16g}" \
  `# Off-heap room for ONNX Runtime, CUDA and decode buffers (native memory Spark does not see).` \
  --conf spark.executor.memoryOverhead="${EXECUTOR_OVERHEAD:-6g}" \
  `# Ask the cluster manager for GPUs; each executor gets GPUS_PER_EXECUTOR.` \
  --conf spark.executor.resource.gpu.amount="$GPUS_PER_EXECUTOR" \
  `# Script each worker runs to tell Spark which GPUs it has (nvidia-smi based).` \
  --conf spark.executor.resource.gpu.discoveryScript="$here/get-gpus.sh" \
  --files "$here/get-gpus.sh" \
  `# One task per GPU at a time: a task gets the whole GPU; autolabel picks it up from TaskContext.resources().` \
  --conf spark.task.resource.gpu.amount=1 \
  `# All executor cores belong to that one task (its decode threads), not to more concurrent tasks.` \
  --conf spark.task.cpus="$CORES_PER_EXECUTOR" \
  `# Shards are independent; a slow node's shard is re-run elsewhere and the commit keeps one copy.` \
  --conf spark.speculation=true \
  --conf spark.task.maxFailures=4 \
  "$jar" run --config "$config" "$@"
