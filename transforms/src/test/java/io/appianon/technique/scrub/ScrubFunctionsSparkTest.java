package io.appianon.technique.scrub;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the scrub UDFs on a real local SparkSession (shared with other test classes; not stopped).
 */
class ScrubFunctionsSparkTest {

  private static final Set<PiiKind> ALL = EnumSet.allOf(PiiKind.class);

  /** PII values planted in the input; none may survive scrubbing. */
  private static final List<String> SECRETS =
      List.of(
          "090-1234-5678",
          "０８０－９８７６－５４３２",
          "+81-90-2468-1357",
          "taro.yamada@example.co.jp",
          "hanako＠example.ne.jp",
          "4926 1090 2022",
          "123456789018",
          "4111 1111 1111 1111",
          "5555-5555-5555-4444",
          "山田",
          "佐藤花子",
          "鈴木",
          "東京都新宿区西新宿2-8-1",
          "〒160-0023");

  private static final List<String> TEXTS =
      List.of(
          "担当の山田さんが親切でした。連絡は090-1234-5678まで",
          "携帯：０８０－９８７６－５４３２（佐藤花子）",
          "海外から +81-90-2468-1357 にかけた",
          "返信は taro.yamada@example.co.jp へ",
          "hanako＠example.ne.jp 宛にお願いします",
          "マイナンバー 4926 1090 2022 を誤って記入",
          "個人番号123456789018",
          "カード 4111 1111 1111 1111 で払いました",
          "5555-5555-5555-4444 の明細",
          "鈴木様、〒160-0023 東京都新宿区西新宿2-8-1 に送ってください",
          "レジが混んでいました",
          "1,280円の弁当が美味しい。2026-04-01購入",
          "新宿店のスタッフが明るい");
  private static final long ROWS_WITH_PII = 10;

  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("scrub-test")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .getOrCreate();
  }

  private static Dataset<Row> input() {
    StructType schema =
        new StructType()
            .add("id", DataTypes.IntegerType, false)
            .add("opinion", DataTypes.StringType, true);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < TEXTS.size(); i++) {
      rows.add(RowFactory.create(i, TEXTS.get(i)));
    }
    rows.add(RowFactory.create(TEXTS.size(), null));
    return spark.createDataFrame(rows, schema).repartition(2);
  }

  @Test
  void scrubWithFlagRemovesAllPlantedPiiAndCountsChangedCells() {
    Column r = ScrubFunctions.scrubWithFlag(col("opinion"), ALL, Action.REPLACE_WITH_TAG);
    Dataset<Row> out =
        input()
            .withColumn("_s", r)
            .select(col("id"), col("_s.text").as("opinion"), col("_s.changed").as("changed"))
            .orderBy("id");
    List<Row> rows = out.collectAsList();
    assertEquals(TEXTS.size() + 1, rows.size());
    for (Row row : rows) {
      String text = row.getString(1);
      if (text == null) {
        continue;
      }
      for (String secret : SECRETS) {
        assertFalse(text.contains(secret), () -> "'" + secret + "' survived in: " + text);
      }
    }
    long changed = out.filter(col("changed")).count();
    assertEquals(ROWS_WITH_PII, changed);
    assertNull(rows.get(TEXTS.size()).getString(1), "null stays null");
    assertFalse(rows.get(TEXTS.size()).getBoolean(2), "null is not changed");
    assertEquals("レジが混んでいました", rows.get(10).getString(1));
    assertEquals("担当の[NAME]さんが親切でした。連絡は[PHONE]まで", rows.get(0).getString(1));
  }

  @Test
  void scrubAndContainsPiiAgreeWithTheFlag() {
    Dataset<Row> out =
        input()
            .withColumn("had_pii", ScrubFunctions.containsPii(col("opinion"), ALL))
            .withColumn("scrubbed", ScrubFunctions.scrub(col("opinion"), ALL, Action.DELETE_MATCH));
    assertEquals(ROWS_WITH_PII, out.filter(col("had_pii")).count());
    assertEquals(ROWS_WITH_PII, out.filter(col("scrubbed").notEqual(col("opinion"))).count());
    for (Row row : out.select("scrubbed").collectAsList()) {
      String text = row.getString(0);
      if (text != null) {
        for (String secret : SECRETS) {
          assertFalse(text.contains(secret), () -> "'" + secret + "' survived in: " + text);
        }
      }
    }
    Row rescrubbed =
        out
            .select(ScrubFunctions.containsPii(col("scrubbed"), ALL).as("again"))
            .filter(col("again"))
            .limit(1)
            .collectAsList()
            .stream()
            .findFirst()
            .orElse(null);
    assertNull(rescrubbed, "scrubbed output contains no detectable PII");
  }

  @Test
  void repeatedTextsInManyPartitionsGetTheScrubbersResult() {
    // Each task remembers the texts it scrubbed; every repeat, in any partition, must still match
    // the scrubber.
    TextScrubber direct = new TextScrubber(ALL, Action.REPLACE_WITH_TAG);
    StructType schema = new StructType().add("opinion", DataTypes.StringType, true);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      rows.add(RowFactory.create(TEXTS.get(i % TEXTS.size())));
    }
    List<Row> out =
        spark
            .createDataFrame(rows, schema)
            .repartition(4)
            .select(
                col("opinion"),
                ScrubFunctions.scrubWithFlag(col("opinion"), ALL, Action.REPLACE_WITH_TAG).as("s"),
                ScrubFunctions.scrub(col("opinion"), ALL, Action.REPLACE_WITH_TAG).as("t"),
                ScrubFunctions.containsPii(col("opinion"), ALL).as("p"))
            .collectAsList();
    assertEquals(40, out.size());
    long changed = 0;
    for (Row row : out) {
      TextScrubber.Result expected = direct.scrubWithFlag(row.getString(0));
      Row s = row.getStruct(1);
      assertEquals(expected.text(), s.getString(0));
      assertEquals(expected.changed(), s.getBoolean(1));
      assertEquals(expected.text(), row.getString(2));
      assertEquals(expected.changed(), row.getBoolean(3));
      changed += s.getBoolean(1) ? 1 : 0;
    }
    assertEquals(
        31, changed, "10 of every 13 texts carry personal data: 3 full rounds and 1 of the fourth");
  }

  @Test
  void resultTypeIsAStruct() {
    Dataset<Row> out =
        input()
            .select(ScrubFunctions.scrubWithFlag(col("opinion"), ALL, Action.DELETE_MATCH).as("s"));
    assertEquals(ScrubFunctions.SCRUB_RESULT_TYPE, out.schema().apply("s").dataType());
    assertTrue(out.schema().apply("s").dataType() instanceof StructType);
  }
}
