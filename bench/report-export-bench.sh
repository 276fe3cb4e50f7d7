#!/usr/bin/env bash
# Report and export times on a synthetic run (rows written straight with ShardWriter: no images, no models), this
# checkout against an older one (before reports were merged from per-shard partials and exports ran in parallel).
#
#   bench/report-export-bench.sh OLD_CHECKOUT   environment: SHARDS=1000 ROWS=1000 LABELS=1000 YOLO=1 WORK=/tmp/...
#                                               FORMATS="coco labelstudio" REPORT=1
#
# OLD_CHECKOUT: a clone of this repository at the older commit (its bin/autolabel builds its jar). Prints one line
# per step: wall seconds, CPU seconds (user + system, all threads) and peak RSS of the process (GNU time), and checks that old and new exports are the same
# bytes (COCO's date_created blanked). A run already in WORK is reused. Run it under `flock /tmp/autolabel-heavy.lock` on a shared machine.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
old="${1:?usage: $0 OLD_CHECKOUT}"
shards="${SHARDS:-1000}"
rows="${ROWS:-1000}"
labels="${LABELS:-1000}"
work="${WORK:-$(mktemp -d)}"
threads="$(nproc)"
mkdir -p "$work"
steps=0
export AUTOLABEL_JAVA_OPTS="${AUTOLABEL_JAVA_OPTS:--Xmx2g}"

(cd "$root" && mvn -B -q -ntp -o -pl pipeline-spark -am test-compile -DskipTests >/dev/null)
"$root/bin/autolabel" --help >/dev/null   # builds this checkout's jar if needed
"$old/bin/autolabel" --help >/dev/null    # and the old one's
cp="$root/pipeline-spark/target/test-classes:$root/pipeline-spark/target/autolabel-spark.jar:$(cat "$root/pipeline-spark/target/spark-classpath.txt")"

step() { # NAME COMMAND...: runs the command, prints its wall time and peak memory
  local name="$1"; shift
  steps=$((steps + 1))
  /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$@" >"$work/step-$steps.out" 2>"$work/step-$steps.err" \
    || { cat "$work/step-$steps.err" >&2; exit 1; }
  read -r secs kb user sys <"$work/time"
  printf '%-38s %7.1f s wall %7.1f s CPU %6d MB peak RSS\n' "$name" "$secs" "$(echo "$user + $sys" | bc)" "$((kb / 1024))"
}
yolo_content() { # DIR: the index without label paths, then every label file in index order
  (cd "$1" && { cut -d, -f2- images.csv; cut -d, -f1 images.csv | tail -n +2 | xargs cat; } | sha256sum | cut -d' ' -f1)
}
digest() { # FILE: sha256 with COCO's creation date blanked
  sed -E 's/"date_created":"[^"]*"/"date_created":"-"/' "$1" | sha256sum | cut -d' ' -f1
}

echo "[bench] $((shards * rows)) rows in $shards shards, $labels labels; $threads cores; load: $(uptime | sed 's/.*load average: //')"
if [[ -d "$work/out/bench" ]]; then
  echo "[bench] reusing the run in $work/out/bench"
else
  step "write synthetic run" java -cp "$cp" dev.autolabel.spark.bench.SyntheticRunWriter "$work/out" bench "$shards" "$rows" "$labels" 7
fi
run="$work/out/bench"
if [[ "${REPORT:-1}" == 1 ]]; then

step "report, old (one driver thread)" "$old/bin/autolabel" report --run "$run" --out "$work/old.html"
rm -rf "$run/_report"
step "report, no partials (Spark local[1])" "$root/bin/autolabel" report --run "$run" --master 'local[1]' --out "$work/new-1.html"
rm -rf "$run/_report"
step "report, no partials (Spark local[*])" "$root/bin/autolabel" report --run "$run" --out "$work/new-spark.html"
step "report, partials stored" "$root/bin/autolabel" report --run "$run" --out "$work/new.html"
echo "[bench] partials: $(ls "$run/_report" | wc -l) files, $(du -sk "$run/_report" | cut -f1) KB"
cmp -s "$work/new.html" "$work/new-spark.html" && cmp -s "$work/new.html" "$work/new-1.html" \
  && echo "[bench] the three new reports are identical" || { echo "[bench] new reports differ" >&2; exit 1; }
fi

formats="${FORMATS:-coco labelstudio}"
[[ "${YOLO:-1}" == 1 ]] && formats="$formats yolo"
for format in $formats; do
  step "export $format, old (one thread)" "$old/bin/autolabel" export --run "$run" --format "$format" --out "$work/old-$format"
  one_file=(--max-annotations-per-file 1000000000) # old exports are one file: compare like with like
  step "export $format, new (1 thread)" "$root/bin/autolabel" export --run "$run" --format "$format" --threads 1 "${one_file[@]}" --out "$work/one-$format"
  step "export $format, new ($threads threads)" "$root/bin/autolabel" export --run "$run" --format "$format" "${one_file[@]}" --out "$work/new-$format"
  case "$format" in
    coco) a="$(digest "$work/old-coco/coco.json")"; b="$(digest "$work/new-coco/coco.json")"; c="$(digest "$work/one-coco/coco.json")" ;;
    labelstudio) a="$(digest "$work/old-labelstudio/tasks.json")"; b="$(digest "$work/new-labelstudio/tasks.json")"; c="$(digest "$work/one-labelstudio/tasks.json")" ;;
    yolo) a="$(yolo_content "$work/old-yolo")"; b="$(yolo_content "$work/new-yolo")"; c="$(yolo_content "$work/one-yolo")"
          echo "[bench] yolo (new): $(find "$work/new-yolo/labels" -mindepth 1 -maxdepth 1 -type d | wc -l) subfolders of" \
            "labels/, at most $(find "$work/new-yolo/labels" -type f -printf '%h\n' | sort | uniq -c | sort -n | tail -1 | awk '{print $1}') files in a folder" ;;
  esac
  [[ "$a" == "$b" && "$a" == "$c" ]] && echo "[bench] $format: old and new exports have the same content" \
    || { echo "[bench] $format: exports differ" >&2; exit 1; }
  rm -rf "$work/old-$format" "$work/one-$format" "$work/new-$format"
done
echo "[bench] load after: $(uptime | sed 's/.*load average: //')"
