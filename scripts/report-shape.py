#!/usr/bin/env python3
"""Prints a report.json's key paths with their JSON types and, where deterministic, values (one line each), so two
runs' reports can be diffed: `diff <(scripts/report-shape.py a/report.json) <(scripts/report-shape.py b/report.json)`.
Times, ids and the run's clock are shown as their type only. With --keys: also lists keys not in snake_case
(maps keyed by data excepted)."""
import json
import re
import sys

VOLATILE = re.compile(r"(elapsed_seconds|elapsed_millis|created_at|release_id)$")
DATA_KEYED = re.compile(r"\.(levels|floor_levels|loss_by_attribute|intensity_by_attribute|histogram|weights"
                        r"|suppressed_by_reason|quarantined_by_reason|distribution_before|distribution_after"
                        r"|datasets|rows_per_person|[a-z_]*class_sizes|violating_persons_by_itemset_size)$")


def kind(v):
    return {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null",
            int: "integer", float: "number"}[type(v)]


def walk(v, path, out, bad):
    if isinstance(v, dict):
        out.append(f"{path} object")
        for k, x in v.items():
            if not re.fullmatch(r"[a-z][a-z0-9_]*", k) and not DATA_KEYED.search(path):
                bad.append(f"{path}.{k}")
            walk(x, f"{path}.{k}", out, bad)
    elif isinstance(v, list):
        out.append(f"{path} array[{len(v)}]")
        for i, x in enumerate(v):
            walk(x, f"{path}[{i}]", out, bad)
    else:
        shown = "" if VOLATILE.search(path) else " " + json.dumps(v, ensure_ascii=False)
        out.append(f"{path} {kind(v)}{shown}")


args = [a for a in sys.argv[1:] if a != "--keys"]
with open(args[0], encoding="utf-8") as f:
    report = json.load(f)
lines, bad = [], []
walk(report, "$", lines, bad)
print("\n".join(lines))
if "--keys" in sys.argv:
    print("\n".join(["# keys not in snake_case:"] + bad), file=sys.stderr)
