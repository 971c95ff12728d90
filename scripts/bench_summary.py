"""Summarizes a bench/results/bench-*.json file as a Markdown table (median, min, max per size and job)."""
import json
import statistics
import sys

data = json.load(open(sys.argv[1]))
m = data["machine"]
print(f"Machine: {m['cores']} cores, {m['memory_gb']} GB, {m['cpu']}, {m['java']}; JVM {data['java_opts']}\n")
print("| purchase rows | job | runs | median s | min s | max s | rows/s (median) | anonymize / baseline | peak RSS MB | peak live heap MB |")
print("|---|---|---|---|---|---|---|---|---|---|")
sizes = sorted({r["purchase_rows"] for r in data["runs"]})
medians = {}
for n in sizes:
    for job in ("baseline", "anonymize"):
        runs = [r for r in data["runs"] if r["purchase_rows"] == n and r["job"] == job]
        if not runs:
            continue
        walls = [r["wall_s"] for r in runs]
        med = statistics.median(walls)
        medians[(n, job)] = med
        rows = runs[0]["purchase_rows"] + runs[0]["members"]
        ratio = ""
        if job == "anonymize" and (n, "baseline") in medians:
            ratio = f"{med / medians[(n, 'baseline')]:.2f}x"
        print(f"| {n:,} | {job} | {len(runs)} | {med:.1f} | {min(walls):.1f} | {max(walls):.1f} | {rows / med:,.0f} | {ratio} | "
              f"{max(r['peak_rss_mb'] for r in runs)} | {max(r['peak_live_heap_mb'] for r in runs)} |")
if len(sizes) > 1:
    a, b = sizes[0], sizes[-1]
    for job in ("baseline", "anonymize"):
        if (a, job) in medians and (b, job) in medians:
            print(f"\n{job}: {b // a}x the rows took {medians[(b, job)] / medians[(a, job)]:.1f}x the time.")
