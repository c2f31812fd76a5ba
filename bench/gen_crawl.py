#!/usr/bin/env python3
"""Generates a crawl for whole-run benchmarks: a .warc.gz (one gzip member per record, as
Common Crawl) of HTML responses, each with its request and metadata records.

By default the pages are built from samples/pages/, each given fresh paragraphs so documents
differ. With --pages DIR the pages of DIR (.html or .html.gz, e.g. the extraction benchmark's
real pages in ../shared/data/extraction-dev/html) are used as they are, in name order and then
again under other URLs until SIZE_MB is reached: later rounds are exact duplicates.

usage: gen_crawl.py OUT.warc.gz SIZE_MB [--seed N] [--pages DIR]
SIZE_MB is the uncompressed WARC size to reach. Deterministic for a given seed.
"""
import gzip
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PAGES = os.path.join(HERE, "..", "samples", "pages")

WORDS_EN = ("the city council library market street water energy school children families residents "
            "project building report minister government economy growth price week year plan new "
            "said would could public local national service support cost people time work").split()
WORDS_AR = ("المدينة المجلس المشروع المياه الطاقة المدرسة الأطفال السكان الحكومة الاقتصاد الأسعار "
            "الأسبوع العام الخطة الجديدة قال إن في من على إلى أن مع هذا التي كان بين بعد").split()


def paragraph(rng, words, n):
    return " ".join(rng.choice(words) for _ in range(n)).capitalize() + "."


def main():
    out, size_mb = sys.argv[1], int(sys.argv[2])
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 1
    rng = random.Random(seed)
    real = sys.argv[sys.argv.index("--pages") + 1] if "--pages" in sys.argv else None
    pages = []
    for name in sorted(os.listdir(real or PAGES)):
        path = os.path.join(real or PAGES, name)
        if real:
            with open(path, "rb") as f:
                data = f.read()
            pages.append((name, gzip.decompress(data) if name.endswith(".gz") else data))
        else:
            with open(path, encoding="utf-8") as f:
                pages.append((name, f.read()))
    target = size_mb << 20
    written = 0
    i = 0
    with open(out, "wb") as f:
        while written < target:
            name, html = pages[i % len(pages)]
            if real:
                body = html  # as crawled: its own charset, declared in the page or not
                content_type = b"text/html"
            else:
                words = WORDS_AR if name.startswith(("ar", "fa")) else WORDS_EN
                extra = "".join("<p>%s</p>\n" % paragraph(rng, words, rng.randint(30, 90)) for _ in range(rng.randint(5, 40)))
                body = html.replace("</article>", extra + "</article>", 1).encode()
                content_type = b"text/html; charset=utf-8"
            url = "https://site%d.example.org/page/%d" % (i % 997, i)
            http = b"HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n" % (content_type, len(body)) + body
            for wtype, payload in (("request", b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"), ("response", http), ("metadata", b"fetchTimeMs: 10\r\n")):
                head = ("WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%08x-0000-4000-8000-%012x>\r\n"
                        "WARC-Date: 2024-06-01T00:00:00Z\r\nWARC-Target-URI: %s\r\nContent-Type: application/http\r\n"
                        "Content-Length: %d\r\n\r\n" % (wtype, i, len(payload), url, len(payload))).encode()
                record = head + payload + b"\r\n\r\n"
                f.write(gzip.compress(record, compresslevel=1, mtime=0))
                written += len(record)
            i += 1
    print("wrote %s: %d pages, %.0f MB uncompressed" % (out, i, written / 1e6))


if __name__ == "__main__":
    main()
