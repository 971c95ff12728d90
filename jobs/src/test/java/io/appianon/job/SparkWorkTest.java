package io.appianon.job;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appianon.testing.TestSpark;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The run's Spark figures come from the tasks that ran: a shuffle is counted, nothing else is. */
class SparkWorkTest {
  @Test
  void countsTheTasksAndShuffleBytesOfTheJobsWhileListening() throws Exception {
    SparkSession spark = TestSpark.get();
    spark.range(1000).count(); // before listening: not counted
    spark.sparkContext().listenerBus().waitUntilEmpty();
    SparkWork work = SparkWork.listen(spark);
    long groups =
        spark.range(0, 100_000, 1, 2).groupBy(col("id").mod(10)).count().collectAsList().size();
    spark.sparkContext().listenerBus().waitUntilEmpty();
    work.stop(spark);
    long counted = work.tasks();
    spark.range(1000).count(); // after stop: not counted
    spark.sparkContext().listenerBus().waitUntilEmpty();
    assertEquals(counted, work.tasks());

    assertEquals(10, groups);
    // two map tasks write the shuffle; the reduce side's tasks (AQE may coalesce them) read it
    assertTrue(work.tasks() >= 3, work.summary());
    assertTrue(work.shuffleWrittenBytes() > 0, work.summary());
    assertTrue(
        work.summary()
            .matches(
                work.tasks()
                    + " tasks, executor CPU [0-9.]+ s, shuffle written [0-9.]+ (B|KB|MB) and read"
                    + " [0-9.]+ (B|KB|MB), spilled 0 B from memory \\(0 B on disk\\)"),
        work.summary());
  }

  @Test
  void bytesAreWrittenInBinaryUnits() {
    assertEquals("0 B", SparkWork.bytes(0));
    assertEquals("1023 B", SparkWork.bytes(1023));
    assertEquals("1.0 KB", SparkWork.bytes(1024));
    assertEquals("1.5 MB", SparkWork.bytes(1536L * 1024));
    assertEquals("3.2 GB", SparkWork.bytes((long) (3.2 * 1024 * 1024 * 1024)));
    assertEquals("2048.0 TB", SparkWork.bytes(2048L << 40));
  }
}
