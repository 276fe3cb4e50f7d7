#!/usr/bin/env bash
# Per-thread JPEG decode: the fast path (libjpeg-turbo through OpenCV, from `autolabel bench --parts decode`) against
# libjpeg-turbo's own tjbench (Debian: libjpeg-turbo-progs) on the same generated images and scales, with ImageIO
# beside it on each JDK. Prints images/s per thread and the fast/tjbench ratio per image and scale.
#
#   bench/decode-vs-tjbench.sh        environment: ROUNDS=5 SECONDS_PER_ROUND=2 JDKS="/usr/lib/jvm/a /usr/lib/jvm/b"
#
# Both sides are single-threaded and write RGB (tjbench -rgb). Two figures per side:
#   wall:  images per wall-clock second, best round (tjbench's "Frame rate"; its Megapixels/s counts full-size
#          pixels even at reduced scales, so it is not used);
#   cpu:   images per second of the process's/thread's own CPU time, which other processes on a busy machine
#          disturb much less (tjbench: frames counted / user+sys time; it decodes one uncounted frame first).
# Rounds alternate the Java run and tjbench and the best of each is kept, so a busy moment biases neither side.
# The Java side runs as a plain JVM that starts no Spark, so any JDK 17+ works (Temurin 25 included).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/pipeline-spark/target/autolabel-spark.jar"
spark_cp="$root/pipeline-spark/target/spark-classpath.txt"
images="${IMAGES_DIR:-$root/target/bench-images}"
rounds="${ROUNDS:-5}"
seconds="${SECONDS_PER_ROUND:-2}"
jdks="${JDKS:-/usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64}"
main_jdk="${jdks%% *}"
other_jdks="${jdks#"$main_jdk"}"

command -v tjbench >/dev/null || { echo "tjbench not found: apt-get install -y libjpeg-turbo-progs" >&2; exit 2; }
if [[ ! -f "$jar" || ! -f "$spark_cp" ]]; then
  (cd "$root" && mvn -B -q -ntp -DskipTests package)
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# JDK, rounds -> TSV: decode image decoder scaling k wall/s prepared/s cpu/s
java_decode() {
  # Spark's jars are only on the classpath for the libraries the CLI shares with it; no Spark class is loaded.
  if ! "$1/bin/java" -cp "$jar:$(cat "$spark_cp")" dev.autolabel.spark.cli.AutolabelCli bench --parts decode --tsv \
      --rounds "$2" --seconds "$seconds" --images-dir "$images" > "$tmp/java.out" 2> "$tmp/java.err"; then
    echo "autolabel bench failed on $1:" >&2
    tail -20 "$tmp/java.err" >&2
    exit 1
  fi
  grep '^decode' "$tmp/java.out"
}

# image, k -> "wall/s cpu/s"
tj_rates() {
  local out cpu
  TIMEFORMAT='%U %S'
  { time tjbench "$1" -scale "1/$2" -rgb -benchtime "$seconds" -warmup 0 -nowrite > "$tmp/tj.out" 2>&1; } 2> "$tmp/tj.time"
  out="$(awk '/Frame rate/ {print $(NF-1)}' "$tmp/tj.out" | tail -1)"
  cpu="$(awk '{print $1 + $2}' "$tmp/tj.time")"
  echo "$out $(echo "($out * ($seconds + 0.5 / $out) + 1) / $cpu" | bc -l)"
}

echo "machine: $(nproc) cores; before: $(uptime | sed 's/.*load average/load average/')"
java_decode "$main_jdk" 1 > "$tmp/java.tsv" # also generates the images when missing
for r in $(seq "$rounds"); do
  java_decode "$main_jdk" 1 >> "$tmp/java.tsv"
  awk -F'\t' '$3 == "fast" {print $2 "\t" $5}' "$tmp/java.tsv" | sort -u | while IFS=$'\t' read -r image k; do
    printf '%s\t%s\t%s\n' "$image" "$k" "$(tj_rates "$images/$image.jpg" "$k" | tr ' ' '\t')" >> "$tmp/tj.tsv"
  done
done
for jdk in $other_jdks; do
  [[ -x "$jdk/bin/java" ]] && java_decode "$jdk" "$rounds" | sed "s|^|$(basename "$jdk")\t|" >> "$tmp/other.tsv"
done
echo "after:  $(uptime | sed 's/.*load average/load average/')"
echo

best() { # file, key columns (awk expr), value column -> key<TAB>max
  awk -F'\t' -v OFS='\t' "{k = $2; if (!(k in m) || \$$3 > m[k]) m[k] = \$$3} END {for (k in m) print k, m[k]}" "$1" | sort
}
best "$tmp/java.tsv" '$2 "|" $3 "|" $5' 6 > "$tmp/jw"
best "$tmp/java.tsv" '$2 "|" $3 "|" $5' 8 > "$tmp/jc"
best "$tmp/tj.tsv" '$1 "|" $2' 3 > "$tmp/tw"
best "$tmp/tj.tsv" '$1 "|" $2' 4 > "$tmp/tc"
[[ -f "$tmp/other.tsv" ]] && best "$tmp/other.tsv" '$1 "|" $3 "|" $4' 7 > "$tmp/ow" && best "$tmp/other.tsv" '$1 "|" $3 "|" $4' 9 > "$tmp/oc"
lookup() { awk -F'\t' -v k="$2" '$1 == k {print $2}' "$1" 2>/dev/null; }

printf '%-16s %-5s | %9s %9s %6s | %9s %9s %6s | %s\n' "" "" "wall img/s" "" "" "CPU img/s" "" "" "ImageIO, full size: wall (CPU) img/s"
printf '%-16s %-5s | %9s %9s %6s | %9s %9s %6s |' image scale tjbench fast ratio tjbench fast ratio
for jdk in $main_jdk $other_jdks; do printf ' %24s' "$(basename "$jdk")"; done
echo
cut -f1 "$tmp/tw" | while read -r key; do
  image="${key%|*}"; k="${key#*|}"
  tw="$(lookup "$tmp/tw" "$key")"; tc="$(lookup "$tmp/tc" "$key")"
  fw="$(lookup "$tmp/jw" "$image|fast|$k")"; fc="$(lookup "$tmp/jc" "$image|fast|$k")"
  printf '%-16s %-5s | %9.1f %9.1f %6.2f | %9.1f %9.1f %6.2f |' "$image" "1/$k" "$tw" "$fw" "$(echo "$fw / $tw" | bc -l)" \
    "$tc" "$fc" "$(echo "$fc / $tc" | bc -l)"
  if [[ "$k" == 1 ]]; then
    printf ' %24s' "$(printf '%.1f (%.1f)' "$(lookup "$tmp/jw" "$image|imageio|1")" "$(lookup "$tmp/jc" "$image|imageio|1")")"
    for jdk in $other_jdks; do
      j="$(basename "$jdk")"
      printf ' %24s' "$(printf '%.1f (%.1f)' "$(lookup "$tmp/ow" "$j|$image|imageio")" "$(lookup "$tmp/oc" "$j|$image|imageio")")"
    done
  fi
  echo
done
