package io.appianon.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appianon.TestProject;
import io.appianon.release.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The cluster jar runs unchanged under spark-submit: a real standalone master and worker on
 * 127.0.0.1 (see {@link LocalStandaloneCluster}), the anonymize job submitted in client mode on the
 * bundled sample data, the release checked from the files it wrote. Runs in {@code mvn verify}
 * (failsafe, after the jar is built); skip with {@code -DskipITs}. Logs, the worker's work dir and
 * the release stay in {@code jobs/target/cluster-it/} for reading.
 */
@Tag("cluster")
class ClusterSubmitIT {
  private static final String RELEASE = "cluster-test";
  private static final String APP_NAME = "appi-anon-cluster-test";

  static Path jar;
  static Path launcher;
  static Path dir;

  @BeforeAll
  static void paths() throws IOException {
    jar = Path.of(required("cluster.jar"));
    launcher = Path.of(required("cluster.launcher.dir"));
    dir = Path.of(required("cluster.work.dir"));
    assertTrue(Files.isRegularFile(jar), "cluster jar built: " + jar);
    deleteTree(dir);
    Files.createDirectories(dir);
  }

  @Test
  void clusterJarHoldsOurCodeAndWhatSparkLacksButNotSpark() throws IOException {
    try (ZipFile z = new ZipFile(jar.toFile())) {
      for (String present :
          List.of(
              "io/appianon/cli/Main.class",
              "io/appianon/pipeline/DatasetPipeline.class",
              "com/typesafe/config/ConfigFactory.class",
              "org/apache/lucene/analysis/ja/JapaneseTokenizer.class",
              "org/apache/lucene/analysis/ja/dict/TokenInfoDictionary$fst.dat",
              "org/apache/lucene/util/Version.class",
              "META-INF/services/org.apache.lucene.analysis.TokenizerFactory")) {
        assertTrue(z.getEntry(present) != null, "cluster jar contains " + present);
      }
      List<String> forbidden =
          List.of(
              "org/apache/spark/",
              "scala/",
              "org/apache/hadoop/",
              "com/fasterxml/",
              "org/apache/parquet/",
              "org/apache/commons/math3/",
              "org/apache/logging/",
              "org/slf4j/",
              "io/netty/");
      z.stream()
          .map(e -> e.getName())
          .forEach(
              n -> {
                for (String f : forbidden) {
                  assertFalse(
                      n.startsWith(f),
                      "Spark's distribution provides " + f + "; the cluster jar must not: " + n);
                }
                assertFalse(
                    n.matches("META-INF/[^/]+\\.(SF|DSA|RSA|EC)"), "signature stripped: " + n);
              });
      String services =
          new String(
              z.getInputStream(
                      z.getEntry("META-INF/services/org.apache.lucene.analysis.TokenizerFactory"))
                  .readAllBytes());
      assertTrue(
          services.contains("JapaneseTokenizerFactory")
              && services.contains("StandardTokenizerFactory"),
          "service files of lucene-core, -analysis-common and -kuromoji merged");
    }
  }

  @Test
  void anonymizeRunsOnStandaloneMasterAndWorker() throws Exception {
    Path root = TestProject.root();
    List<Path> classpath =
        Arrays.stream(Files.readString(launcher.resolve("classpath.txt")).trim().split(":"))
            .map(Path::of)
            .toList();
    List<String> opens =
        Arrays.asList(Files.readString(launcher.resolve("jvm.options")).trim().split("\\s+"));
    Path out = dir.resolve("out");
    long t0 = System.nanoTime();
    try (LocalStandaloneCluster cluster = new LocalStandaloneCluster(dir, classpath, jar, opens)) {
      Set<String> distribution = cluster.distributionJars();
      assertTrue(
          distribution.stream().anyMatch(j -> j.startsWith("spark-core_2.13-")),
          "SPARK_HOME has Spark");
      assertFalse(
          distribution.stream()
              .anyMatch(
                  j ->
                      j.startsWith("lucene-")
                          || j.startsWith("config-")
                          || j.startsWith("appi-anon")),
          "SPARK_HOME/jars lacks what the cluster jar must bring: " + distribution);

      cluster.start(Duration.ofSeconds(120));
      // As on a typical cluster, the default file system is HDFS (here one that is not there): a
      // path the job hands to Spark without saying it is local would fail. Inputs are named as
      // file: URIs, as they would be named as hdfs:// ones on a cluster; the release, quarantine
      // and method store are local folders.
      String hdfs = "hdfs://127.0.0.1:" + LocalStandaloneCluster.freePort();
      List<String> args =
          new ArrayList<>(
              List.of(
                  "--class",
                  "io.appianon.cli.Main",
                  "--name",
                  APP_NAME,
                  "--conf",
                  "spark.hadoop.fs.defaultFS=" + hdfs,
                  jar.toString(),
                  "anonymize",
                  "--config",
                  "conf/application.conf",
                  "--output",
                  out.resolve("releases").toString(),
                  "--release-id",
                  RELEASE,
                  "--set",
                  "appianon.inputs.survey=" + root.resolve("sample-data/survey.csv").toUri(),
                  "--set",
                  "appianon.inputs.purchases=" + root.resolve("sample-data/purchases.csv").toUri(),
                  "--set",
                  "appianon.quarantine.dir=" + out.resolve("quarantine"),
                  "--set",
                  "appianon.method-store.dir=" + out.resolve("method-store")));
      int code = cluster.submit(root, args, Duration.ofMinutes(6));
      String driverOut = LocalStandaloneCluster.read(cluster.log("driver.out"));
      String driverErr = LocalStandaloneCluster.read(cluster.log("driver.err"));
      assertEquals(
          0, code, "spark-submit exit code; driver stderr ends:\n" + tail(driverErr, 4000));
      assertTrue(driverOut.contains("Release " + RELEASE + " published to"), driverOut);
      assertTrue(
          driverErr.contains(cluster.masterUrl()),
          "the driver connected to " + cluster.masterUrl());
      // what the run asked of the cluster, summed from the executors' task metrics
      assertTrue(
          driverErr.matches(
              "(?s).*\\[spark\\] \\d+ tasks, executor CPU [0-9.]+ s, shuffle written [0-9.]+ [KMG]B.*"),
          tail(driverErr, 4000));
      // the job frees its local checkpoints; Spark's warning at each is turned down here too
      assertFalse(driverErr.contains("was locally checkpointed"), tail(driverErr, 4000));

      // the work ran on the worker: an executor of our app in the worker's work dir, fetched our
      // jar, ran tasks
      Path app = onlyChild(cluster.workDir());
      assertTrue(
          app.getFileName().toString().startsWith("app-"),
          "application folder in the worker's work dir");
      Path executor = onlyChild(app);
      String executorLog = LocalStandaloneCluster.read(executor.resolve("stderr"));
      assertTrue(
          executorLog.contains("Finished task"),
          "the executor ran tasks:\n" + tail(executorLog, 2000));
      assertTrue(
          Files.isRegularFile(executor.resolve(jar.getFileName())),
          "the executor fetched the cluster jar");
      String master = cluster.masterJson();
      assertTrue(
          master.contains("\"" + APP_NAME + "\""), "the master lists the application: " + master);
      System.out.printf(
          "cluster test: master %s, app %s, %.0f s including start and stop%n",
          cluster.masterUrl(), app.getFileName(), (System.nanoTime() - t0) / 1e9);
    }

    Path release = out.resolve("releases").resolve(RELEASE);
    assertTrue(
        Files.isRegularFile(release.resolve("manifest.json")), "manifest.json in " + release);
    Map<String, Object> report = Json.read(release.resolve("report.json"));
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> datasets =
        (Map<String, Map<String, Object>>) report.get("datasets");
    assertEquals(Set.of("survey", "purchases"), datasets.keySet());
    for (String name : datasets.keySet()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> rows = (Map<String, Object>) datasets.get(name).get("rows");
      long input = number(rows, "input");
      long published = number(rows, "published");
      long suppressed = number(rows, "suppressed");
      long quarantined = number(rows, "quarantined");
      assertTrue(published > 0, name + ": rows published");
      assertEquals(
          input,
          published + suppressed + quarantined,
          name + ": input = published + suppressed + " + "quarantined");
      assertEquals(
          published, parquetRows(release.resolve(name)), name + ": rows in the Parquet files");
    }
  }

  private static long parquetRows(Path datasetDir) throws IOException {
    long rows = 0;
    List<Path> parts;
    try (Stream<Path> s = Files.list(datasetDir)) {
      parts = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).toList();
    }
    assertFalse(parts.isEmpty(), "Parquet files in " + datasetDir);
    Configuration conf = new Configuration();
    for (Path p : parts) {
      try (ParquetFileReader r =
          ParquetFileReader.open(
              HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(p.toUri()), conf))) {
        rows += r.getRecordCount();
      }
    }
    return rows;
  }

  private static Path onlyChild(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      List<Path> children = s.filter(Files::isDirectory).toList();
      assertEquals(1, children.size(), "one folder in " + folder + ": " + children);
      return children.get(0);
    }
  }

  private static long number(Map<String, Object> m, String key) {
    return ((Number) m.get(key)).longValue();
  }

  private static String tail(String s, int n) {
    return s.length() <= n ? s : "..." + s.substring(s.length() - n);
  }

  private static String required(String property) {
    String v = System.getProperty(property);
    if (v == null || v.isBlank()) {
      throw new IllegalStateException(
          "system property " + property + " not set (run through mvn verify)");
    }
    return v;
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path x : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(x);
      }
    }
  }
}
