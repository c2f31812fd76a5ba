#!/usr/bin/env python3
"""Builds samples/crawl.warc.gz from the pages in samples/pages/.

A small but realistic WARC 1.1 file, one gzip member per record as Common Crawl publishes it:
a warcinfo record, then for each page a request, a response and a metadata record; one page
is served with chunked transfer-encoding and gzip content-encoding; one response is an image
(not a document). Deterministic: fixed dates and record ids. Python standard library only.
"""
import gzip
import io
import os
import uuid
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
PAGES = os.path.join(HERE, "..", "samples", "pages")
OUT = os.path.join(HERE, "..", "samples", "crawl.warc.gz")

SITES = {
    "ar-news-water.html": "https://news.example.org/ar/2024/03/water-plant",
    "ar-news-water-syndicated.html": "https://gulf-portal.example.net/local/2024/03/14/desalination",
    "en-news-library.html": "https://riverside-courier.example.com/news/library-reopens",
    "en-news-library-copy.html": "https://valley-post.example.com/local/historic-library",
    "fa-news-book-fair.html": "https://farhang.example.ir/news/book-fair",
    "en-home-listing.html": "https://riverside-courier.example.com/",
    "en-spam-keywords.html": "https://cheap-stuff.example.biz/",
}

counter = [0]


def record_id():
    counter[0] += 1
    return "<urn:uuid:%s>" % uuid.UUID(int=0x6768697262616C << 64 | counter[0])


def warc_record(wtype, headers, payload):
    lines = ["WARC/1.1", "WARC-Type: " + wtype, "WARC-Record-ID: " + record_id(),
             "WARC-Date: 2024-06-01T12:00:%02dZ" % (counter[0] % 60)]
    lines += ["%s: %s" % kv for kv in headers]
    lines.append("Content-Length: %d" % len(payload))
    head = ("\r\n".join(lines) + "\r\n\r\n").encode()
    raw = head + payload + b"\r\n\r\n"
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as gz:
        gz.write(raw)
    return buf.getvalue()


def chunked(body, size=700):
    out = b""
    for i in range(0, len(body), size):
        part = body[i:i + size]
        out += b"%x\r\n" % len(part) + part + b"\r\n"
    return out + b"0\r\n\r\n"


def main():
    members = [warc_record("warcinfo", [("Content-Type", "application/warc-fields")],
                           b"software: ghirbal sample builder\r\nformat: WARC File Format 1.1\r\n")]
    for i, (name, url) in enumerate(sorted(SITES.items())):
        with open(os.path.join(PAGES, name), "rb") as f:
            body = f.read()
        host = url.split("/")[2]
        request = ("GET /%s HTTP/1.1\r\nHost: %s\r\nUser-Agent: ghirbal-sample\r\n\r\n"
                   % (url.split("/", 3)[3] if url.count("/") > 2 else "", host)).encode()
        members.append(warc_record("request", [("WARC-Target-URI", url), ("Content-Type", "application/http; msgtype=request")], request))
        headers = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
        payload = body
        if i == 1:  # one page served gzip-compressed and chunked, as servers often do
            payload = chunked(gzip.compress(body, mtime=0))
            headers += "Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n"
        else:
            headers += "Content-Length: %d\r\n" % len(body)
        http = (headers + "\r\n").encode() + payload
        members.append(warc_record("response", [("WARC-Target-URI", url), ("Content-Type", "application/http; msgtype=response")], http))
        members.append(warc_record("metadata", [("WARC-Target-URI", url), ("Content-Type", "application/warc-fields")], b"fetchTimeMs: 120\r\n"))
    png = b"\x89PNG\r\n\x1a\n" + bytes(64)
    http = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: %d\r\n\r\n" % len(png) + png
    members.append(warc_record("response", [("WARC-Target-URI", "https://news.example.org/logo.png"), ("Content-Type", "application/http; msgtype=response")], http))
    with open(OUT, "wb") as f:
        for m in members:
            f.write(m)
    print("wrote %s (%d records)" % (os.path.relpath(OUT), len(members)))


if __name__ == "__main__":
    main()
