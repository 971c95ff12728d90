package io.appianon.core;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.ResolvedHint;
import org.apache.spark.sql.catalyst.plans.logical.UnresolvedHint;
import org.apache.spark.sql.execution.LogicalRDD;

/**
 * Frees what a {@link Dataset#localCheckpoint} keeps. {@code Dataset.unpersist} does not: it only
 * drops entries of the session's cache, and a local checkpoint is a persisted RDD behind the
 * Dataset's plan, which stays on the executors until the driver's garbage collector happens to
 * collect the RDD object (on a cluster, where the driver allocates little, up to {@code
 * spark.cleaner.periodicGC.interval}, 30 minutes by default).
 */
public final class Checkpoints {
  private Checkpoints() {}

  /**
   * Frees {@code data}'s blocks: its cache entry if it was cached, and the checkpointed RDD if
   * {@code data} is itself a local checkpoint (possibly with a broadcast hint). A Dataset derived
   * from a checkpoint (a filter or projection of it) leaves the checkpoint alone: other Datasets
   * may still read it. Nothing computed from {@code data} lazily may run afterwards: a local
   * checkpoint cannot be recomputed.
   */
  public static void release(Dataset<?> data) {
    if (data == null) {
      return;
    }
    data.unpersist(false);
    LogicalPlan plan = data.queryExecution().logical();
    while (plan instanceof UnresolvedHint || plan instanceof ResolvedHint) {
      plan = plan.children().head();
    }
    if (plan instanceof LogicalRDD rdd) {
      rdd.rdd().unpersist(false);
    }
  }
}
