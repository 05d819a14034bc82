"""The seed article's recipe, as a user would write it: multiprocessing.Pool.map over byte ranges of the file.

    python3 wordcount_pool.py FILE OUT.json [PROCESSES] [RANGE_BYTES]

Words are maximal runs of letters or digits (re's [^\\W_]), lower-cased; a line belongs to the range holding
its first byte. Written for benchmarks/e2e.sh, whose generated text has only characters for which this rule and
Java's Character.isLetterOrDigit agree.
"""
import json
import multiprocessing
import os
import re
import sys
from collections import Counter

WORD = re.compile(r"[^\W_]+")


def count_range(args):
    path, start, end = args
    with open(path, "rb") as f:
        if start > 0:
            f.seek(start - 1)
            f.readline()  # the line holding byte start-1 belongs to the range before
        position = f.tell()
        if position >= end:
            return Counter()
        data = f.read(end - position)
        if data and not data.endswith(b"\n"):
            data += f.readline()
    return Counter(WORD.findall(data.decode("utf-8").lower()))


def main():
    path, out = sys.argv[1], sys.argv[2]
    processes = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    step = int(sys.argv[4]) if len(sys.argv) > 4 else 8 << 20
    size = os.path.getsize(path)
    ranges = [(path, s, min(s + step, size)) for s in range(0, size, step)]
    total = Counter()
    with multiprocessing.Pool(processes) as pool:
        for counts in pool.map(count_range, ranges):
            total.update(counts)
    with open(out, "w", encoding="utf-8") as f:
        json.dump(dict(sorted(total.items())), f, ensure_ascii=False)


if __name__ == "__main__":
    main()
