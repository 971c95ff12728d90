package io.appianon.technique;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import io.appianon.core.Conf;
import io.appianon.core.Origin;
import io.appianon.hierarchy.HierarchyResolver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Runs one technique the way the pipeline does, on the shared local SparkSession: parse from a
 * policy snippet, schema pass, apply, then one evaluation that yields both the visible rows and the
 * technique's counters.
 */
final class TechniqueRun {
  static final String FILE = "test-policy.conf";
  static final String KEY = "dataset.transforms[0]";

  /**
   * The visible rows (hidden bookkeeping columns removed) and the counters, keyed {@code
   * column/metric}.
   */
  record Result(
      StructType schema,
      List<Map<String, Object>> rows,
      Map<String, Long> metrics,
      TechniqueContext ctx) {

    List<Object> column(String name) {
      List<Object> out = new ArrayList<>();
      for (Map<String, Object> r : rows) {
        out.add(r.get(name));
      }
      return out;
    }

    long metric(String column, String metric) {
      Long v = metrics.get(column + "/" + metric);
      if (v == null) {
        throw new AssertionError("no metric " + column + "/" + metric + " in " + metrics);
      }
      return v;
    }
  }

  private TechniqueRun() {}

  static SparkSession spark() {
    return SparkSession.builder()
        .master("local[2]")
        .appName("technique-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate();
  }

  static Conf conf(String hocon) {
    return new Conf(ConfigFactory.parseString(hocon), new Origin(FILE, KEY));
  }

  static Technique parse(String hocon) {
    return Techniques.parse(
        conf(hocon), new HierarchyResolver(Path.of("target", "no-hierarchies")));
  }

  static Result run(String hocon, Dataset<Row> input) {
    return run(parse(hocon), input, 20260401L);
  }

  static Result run(Technique t, Dataset<Row> input, long seed) {
    StructType expected = t.transformSchema(input.schema());
    TechniqueContext ctx = new TechniqueContext(Optional.empty(), seed);
    Dataset<Row> out = t.apply(input, ctx);
    StructType visible =
        new StructType(
            java.util.Arrays.stream(out.schema().fields())
                .filter(f -> !f.name().startsWith(TechniqueContext.HIDDEN_PREFIX))
                .toArray(StructField[]::new));
    assertEquals(names(expected), names(visible), "columns after apply must match the schema pass");
    for (StructField f : expected.fields()) {
      assertEquals(f.dataType(), visible.apply(f.name()).dataType(), "type of " + f.name());
    }
    List<Row> collected =
        out.collectAsList(); // one evaluation: values and counters from the same rows
    Map<String, Integer> index = new HashMap<>();
    String[] cols = out.columns();
    for (int i = 0; i < cols.length; i++) {
      index.put(cols[i], i);
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    Map<String, Long> metrics = new LinkedHashMap<>();
    for (TechniqueContext.MetricFlag f : ctx.flags()) {
      metrics.put(f.column() + "/" + f.metric(), 0L);
    }
    for (Row r : collected) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (StructField f : visible.fields()) {
        m.put(f.name(), r.get(index.get(f.name())));
      }
      rows.add(m);
      for (TechniqueContext.MetricFlag f : ctx.flags()) {
        if (r.getBoolean(index.get(f.hiddenColumn()))) {
          metrics.merge(f.column() + "/" + f.metric(), 1L, Long::sum);
        }
      }
    }
    for (TechniqueContext.TechniqueMetric m : ctx.computedMetrics()) {
      metrics.put(m.column() + "/" + m.metric(), ((Number) m.value()).longValue());
    }
    return new Result(visible, rows, metrics, ctx);
  }

  private static List<String> names(StructType s) {
    return List.of(s.fieldNames());
  }
}
