package io.appianon.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appianon.TestProject;
import io.appianon.release.Json;
import io.appianon.testing.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/bench.sh} end to end at a small size (the bundled sample's 3,000 members: the
 * shipped policies keep region and 10-year age bands, which a few hundred members cannot be
 * k-anonymous with, so the job would rightly stop): it generates the data, runs the baseline and
 * the anonymize job and writes the JSON results (wall and CPU time, memory, phases) and the
 * summary. Runs in {@code mvn verify} (failsafe: after the launcher files are written, so the
 * script does not build); skip with {@code -DskipITs}. The timings themselves are not judged here.
 */
class BenchScriptIT {

  @Test
  void benchmarkWritesResultsForBothJobs(@TempDir Path tmp) throws Exception {
    Tools.require(Files.isExecutable(Path.of("/bin/bash")), "/bin/bash");
    Tools.require(Tools.onPath("python3"), "python3 (the benchmark's summary needs it)");
    Tools.require(Tools.onPath("bc"), "bc (the benchmark's summary needs it)");
    Path root = TestProject.root();
    ProcessBuilder pb =
        new ProcessBuilder("/bin/bash", root.resolve("scripts/bench.sh").toString(), "30000")
            .redirectErrorStream(true);
    pb.environment().put("BENCH_DIR", tmp.toString());
    pb.environment().put("RUNS", "1");
    pb.environment().put("APPIANON_JAVA_OPTS", "-Xmx1g");
    Process p = pb.start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(10, TimeUnit.MINUTES), "bench.sh finished");
    assertEquals(0, p.exitValue(), log);

    // the data was generated once into the cache folder: 30000 purchases, 3000 members (plus the
    // deliberately bad rows)
    assertTrue(Files.isRegularFile(tmp.resolve("data/p30000/purchases.csv")), log);
    assertTrue(Files.isRegularFile(tmp.resolve("data/p30000/survey.csv")), log);

    Path json;
    try (Stream<Path> s = Files.list(tmp.resolve("results"))) {
      List<Path> found =
          s.filter(f -> f.getFileName().toString().matches("bench-.*\\.json")).toList();
      assertEquals(1, found.size(), found.toString());
      json = found.get(0);
    }
    Map<String, Object> result = Json.read(json);
    @SuppressWarnings("unchecked")
    Map<String, Object> machine = (Map<String, Object>) result.get("machine");
    assertEquals(
        Runtime.getRuntime().availableProcessors(), ((Number) machine.get("cores")).intValue());
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> runs = (List<Map<String, Object>>) result.get("runs");
    assertEquals(List.of("baseline", "anonymize"), runs.stream().map(r -> r.get("job")).toList());
    for (Map<String, Object> r : runs) {
      assertEquals(30000, ((Number) r.get("purchase_rows")).intValue());
      assertEquals(3000, ((Number) r.get("members")).intValue());
      assertTrue(((Number) r.get("wall_s")).doubleValue() > 0, r.toString());
      assertTrue(((Number) r.get("cpu_s")).doubleValue() > 0, r.toString());
      assertTrue(((Number) r.get("rows_per_s")).doubleValue() > 0, r.toString());
      assertTrue(((Number) r.get("peak_rss_mb")).intValue() > 0, r.toString());
      assertTrue(((Number) r.get("peak_live_heap_mb")).intValue() > 0, r.toString());
      @SuppressWarnings("unchecked")
      Map<String, Object> phases = (Map<String, Object>) r.get("phases");
      assertTrue(
          phases.containsKey("survey.total") && phases.containsKey("purchases.total"),
          phases.toString());
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> anonymizePhases = (Map<String, Object>) runs.get(1).get("phases");
    assertTrue(
        anonymizePhases.keySet().stream().anyMatch(k -> k.equals("purchases.km")),
        "the anonymize job's phases include the k^m count: " + anonymizePhases.keySet());

    String summary = Files.readString(Path.of(json.toString().replaceAll("\\.json$", ".md")));
    assertTrue(summary.contains("| 30,000 | baseline | 1 |"), summary);
    assertTrue(
        summary.matches("(?s).*\\| 30,000 \\| anonymize \\| 1 \\|.*\\| \\d+\\.\\d\\dx \\|.*"),
        summary);
    assertTrue(summary.contains("Ratio within each back-to-back pair"), summary);
    assertTrue(
        summary.matches(
            "(?s).*CPU seconds \\(user \\+ system, medians\\) per million purchase rows: 30,000: "
                + "baseline [0-9.]+, anonymize [0-9.]+ \\([0-9.]+x\\).*"),
        summary);
    assertTrue(
        log.contains(summary.lines().findFirst().orElseThrow()), "the summary is printed too");
    // the release of the anonymize run was written to the scratch folder, not into the project
    assertTrue(Files.isDirectory(tmp.resolve("tmp/out")), log);
  }

  /**
   * {@code scripts/bench-adult.sh --scale 2 --no-arx}: Adult twice over, the eight searches on the
   * light path and on embedded Spark, each in its own JVM; both read the same table and choose the
   * same levels in every search (ARX is not built in CI; its column is compared by hand, see
   * docs/benchmarks.md).
   */
  @Test
  void adultScaleBenchmarkRunsBothPathsToTheSameOptimum(@TempDir Path tmp) throws Exception {
    Tools.require(Files.isExecutable(Path.of("/usr/bin/time")), "/usr/bin/time (GNU time)");
    Path root = TestProject.root();
    ProcessBuilder pb =
        new ProcessBuilder(
                "/bin/bash",
                root.resolve("scripts/bench-adult.sh").toString(),
                "--scale",
                "2",
                "--runs",
                "1",
                "--no-arx")
            .redirectErrorStream(true);
    pb.environment().put("BENCH_DIR", tmp.toString());
    Process p = pb.start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(10, TimeUnit.MINUTES), "bench-adult.sh finished");
    assertEquals(0, p.exitValue(), log);
    // the replicated data: the header and Adult's 30,162 records twice
    assertEquals(1 + 2 * 30162, Files.readAllLines(tmp.resolve("data/adult-x2/adult.csv")).size());
    String md = Files.readString(tmp.resolve("results/adult-x2.md"));
    assertTrue(md.contains("60324 records; k = 10, 200;"), md);
    assertTrue(md.matches("(?s).*\\| 1 \\| local \\| [0-9.]+ \\| [0-9.]+ \\| \\d+ \\|.*"), md);
    assertTrue(md.matches("(?s).*\\| 1 \\| spark \\| [0-9.]+ \\| [0-9.]+ \\| \\d+ \\|.*"), md);
    List<String> searches =
        md.lines().filter(l -> l.matches("\\| (LOSS_ARX|DISCERNIBILITY) .*")).toList();
    assertEquals(8, searches.size(), md);
    for (String row : searches) {
      String[] cells = row.split("\\|");
      // | search | local | spark |: the same levels, and a level for each of the 8 QIs
      assertTrue(cells[2].trim().matches("\\[\\d(, \\d){7}\\]"), row);
      assertEquals(cells[2].trim(), cells[3].trim(), row);
    }
  }
}
