#!/usr/bin/env bash
# The Spark example end to end: examples/spark/job.py in local[2] mode over a small input made
# from ../shared/data (Giveme5W1H articles as two JSON Lines files and one WARC file), then
# checks of the Parquet it wrote, read back with pyspark.
#
#   bash tests/spark/run.sh
#
# Needs python3 with venv (Debian: python3-venv) and Java 17 or later (Debian:
# openjdk-17-jre-headless); pyspark (pinned below) comes from PyPI into target/spark/venv.
# The binary is the debug build `cargo test --workspace` already made (built here if missing;
# TIDINGS_BIN overrides): on a few dozen articles its speed does not matter, and a release
# build would cost minutes. Everything it writes is under target/spark/; it can run again.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
WORK=$ROOT/target/spark
VENV=$WORK/venv
PYSPARK_VERSION=4.0.1

if ! command -v java >/dev/null 2>&1; then
  echo "tests/spark/run.sh: java is missing (Debian: apt-get install openjdk-17-jre-headless)" >&2
  exit 2
fi
if [ -z "${TIDINGS_BIN:-}" ]; then
  cargo build -q -p tidings
  TIDINGS_BIN=$(cd "${CARGO_TARGET_DIR:-target}" && pwd)/debug/tidings
fi
if ! "$VENV/bin/python" -c "import pyspark, sys; sys.exit(pyspark.__version__ != '$PYSPARK_VERSION')" 2>/dev/null; then
  echo "== pyspark $PYSPARK_VERSION into $VENV" >&2
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "pyspark==$PYSPARK_VERSION"
fi

rm -rf "$WORK/input" "$WORK/out" "$WORK/run"
mkdir -p "$WORK/run"
python3 examples/spark/make_input.py "$WORK/input" --data ../shared/data >&2

# The reference: the same inputs through tidings directly, one process.
# Exit status 1: the line make_input.py cut short is reported, the others come out.
status=0
"$TIDINGS_BIN" extract "$WORK"/input/articles-*.jsonl "$WORK/input/pages.warc.gz" \
  --threads 1 --format jsonl --models models > "$WORK/direct.jsonl" 2> "$WORK/direct.err" || status=$?
if [ "$status" -gt 1 ]; then
  cat "$WORK/direct.err" >&2
  exit 1
fi

echo "== spark-submit --master local[2] examples/spark/job.py" >&2
export SPARK_LOCAL_IP=127.0.0.1
export PYSPARK_PYTHON=$VENV/bin/python PYSPARK_DRIVER_PYTHON=$VENV/bin/python
# Spark writes its scratch files into the current folder: keep them under target/.
if ! (cd "$WORK/run" && "$VENV/bin/spark-submit" --master 'local[2]' \
      --conf spark.ui.enabled=false --conf spark.ui.showConsoleProgress=false \
      "$ROOT/examples/spark/job.py" --tidings "$TIDINGS_BIN" --models "$ROOT/models" \
      --partitions 3 --out "$WORK/out" "$WORK"/input/articles-*.jsonl "$WORK/input/pages.warc.gz" \
      > "$WORK/job.out" 2> "$WORK/job.log"); then
  tail -n 40 "$WORK/job.log" >&2
  echo "tests/spark/run.sh: the Spark job failed (log: $WORK/job.log)" >&2
  exit 1
fi
grep -h '^job.py:' "$WORK/job.out" "$WORK/job.log" >&2 || true

echo "== checking the Parquet output" >&2
(cd "$WORK/run" && "$VENV/bin/python" - "$WORK" 2> "$WORK/check.log" <<'PY') || { tail -n 20 "$WORK/check.log" >&2; exit 1; }
import json, os, sys
from pyspark.sql import SparkSession

work = sys.argv[1]
spark = SparkSession.builder.master("local[1]").config("spark.ui.enabled", "false").getOrCreate()
spark.sparkContext.setLogLevel("ERROR")
articles = spark.read.parquet(os.path.join(work, "out", "articles"))
events = spark.read.parquet(os.path.join(work, "out", "events"))
expected = json.load(open(os.path.join(work, "input", "expected.json")))
direct = [json.loads(l) for l in open(os.path.join(work, "direct.jsonl"))]
plover = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
          "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}

a_rows = articles.collect()
e_rows = events.collect()
ids = {r.article_id for r in a_rows}
urls = {r.url for r in a_rows}
checks = []
def check(name, ok, detail=""):
    checks.append(ok)
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else f": {detail}"))

n_in = len(expected["ids"]) + len(expected["urls"])
check(f"one article row per input article ({n_in})", len(a_rows) == n_in, f"{len(a_rows)} rows")
missing = [i for i in expected["ids"] if i not in ids]
check("every JSON Lines article id is present", not missing, missing)
missing = [u for u in expected["urls"] if u not in urls]
check("every WARC page is present (by url)", not missing, missing)
check("events were written", len(e_rows) > 0, "0 rows")
odd = sorted({r.type for r in e_rows} - plover)
check("every event type is a PLOVER type", not odd, odd)
orphans = sorted({r.article_id for r in e_rows} - ids)
check("every event belongs to an article row", not orphans, orphans)
bad = [r.event_id for r in e_rows if not isinstance(json.loads(r.sources), list)]
check("sources are a JSON list (the chain of sources)", not bad, bad[:5])
got = sorted((r.article_id, r.event_id, r.type, r.cameo, r.status) for r in e_rows)
want = sorted((str(d["article"]["id"]), v["id"], v["type"], v["cameo"], v["status"])
              for d in direct for v in d["events"])
first = next((g, w) for g, w in zip(got + [None], want + [None]) if g != w) if got != want else None
check(f"the events equal a direct `tidings extract` of the same input ({len(want)})",
      got == want, f"{len(got)} vs {len(want)}; first difference (spark, direct): {first}")
same = all(json.loads(r.record)["events"] == next(d["events"] for d in direct if str(d["article"]["id"]) == r.article_id)
           for r in a_rows)
check("each article row keeps its whole record", same)
spark.stop()
failed = checks.count(False)
print(f"spark: {len(checks) - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
