"""Runs trafilatura with its default settings (plus tables, which are on by default) on each
page given and prints one JSON line per page: file, title, published, outlet, url, text."""
import json
import sys

import trafilatura

for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        html = f.read()
    text = trafilatura.extract(html, output_format="txt", include_comments=False, include_tables=True) or ""
    meta = trafilatura.extract_metadata(html)
    get = lambda key: getattr(meta, key, None) if meta is not None else None
    print(json.dumps({
        "file": path,
        "title": get("title"),
        "published": get("date"),
        "outlet": get("sitename"),
        "url": get("url"),
        "text": text,
    }, ensure_ascii=False))
