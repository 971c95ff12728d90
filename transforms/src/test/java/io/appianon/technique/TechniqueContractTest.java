package io.appianon.technique;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.appianon.TestSpark;
import io.appianon.hierarchy.HierarchyResolver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract of every technique in the {@link Techniques} catalogue, on one small real Spark
 * table: it parses from a hand-written policy entry, its schema pass declares the columns and types
 * {@code apply} really yields (hidden bookkeeping columns aside), and one output value is the one
 * computed here by hand. A technique registered without an entry in {@link #CASES} fails {@link
 * #everyRegisteredTechniqueHasACase}: a new technique must be added here.
 */
class TechniqueContractTest {

  /**
   * 32 bytes 0x01..0x20: a fixed pseudonym key, so the expected pseudonym is computed with the JDK
   * below.
   */
  private static final byte[] KEY = new byte[PseudonymKey.LENGTH];

  static {
    for (int i = 0; i < KEY.length; i++) {
      KEY[i] = (byte) (i + 1);
    }
  }

  /**
   * One technique's case: its policy entry and the check of its output rows, keyed by the column
   * {@code n}.
   */
  private record Case(String policy, Consumer<Map<Integer, Map<String, Object>>> check) {}

  private static final Map<String, Case> CASES = new TreeMap<>();

  private static void add(
      String type, String policy, Consumer<Map<Integer, Map<String, Object>>> check) {
    CASES.put(type, new Case("type = " + type + ", " + policy, check));
  }

  static {
    add(
        "delete",
        "columns = [postal_code, address]",
        rows -> {
          assertFalse(
              rows.get(0).containsKey("postal_code") || rows.get(0).containsKey("address"),
              rows.get(0).toString());
          assertEquals("M1", rows.get(0).get("id"));
        });
    add(
        "delete-records",
        "where = \"amount > 5000\", reason = test-account",
        rows -> {
          assertEquals(
              "test-account",
              rows.get(5).get(TechniqueContext.DELETE_REASON),
              "6000 yen > 5000: marked");
          assertNull(rows.get(0).get(TechniqueContext.DELETE_REASON), "100 yen: kept");
        });
    add(
        "pseudonymize",
        "columns = [id], domain = member, length = 16",
        rows -> assertEquals(jdkHmac("member", "M1").substring(0, 16), rows.get(0).get("id")));
    add(
        "age",
        "column = birth, reference = answered, output = age_at_answer",
        rows ->
            assertEquals(
                35, rows.get(0).get("age_at_answer"), "born 1990-05-10, answered 2026-04-01"));
    add(
        "top-bottom-code",
        "column = amount, upper = 1000",
        rows ->
            assertEquals(1000L, rows.get(5).get("amount"), "6000 coded to the upper bound 1000"));
    add(
        "date-truncate",
        "column = purchased_at, unit = month, output = purchase_month",
        rows -> assertEquals("2026-06", rows.get(0).get("purchase_month")));
    add(
        "interval",
        "column = amount, output = amount_band, bounds = [0, 500, 1000, 3000]",
        rows -> {
          assertEquals("0-499", rows.get(0).get("amount_band"));
          assertEquals("3000+", rows.get(5).get("amount_band"));
        });
    add(
        "generalize",
        "column = product, hierarchy = food, level = 1",
        rows -> assertEquals("野菜", rows.get(0).get("product"), "きゅうり -> 野菜 in food.csv"));
    add(
        "address-to-prefecture",
        "column = address, output = prefecture",
        rows -> assertEquals("東京都", rows.get(0).get("prefecture")));
    add(
        "postal-prefix",
        "column = postal_code",
        rows -> assertEquals("150", rows.get(0).get("postal_code"), "1500001: the first 3 digits"));
    add(
        "rare-values",
        "column = occupation, min-count = 2, replacement = \"その他\"",
        rows -> {
          assertEquals("その他", rows.get(5).get("occupation"), "宇宙飛行士 occurs once");
          assertEquals("教員", rows.get(0).get("occupation"), "教員 occurs twice");
        });
    add(
        "scrub",
        "columns = [opinion], kinds = [all], action = replace-with-tag",
        rows -> assertEquals("連絡は[PHONE]まで", rows.get(0).get("opinion")));
    add(
        "suppress-cells",
        "columns = amount, where = \"occupation = '宇宙飛行士'\"",
        rows -> {
          assertNull(rows.get(5).get("amount"));
          assertEquals(100L, rows.get(0).get("amount"));
        });
    add(
        "micro-aggregate",
        "columns = amount, k = 3",
        rows -> {
          assertEquals(200L, rows.get(0).get("amount"), "group {100, 200, 300}: mean 200");
          assertEquals(3000L, rows.get(5).get("amount"), "group {1000, 2000, 6000}: mean 3000");
        });
    add(
        "noise",
        "columns = age, distribution = laplace, scale = 0.001, round = 1, seed = 7",
        rows ->
            assertEquals(
                35, rows.get(0).get("age"), "noise of scale 0.001 rounded to whole years: none"));
    add(
        "swap",
        "columns = amount, within = band, seed = 1",
        rows -> {
          assertEquals(6000L, rows.get(5).get("amount"), "alone in band 'solo': keeps its value");
          assertEquals(
              new TreeSet<>(List.of(100L, 200L, 300L)),
              new TreeSet<>(
                  List.of(
                      rows.get(0).get("amount"),
                      rows.get(1).get("amount"),
                      rows.get(2).get("amount"))),
              "band 'a' keeps its amounts among its rows");
        });
  }

  @Test
  void everyRegisteredTechniqueHasACase() {
    assertEquals(
        Techniques.types(),
        CASES.keySet(),
        "every technique in Techniques needs a case in TechniqueContractTest (and no case without a technique)");
  }

  @Test
  void everyTechniqueDeclaresItsSchemaAndComputesTheHandWrittenValue(@TempDir Path dir)
      throws IOException {
    Files.writeString(
        dir.resolve("food.csv"),
        """
        きゅうり;野菜;食品;*
        りんご;果物;食品;*
        洗剤;日用品;雑貨;*
        """,
        StandardCharsets.UTF_8);
    HierarchyResolver hierarchies = new HierarchyResolver(dir);
    Dataset<Row> input = input();
    List<String> failures = new ArrayList<>();
    for (Map.Entry<String, Case> e : CASES.entrySet()) {
      try {
        check(e.getKey(), e.getValue(), input, hierarchies);
      } catch (AssertionError | RuntimeException x) {
        failures.add(e.getKey() + ": " + x.getMessage());
      }
    }
    assertEquals(List.of(), failures, "techniques that break their contract");
  }

  /**
   * A one-column technique writes its output in the input's place, or as a new column last: the
   * schema pass and apply agree on names, types and order either way (they are written once, in
   * {@link ColumnTechnique}; before, three techniques declared an in-place output last while apply
   * kept its place).
   */
  @Test
  void everyColumnTechniqueDeclaresItsOutputInPlaceAndAsANewColumn(@TempDir Path dir)
      throws IOException {
    Files.writeString(
        dir.resolve("food.csv"),
        "きゅうり;野菜;食品;*\nりんご;果物;食品;*\n洗剤;日用品;雑貨;*\n",
        StandardCharsets.UTF_8);
    HierarchyResolver hierarchies = new HierarchyResolver(dir);
    Dataset<Row> input = input();
    List<String> checked = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (Map.Entry<String, Case> e : CASES.entrySet()) {
      String policy = e.getValue().policy().replaceAll(",\\s*output = \\w+", "");
      if (!(Techniques.parse(TechniqueRun.conf(policy), hierarchies)
          instanceof ColumnTechnique one)) {
        continue;
      }
      for (String output : List.of(one.column(), "derived_" + one.column())) {
        Technique t =
            Techniques.parse(TechniqueRun.conf(policy + ", output = " + output), hierarchies);
        Dataset<Row> out = t.apply(input, new TechniqueContext(Optional.empty(), 5L));
        StructType visible =
            new StructType(
                Arrays.stream(out.schema().fields())
                    .filter(f -> !f.name().startsWith(TechniqueContext.HIDDEN_PREFIX))
                    .toArray(StructField[]::new));
        List<String> declared = namesAndTypes(t.transformSchema(input.schema()));
        if (!declared.equals(namesAndTypes(visible))) {
          failures.add(
              e.getKey()
                  + " -> "
                  + output
                  + ": declared "
                  + declared
                  + ", applied "
                  + namesAndTypes(visible));
        }
        checked.add(e.getKey() + " -> " + output);
      }
    }
    assertEquals(List.of(), failures);
    assertEquals(12, checked.size(), "six one-column techniques, in place and new: " + checked);
  }

  private static void check(
      String type, Case c, Dataset<Row> input, HierarchyResolver hierarchies) {
    Technique t = Techniques.parse(TechniqueRun.conf(c.policy()), hierarchies);
    assertEquals(type, t.type());
    StructType declared = t.transformSchema(input.schema());
    Dataset<Row> out =
        t.apply(input, new TechniqueContext(Optional.of(PseudonymKey.fromBytes(KEY.clone())), 5L));
    StructType visible =
        new StructType(
            Arrays.stream(out.schema().fields())
                .filter(f -> !f.name().startsWith(TechniqueContext.HIDDEN_PREFIX))
                .toArray(StructField[]::new));
    assertEquals(
        namesAndTypes(declared), namesAndTypes(visible), "the schema pass declares the output");
    Map<Integer, Map<String, Object>> rows = new HashMap<>();
    for (Row r : out.collectAsList()) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (String name : out.columns()) {
        m.put(name, r.get(r.fieldIndex(name)));
      }
      rows.put((Integer) m.get("n"), m);
    }
    assertEquals(6, rows.size(), "every row is still there");
    c.check().accept(rows);
  }

  private static List<String> namesAndTypes(StructType schema) {
    return Arrays.stream(schema.fields())
        .map(f -> f.name() + " " + f.dataType().simpleString())
        .toList();
  }

  /** Six members; n numbers the rows (no technique touches it). */
  private static Dataset<Row> input() {
    StructType schema =
        new StructType()
            .add("n", DataTypes.IntegerType)
            .add("id", DataTypes.StringType)
            .add("birth", DataTypes.DateType)
            .add("answered", DataTypes.DateType)
            .add("age", DataTypes.IntegerType)
            .add("amount", DataTypes.LongType)
            .add("postal_code", DataTypes.StringType)
            .add("address", DataTypes.StringType)
            .add("occupation", DataTypes.StringType)
            .add("opinion", DataTypes.StringType)
            .add("product", DataTypes.StringType)
            .add("band", DataTypes.StringType)
            .add("purchased_at", DataTypes.TimestampType);
    List<Row> rows = new ArrayList<>();
    Date answered = Date.valueOf("2026-04-01");
    rows.add(
        RowFactory.create(
            0,
            "M1",
            Date.valueOf("1990-05-10"),
            answered,
            35,
            100L,
            "1500001",
            "東京都渋谷区神宮前1-1-1",
            "教員",
            "連絡は090-1234-5678まで",
            "きゅうり",
            "a",
            Timestamp.valueOf("2026-06-30 12:00:00")));
    rows.add(
        RowFactory.create(
            1,
            "M2",
            Date.valueOf("1985-01-01"),
            answered,
            41,
            200L,
            "5300001",
            "大阪府大阪市北区梅田1-1",
            "教員",
            "品揃えが良い",
            "りんご",
            "a",
            Timestamp.valueOf("2026-01-15 09:00:00")));
    rows.add(
        RowFactory.create(
            2,
            "M3",
            Date.valueOf("1970-12-31"),
            answered,
            55,
            300L,
            "0600001",
            "北海道札幌市中央区北1条西2丁目",
            "会社員",
            "普通",
            "洗剤",
            "a",
            Timestamp.valueOf("2026-02-01 00:00:00")));
    rows.add(
        RowFactory.create(
            3,
            "M4",
            Date.valueOf("1966-03-03"),
            answered,
            60,
            1000L,
            "4600001",
            "愛知県名古屋市中区三の丸1-1",
            "会社員",
            "また来ます",
            "りんご",
            "b",
            Timestamp.valueOf("2026-03-10 10:00:00")));
    rows.add(
        RowFactory.create(
            4,
            "M5",
            Date.valueOf("1956-07-07"),
            answered,
            70,
            2000L,
            "8100001",
            "福岡県福岡市中央区天神1-1",
            "会社員",
            "安い",
            "きゅうり",
            "b",
            Timestamp.valueOf("2026-04-20 18:30:00")));
    rows.add(
        RowFactory.create(
            5,
            "M6",
            Date.valueOf("1931-01-01"),
            answered,
            95,
            6000L,
            "9000001",
            "沖縄県那覇市泉崎1-1",
            "宇宙飛行士",
            "高い",
            "洗剤",
            "solo",
            Timestamp.valueOf("2026-05-05 05:05:00")));
    return TestSpark.session().createDataFrame(rows, schema);
  }

  /**
   * HMAC-SHA-256 of {@code domain NUL value} under {@link #KEY}, by the JDK (not by the technique's
   * Spark code).
   */
  private static String jdkHmac(String domain, String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
      mac.update((domain + "\u0000").getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
