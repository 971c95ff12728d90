package io.appianon.cli;

import io.appianon.job.JobConfig;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the SparkSession: embedded {@code local[*]} by default, but anything set by spark-submit (master, deploy mode,
 * executor settings) wins over {@code appianon.spark} in the config, so the same jar runs unchanged on a cluster.
 */
public final class SparkSessions {
  private SparkSessions() {}

  public static SparkSession create(JobConfig config) {
    SparkConf conf = new SparkConf(true);
    if (!conf.contains("spark.master")) {
      conf.setMaster(config.sparkMaster());
    }
    conf.setIfMissing("spark.app.name", "appi-anon");
    for (Map.Entry<String, String> e : config.sparkConf().entrySet()) {
      conf.setIfMissing(e.getKey(), e.getValue());
    }
    SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }
}
