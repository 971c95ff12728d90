package io.appianon.technique;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.appianon.hierarchy.HierarchyResolver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-column generalizing techniques (generalize, postal-prefix, date-truncate, interval, age)
 * on a real local SparkSession, each output written out by hand, with the edges: nulls, unknown
 * values, bounds, year ends, birthdays.
 */
class GeneralizingTechniquesTest {

  private static Dataset<Row> column(String name, DataType type, Object... values) {
    List<Row> rows = new ArrayList<>();
    for (Object v : values) {
      rows.add(RowFactory.create(v));
    }
    return TechniqueRun.spark().createDataFrame(rows, new StructType().add(name, type));
  }

  // ---- generalize
  // ----------------------------------------------------------------------------------------------

  private static Technique generalize(Path dir, String options) throws IOException {
    Files.writeString(
        dir.resolve("food.csv"),
        """
        きゅうり;野菜;食品;*
        トマト;野菜;食品;*
        りんご;果物;食品;*
        洗剤;日用品;雑貨;*
        """,
        StandardCharsets.UTF_8);
    return Techniques.parse(
        TechniqueRun.conf("type = generalize, column = product, hierarchy = food, " + options),
        new HierarchyResolver(dir));
  }

  private static final Object[] PRODUCTS = {"きゅうり", "りんご", "洗剤", "ドリアン", null};

  @Test
  void generalizeReplacesEachValueByItsAncestorAtTheLevel(@TempDir Path dir) throws IOException {
    TechniqueRun.Result one =
        TechniqueRun.run(
            generalize(dir, "level = 1"), column("product", DataTypes.StringType, PRODUCTS), 1L);
    assertEquals(Arrays.asList("野菜", "果物", "日用品", "*", null), one.column("product"));
    assertEquals(1, one.metric("product", "unmapped"), "ドリアン; null is not counted");
    TechniqueRun.Result two =
        TechniqueRun.run(
            generalize(dir, "level = 2, output = group"),
            column("product", DataTypes.StringType, PRODUCTS),
            1L);
    assertEquals(Arrays.asList("食品", "食品", "雑貨", "*", null), two.column("group"));
    assertFalse(
        Arrays.asList(two.schema().fieldNames()).contains("product"),
        "the source column is dropped");
  }

  @Test
  void generalizeHandlesUnknownValuesAsConfigured(@TempDir Path dir) throws IOException {
    for (String[] c : new String[][] {{"keep", "ドリアン"}, {"null", null}, {"label", "その他"}}) {
      TechniqueRun.Result r =
          TechniqueRun.run(
              generalize(dir, "level = 1, unmapped = \"" + c[0] + "\""),
              column("product", DataTypes.StringType, PRODUCTS),
              1L);
      assertEquals(Arrays.asList("野菜", "果物", "日用品", c[1], null), r.column("product"), c[0]);
      assertEquals(1, r.metric("product", "unmapped"), c[0]);
    }
  }

  // ---- postal-prefix
  // -------------------------------------------------------------------------------------------

  @Test
  void postalPrefixKeepsTheFirstDigitsAndNullsWhatIsTooShort() {
    Dataset<Row> codes =
        column(
            "postal_code",
            DataTypes.StringType,
            "160-0023",
            "〒100-0001",
            "0600000",
            "12",
            "",
            null,
            "１６０－００２３"); // full-width digits are not [0-9]: nothing is kept
    TechniqueRun.Result three =
        TechniqueRun.run("type = postal-prefix, column = postal_code, output = area", codes);
    assertEquals(Arrays.asList("160", "100", "060", null, null, null, null), three.column("area"));
    assertFalse(Arrays.asList(three.schema().fieldNames()).contains("postal_code"));
    TechniqueRun.Result five =
        TechniqueRun.run("type = postal-prefix, column = postal_code, digits = 5", codes);
    assertEquals(
        Arrays.asList("16000", "10000", "06000", null, null, null, null),
        five.column("postal_code"));
  }

  // ---- date-truncate
  // -------------------------------------------------------------------------------------------

  @Test
  void dateTruncateToEachUnit() {
    // 2026-04-15 is a Wednesday (Monday 04-13); 2026-01-01 a Thursday, whose Monday is in 2025;
    // 2024-02-29 a Thursday
    Object[] dates = {
      java.sql.Date.valueOf("2026-04-15"),
      java.sql.Date.valueOf("2026-01-01"),
      java.sql.Date.valueOf("2024-02-29"),
      java.sql.Date.valueOf("2025-12-31"),
      null
    };
    String[][] expected = {
      {"day", "2026-04-15", "2026-01-01", "2024-02-29", "2025-12-31"},
      {"week", "2026-04-13", "2025-12-29", "2024-02-26", "2025-12-29"},
      {"month", "2026-04", "2026-01", "2024-02", "2025-12"},
      {"quarter", "2026-Q2", "2026-Q1", "2024-Q1", "2025-Q4"},
      {"year", "2026", "2026", "2024", "2025"}
    };
    for (String[] e : expected) {
      TechniqueRun.Result r =
          TechniqueRun.run(
              "type = date-truncate, column = d, unit = " + e[0],
              column("d", DataTypes.DateType, dates));
      List<Object> want =
          new ArrayList<>(Arrays.asList((Object[]) Arrays.copyOfRange(e, 1, e.length)));
      want.add(null);
      assertEquals(want, r.column("d"), e[0]);
    }
  }

  @Test
  void dateTruncateOfATimestampUsesItsDate() {
    TechniqueRun.Result r =
        TechniqueRun.run(
            "type = date-truncate, column = t, unit = month, output = m",
            column(
                "t", DataTypes.TimestampType, java.sql.Timestamp.valueOf("2026-06-30 12:00:00")));
    assertEquals(List.of("2026-06"), r.column("m"));
  }

  // ---- interval
  // ------------------------------------------------------------------------------------------------

  @Test
  void intervalOfFixedWidthLabelsIntegersByTheirBand() {
    TechniqueRun.Result r =
        TechniqueRun.run(
            "type = interval, column = age, width = 5",
            column("age", DataTypes.IntegerType, 0, 4, 5, 34, 35, 99, -1, null));
    assertEquals(
        Arrays.asList("0-4", "0-4", "5-9", "30-34", "35-39", "95-99", "-5--1", null),
        r.column("age"));
  }

  @Test
  void intervalOfFixedWidthLabelsDecimalsHalfOpen() {
    TechniqueRun.Result r =
        TechniqueRun.run(
            "type = interval, column = x, width = 2.5",
            column("x", DataTypes.DoubleType, 0.0, 2.4, 2.5, 7.6));
    assertEquals(List.of("0.0-<2.5", "0.0-<2.5", "2.5-<5.0", "7.5-<10.0"), r.column("x"));
  }

  @Test
  void intervalByBoundsLabelsBelowBetweenAndAbove() {
    TechniqueRun.Result r =
        TechniqueRun.run(
            "type = interval, column = amount, output = amount_band, bounds = [0, 500, 1000, 3000]",
            column(
                "amount",
                DataTypes.LongType,
                -1L,
                0L,
                499L,
                500L,
                999L,
                1000L,
                2999L,
                3000L,
                3_000_000L,
                null));
    assertEquals(
        Arrays.asList(
            "<0",
            "0-499",
            "0-499",
            "500-999",
            "500-999",
            "1000-2999",
            "1000-2999",
            "3000+",
            "3000+",
            null),
        r.column("amount_band"));
    TechniqueRun.Result d =
        TechniqueRun.run(
            "type = interval, column = x, bounds = [0, 0.5]",
            column("x", DataTypes.DoubleType, -0.1, 0.0, 0.49, 0.5));
    assertEquals(List.of("<0", "0-<0.5", "0-<0.5", "0.5+"), d.column("x"));
  }

  // ---- age
  // -----------------------------------------------------------------------------------------------------

  @Test
  void ageIsWholeYearsAtAFixedReferenceDate() {
    TechniqueRun.Result r =
        TechniqueRun.run(
            "type = age, column = birth, reference = \"2026-04-01\"",
            column(
                "birth",
                DataTypes.DateType,
                java.sql.Date.valueOf("2000-04-01"),
                java.sql.Date.valueOf("2000-04-02"),
                java.sql.Date.valueOf("1910-01-01"),
                java.sql.Date.valueOf("2026-04-01"),
                null));
    assertEquals(Arrays.asList(26, 25, 116, 0, null), r.column("age"));
    assertFalse(
        Arrays.asList(r.schema().fieldNames()).contains("birth"), "the date of birth is dropped");
  }

  /**
   * Against {@link Period#between}: the day before a birthday, the birthday, month ends, and 29
   * February (in a year without one the birthday is 1 March: on 28 February such a person is still
   * the younger age).
   */
  @Test
  void ageAtAReferenceColumnMatchesTheCalendarOnEdgeDays() {
    String[][] pairs = {
      {"2000-04-02", "2026-04-01"}, {"2000-04-02", "2026-04-02"}, {"2000-02-29", "2026-02-28"},
      {"2000-02-29", "2026-03-01"}, {"2000-02-29", "2024-02-28"}, {"2000-02-29", "2024-02-29"},
      {"2001-02-28", "2028-02-29"}, {"2000-03-31", "2026-02-28"}, {"2000-01-31", "2026-01-30"},
      {"2000-05-31", "2026-04-30"}, {"1999-12-31", "2026-12-31"}, {"1999-12-31", "2026-12-30"}
    };
    List<Row> rows = new ArrayList<>();
    List<Object> expected = new ArrayList<>();
    for (String[] p : pairs) {
      rows.add(RowFactory.create(java.sql.Date.valueOf(p[0]), java.sql.Date.valueOf(p[1])));
      expected.add(Period.between(LocalDate.parse(p[0]), LocalDate.parse(p[1])).getYears());
    }
    Dataset<Row> df =
        TechniqueRun.spark()
            .createDataFrame(
                rows,
                new StructType()
                    .add("birth", DataTypes.DateType)
                    .add("answered", DataTypes.DateType));
    TechniqueRun.Result r =
        TechniqueRun.run("type = age, column = birth, reference = answered", df);
    assertEquals(
        List.of(25, 26, 25, 26, 23, 24, 27, 25, 25, 25, 27, 26),
        expected,
        "the calendar's answers");
    assertEquals(expected, r.column("age"));
  }
}
