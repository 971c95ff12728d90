"""Prints, as one JSON object, the seconds each phase of a benchmarked run took, from the run's log.

The anonymize job logs one progress line per dataset and phase, ending in "(<seconds> s)"; the baseline logs one line
per dataset. Keys are "<dataset>.<phase>", e.g. "survey.read", "purchases.km", "purchases.write", plus "job" (the job's
own total, without starting the JVM). A log without such lines gives {}.

Usage: bench_phases.py LOG
"""
import json
import re
import sys

# (phase, pattern after "[dataset] ") for the anonymize job's progress lines
PHASES = [
    ("read", r"read \d+ rows from .*\((\d+(?:\.\d+)?) s\)$"),
    ("techniques", r"techniques applied to .*\((\d+(?:\.\d+)?) s\)$"),
    ("km", r"k\^m-anonymity: .*\((\d+(?:\.\d+)?) s\)$"),
    ("privacy", r"privacy stage: .*\((\d+(?:\.\d+)?) s\)$"),
    ("write", r"written to staging \((\d+(?:\.\d+)?) s\)$"),
    ("total", r"published \d+ rows, .*\((\d+(?:\.\d+)?) s\)$"),
    ("total", r"read and written in (\d+(?:\.\d+)?) s$"),
]
LINE = re.compile(r"\[([\w.-]+)\] (.*)$")
JOB = re.compile(r"(?:published release .* in|baseline copy done in) (\d+(?:\.\d+)?) s")


def phases(lines):
    out = {}
    for line in lines:
        line = line.rstrip()
        m = JOB.search(line)
        if m:
            out["job"] = float(m.group(1))
            continue
        m = LINE.search(line)
        if not m:
            continue
        dataset, rest = m.groups()
        for phase, pattern in PHASES:
            p = re.search(pattern, rest)
            if p:
                out[f"{dataset}.{phase}"] = float(p.group(1))
                break
    return out


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8", errors="replace") as f:
        print(json.dumps(phases(f)))
