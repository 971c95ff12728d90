package io.appianon.technique;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.LaplaceDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/**
 * Noise addition on a real local SparkSession; the noise's distribution is checked with a
 * Kolmogorov–Smirnov test.
 */
class NoiseTest {

  private static final int N = 20_000;

  /**
   * {@code n} records with {@code a = b = 0.0}, in a fixed partitioning (4 slices of {@code
   * range}).
   */
  private static Dataset<Row> zeros(int n) {
    return TechniqueRun.spark()
        .range(0, n, 1, 4)
        .selectExpr("cast(id as int) id", "cast(0 as double) a", "cast(0 as double) b");
  }

  private static double[] doubles(List<Object> values) {
    return values.stream().mapToDouble(v -> (Double) v).toArray();
  }

  private static double pValue(RealDistribution d, double[] sample) {
    return new KolmogorovSmirnovTest().kolmogorovSmirnovTest(d, sample);
  }

  @Test
  void laplaceNoiseMatchesDistribution() {
    TechniqueRun.Result r =
        TechniqueRun.run(
            "type = noise, columns = a, distribution = laplace, scale = 2, seed = 7", zeros(N));
    double[] noise = doubles(r.column("a"));
    assertEquals(N, noise.length);
    assertTrue(
        pValue(new LaplaceDistribution(null, 0, 2), noise) > 0.01, "KS test against Laplace(0, 2)");
    // The test has power: the Gaussian with the same variance, and a Laplace of another scale, are
    // rejected.
    assertTrue(pValue(new NormalDistribution(null, 0, 2 * Math.sqrt(2), 1e-9), noise) < 1e-4);
    assertTrue(pValue(new LaplaceDistribution(null, 0, 1.6), noise) < 1e-4);
    assertEquals(N, r.metric("a", "cells_changed"));
  }

  @Test
  void gaussianNoiseMatchesDistribution() {
    TechniqueRun.Result r =
        TechniqueRun.run(
            "type = noise, columns = a, distribution = gaussian, sigma = 3, seed = 7", zeros(N));
    double[] noise = doubles(r.column("a"));
    assertTrue(
        pValue(new NormalDistribution(null, 0, 3, 1e-9), noise) > 0.01,
        "KS test against N(0, 3^2)");
    assertTrue(pValue(new LaplaceDistribution(null, 0, 3 / Math.sqrt(2)), noise) < 1e-4);
  }

  @Test
  void noiseIsReproducibleWithFixedSeedAndIndependentAcrossSeedsAndColumns() {
    String policy = "type = noise, columns = [a, b], distribution = laplace, scale = 1";
    Technique fixed = TechniqueRun.parse(policy + ", seed = 42");
    List<Object> first = TechniqueRun.run(fixed, zeros(1000), 1L).column("a");
    assertEquals(
        first,
        TechniqueRun.run(fixed, zeros(1000), 2L).column("a"),
        "policy seed wins over release seed");
    assertNotEquals(
        first,
        TechniqueRun.run(TechniqueRun.parse(policy + ", seed = 43"), zeros(1000), 1L).column("a"));
    TechniqueRun.Result r = TechniqueRun.run(fixed, zeros(1000), 1L);
    assertNotEquals(r.column("a"), r.column("b"), "each column gets its own noise");

    Technique perRelease = TechniqueRun.parse(policy);
    assertEquals(
        TechniqueRun.run(perRelease, zeros(1000), 5L).column("a"),
        TechniqueRun.run(perRelease, zeros(1000), 5L).column("a"));
    assertNotEquals(
        TechniqueRun.run(perRelease, zeros(1000), 5L).column("a"),
        TechniqueRun.run(perRelease, zeros(1000), 6L).column("a"),
        "a new release seed gives new noise");
  }

  @Test
  void noiseRoundsToMultipleClampsToRangeAndKeepsIntegerType() {
    Dataset<Row> ages =
        TechniqueRun.spark()
            .range(0, 2001, 1, 4)
            .selectExpr(
                "cast(id as int) id",
                "case when id = 2000 then cast(null as int) else cast(id % 100 as int) end age");
    TechniqueRun.Result r =
        TechniqueRun.run(
            "type = noise, columns = age, distribution = laplace, scale = 4, seed = 3, round = 5, min = 0, max = 100",
            ages);
    assertEquals(DataTypes.IntegerType, r.schema().apply("age").dataType());
    long atBounds = 0;
    for (Map<String, Object> row : r.rows()) {
      Integer age = (Integer) row.get("age");
      if ((Integer) row.get("id") == 2000) {
        assertNull(age, "null stays null");
        continue;
      }
      assertTrue(age % 5 == 0 && age >= 0 && age <= 100, "age " + age);
      if (age == 0 || age == 100) {
        atBounds++;
      }
    }
    long clamped = r.metric("age", "clamped");
    assertTrue(
        clamped > 0 && clamped <= atBounds, clamped + " clamped, " + atBounds + " at the bounds");
    assertTrue(r.metric("age", "cells_changed") > 1000, "most ages moved to another multiple of 5");

    TechniqueRun.Result whole =
        TechniqueRun.run(
            "type = noise, columns = age, distribution = gaussian, sigma = 1.5, seed = 3", ages);
    assertEquals(
        DataTypes.IntegerType, whole.schema().apply("age").dataType(), "integral stays integral");
  }
}
