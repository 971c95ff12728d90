package io.appianon.job;

import java.util.concurrent.atomic.LongAdder;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/**
 * What a run asked of Spark, summed from each finished task's metrics (the same figures the Spark
 * UI's stage pages show, which the job keeps off): tasks, executor CPU time, shuffle bytes written
 * and read, bytes spilled. Logged by the job when it publishes, so a scheduler's log holds what
 * sizing a cluster needs (docs/cluster.md) without an event log. Listening costs a few additions
 * per task on the driver's listener thread.
 */
final class SparkWork extends SparkListener {
  private final LongAdder tasks = new LongAdder();
  private final LongAdder cpuNanos = new LongAdder();
  private final LongAdder shuffleWritten = new LongAdder();
  private final LongAdder shuffleRead = new LongAdder();
  private final LongAdder spilledMemory = new LongAdder();
  private final LongAdder spilledDisk = new LongAdder();

  /** Starts listening to {@code spark}'s tasks; {@link #stop} ends it. */
  static SparkWork listen(SparkSession spark) {
    SparkWork work = new SparkWork();
    spark.sparkContext().addSparkListener(work);
    return work;
  }

  void stop(SparkSession spark) {
    spark.sparkContext().removeSparkListener(this);
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    TaskMetrics m = end.taskMetrics();
    tasks.increment();
    if (m == null) {
      return;
    }
    cpuNanos.add(m.executorCpuTime());
    shuffleWritten.add(m.shuffleWriteMetrics().bytesWritten());
    shuffleRead.add(m.shuffleReadMetrics().totalBytesRead());
    spilledMemory.add(m.memoryBytesSpilled());
    spilledDisk.add(m.diskBytesSpilled());
  }

  long shuffleWrittenBytes() {
    return shuffleWritten.sum();
  }

  long tasks() {
    return tasks.sum();
  }

  /** One line for the log, e.g. "1234 tasks, executor CPU 812.3 s, shuffle written 3.1 GB ...". */
  String summary() {
    return String.format(
        java.util.Locale.ROOT,
        "%d tasks, executor CPU %.1f s, shuffle written %s and read %s, spilled %s from memory (%s"
            + " on disk)",
        tasks.sum(),
        cpuNanos.sum() / 1e9,
        bytes(shuffleWritten.sum()),
        bytes(shuffleRead.sum()),
        bytes(spilledMemory.sum()),
        bytes(spilledDisk.sum()));
  }

  static String bytes(long b) {
    if (b < 1024) {
      return b + " B";
    }
    String[] units = {"KB", "MB", "GB", "TB"};
    double v = b;
    int u = -1;
    do {
      v /= 1024;
      u++;
    } while (v >= 1024 && u < units.length - 1);
    return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
