#!/usr/bin/env python3
"""Check that every span in sitrep reports covers its text.

usage: check_spans.py REPORTS.jsonl

For each report, the text spans index is the input file (UTF-8) or, when
article.encoding is not UTF-8, the file decoded from that encoding. Every JSON
object holding integer start/end and a string text must satisfy
text == indexed[start:end] (byte offsets). Prints a summary; exit 1 on any
problem.
"""
import json, sys


def walk(v, out):
    if isinstance(v, dict):
        if isinstance(v.get("start"), int) and isinstance(v.get("end"), int) and isinstance(v.get("text"), str):
            out.append(v)
        for x in v.values():
            walk(x, out)
    elif isinstance(v, list):
        for x in v:
            walk(x, out)


def main():
    problems, reports, spans = 0, 0, 0
    for line in open(sys.argv[1], encoding="utf-8"):
        if not line.strip():
            continue
        r = json.loads(line)
        reports += 1
        art = r["article"]
        raw = open(art["path"], "rb").read()
        enc = art.get("encoding", "UTF-8")
        if enc == "UTF-8":
            data = raw
        elif enc.startswith("UTF-16"):
            data = raw.decode("utf-16").encode("utf-8")
        else:
            data = raw.decode(enc.replace("windows-", "cp").replace("KOI8-", "koi8_")).encode("utf-8")
        found = []
        walk(r, found)
        for s in found:
            spans += 1
            got = data[s["start"]:s["end"]].decode("utf-8", "replace")
            if got != s["text"]:
                problems += 1
                print(f"{art['path']}: {s['start']}..{s['end']} is {got[:40]!r}, text is {s['text'][:40]!r}")
    print(f"{reports} reports, {spans} spans, {problems} problems")
    return 1 if problems or not reports else 0


if __name__ == "__main__":
    sys.exit(main())
