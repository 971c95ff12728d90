package io.appianon;

import java.util.HashSet;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/** One local SparkSession per test JVM, shared by every test class (never stopped by a test). */
public final class TestSpark {
  private TestSpark() {}

  public static synchronized SparkSession session() {
    return SparkSession.builder()
        .master("local[2]")
        .appName("appi-anon-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.session.timeZone", "Asia/Tokyo")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .getOrCreate();
  }

  /**
   * The ids of the RDDs persisted in the session now: cached Datasets and local checkpoints. A test
   * compares the ids it made, never their number: an earlier test's cache may be freed meanwhile
   * (an asynchronous unpersist, or Spark's cleaner collecting a Dataset no longer referenced).
   */
  public static Set<Integer> persisted() {
    Set<Integer> ids = new HashSet<>();
    scala.jdk.javaapi.CollectionConverters.asJava(
            session().sparkContext().getPersistentRDDs().keySet())
        .forEach(id -> ids.add((Integer) id));
    return ids;
  }

  /** The RDDs persisted now that were not in {@code before}. */
  public static Set<Integer> persistedSince(Set<Integer> before) {
    Set<Integer> made = persisted();
    made.removeAll(before);
    return made;
  }
}
