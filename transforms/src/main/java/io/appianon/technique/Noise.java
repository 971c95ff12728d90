package io.appianon.technique;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.randn;
import static org.apache.spark.sql.functions.signum;
import static org.apache.spark.sql.functions.when;

import io.appianon.core.Conf;
import io.appianon.core.Lineage;
import io.appianon.core.Origin;
import io.appianon.core.Processing;
import io.appianon.core.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

/**
 * Noise addition (GL 別表2 「ノイズ（誤差）付加」, Rule 34 item 4/5): adds independent zero-mean noise to every
 * value of the listed numeric columns, Laplace with scale {@code b} ({@code distribution = laplace,
 * scale = 2}) or Gaussian with standard deviation {@code sigma} ({@code distribution = gaussian,
 * sigma = 3}). Then, optionally, rounds to a multiple ({@code round = 1}) and clamps to {@code
 * min}/{@code max} (after rounding); integral columns are always rounded to whole numbers and keep
 * their type. Nulls stay null.
 *
 * <p>Built from Spark's seeded generators: Gaussian noise is {@code sigma * randn(seed)}; Laplace
 * noise is the inverse CDF of a uniform {@code u = rand(seed)}: {@code -b * sign(u - 0.5) * ln(1 -
 * 2|u - 0.5|)}. The seed is the policy's {@code seed} or, by default, the per-release seed, mixed
 * with the column name so columns get independent noise. Spark seeds each partition with {@code
 * seed + partitionIndex}, so a fixed seed reproduces the same noise only on the same partitioning
 * of the same input.
 */
public record Noise(
    Origin origin,
    List<String> columns,
    String distribution,
    double scale,
    Optional<Long> seed,
    Optional<Double> round,
    Optional<Double> min,
    Optional<Double> max)
    implements Technique {
  public static final String TYPE = "noise";
  public static final String LAPLACE = "laplace";
  public static final String GAUSSIAN = "gaussian";
  private static final String U = TechniqueContext.HIDDEN_PREFIX + "noise_u";
  private static final String NOISY = TechniqueContext.HIDDEN_PREFIX + "noise_v";

  public static Noise parse(Conf c) {
    c.allowOnly(
        Set.of("type", "columns", "distribution", "scale", "sigma", "seed", "round", "min", "max"));
    List<String> cols = c.columnNames("columns");
    String dist = c.string("distribution");
    String key =
        switch (dist) {
          case LAPLACE -> "scale";
          case GAUSSIAN -> "sigma";
          default ->
              throw c.error(
                  "distribution", "invalid value '" + dist + "' (expected laplace or gaussian)");
        };
    String other = key.equals("scale") ? "sigma" : "scale";
    if (c.has(other)) {
      throw c.error(other, dist + " noise takes " + key + ", not " + other);
    }
    double scale = c.number(key);
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw c.error(key, "invalid value " + scale + " (must be > 0)");
    }
    Optional<Long> seed = c.has("seed") ? Optional.of(c.longValue("seed", 0)) : Optional.empty();
    Optional<Double> round = c.optNumber("round");
    if (round.isPresent() && !(round.get() > 0)) {
      throw c.error("round", "invalid value " + round.get() + " (must be > 0)");
    }
    Optional<Double> min = c.optNumber("min");
    Optional<Double> max = c.optNumber("max");
    if (min.isPresent() && max.isPresent() && min.get() > max.get()) {
      throw c.error("max", "invalid value " + max.get() + " (must be >= min " + min.get() + ")");
    }
    return new Noise(c.origin(), cols, dist, scale, seed, round, min, max);
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    for (String c : columns) {
      Schemas.requireNumeric(schema, c, origin, "columns");
    }
    return schema;
  }

  @Override
  public void describe(Lineage lineage) {
    String s = TopBottomCode.fmt(scale);
    String ja =
        distribution.equals(LAPLACE)
            ? "平均0・尺度" + s + "のラプラスノイズを付加"
            : "平均0・標準偏差" + s + "の正規分布ノイズを付加";
    List<String> then = new ArrayList<>();
    List<String> en = new ArrayList<>();
    en.add(
        distribution.equals(LAPLACE)
            ? "Laplace noise (mean 0, scale " + s + ") added"
            : "Gaussian noise (mean 0, standard deviation " + s + ") added");
    if (round.isPresent()) {
      then.add(Rounding.describeJa(round));
      en.add(Rounding.describeEn(round));
    }
    if (min.isPresent() || max.isPresent()) {
      String lo = min.map(TopBottomCode::fmt).orElse("");
      String hi = max.map(TopBottomCode::fmt).orElse("");
      then.add(
          min.isPresent() && max.isPresent()
              ? lo + "〜" + hi + "の範囲に収め"
              : min.isPresent() ? lo + "以上に収め" : hi + "以下に収め");
      en.add(
          min.isPresent() && max.isPresent()
              ? "kept between " + lo + " and " + hi
              : min.isPresent() ? "kept at " + lo + " or more" : "kept at " + hi + " or less");
    }
    Text how = Text.of(ja + "し" + String.join("、", then) + "た", String.join(", ", en));
    for (String c : columns) {
      lineage.process(c, Processing.NOISE_ADDED, how);
    }
  }

  @Override
  public Dataset<Row> apply(Dataset<Row> data, TechniqueContext ctx) {
    long base = seed.orElse(ctx.seed());
    Dataset<Row> out = data;
    for (String c : columns) {
      DataType type = data.schema().apply(c).dataType();
      long s = Seeds.derive(base, TYPE + "/" + c);
      // Materialise the draw once per row: the Laplace transform refers to it three times.
      out = out.withColumn(U, distribution.equals(LAPLACE) ? rand(s) : randn(s));
      Column noisy = col(c).cast("double").plus(noise(col(U)));
      out = out.withColumn(NOISY, Rounding.toType(noisy, type, round).cast("double"));
      Column v = col(NOISY);
      Column clamped = v;
      if (min.isPresent()) {
        clamped = greatest(clamped, lit(min.get()));
      }
      if (max.isPresent()) {
        clamped = least(clamped, lit(max.get()));
      }
      clamped =
          when(v.isNull(), lit(null).cast("double"))
              .otherwise(clamped); // greatest/least skip nulls
      if (min.isPresent() || max.isPresent()) {
        out = ctx.count(out, TYPE, c, "clamped", not(v.eqNullSafe(clamped)));
      }
      out = out.withColumn(NOISY, Rounding.toType(clamped, type, Optional.empty()));
      out =
          ctx.count(
              out,
              TYPE,
              c,
              "cells_changed",
              col(c).isNotNull().and(not(col(NOISY).eqNullSafe(col(c)))));
      out = out.withColumn(c, col(NOISY)).drop(U, NOISY);
    }
    return out;
  }

  private Column noise(Column draw) {
    if (distribution.equals(GAUSSIAN)) {
      return draw.multiply(lit(scale));
    }
    Column centred = draw.minus(lit(0.5));
    // rand() can return exactly 0.0, where ln(1 - 2|u - 0.5|) = ln(0); keep the argument at the
    // smallest normal double.
    Column tail =
        log(greatest(lit(1.0).minus(abs(centred).multiply(lit(2.0))), lit(Double.MIN_NORMAL)));
    return lit(-scale).multiply(signum(centred)).multiply(tail);
  }
}
