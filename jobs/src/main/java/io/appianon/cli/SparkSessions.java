package io.appianon.cli;

import io.appianon.core.PolicyException;
import io.appianon.job.JobConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the SparkSession: embedded {@code local[*]} by default, but anything set by spark-submit
 * (master, deploy mode, executor settings) wins over {@code appianon.spark} in the config, so the
 * same jar runs unchanged on a cluster.
 */
public final class SparkSessions {
  /**
   * Settings of {@code appianon.spark.conf} for the embedded runner only. The driver address
   * (loopback in conf/application.conf): on a cluster the executors must reach the driver, so Spark
   * picks the address, or spark-submit {@code --conf} sets it. Uncompressed shuffle files: on one
   * machine they never cross a network. Large shuffle file buffers: one per shuffle partition in
   * every map task, affordable with the embedded run's 8 partitions.
   */
  static final Set<String> LOCAL_ONLY =
      Set.of(
          "spark.driver.host",
          "spark.driver.bindAddress",
          "spark.shuffle.compress",
          "spark.shuffle.file.buffer");

  /**
   * The owner-only folder of the embedded session's local directories, removed by {@link #stop}.
   */
  private static SparkWorkDir workDir;

  private SparkSessions() {}

  /**
   * A new session. With an embedded ({@code local}) master and no local directories chosen by the
   * operator ({@code spark.local.dir}, {@code SPARK_LOCAL_DIRS}), Spark's shuffle, spill and block
   * files go to an owner-only folder under {@code appianon.work-dir}, removed by {@link #stop} (or
   * at JVM exit) and, after a kill, by the next run; never to the world-readable {@code /tmp}.
   */
  public static synchronized SparkSession create(JobConfig config) {
    SparkConf conf = conf(new SparkConf(true), config);
    if (conf.get("spark.master").startsWith("local")
        && !conf.contains("spark.local.dir")
        && System.getenv("SPARK_LOCAL_DIRS") == null) {
      try {
        clearStale(config);
        workDir = SparkWorkDir.create(config.workDir());
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot create the Spark work folder under " + config.workDir(), e);
      }
      SparkWorkDir mine = workDir;
      Runtime.getRuntime().addShutdownHook(new Thread(mine::close, "appi-anon-work-dir-cleanup"));
      conf.set("spark.local.dir", mine.dir().toString());
    }
    try {
      SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
      spark.sparkContext().setLogLevel("WARN");
      keepProgressVisible();
      return spark;
    } catch (RuntimeException e) {
      if (workDir != null) {
        workDir.close();
        workDir = null;
      }
      throw e;
    }
  }

  /**
   * The job's progress lines (INFO of {@code io.appianon}) stay in the log above Spark's warnings.
   * Embedded, the jar's {@code log4j2.properties} says so; under spark-submit, log4j is configured
   * before the application jar is on the class path (from the cluster's configuration, or Spark's
   * defaults), and the root level set above would hide them. A configuration that names the logger
   * keeps its level. Spark's warning at each freed local checkpoint is turned down the same way.
   */
  static void keepProgressVisible() {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    if (!context.getConfiguration().getLoggers().containsKey("io.appianon")) {
      Configurator.setLevel("io.appianon", Level.INFO);
    }
    // as the jar's log4j2.properties: the job frees its local checkpoints when done with them, and
    // Spark warns at every one that it cannot be recomputed afterwards
    if (!context.getConfiguration().getLoggers().containsKey(CHECKPOINT_WARNINGS)) {
      Configurator.setLevel(CHECKPOINT_WARNINGS, Level.ERROR);
    }
  }

  /** The logger of Spark's warning when a local checkpoint is freed. */
  static final String CHECKPOINT_WARNINGS = "org.apache.spark.rdd.MapPartitionsRDD";

  /** Stops a session made by {@link #create} and removes its work folder. */
  public static synchronized void stop(SparkSession spark) {
    try {
      spark.stop();
    } finally {
      if (workDir != null) {
        workDir.close();
        workDir = null;
      }
    }
  }

  /**
   * Removes the Spark work folders of killed runs under {@code appianon.work-dir}; returns them.
   */
  static List<Path> clearStale(JobConfig config) throws IOException {
    return SparkWorkDir.clearStale(config.workDir());
  }

  /**
   * {@code submitted} (what spark-submit or -Dspark.* set) completed from the job configuration.
   */
  static SparkConf conf(SparkConf submitted, JobConfig config) {
    SparkConf conf = submitted;
    if (!conf.contains("spark.master")) {
      conf.setMaster(config.sparkMaster());
    }
    boolean local = conf.get("spark.master").startsWith("local");
    conf.setIfMissing("spark.app.name", "appi-anon");
    for (Map.Entry<String, String> e : config.sparkConf().entrySet()) {
      if (local || !LOCAL_ONLY.contains(e.getKey())) {
        conf.setIfMissing(e.getKey(), e.getValue());
      }
    }
    // Clusters often turn the event log on in spark-defaults.conf (history server). The per-release
    // random seeds (record order, noise, swapping) are literals in the query plans Spark logs
    // there, and with a seed the noise could be recomputed and taken off, so refuse before anything
    // runs. (The pseudonym key is not in the plans.)
    if (conf.getBoolean("spark.eventLog.enabled", false)) {
      throw new PolicyException(
          "Spark configuration",
          "spark.eventLog.enabled",
          "must be false: the event log "
              + "would keep the per-release random seeds (literals in the query plans); submit with --conf "
              + "spark.eventLog.enabled=false");
    }
    return conf;
  }
}
