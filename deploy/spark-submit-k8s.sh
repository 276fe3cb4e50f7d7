#!/usr/bin/env bash
# Submit an autolabel run to Kubernetes (cluster mode). The image must contain Spark 4.1 (Scala 2.13), Java 17
# and the application jar at /opt/autolabel/autolabel-spark.jar (built with -Pgpu), plus get-gpus.sh.
# Usage: deploy/spark-submit-k8s.sh k8s://https://API:6443 IMAGE s3://bucket/configs/nightly.conf [run options]
# The config is read by the driver: put it in the image or pass a path mounted from a ConfigMap.
# Sizing (deploy/README.md): one GPU per executor pod, TASKS_PER_GPU tasks on it, cores split among them.
set -euo pipefail
master="${1:?usage: $0 K8S_MASTER IMAGE CONFIG [run options]}"
image="${2:?usage: $0 K8S_MASTER IMAGE CONFIG [run options]}"
config="${3:?usage: $0 K8S_MASTER IMAGE CONFIG [run options]}"
shift 3
CORES_PER_EXECUTOR="${CORES_PER_EXECUTOR:-8}"
TASKS_PER_GPU="${TASKS_PER_GPU:-1}"
task_gpu_amount=$(awk -v n="$TASKS_PER_GPU" 'BEGIN { printf "%.4f", 1 / n }')
task_cpus=$(( CORES_PER_EXECUTOR / TASKS_PER_GPU ))
if (( task_cpus < 1 )); then
  echo "CORES_PER_EXECUTOR=$CORES_PER_EXECUTOR is too few for $TASKS_PER_GPU tasks per GPU" >&2
  exit 2
fi

exec spark-submit \
  --master "$master" \
  --deploy-mode cluster \
  --name autolabel \
  --class dev.autolabel.spark.cli.AutolabelCli \
  --conf spark.kubernetes.container.image="$image" \
  --conf spark.kubernetes.namespace="${NAMESPACE:-autolabel}" \
  --conf spark.kubernetes.authenticate.driver.serviceAccountName="${SERVICE_ACCOUNT:-autolabel}" \
  `# The driver holds no manifest rows: one entry per manifest split and one bit per shard (deploy/README.md).` \
  --conf spark.driver.memory="${DRIVER_MEMORY:-2g}" \
  --conf spark.executor.instances="${EXECUTORS:-4}" \
  --conf spark.executor.cores="$CORES_PER_EXECUTOR" \
  --conf spark.executor.memory="${EXECUTOR_MEMORY:-16g}" \
  --conf spark.executor.memoryOverhead="${EXECUTOR_OVERHEAD:-6g}" \
  `# Request one NVIDIA GPU per executor pod from the device plugin.` \
  --conf spark.executor.resource.gpu.amount=1 \
  --conf spark.executor.resource.gpu.vendor=nvidia.com \
  --conf spark.executor.resource.gpu.discoveryScript=/opt/autolabel/get-gpus.sh \
  `# TASKS_PER_GPU tasks share the pod's GPU; each gets its share of the cores for decoding.` \
  --conf spark.task.resource.gpu.amount="$task_gpu_amount" \
  --conf spark.task.cpus="$task_cpus" \
  `# S3 credentials come from the pod's IAM role (IRSA) through the AWS default provider chain.` \
  --conf spark.kubernetes.driverEnv.AWS_REGION="${AWS_REGION:-us-east-1}" \
  --conf spark.executorEnv.AWS_REGION="${AWS_REGION:-us-east-1}" \
  local:///opt/autolabel/autolabel-spark.jar run --config "$config" --set execution.tasks-per-gpu="$TASKS_PER_GPU" "$@"
