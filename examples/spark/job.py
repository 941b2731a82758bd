"""Tidings on Apache Spark: articles in, tidings/1 records out, written as Parquet.

    spark-submit examples/spark/job.py --out OUT [--tidings BIN] [--models DIR]
        [--partitions N] [--kind auto|jsonl|warc] INPUT...

INPUT: JSON Lines files of articles (one article per line, as `tidings extract -` reads them),
WARC files (.warc, .warc.gz), or folders and globs of them; any path Spark can read for JSON
Lines, a path every executor can open for WARC (see README.md).

- JSON Lines: the lines are spread over N partitions and each partition is piped through
  `tidings extract - --threads 1` (RDD.pipe): one process per partition, one record per line.
- WARC: a WARC file is a stream of gzip members, not lines, so the partitions hold the *paths*
  and a small shell loop runs `tidings extract PATH --threads 1` for each path it is given.
  One file is one task's work; split a crawl into many files (CC-NEWS files are ~1 GB each).

Spark gives each task one core, so each tidings process runs one worker thread (--threads 1);
parallelism comes from the partitions. A bad article is reported on the task's stderr (the
executor log) and skipped; the other records of its partition still come through.

OUT/articles: one row per record (article id, url, outlet, published, title, counts, and the
whole record as a JSON string). OUT/events: one row per event, flat (see EVENT_SCHEMA).
"""

import argparse
import json
import os
import shlex
import sys

from pyspark import StorageLevel
from pyspark.sql import SparkSession
from pyspark.sql.types import (
    ArrayType,
    DoubleType,
    IntegerType,
    LongType,
    StringType,
    StructField,
    StructType,
)

ARTICLE_SCHEMA = StructType(
    [
        StructField("article_id", StringType(), False),
        StructField("url", StringType(), True),
        StructField("outlet", StringType(), True),
        StructField("published", StringType(), True),
        StructField("title", StringType(), True),
        StructField("characters", LongType(), False),
        StructField("sentences", IntegerType(), False),
        StructField("times", IntegerType(), False),
        StructField("entities", IntegerType(), False),
        StructField("events", IntegerType(), False),
        StructField("record", StringType(), False),
    ]
)

EVENT_SCHEMA = StructType(
    [
        StructField("article_id", StringType(), False),
        StructField("event_id", StringType(), False),
        StructField("type", StringType(), True),
        StructField("mode", StringType(), True),
        StructField("cameo", StringType(), True),
        StructField("status", StringType(), True),
        StructField("trigger", StringType(), True),
        StructField("actors", ArrayType(StringType()), False),
        StructField("actor_codes", ArrayType(StringType()), False),
        StructField("recipients", ArrayType(StringType()), False),
        StructField("recipient_codes", ArrayType(StringType()), False),
        StructField("date", StringType(), True),
        StructField("place", StringType(), True),
        StructField("place_country", StringType(), True),
        StructField("lat", DoubleType(), True),
        StructField("lon", DoubleType(), True),
        StructField("confidence", DoubleType(), True),
        StructField("quote", StringType(), True),
        # The chain of sources, nearest first: [{"entity", "text", "cue", "start", "end"}].
        StructField("sources", StringType(), False),
        StructField("evidence", ArrayType(StringType()), False),
        StructField("outlet", StringType(), True),
        StructField("published", StringType(), True),
        StructField("url", StringType(), True),
    ]
)


def extract_command(tidings, models, inputs_on_stdin):
    """The command RDD.pipe runs once per partition.

    `tidings extract` exits 1 when some articles failed (each reported on stderr) and 2 when
    nothing could be done (no models, bad flags). PySpark's pipe(checkCode=True) fails the task
    on any non-zero status, so a shell wrapper lets 1 through: one bad article must not fail,
    and retry, a whole partition. PySpark runs the command without a shell and with an empty
    environment, hence `sh -c` and the explicit --models.
    """
    flags = ["--threads", "1", "--format", "jsonl", "--models", models]
    if inputs_on_stdin:
        # JSON Lines on stdin.
        script = '"$0" extract - "$@"; s=$?; [ "$s" -le 1 ] || exit "$s"'
    else:
        # One WARC (or JSON Lines) path per line on stdin.
        script = (
            'while IFS= read -r p; do "$0" extract "$p" "$@"; s=$?; '
            '[ "$s" -le 1 ] || exit "$s"; done'
        )
    return " ".join(shlex.quote(a) for a in ["sh", "-c", script, tidings] + flags)


def article_row(record):
    a = record["article"]
    return (
        str(a["id"]),
        a.get("url"),
        a.get("outlet"),
        a.get("published"),
        a.get("title"),
        len(a["text"]),
        len(record["sentences"]),
        len(record["times"]),
        len(record["entities"]),
        len(record["events"]),
        json.dumps(record, ensure_ascii=False, separators=(",", ":")),
    )


def event_rows(record):
    a = record["article"]
    entities = {e["id"]: e for e in record["entities"]}

    def names(ids):
        return [entities[i]["name"] for i in ids if i in entities]

    def codes(ids):
        return [entities[i].get("code") or "" for i in ids if i in entities]

    for v in record["events"]:
        place = entities.get(v.get("location")) if v.get("location") else None
        geo = (place or {}).get("geo") or {}
        yield (
            str(a["id"]),
            v["id"],
            v.get("type"),
            v.get("mode"),
            v.get("cameo"),
            v.get("status"),
            (v.get("trigger") or {}).get("text"),
            names(v.get("actors", [])),
            codes(v.get("actors", [])),
            names(v.get("recipients", [])),
            codes(v.get("recipients", [])),
            v.get("date"),
            place["name"] if place else None,
            place.get("country") if place else None,
            geo.get("lat"),
            geo.get("lon"),
            v.get("confidence"),
            v.get("quote"),
            json.dumps(v.get("attribution", []), ensure_ascii=False, separators=(",", ":")),
            [e["text"] for e in v.get("evidence", [])],
            a.get("outlet"),
            a.get("published"),
            a.get("url"),
        )


def expand(spark, inputs):
    """Folders and globs to file paths (local or any Hadoop file system)."""
    jvm = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    paths = []
    for given in inputs:
        path = jvm.org.apache.hadoop.fs.Path(given)
        fs = path.getFileSystem(conf)
        for status in fs.globStatus(path) or []:
            if status.isDirectory():
                for child in fs.listStatus(status.getPath()):
                    if child.isFile():
                        paths.append(child.getPath().toString())
            else:
                paths.append(status.getPath().toString())
    return sorted(paths)


def is_warc(path):
    name = path.lower()
    return name.endswith((".warc", ".warc.gz", ".warc.gzip"))


def local_path(path):
    """A WARC path as the executors' `tidings` opens it: file:/x is /x."""
    return path[len("file:") :] if path.startswith("file:") else path


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("inputs", nargs="+")
    p.add_argument("--out", required=True, help="output folder (OUT/articles, OUT/events)")
    p.add_argument(
        "--tidings",
        default=os.environ.get("TIDINGS_BIN", "tidings-dist/bin/tidings"),
        help="the tidings binary as executors see it (default: $TIDINGS_BIN, else "
        "tidings-dist/bin/tidings, where --archives tidings-dist.tar.gz#tidings-dist puts it)",
    )
    p.add_argument(
        "--models",
        default=os.environ.get("TIDINGS_MODELS", "tidings-dist/models"),
        help="the models folder as executors see it (default: $TIDINGS_MODELS, else "
        "tidings-dist/models)",
    )
    p.add_argument("--partitions", type=int, default=0, help="default: Spark's parallelism")
    p.add_argument("--kind", choices=["auto", "jsonl", "warc"], default="auto")
    args = p.parse_args(argv)

    spark = SparkSession.builder.appName("tidings").getOrCreate()
    sc = spark.sparkContext
    partitions = args.partitions or sc.defaultParallelism
    paths = expand(spark, args.inputs)
    if not paths:
        sys.exit(f"job.py: no input files in {args.inputs}")
    warcs = [x for x in paths if args.kind == "warc" or (args.kind == "auto" and is_warc(x))]
    jsonl = [x for x in paths if x not in warcs]

    piped = []
    if jsonl:
        lines = sc.textFile(",".join(jsonl)).filter(lambda line: line.strip())
        command = extract_command(args.tidings, args.models, inputs_on_stdin=True)
        piped.append(lines.repartition(partitions).pipe(command, checkCode=True))
    if warcs:
        files = sc.parallelize([local_path(x) for x in warcs], min(partitions, len(warcs)))
        command = extract_command(args.tidings, args.models, inputs_on_stdin=False)
        piped.append(files.pipe(command, checkCode=True))
    records = piped[0] if len(piped) == 1 else sc.union(piped)
    # Both tables read the records: keep them (spilling to disk) rather than extract twice.
    records = records.persist(StorageLevel.MEMORY_AND_DISK).map(json.loads)

    articles = spark.createDataFrame(records.map(article_row), ARTICLE_SCHEMA)
    events = spark.createDataFrame(records.flatMap(event_rows), EVENT_SCHEMA)
    articles.write.mode("overwrite").parquet(os.path.join(args.out, "articles"))
    events.write.mode("overwrite").parquet(os.path.join(args.out, "events"))
    written = [spark.read.parquet(os.path.join(args.out, t)).count() for t in ("articles", "events")]
    print(f"job.py: {written[0]} records, {written[1]} events -> {args.out}", file=sys.stderr)
    spark.stop()


if __name__ == "__main__":
    main()
