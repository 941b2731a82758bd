#!/usr/bin/env bash
# The end-to-end test of the page: ingest sample articles into a fresh store, start
# `tidings serve` on a free port, drive the page in headless Chromium (tests/e2e/page.cjs), and
# keep a screenshot under target/e2e/. Needs: chromium (Debian's), node, and
# `npm ci` run in tests/e2e (.ci/run does both).
set -euo pipefail
cd "$(dirname "$0")/../.."

target="${CARGO_TARGET_DIR:-target}"
out=target/e2e
mkdir -p "$out"
rm -f "$out"/store.db* "$out"/serve.log

cargo build -p tidings
tidings="$target/debug/tidings"

# The store: the bundled samples, and the Giveme5W1H articles (several outlets telling the same
# stories, so events are fused and the timeline has days), made JSONL by node.
node tests/e2e/giveme5w1h.cjs ../shared/data/giveme5w1h/gold_standard/data > "$out/giveme5w1h.jsonl"
"$tidings" ingest samples/articles.jsonl "$out/giveme5w1h.jsonl" --db "$out/store.db"

"$tidings" serve --db "$out/store.db" --addr 127.0.0.1:0 2> "$out/serve.log" &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT
url=""
for _ in $(seq 1 100); do
  url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$out/serve.log" || true)
  [ -n "$url" ] && break
  if ! kill -0 "$server" 2>/dev/null; then
    cat "$out/serve.log" >&2
    echo "tests/e2e/run.sh: tidings serve exited" >&2
    exit 1
  fi
  sleep 0.1
done
if [ -z "$url" ]; then
  echo "tests/e2e/run.sh: tidings serve did not start in 10 s" >&2
  exit 1
fi

TIDINGS_URL="$url" TIDINGS_SCREENSHOTS="$out" node tests/e2e/page.cjs
