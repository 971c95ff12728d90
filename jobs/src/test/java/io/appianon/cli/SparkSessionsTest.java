package io.appianon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.appianon.TestProject;
import io.appianon.core.PolicyException;
import io.appianon.job.JobConfig;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/**
 * What spark-submit sets wins; the loopback driver address applies only to a local master; no event
 * log.
 */
class SparkSessionsTest {
  private static JobConfig config() {
    return JobConfig.load(
        TestProject.root().resolve("conf/application.conf"), ConfigFactory.empty());
  }

  @Test
  void embeddedRunnerTakesMasterAndLoopbackFromTheConfig() {
    SparkConf conf = SparkSessions.conf(new SparkConf(false), config());
    assertEquals("local[*]", conf.get("spark.master"));
    assertEquals("127.0.0.1", conf.get("spark.driver.host"));
    assertEquals("127.0.0.1", conf.get("spark.driver.bindAddress"));
    assertEquals("appi-anon", conf.get("spark.app.name"));
    assertEquals("false", conf.get("spark.shuffle.compress"), "shuffle files stay on this machine");
    assertEquals(
        "1m", conf.get("spark.shuffle.file.buffer"), "few, large writes of the shuffle files");
  }

  @Test
  void onAClusterSparkSubmitWinsAndTheDriverAddressIsNotLoopback() {
    SparkConf submitted =
        new SparkConf(false)
            .setMaster("yarn")
            .setAppName("nightly")
            .set("spark.sql.shuffle.partitions", "400");
    SparkConf conf = SparkSessions.conf(submitted, config());
    assertEquals("yarn", conf.get("spark.master"));
    assertEquals("nightly", conf.get("spark.app.name"));
    assertEquals("400", conf.get("spark.sql.shuffle.partitions"));
    assertFalse(
        conf.contains("spark.driver.host"), "executors on other hosts could not reach 127.0.0.1");
    assertFalse(conf.contains("spark.driver.bindAddress"));
    assertFalse(
        conf.contains("spark.shuffle.compress"),
        "a cluster's shuffle crosses the network: Spark's default");
    assertFalse(
        conf.contains("spark.shuffle.file.buffer"),
        "one buffer per partition: Spark's default on a cluster");
    // the rest of appianon.spark.conf still applies: time zone for date truncation, UI off (seeds
    // are in plans)
    assertEquals("Asia/Tokyo", conf.get("spark.sql.session.timeZone"));
    assertEquals("false", conf.get("spark.ui.enabled"));
  }

  @Test
  void anExplicitDriverHostFromSparkSubmitIsKept() {
    SparkConf submitted =
        new SparkConf(false)
            .setMaster("spark://127.0.0.1:7077")
            .set("spark.driver.host", "10.0.0.5");
    assertEquals("10.0.0.5", SparkSessions.conf(submitted, config()).get("spark.driver.host"));
  }

  @Test
  void anEventLogTurnedOnByTheClusterIsRefused() {
    SparkConf submitted =
        new SparkConf(false).setMaster("yarn").set("spark.eventLog.enabled", "true");
    PolicyException e =
        assertThrows(PolicyException.class, () -> SparkSessions.conf(submitted, config()));
    assertTrue(e.getMessage().contains("spark.eventLog.enabled"), e.getMessage());
  }
}
