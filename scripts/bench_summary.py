"""Summarizes a bench/results/bench-*.json file as Markdown: wall time per size and job (median, min, max), CPU time
(when the runs recorded it), the anonymize/baseline ratio, how the time grows with the rows, and (when the runs
recorded them) where the time went."""
import json
import statistics
import sys

data = json.load(open(sys.argv[1]))
m = data["machine"]
print(f"Machine: {m['cores']} cores, {m['memory_gb']} GB, {m['cpu']}, {m['java']}; JVM {data['java_opts']}\n")
print("| purchase rows | job | runs | median s | min s | max s | CPU s (median) | rows/s (median) | anonymize / baseline"
      " | peak RSS MB | peak live heap MB |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
sizes = sorted({r["purchase_rows"] for r in data["runs"]})


def runs_of(n, job):
    return sorted((r for r in data["runs"] if r["purchase_rows"] == n and r["job"] == job), key=lambda r: r["run"])


medians = {}
cpu_medians = {}
for n in sizes:
    for job in ("baseline", "anonymize"):
        runs = runs_of(n, job)
        if not runs:
            continue
        walls = [r["wall_s"] for r in runs]
        med = statistics.median(walls)
        medians[(n, job)] = med
        cpus = [r["cpu_s"] for r in runs if "cpu_s" in r]
        cpu = ""
        if cpus:
            cpu_medians[(n, job)] = statistics.median(cpus)
            cpu = f"{cpu_medians[(n, job)]:.1f}"
        rows = runs[0]["purchase_rows"] + runs[0]["members"]
        ratio = ""
        if job == "anonymize" and (n, "baseline") in medians:
            ratio = f"{med / medians[(n, 'baseline')]:.2f}x"
        print(f"| {n:,} | {job} | {len(runs)} | {med:.1f} | {min(walls):.1f} | {max(walls):.1f} | {cpu} | {rows / med:,.0f} | {ratio} | "
              f"{max(r['peak_rss_mb'] for r in runs)} | {max(r['peak_live_heap_mb'] for r in runs)} |")

# Each anonymize run follows its baseline run directly: the ratio within a pair is the least disturbed by a machine
# whose speed drifts over minutes.
pairs = []
for n in sizes:
    base = {r["run"]: r["wall_s"] for r in runs_of(n, "baseline")}
    ratios = [r["wall_s"] / base[r["run"]] for r in runs_of(n, "anonymize") if r["run"] in base]
    if ratios:
        pairs.append(f"{n:,}: " + ", ".join(f"{x:.2f}x" for x in ratios)
                     + (f" (median {statistics.median(ratios):.2f}x)" if len(ratios) > 1 else ""))
if pairs:
    print("\nRatio within each back-to-back pair (baseline, then anonymize): " + "; ".join(pairs) + ".")

# CPU time (user + system) is what the work costs in core-seconds: on a cluster it divides over the executors' cores.
cpu_lines = []
for n in sizes:
    if (n, "baseline") in cpu_medians and (n, "anonymize") in cpu_medians:
        b, a = cpu_medians[(n, "baseline")], cpu_medians[(n, "anonymize")]
        cpu_lines.append(f"{n:,}: baseline {b / (n / 1e6):.1f}, anonymize {a / (n / 1e6):.1f} ({a / b:.2f}x)")
if cpu_lines:
    print("\nCPU seconds (user + system, medians) per million purchase rows: " + "; ".join(cpu_lines) + ".")

if len(sizes) > 1:
    a, b = sizes[0], sizes[-1]
    print()
    for job in ("baseline", "anonymize"):
        if (a, job) in medians and (b, job) in medians:
            steps = []
            for x, y in zip(sizes, sizes[1:]):
                if (x, job) in medians and (y, job) in medians:
                    per_million = (medians[(y, job)] - medians[(x, job)]) / ((y - x) / 1e6)
                    steps.append(f"{per_million:.1f} s per million purchase rows from {x:,} to {y:,}")
            print(f"- {job}: {b // a}x the rows took {medians[(b, job)] / medians[(a, job)]:.1f}x the time; "
                  + "; ".join(steps) + ".")

# Where the time went at the largest size (medians over its runs), from the jobs' progress lines.
n = sizes[-1]
phased = {job: [r.get("phases", {}) for r in runs_of(n, job)] for job in ("baseline", "anonymize")}
if any(phased["anonymize"]):
    keys = []
    for p in phased["anonymize"]:
        keys += [k for k in p if k not in keys]
    print(f"\nWhere the time went at {n:,} purchase rows (median s over the runs; anonymize phases from its progress"
          " lines, baseline per dataset):\n")
    print("| dataset | phase | anonymize s | baseline s |")
    print("|---|---|---|---|")
    for k in keys:
        dataset, _, phase = k.partition(".")
        if not phase:
            continue
        values = [p[k] for p in phased["anonymize"] if k in p]
        # the baseline has one phase per dataset: its total
        base = [p[k] for p in phased["baseline"] if k in p]
        print(f"| {dataset} | {phase} | {statistics.median(values):.1f} | "
              + (f"{statistics.median(base):.1f} |" if base else "|"))
    jobs = {job: [p["job"] for p in phased[job] if "job" in p] for job in phased}
    if jobs["anonymize"] and jobs["baseline"]:
        print(f"| (job, without JVM start) | total | {statistics.median(jobs['anonymize']):.1f} | "
              f"{statistics.median(jobs['baseline']):.1f} |")
