package io.appianon.privacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appianon.hierarchy.Hierarchy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The light path ({@link FrequencyTable#readCsv}) builds, from the same file, the table Spark's
 * reader and {@link FrequencyTable#build} build: on UCI Adult and on a file with the cases where
 * CSV readers disagree (empty and quoted-empty fields, whitespace, quotes, CRLF, empty lines). What
 * Spark's permissive reader would pad, cut or replace silently, it refuses with the line named.
 */
class FrequencyTableReadCsvTest {
  @TempDir Path dir;

  private static final List<QuasiIdentifier> QIS =
      List.of(
          QuasiIdentifier.of("pref", Hierarchy.flat("pref")),
          QuasiIdentifier.of("sex", Hierarchy.flat("sex")));

  @Test
  void adultGivesTheSameTableAsSpark() throws IOException {
    FrequencyTable local =
        FrequencyTable.readCsv(
            TestData.adultDir().resolve("adult.csv"),
            ';',
            TestData.adultQis(TestData.ADULT_QIS),
            Optional.of(TestData.ADULT_SENSITIVE));
    FrequencyTable spark = TestData.adultTable();
    assertEquals(30162, local.totalRecords());
    assertSameTable(spark, local);
  }

  @Test
  void emptyQuotedWhitespaceAndCrlfFieldsReadAsSparkReadsThem() throws IOException {
    Path csv = dir.resolve("edge.csv");
    String text =
        "id;pref;sex;satisfaction\r\n"
            + "1;東京都;女性;high\r\n"
            + "2;;女性;low\r\n" // empty: null
            + "3;\"\";男性;low\r\n" // quoted empty: null too (Spark's reading)
            + "4; 東京都 ;女性;\r\n" // surrounding whitespace kept; empty sensitive value
            + "\r\n" // an empty line is skipped
            + "5;\"大阪府\";\"男;性\";\"high\"\r\n" // quoted, with the separator inside
            + "6;東京都;女性;high\r\n";
    Files.writeString(csv, text, StandardCharsets.UTF_8);
    FrequencyTable local = FrequencyTable.readCsv(csv, ';', QIS, Optional.of("satisfaction"));
    FrequencyTable spark =
        FrequencyTable.build(
            TestData.spark().read().option("header", "true").option("sep", ";").csv(csv.toString()),
            QIS,
            Optional.of("satisfaction"));
    assertEquals(6, local.totalRecords());
    assertSameTable(spark, local);
    // what both read, spelled out
    assertEquals(Arrays.asList(null, " 東京都 ", "大阪府", "東京都"), local.domain(0));
    assertEquals(List.of("女性", "男;性", "男性"), local.domain(1));
  }

  @Test
  void aRecordWithTooFewOrTooManyFieldsIsRefusedWithItsLine() throws IOException {
    Path csv = dir.resolve("short.csv");
    Files.writeString(csv, "pref;sex;satisfaction\n東京都;女性;high\n大阪府;男性\n", StandardCharsets.UTF_8);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> FrequencyTable.readCsv(csv, ';', QIS, Optional.of("satisfaction")));
    assertTrue(e.getMessage().contains("line 3: 2 fields, the header has 3"), e.getMessage());

    Files.writeString(csv, "pref;sex;satisfaction\n東京都;女性;high;extra\n", StandardCharsets.UTF_8);
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> FrequencyTable.readCsv(csv, ';', QIS, Optional.of("satisfaction")));
    assertTrue(e.getMessage().contains("line 2: 4 fields, the header has 3"), e.getMessage());
  }

  @Test
  void aFileThatIsNotUtf8IsRefused() throws IOException {
    Path csv = dir.resolve("sjis.csv");
    Files.write(
        csv,
        "pref;sex;satisfaction\n東京都;女性;high\n"
            .getBytes(java.nio.charset.Charset.forName("Shift_JIS")));
    IOException e =
        assertThrows(
            IOException.class,
            () -> FrequencyTable.readCsv(csv, ';', QIS, Optional.of("satisfaction")));
    assertTrue(e.getMessage().contains("is not valid UTF-8"), e.getMessage());
  }

  @Test
  void anUnknownColumnIsNamedWithTheHeader() throws IOException {
    Path csv = dir.resolve("cols.csv");
    Files.writeString(csv, "prefecture;sex;satisfaction\n東京都;女性;high\n", StandardCharsets.UTF_8);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> FrequencyTable.readCsv(csv, ';', QIS, Optional.of("satisfaction")));
    assertEquals(
        "Unknown quasi-identifier column 'pref' in "
            + csv
            + " (columns: prefecture, sex, satisfaction)",
        e.getMessage());
  }

  private static void assertSameTable(FrequencyTable expected, FrequencyTable actual) {
    assertEquals(expected.size(), actual.size());
    assertEquals(expected.totalRecords(), actual.totalRecords());
    assertEquals(expected.sensitiveValues(), actual.sensitiveValues());
    for (int a = 0; a < expected.qiCount(); a++) {
      assertEquals(expected.domain(a), actual.domain(a), "domain of QI " + a);
    }
    for (int r = 0; r < expected.size(); r++) {
      for (int a = 0; a < expected.qiCount(); a++) {
        assertEquals(expected.value(r, a), actual.value(r, a), "row " + r + ", QI " + a);
      }
      assertEquals(expected.count(r), actual.count(r), "count of row " + r);
      assertArrayEquals(expected.sensitiveHistogram(r), actual.sensitiveHistogram(r));
    }
  }
}
