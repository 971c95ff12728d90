package io.appianon.io;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import io.appianon.TestProject;
import io.appianon.TestSpark;
import io.appianon.hierarchy.HierarchyResolver;
import io.appianon.policy.DatasetPolicy;
import io.appianon.policy.PolicyLoader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The readers: explicit schemas, encodings, formats, clear errors, and no row unaccounted for. */
class InputReaderTest {
  @TempDir Path tmp;
  private final SparkSession spark = TestSpark.session();
  private final InputReader reader = new InputReader(spark);

  private DatasetPolicy survey() {
    return PolicyLoader.load(
        TestProject.root().resolve("conf/policies/survey.conf"),
        new HierarchyResolver(TestProject.sampleData().resolve("hierarchies")));
  }

  /** The first {@code records} records of the bundled survey, re-serialized (header included). */
  private String surveyHead(int records) throws IOException {
    String all = Files.readString(TestProject.sampleData().resolve("survey.csv"));
    CsvParserSettings s = new CsvParserSettings();
    s.setMaxCharsPerColumn(-1);
    List<String[]> rows = new CsvParser(s).parseAll(new StringReader(all));
    StringBuilder sb = new StringBuilder();
    for (String[] r : rows.subList(0, records + 1)) {
      for (int i = 0; i < r.length; i++) {
        String v = r[i] == null ? "" : r[i];
        sb.append(i > 0 ? "," : "")
            .append(v.matches("(?s).*[,\"\\n].*") ? "\"" + v.replace("\"", "\"\"") + "\"" : v);
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private Path write(String name, String text, Charset cs) throws IOException {
    Path p = tmp.resolve(name);
    Files.write(p, text.getBytes(cs));
    return p;
  }

  private static long valid(Dataset<Row> d) {
    return d.where(col(InputReader.REASON).isNull()).count();
  }

  @Test
  void multiLineCsvIsSpreadOverTheCoresWithEveryRow() throws IOException {
    Path file = write("s.csv", surveyHead(500), StandardCharsets.UTF_8);
    DatasetPolicy p = survey().withInputPath(file.toString());
    assertTrue(p.input().multiLine(), "the survey's opinions may hold line breaks");
    Dataset<Row> read = reader.read(p);
    Dataset<Row> spread = reader.readSpread(p, List.of("name", "email"));
    assertEquals(1, read.rdd().getNumPartitions(), "a multi-line CSV file is read in one task");
    assertTrue(
        spread.rdd().getNumPartitions() >= spark.sparkContext().defaultParallelism(),
        "then spread: " + spread.rdd().getNumPartitions() + " partitions");
    assertEquals(
        0,
        spread.rdd().getNumPartitions() % spark.sparkContext().defaultParallelism(),
        "in full waves: a multiple of the cores");
    assertEquals(500, spread.count());
    assertEquals(
        read.select("member_id").orderBy("member_id").collectAsList(),
        spread.select("member_id").orderBy("member_id").collectAsList(),
        "the same rows, none lost or doubled");
    List<String> cols = List.of(spread.columns());
    assertTrue(
        !cols.contains("name") && !cols.contains("email") && cols.contains(InputReader.RAW),
        "columns the policy deletes unread are left out; quarantine's raw values stay: " + cols);
  }

  @Test
  void spreadPartitionsAreAMultipleOfTheCores() {
    assertEquals(
        8, InputReader.spreadPartitions(434L << 20, 2), "434 MB: 7 by size, rounded up to 8");
    assertEquals(2, InputReader.spreadPartitions(28L << 20, 2));
    assertEquals(4, InputReader.spreadPartitions(0, 4));
    assertEquals(12, InputReader.spreadPartitions(700L << 20, 4));
    assertEquals(11, InputReader.spreadPartitions(700L << 20, 1));
  }

  @Test
  void shiftJisInputReadsLikeUtf8() throws IOException {
    String text = surveyHead(200).replace('\uFF0D', '\u2212');
    Path utf8 = write("s-utf8.csv", text, StandardCharsets.UTF_8);
    Path sjis = write("s-sjis.csv", text, Charset.forName("windows-31j"));
    Dataset<Row> a = reader.read(survey().withInputPath(utf8.toString()));
    DatasetPolicy p = survey().withInputPath(sjis.toString());
    DatasetPolicy sj =
        new DatasetPolicy(
            p.file(),
            p.name(),
            p.title(),
            new io.appianon.policy.InputSpec(
                p.input().path(),
                "csv",
                true,
                ",",
                "windows-31j",
                "\"",
                "\"",
                true,
                "yyyy-MM-dd",
                "yyyy-MM-dd HH:mm:ss",
                "fail"),
            p.columns(),
            p.techniques(),
            p.privacy(),
            p.shuffleRecords());
    Dataset<Row> b = reader.read(sj);
    assertEquals(200, a.count());
    List<Row> ra = a.select("member_id", "name", "opinion").orderBy("member_id").collectAsList();
    List<Row> rb = b.select("member_id", "name", "opinion").orderBy("member_id").collectAsList();
    assertEquals(ra, rb, "the same records, Japanese text intact");
  }

  private DatasetPolicy purchases() {
    return PolicyLoader.load(
        TestProject.root().resolve("conf/policies/purchases.conf"),
        new HierarchyResolver(TestProject.sampleData().resolve("hierarchies")));
  }

  private static java.util.Map<String, Long> byReason(Dataset<Row> d) {
    java.util.Map<String, Long> out = new java.util.TreeMap<>();
    for (Row r :
        d.where(col(InputReader.REASON).isNotNull())
            .groupBy(InputReader.REASON)
            .count()
            .collectAsList()) {
      out.put(r.getString(0), r.getLong(1));
    }
    return out;
  }

  /**
   * Issue 20 item 5: a record written in Shift_JIS inside a UTF-8 file is quarantined as
   * malformed-encoding (the multi-line survey, decoded by Java's reader, and the line-split
   * purchases, whose bytes Spark keeps as read); a whole file in Shift_JIS declared UTF-8 fails the
   * run, naming Shift_JIS.
   */
  @Test
  void bytesNotValidInTheDeclaredEncodingAreQuarantinedAndAWholeFileFailsNamingIt()
      throws IOException {
    String head = surveyHead(200);
    String more = surveyHead(201).substring(head.length());
    Path mixed = tmp.resolve("mixed.csv");
    Files.write(
        mixed,
        concat(
            head.getBytes(StandardCharsets.UTF_8), more.getBytes(Charset.forName("windows-31j"))));
    DatasetPolicy survey = survey().withInputPath(mixed.toString());
    Dataset<Row> d = reader.read(survey);
    List<Row> bad =
        d.where(col(InputReader.REASON).startsWith(InputReader.REASON_MALFORMED_ENCODING))
            .select("member_id")
            .collectAsList();
    assertEquals(
        List.of(more.substring(0, more.indexOf(','))),
        bad.stream().map(r -> r.getString(0)).toList(),
        "exactly the Shift_JIS record");
    reader.checkEncoding(
        survey, d.count(), byReason(d)); // 1 of 201 rows: below the 1 % limit, the run goes on

    Path sjis = write("sjis.csv", head, Charset.forName("windows-31j"));
    DatasetPolicy whole = survey().withInputPath(sjis.toString());
    Dataset<Row> w = reader.read(whole);
    InputException e =
        assertThrows(
            InputException.class, () -> reader.checkEncoding(whole, w.count(), byReason(w)));
    assertTrue(
        e.getMessage().contains("Shift_JIS")
            && e.getMessage().contains("windows-31j")
            && e.getMessage().contains("max-malformed-encoding"),
        e.getMessage());

    List<String> lines =
        Files.readAllLines(TestProject.sampleData().resolve("purchases.csv")).subList(0, 301);
    Path pj =
        write(
            "purchases-sjis.csv", String.join("\n", lines) + "\n", Charset.forName("windows-31j"));
    DatasetPolicy purchases = purchases().withInputPath(pj.toString());
    assertTrue(!purchases.input().multiLine());
    Dataset<Row> pd = reader.read(purchases);
    java.util.Map<String, Long> reasons = byReason(pd);
    assertEquals(
        300L,
        reasons.getOrDefault(InputReader.REASON_MALFORMED_ENCODING + " (not valid UTF-8)", 0L),
        "every purchase row holds Japanese text: " + reasons);
    e =
        assertThrows(
            InputException.class, () -> reader.checkEncoding(purchases, pd.count(), reasons));
    assertTrue(
        e.getMessage().contains("Shift_JIS") && e.getMessage().contains("300 of 300"),
        e.getMessage());

    Path euc =
        write("purchases-euc.csv", String.join("\n", lines) + "\n", Charset.forName("EUC-JP"));
    DatasetPolicy pe = purchases().withInputPath(euc.toString());
    Dataset<Row> ed = reader.read(pe);
    e =
        assertThrows(
            InputException.class, () -> reader.checkEncoding(pe, ed.count(), byReason(ed)));
    assertTrue(e.getMessage().contains("EUC-JP"), e.getMessage());
  }

  /**
   * The run fails for its encoding only above input.max-malformed-encoding (1 % in the shipped
   * survey policy), and only rows quarantined for their bytes count: 1 of 100 is at the limit and
   * the run goes on, 2 of 100 fail it; 80 rows with broken quoting or a wrong column count are no
   * encoding error.
   */
  @Test
  void onlyRowsWithBadBytesCountAgainstTheEncodingLimitAndTheLimitItselfIsAllowed() {
    DatasetPolicy survey = survey();
    String bad = InputReader.REASON_MALFORMED_ENCODING + " (not valid UTF-8)";
    reader.checkEncoding(survey, 100, java.util.Map.of(bad, 1L));
    reader.checkEncoding(
        survey,
        100,
        java.util.Map.of(
            InputReader.REASON_BROKEN_QUOTE,
            50L,
            "malformed record (wrong number of columns or broken quoting)",
            30L));
    InputException e =
        assertThrows(
            InputException.class,
            () -> reader.checkEncoding(survey, 100, java.util.Map.of(bad, 2L)));
    assertTrue(e.getMessage().contains("2 of 100 rows (2.0%)"), e.getMessage());
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /**
   * Issue 20 item 7: with the shipped survey policy, a member id on two rows puts both rows in
   * quarantine, and dates of birth after the run's date or before 1900 are quarantined; the spread
   * read counts duplicates on the partitions it spreads by, without another shuffle.
   */
  @Test
  void duplicateIdsAndImplausibleBirthDatesAreQuarantined() throws IOException {
    String head = surveyHead(60);
    head = head.substring(0, head.length() - 1);
    String[] recs = head.split("\n(?=M\\d{7},)");
    String second = recs[2];
    String dup = recs[1].substring(0, recs[1].indexOf(',')) + second.substring(second.indexOf(','));
    String future = recs[3].replaceFirst(",\\d{4}-\\d{2}-\\d{2},(男性|女性)", ",2030-01-01,$1");
    String ancient = recs[4].replaceFirst(",\\d{4}-\\d{2}-\\d{2},(男性|女性)", ",1800-01-01,$1");
    assertTrue(!future.equals(recs[3]) && !ancient.equals(recs[4]));
    List<String> out = new java.util.ArrayList<>(Arrays.asList(recs));
    out.set(3, future);
    out.set(4, ancient);
    out.add(dup);
    Path f = write("dups.csv", String.join("\n", out) + "\n", StandardCharsets.UTF_8);
    DatasetPolicy p = survey().withInputPath(f.toString());
    String id = recs[1].substring(0, recs[1].indexOf(','));
    for (Dataset<Row> d : List.of(reader.read(p), reader.readSpread(p, List.of("name")))) {
      assertEquals(61, d.count());
      List<String> dups =
          d
              .where(col(InputReader.REASON).contains("duplicate-member_id"))
              .select("member_id")
              .collectAsList()
              .stream()
              .map(r -> r.getString(0))
              .toList();
      assertEquals(List.of(id, id), dups, "both occurrences quarantined");
      assertEquals(
          1, d.where(col(InputReader.REASON).contains("birth_date: after maximum today")).count());
      assertEquals(
          1,
          d.where(col(InputReader.REASON).contains("birth_date: before minimum 1900-01-01"))
              .count());
      assertEquals(
          "2030-01-01",
          d.where(col(InputReader.REASON).contains("after maximum"))
              .select(col(InputReader.RAW + ".birth_date"))
              .first()
              .getString(0),
          "quarantine keeps the value as read");
    }
    String plan = reader.readSpread(p, List.of("name")).queryExecution().executedPlan().toString();
    assertEquals(
        1,
        plan.split("Exchange", -1).length - 1,
        "one shuffle spreads the rows and counts the ids: " + plan);
  }

  /** Physical lines of a text, as a line reader counts them. */
  private static long physicalLines(String text) {
    return new java.io.BufferedReader(new StringReader(text)).lines().count();
  }

  private static long sumLines(Dataset<Row> d) {
    return d.agg(org.apache.spark.sql.functions.sum(InputReader.LINES)).first().getLong(0);
  }

  /**
   * Issue 20 item 6: one unbalanced quote in the multi-line survey costs only the record it is in.
   * Its first line is quarantined as a broken quote, every later member is read (Spark's reader
   * swallowed them into one record), and every physical line but the header is in exactly one row
   * (the rows' line counts add up to the file's lines).
   */
  @Test
  void anUnbalancedQuoteCostsOnlyItsRecordAndEveryLineIsCounted() throws IOException {
    String text = surveyHead(300);
    List<String> recs =
        new java.util.ArrayList<>(
            Arrays.asList(text.substring(0, text.length() - 1).split("\n(?=M\\d{7},)")));
    String victim =
        recs.get(2); // オーガニック商品をもっと置いてほしいです。 unquoted: open a quote before it, never closed
    String broken = victim.replace(",オーガニック商品", ",\"オーガニック商品");
    assertTrue(!broken.equals(victim));
    recs.set(2, broken);
    String file = String.join("\n", recs) + "\n";
    Path f = write("broken.csv", file, StandardCharsets.UTF_8);
    DatasetPolicy p = survey().withInputPath(f.toString());
    Dataset<Row> spark =
        this.spark
            .read()
            .option("header", true)
            .option("multiLine", true)
            .option("escape", "\"")
            .csv(f.toString());
    assertTrue(
        spark.count() < 290,
        "Spark's reader swallows the members after the quote: " + spark.count());

    Dataset<Row> d = reader.read(p);
    List<String> ids =
        recs.subList(1, recs.size()).stream().map(r -> r.substring(0, r.indexOf(','))).toList();
    List<Row> quarantined =
        d.where(col(InputReader.REASON).equalTo(InputReader.REASON_BROKEN_QUOTE))
            .select(InputReader.SOURCE, InputReader.LINES)
            .collectAsList();
    assertEquals(1, quarantined.size(), "one broken record");
    assertTrue(
        quarantined.get(0).getString(0).contains("line 3")
            && quarantined.get(0).getString(0).contains(ids.get(1)),
        "the source text names the line: " + quarantined.get(0));
    java.util.Set<String> read = new java.util.HashSet<>();
    d.select("member_id").collectAsList().forEach(r -> read.add(r.getString(0)));
    for (String id : ids) {
      assertTrue(id.equals(ids.get(1)) || read.contains(id), id + " read");
    }
    assertEquals(physicalLines(file) - 1, sumLines(d), "every line but the header is in one row");
    assertEquals(
        valid(
                reader.read(
                    survey()
                        .withInputPath(write("ok.csv", text, StandardCharsets.UTF_8).toString())))
            - 1,
        valid(d),
        "only the broken record is lost");

    // a record that spans more lines than max-lines-per-record: its first line quarantined, the
    // lines after it read
    String longOpinion = "\"" + "一行\n".repeat(25) + "終わり\"";
    recs.set(2, victim.replace(",オーガニック商品をもっと置いてほしいです。,", "," + longOpinion + ","));
    String file2 = String.join("\n", recs) + "\n";
    Dataset<Row> d2 =
        reader.read(
            survey().withInputPath(write("long.csv", file2, StandardCharsets.UTF_8).toString()));
    assertEquals(
        1, d2.where(col(InputReader.REASON).equalTo(InputReader.REASON_BROKEN_QUOTE)).count());
    assertEquals(physicalLines(file2) - 1, sumLines(d2));
    assertTrue(
        d2.where(col("member_id").equalTo(ids.get(2))).count() == 1, "the member after it is read");
  }

  /**
   * The multi-line parser reads the bundled survey exactly as Spark's CSV reader does, one line per
   * row or more.
   */
  @Test
  void multiLineParserReadsTheBundledSurveyAsSparkDoes() throws IOException {
    Path bundled = TestProject.sampleData().resolve("survey.csv");
    Dataset<Row> ours = reader.read(survey().withInputPath(bundled.toString()));
    Dataset<Row> theirs =
        spark
            .read()
            .option("header", true)
            .option("multiLine", true)
            .option("escape", "\"")
            .csv(bundled.toString());
    String[] cols = survey().columnNames().toArray(new String[0]);
    assertEquals(theirs.count(), ours.count());
    org.apache.spark.sql.Column[] mine =
        Arrays.stream(cols)
            .map(
                c ->
                    org.apache
                        .spark
                        .sql
                        .functions
                        .coalesce(col(InputReader.RAW + "." + c), col(c).cast("string"))
                        .as(c))
            .toArray(org.apache.spark.sql.Column[]::new);
    org.apache.spark.sql.Column[] spark =
        Arrays.stream(cols)
            .map(
                c ->
                    org.apache
                        .spark
                        .sql
                        .functions
                        .when(
                            org.apache.spark.sql.functions.trim(col(c)).notEqual(""),
                            org.apache.spark.sql.functions.trim(col(c)))
                        .as(c))
            .toArray(org.apache.spark.sql.Column[]::new);
    Dataset<Row> a = ours.where(col(InputReader.REASON).isNull()).select(mine);
    Dataset<Row> b = theirs.select(spark);
    assertTrue(a.count() > 2900);
    assertEquals(0, a.exceptAll(b).count(), "every valid row as Spark read it");
    assertEquals(physicalLines(Files.readString(bundled)) - 1, sumLines(ours));
  }

  @Test
  void parquetAndJsonLinesInputsAreValidatedTheSameWay() throws IOException {
    Path csv = write("s.csv", surveyHead(50), StandardCharsets.UTF_8);
    Dataset<Row> fromCsv = reader.read(survey().withInputPath(csv.toString()));
    String[] cols = survey().columnNames().toArray(new String[0]);
    Dataset<Row> typed = fromCsv.select(cols[0], Arrays.copyOfRange(cols, 1, cols.length));
    typed.write().parquet(tmp.resolve("pq").toString());
    typed.write().json(tmp.resolve("js").toString());
    DatasetPolicy p = survey();
    for (String format : List.of("parquet", "json")) {
      DatasetPolicy q =
          new DatasetPolicy(
              p.file(),
              p.name(),
              p.title(),
              new io.appianon.policy.InputSpec(
                  tmp.resolve(format.equals("parquet") ? "pq" : "js").toString(),
                  format,
                  true,
                  ",",
                  "UTF-8",
                  "\"",
                  "\"",
                  true,
                  "yyyy-MM-dd",
                  "yyyy-MM-dd HH:mm:ss",
                  "fail"),
              p.columns(),
              p.techniques(),
              p.privacy(),
              true);
      Dataset<Row> d = reader.read(q);
      assertEquals(50, d.count(), format);
      assertEquals(valid(fromCsv), valid(d), format + " valid rows");
    }
  }

  @Test
  void wrongDelimiterIsNamed() throws IOException {
    Path p = write("semi.csv", surveyHead(5).replace(',', ';'), StandardCharsets.UTF_8);
    InputException e =
        assertThrows(InputException.class, () -> reader.read(survey().withInputPath(p.toString())));
    assertTrue(
        e.getMessage().contains("wrong delimiter") && e.getMessage().contains("';'"),
        e.getMessage());
  }

  @Test
  void undeclaredColumnFailsAndMissingColumnFails() throws IOException {
    String text = surveyHead(5);
    Path extra =
        write("extra.csv", text.replaceFirst("\n", ",secret_note\n"), StandardCharsets.UTF_8);
    InputException e =
        assertThrows(
            InputException.class, () -> reader.read(survey().withInputPath(extra.toString())));
    assertTrue(
        e.getMessage().contains("not declared") && e.getMessage().contains("secret_note"),
        e.getMessage());
    Path missing =
        write("missing.csv", text.replaceFirst("member_id,", "id,"), StandardCharsets.UTF_8);
    e =
        assertThrows(
            InputException.class, () -> reader.read(survey().withInputPath(missing.toString())));
    assertTrue(e.getMessage().contains("missing from the input: member_id"), e.getMessage());
  }

  @Test
  void emptyFileAndMissingFileHaveClearMessages() throws IOException {
    Path empty = write("empty.csv", "", StandardCharsets.UTF_8);
    InputException e =
        assertThrows(
            InputException.class, () -> reader.read(survey().withInputPath(empty.toString())));
    assertTrue(e.getMessage().contains("empty"), e.getMessage());
    e =
        assertThrows(
            InputException.class,
            () -> reader.read(survey().withInputPath(tmp.resolve("nope.csv").toString())));
    assertTrue(e.getMessage().contains("not found"), e.getMessage());
    Path headerOnly = write("header.csv", surveyHead(0), StandardCharsets.UTF_8);
    assertEquals(0, reader.read(survey().withInputPath(headerOnly.toString())).count());
  }

  /**
   * Truncated and corrupted files: every record an independent CSV parser sees is either valid or
   * quarantined with a reason; a file that cannot be read at all fails with an InputException,
   * never anything else.
   */
  @Test
  void fuzzedFilesLoseNoRowAndNeverCrashWithoutAMessage() throws IOException {
    byte[] base = surveyHead(120).getBytes(StandardCharsets.UTF_8);
    Random rnd = new Random(7);
    long quarantinedSeen = 0;
    for (int round = 0; round < 12; round++) {
      byte[] b = Arrays.copyOf(base, base.length / 2 + rnd.nextInt(base.length / 2));
      for (int j = 0; j < round; j++) {
        int at = 200 + rnd.nextInt(b.length - 200);
        b[at] = (byte) ",\"\n;x\u0000".charAt(rnd.nextInt(6));
      }
      Path f = tmp.resolve("fuzz" + round + ".csv");
      Files.write(f, b);
      try {
        Dataset<Row> d = reader.read(survey().withInputPath(f.toString()));
        long total = d.count();
        long quarantined = d.where(col(InputReader.REASON).isNotNull()).count();
        // Every physical line but the header is in one record, or blank (the multi-line reader
        // counts lines; a broken quote no longer swallows the records after it, so the records are
        // not univocity's).
        String text = new String(b, StandardCharsets.UTF_8);
        long lines = physicalLines(text) - 1;
        long blank = text.lines().filter(l -> l.isEmpty()).count();
        long inRows = sumLines(d);
        assertTrue(
            inRows <= lines && inRows >= lines - blank,
            "round "
                + round
                + ": every line read, "
                + inRows
                + " of "
                + lines
                + " lines ("
                + blank
                + " blank)");
        assertEquals(total, valid(d) + quarantined, "round " + round + ": valid + quarantined");
        quarantinedSeen += quarantined;
      } catch (InputException e) {
        assertTrue(
            e.getMessage().contains(f.toString()), "the message names the file: " + e.getMessage());
      }
    }
    assertTrue(
        quarantinedSeen > 0, "the truncated and corrupted files have records that are quarantined");
    Path random = tmp.resolve("random.csv");
    byte[] junk = new byte[4096];
    rnd.nextBytes(junk);
    Files.write(random, junk);
    assertThrows(
        InputException.class, () -> reader.read(survey().withInputPath(random.toString())));
  }
}
