package io.appianon.bench;

import com.typesafe.config.ConfigFactory;
import io.appianon.cli.SparkSessions;
import io.appianon.hierarchy.HierarchyResolver;
import io.appianon.io.InputReader;
import io.appianon.job.JobConfig;
import io.appianon.policy.DatasetPolicy;
import io.appianon.policy.PolicyLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The I/O baseline of the benchmark: reads every dataset exactly as the anonymize job does (same
 * reader, explicit schema, validation expressions) and writes it as Parquet, with no processing.
 * The anonymize job's time divided by this one's is the cost of anonymization on top of the I/O
 * limit of the machine.
 *
 * <p>Usage: {@code BaselineCopy <output-dir> [--set KEY=VALUE ...]} with the same configuration as
 * the main job.
 */
public final class BaselineCopy {
  private BaselineCopy() {}

  public static void main(String[] args) {
    Path out = Path.of(args[0]);
    Map<String, Object> overrides = new LinkedHashMap<>();
    for (int i = 1; i + 1 < args.length; i += 2) {
      if (args[i].equals("--set")) {
        String kv = args[i + 1];
        overrides.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
      }
    }
    JobConfig config =
        JobConfig.load(Path.of("conf/application.conf"), ConfigFactory.parseMap(overrides));
    SparkSession spark = SparkSessions.create(config);
    HierarchyResolver hierarchies = new HierarchyResolver(config.hierarchiesDir());
    long t0 = System.nanoTime();
    try {
      for (Path p : config.datasets()) {
        DatasetPolicy policy = PolicyLoader.load(p, hierarchies);
        String input = config.inputOverrides().getOrDefault(policy.name(), policy.input().path());
        long t1 = System.nanoTime();
        Dataset<Row> df = new InputReader(spark).read(policy.withInputPath(input));
        df.write()
            .mode(SaveMode.Overwrite)
            .option("compression", config.compression())
            .parquet(out.resolve(policy.name()).toString());
        System.out.printf(
            "[%s] read and written in %.1f s%n", policy.name(), (System.nanoTime() - t1) / 1e9);
      }
    } finally {
      spark.stop();
    }
    System.out.printf("baseline copy done in %.1f s%n", (System.nanoTime() - t0) / 1e9);
  }
}
