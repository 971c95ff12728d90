package io.appianon.privacy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import io.appianon.hierarchy.Hierarchy;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One end-to-end run of the eight searches {@code scripts/bench-adult.sh --scale N} compares with
 * ARX: read UCI Adult replicated N times, build the frequency table over the 8 quasi-identifiers,
 * and search the optimum for each of {ARX's loss, discernibility} x {k = 5N, 100N} x {0 %, 5 %
 * suppression}. Prints one line per phase ({@code phase <name> <ms>}) and per search ({@code search
 * ...}), so the script can put the phases beside the process's wall and CPU time.
 *
 * <p>Usage: {@code AdultScaleBenchmark <adult.csv> <hierarchy dir> <N> <spark|local>}. {@code
 * spark} builds the table with one Spark aggregation in an embedded {@code local[*]} session (the
 * path every job uses, with the embedded runner's {@code appianon.spark.conf} from {@code
 * conf/application.conf}); {@code local} reads the file on this JVM alone ({@link
 * FrequencyTable#readCsv}), the path for inputs that fit one machine. Test scope only.
 */
public final class AdultScaleBenchmark {
  private AdultScaleBenchmark() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 4 || !List.of("spark", "local").contains(args[3])) {
      System.err.println(
          "usage: AdultScaleBenchmark <adult.csv> <hierarchy dir> <N> <spark|local>");
      System.exit(2);
    }
    Path csv = Path.of(args[0]);
    Path dir = Path.of(args[1]);
    int scale = Integer.parseInt(args[2]);
    boolean spark = args[3].equals("spark");
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    phase("jvm", System.currentTimeMillis() - jvmStart);

    List<QuasiIdentifier> qis = new ArrayList<>();
    for (String n : TestData.ADULT_QIS) {
      Hierarchy h = Hierarchy.fromCsv(n, dir.resolve("adult_hierarchy_" + n + ".csv"), ';');
      qis.add(n.equals("age") ? QuasiIdentifier.numeric(n, h) : QuasiIdentifier.of(n, h));
    }
    long t = System.nanoTime();
    FrequencyTable table;
    SparkSession session = null;
    if (spark) {
      SparkSession.Builder builder =
          SparkSession.builder().master("local[*]").appName("adult-scale-benchmark");
      // the embedded runner's settings as shipped (UI off, 8 shuffle partitions, AQE, ...)
      Config shipped = ConfigFactory.parseFile(new File("conf/application.conf")).resolve();
      for (Map.Entry<String, ConfigValue> e : shipped.getConfig("appianon.spark.conf").entrySet()) {
        builder.config(
            ConfigUtil.splitPath(e.getKey()).get(0), e.getValue().unwrapped().toString());
      }
      session = builder.getOrCreate();
      session.sparkContext().setLogLevel("WARN");
      t = lap("spark-start", t);
      Dataset<Row> adult =
          session.read().option("header", "true").option("sep", ";").csv(csv.toString());
      table = FrequencyTable.build(adult, qis, Optional.of(TestData.ADULT_SENSITIVE));
    } else {
      table = FrequencyTable.readCsv(csv, ';', qis, Optional.of(TestData.ADULT_SENSITIVE));
    }
    t = lap("read+table", t);
    System.out.printf(
        Locale.ROOT, "table %d records, %d combinations%n", table.totalRecords(), table.size());

    LatticeSearch search = new LatticeSearch(table);
    t = lap("lattice-setup", t);
    for (Objective objective : List.of(Objective.LOSS_ARX, Objective.DISCERNIBILITY)) {
      for (int k : new int[] {5 * scale, 100 * scale}) {
        for (double limit : new double[] {0.0, 0.05}) {
          long s = System.nanoTime();
          SearchResult r =
              search.search(new SearchConfig(List.of(new KAnonymity(k)), limit, objective));
          System.out.printf(
              Locale.ROOT,
              "search %s k=%d suppression=%.0f%% levels=%s suppressed=%d evaluated=%d ms=%d%n",
              objective,
              k,
              100 * limit,
              r.levels(),
              r.suppressedRecords(),
              r.nodesEvaluated(),
              (System.nanoTime() - s) / 1_000_000);
        }
      }
    }
    lap("searches", t);
    if (session != null) {
      session.stop();
    }
  }

  private static long lap(String name, long startNanos) {
    long now = System.nanoTime();
    phase(name, (now - startNanos) / 1_000_000);
    return now;
  }

  private static void phase(String name, long ms) {
    System.out.printf(Locale.ROOT, "phase %s %d%n", name, ms);
  }
}
