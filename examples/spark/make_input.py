"""A small input for the Spark job, made from the Giveme5W1H articles in ../shared/data.

    python3 examples/spark/make_input.py OUT_DIR [--data ../shared/data] [--warc N]

Writes, from the 41 Giveme5W1H dev articles (2016 UK/US news, with title, date, outlet, url):
- OUT_DIR/articles-1.jsonl, OUT_DIR/articles-2.jsonl: all but the last N articles, one JSON
  line each (id, url, outlet, published, title, text), split over two files, plus one line cut
  short (not JSON) in the first, which must be reported and skipped;
- OUT_DIR/pages.warc.gz: the last N articles as HTML pages in WARC response records, gzip per
  record as in CC-NEWS, with a warcinfo record, a request record and an image response
  around them (which a reader must skip);
- OUT_DIR/expected.json: the JSON Lines ids and the WARC page urls, for checking the output.
"""

import argparse
import gzip
import html
import json
import os
import uuid


def giveme5w1h(data):
    folder = os.path.join(data, "giveme5w1h", "gold_standard", "data")
    for name in sorted(os.listdir(folder)):
        if name.endswith(".json"):
            a = json.load(open(os.path.join(folder, name), encoding="utf-8"))
            yield {
                "id": "g5w1h-" + a["dId"][:12],
                "url": a["url"],
                "outlet": a["publisher"],
                # One article's date is the string "None": no date.
                "published": None if a["date_publish"] in (None, "None") else a["date_publish"].replace(" ", "T"),
                "title": a["title"],
                "text": a["text"],
            }


def page(article):
    """An HTML page with navigation and a footer around the article's paragraphs."""
    paragraphs = [p.strip() for p in article["text"].split("\n") if p.strip()]
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    title = html.escape(article["title"])
    return (
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
        f"<title>{title}</title>"
        f"<meta property=\"article:published_time\" content=\"{article['published']}\">"
        "</head><body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>"
        f"<article><h1>{title}</h1>\n{body}\n</article>"
        "<footer>All rights reserved. Terms and privacy.</footer></body></html>"
    )


def warc_record(kind, uri, date, content_type, payload):
    head = [
        "WARC/1.0",
        f"WARC-Type: {kind}",
        f"WARC-Record-ID: <urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, kind + uri)}>",
        f"WARC-Date: {date}",
    ]
    if uri:
        head.append(f"WARC-Target-URI: {uri}")
    head += [f"Content-Type: {content_type}", f"Content-Length: {len(payload)}"]
    record = ("\r\n".join(head) + "\r\n\r\n").encode() + payload + b"\r\n\r\n"
    # One gzip member per record, as CC-NEWS writes them; mtime 0 keeps the file the same.
    return gzip.compress(record, mtime=0)


def http_response(content_type, body):
    head = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
    return head.encode() + body


def main():
    p = argparse.ArgumentParser()
    p.add_argument("out")
    p.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "../../../shared/data"))
    p.add_argument("--warc", type=int, default=8, help="articles that go into the WARC file")
    args = p.parse_args()
    os.makedirs(args.out, exist_ok=True)
    articles = list(giveme5w1h(args.data))
    as_lines, as_pages = articles[: -args.warc], articles[-args.warc :]
    half = len(as_lines) // 2
    for name, part in (("articles-1.jsonl", as_lines[:half]), ("articles-2.jsonl", as_lines[half:])):
        with open(os.path.join(args.out, name), "w", encoding="utf-8") as f:
            for i, a in enumerate(part):
                f.write(json.dumps(a, ensure_ascii=False) + "\n")
                if name == "articles-1.jsonl" and i == 3:
                    # A line cut short: reported on stderr and skipped; the others go on.
                    f.write('{"id": "cut-short", "text": "This line ends' + "\n")
    with open(os.path.join(args.out, "pages.warc.gz"), "wb") as f:
        date = "2016-11-20T00:00:00Z"
        f.write(warc_record("warcinfo", "", date, "application/warc-fields", b"software: make_input.py\r\n"))
        for i, a in enumerate(as_pages):
            f.write(warc_record("request", a["url"], date, "application/http; msgtype=request",
                                f"GET / HTTP/1.1\r\nHost: example\r\n\r\n".encode()))
            body = page(a).encode("utf-8")
            f.write(warc_record("response", a["url"], date, "application/http; msgtype=response",
                                http_response("text/html; charset=utf-8", body)))
            if i == 0:
                png = b"\x89PNG\r\n\x1a\n" + bytes(64)
                f.write(warc_record("response", a["url"] + "/logo.png", date,
                                    "application/http; msgtype=response", http_response("image/png", png)))
    expected = {"ids": [a["id"] for a in as_lines], "urls": [a["url"] for a in as_pages]}
    json.dump(expected, open(os.path.join(args.out, "expected.json"), "w"), indent=1)
    print(f"make_input.py: {len(as_lines)} JSON lines, {len(as_pages)} WARC pages in {args.out}")


if __name__ == "__main__":
    main()
