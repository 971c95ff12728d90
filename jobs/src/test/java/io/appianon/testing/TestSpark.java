package io.appianon.testing;

import org.apache.spark.sql.SparkSession;

/**
 * The one local SparkSession of the test JVM: created on first use, reused by every test class,
 * never stopped.
 */
public final class TestSpark {
  private TestSpark() {}

  public static synchronized SparkSession get() {
    SparkSession spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("appi-anon-tests")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "4")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.sql.session.timeZone", "Asia/Tokyo")
            .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }
}
