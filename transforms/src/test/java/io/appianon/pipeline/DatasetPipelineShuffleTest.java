package io.appianon.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.appianon.core.Conf;
import io.appianon.core.Origin;
import io.appianon.hierarchy.HierarchyResolver;
import io.appianon.policy.DatasetPolicy;
import io.appianon.policy.PolicyLoader;
import io.appianon.technique.TechniqueContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The pipeline's record shuffle (policy flag shuffle-records): output order reveals nothing of
 * input order.
 */
class DatasetPipelineShuffleTest {

  private static final int N = 2000;

  private static SparkSession spark() {
    return SparkSession.builder()
        .master("local[2]")
        .appName("pipeline-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate();
  }

  private static DatasetPolicy policy(boolean shuffle) {
    String hocon =
        """
        dataset {
          name = members
          input { path = "members.csv" }
          columns = [
            { name = id, type = int, role = attribute, category { ja = "登録番号", en = "Registration number" } }
            { name = band, role = quasi-identifier, category { ja = "区分", en = "Band" } }
          ]
          transforms = []
          privacy { k = 2, quasi-identifiers = [ { column = band, hierarchy = none, level = 0 } ] }
          shuffle-records = %s
        }
        """
            .formatted(shuffle);
    return PolicyLoader.parse(
        new Conf(ConfigFactory.parseString(hocon), new Origin("test-policy.conf", "")),
        new HierarchyResolver(Path.of("target", "no-hierarchies")));
  }

  /** Records in registration order: ids 1..N, in order across 2 input partitions. */
  private static Dataset<Row> registrationOrder() {
    return spark()
        .range(1, N + 1, 1, 2)
        .selectExpr("cast(id as int) id", "concat('b', cast(id % 4 as string)) band");
  }

  /**
   * Spearman correlation between each record's input position (its id) and its position in the
   * output.
   */
  private static double orderCorrelation(DatasetPolicy policy) {
    PipelineResult r =
        new DatasetPipeline(policy)
            .run(registrationOrder(), new TechniqueContext(Optional.empty(), 20260401L));
    try {
      List<Row> out = r.output().collectAsList();
      assertEquals(N, out.size());
      assertEquals(N, r.published());
      if (policy.shuffleRecords()) {
        double up = ascendingNeighbours(out);
        assertTrue(up > 0.45 && up < 0.55, "ascending neighbours: " + up);
      }
      return spearman(out);
    } finally {
      r.cleanup().run();
    }
  }

  /**
   * Spearman correlation between each output record's id (its input position) and its output
   * position.
   */
  private static double spearman(List<Row> out) {
    double[] inputPosition = new double[out.size()];
    double[] outputPosition = new double[out.size()];
    for (int i = 0; i < out.size(); i++) {
      inputPosition[i] = out.get(i).getInt(0);
      outputPosition[i] = i;
    }
    return new SpearmansCorrelation().correlation(inputPosition, outputPosition);
  }

  /**
   * The share of neighbouring output records whose ids ascend: about 1/2 in a random order, near 1
   * where runs of records keep their input order (which a correlation over the whole output can
   * miss, e.g. in a sawtooth).
   */
  private static double ascendingNeighbours(List<Row> out) {
    int up = 0;
    for (int i = 1; i < out.size(); i++) {
      up += out.get(i).getInt(0) > out.get(i - 1).getInt(0) ? 1 : 0;
    }
    return (double) up / (out.size() - 1);
  }

  @Test
  void shuffledOutputOrderIsUncorrelatedWithRegistrationOrder() {
    double rho = orderCorrelation(policy(true));
    // Under a random order the correlation of 2000 ranks has a standard deviation of about 0.022.
    assertTrue(Math.abs(rho) < 0.1, "Spearman correlation of input and output position: " + rho);
  }

  @Test
  void largeOutputsAreShuffledInSortedRunsJoinedIntoTheSameNumberOfFiles() {
    // 2000 rows in runs of at most 100: 20 runs (a multiple of the 4 shuffle partitions), each
    // sorted by the random key, joined into 4 partitions (files) without another shuffle.
    Dataset<Row> shuffled = DatasetPipeline.shuffleRecords(registrationOrder(), N, 20260401L, 100);
    assertEquals(4, shuffled.javaRDD().getNumPartitions());
    List<Row> out = shuffled.collectAsList();
    assertEquals(N, out.size());
    assertEquals(N, out.stream().mapToInt(r -> r.getInt(0)).distinct().count());
    double rho = spearman(out);
    assertTrue(Math.abs(rho) < 0.1, "Spearman correlation of input and output position: " + rho);
    // Unsorted runs would keep the input order inside each run: ~95% ascending neighbours instead
    // of ~50%.
    double up = ascendingNeighbours(out);
    assertTrue(up > 0.45 && up < 0.55, "ascending neighbours: " + up);
  }

  /**
   * How the rows are spread: count / runRows runs, rounded up, and up again to a multiple of the 4
   * files, each sorted by the rows' random keys and joined into the files. Walking a file, the key
   * descends exactly where one run ends and the next begins, so the files hold (runs - 4) descents
   * in all. 2000 rows in runs of 100: 20 runs; 2100 rows: 21 runs, spread as 24; 400 rows: 4 runs,
   * not more than the files, so one sort and no descent. The keys are recomputed here with the same
   * seed on the same input partitions.
   */
  @Test
  void theRowsAreSpreadInRunsRoundedUpToAMultipleOfTheFilesEachSortedByItsKey() {
    assertEquals(20 - 4, descents(2000, 100));
    assertEquals(24 - 4, descents(2100, 100));
    assertEquals(0, descents(400, 100));
  }

  private static long descents(int n, long runRows) {
    Dataset<Row> in = spark().range(1, n + 1, 1, 2).selectExpr("cast(id as int) id");
    java.util.Map<Integer, Double> key = new java.util.HashMap<>();
    for (Row r : in.withColumn("k", org.apache.spark.sql.functions.rand(SEED)).collectAsList()) {
      key.put(r.getInt(0), r.getDouble(1));
    }
    List<List<Row>> files =
        DatasetPipeline.shuffleRecords(in, n, SEED, runRows).javaRDD().glom().collect();
    assertEquals(n, files.stream().mapToInt(List::size).sum());
    long descents = 0;
    for (List<Row> f : files) {
      for (int i = 1; i < f.size(); i++) {
        descents += key.get(f.get(i).getInt(0)) < key.get(f.get(i - 1).getInt(0)) ? 1 : 0;
      }
    }
    return descents;
  }

  private static final long SEED = 20260401L;

  /**
   * The order comes from the release's seed (the context's): the same seed gives the same order,
   * another seed another, so two releases of the same rows are not in one order.
   */
  @Test
  void theOrderComesFromTheReleasesSeed() {
    List<Integer> a = publishedOrder(1L);
    assertEquals(a, publishedOrder(1L));
    assertNotEquals(a, publishedOrder(2L));
  }

  private static List<Integer> publishedOrder(long seed) {
    PipelineResult r =
        new DatasetPipeline(policy(true))
            .run(registrationOrder(), new TechniqueContext(Optional.empty(), seed));
    try {
      return r.output().collectAsList().stream().map(x -> x.getInt(0)).toList();
    } finally {
      r.cleanup().run();
    }
  }

  @Test
  void withoutShuffleTheOutputKeepsRegistrationOrder() {
    // Control: the measurement does detect order when the shuffle is turned off.
    assertTrue(orderCorrelation(policy(false)) > 0.99);
  }
}
