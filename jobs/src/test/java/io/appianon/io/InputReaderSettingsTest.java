package io.appianon.io;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import io.appianon.TestSpark;
import io.appianon.hierarchy.HierarchyResolver;
import io.appianon.policy.DatasetPolicy;
import io.appianon.policy.InputSpec;
import io.appianon.policy.PolicyLoader;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The input settings a policy declares (delimiter, quote, encoding, header, format, directories)
 * and the refusals before any row is read, on a three-column policy (id unique and required, n an
 * int of at least 1, note free text) and files of a few rows, each outcome worked out by hand.
 */
class InputReaderSettingsTest {
  @TempDir Path tmp;
  private final SparkSession spark = TestSpark.session();
  private final InputReader reader = new InputReader(spark);

  private static final String COLUMNS =
      "{ name = id, role = attribute, required = true, unique = true, category { ja = 番号, en = Id } }\n"
          + "{ name = n, type = int, role = attribute, min = 1, category { ja = 数, en = Number } }\n"
          + "{ name = note, role = attribute, category { ja = 備考, en = Note } }\n";

  /** The three-column policy reading {@code path} as multi-line CSV (the default), UTF-8. */
  private DatasetPolicy tiny(Path path) throws IOException {
    return tiny(path, COLUMNS);
  }

  private DatasetPolicy tiny(Path path, String columns) throws IOException {
    Path conf = tmp.resolve("tiny-" + Math.abs(columns.hashCode()) + ".conf");
    Files.writeString(
        conf,
        "dataset {\n  name = tiny\n  title { ja = 小, en = Tiny }\n  input { path = \""
            + path
            + "\" }\n  columns = [\n"
            + columns
            + "  ]\n}\n");
    return PolicyLoader.load(
        conf, new HierarchyResolver(tmp), ConfigFactory.empty(), /* privacyOptional */ true);
  }

  /** The policy with other input settings. */
  private static DatasetPolicy input(
      DatasetPolicy p,
      String format,
      boolean header,
      String delimiter,
      String encoding,
      String quote,
      boolean multiLine) {
    InputSpec i = p.input();
    return new DatasetPolicy(
        p.file(),
        p.name(),
        p.title(),
        new InputSpec(
            i.path(),
            format,
            header,
            delimiter,
            encoding,
            quote,
            quote,
            multiLine,
            i.dateFormat(),
            i.timestampFormat(),
            i.undeclaredColumns(),
            i.maxMalformedEncoding(),
            i.maxLinesPerRecord()),
        p.columns(),
        p.techniques(),
        p.declaredPrivacy(),
        p.shuffleRecords());
  }

  private Path write(String name, String text, Charset cs) throws IOException {
    Path p = tmp.resolve(name);
    Files.createDirectories(p.getParent());
    Files.write(p, text.getBytes(cs));
    return p;
  }

  private Path write(String name, String text) throws IOException {
    return write(name, text, StandardCharsets.UTF_8);
  }

  /** id, n, note and the reason of each row, in id order (nulls as "-"). */
  private static List<String> rows(Dataset<Row> d) {
    List<String> out = new ArrayList<>();
    for (Row r :
        d.select(col("id"), col("n"), col("note"), col(InputReader.REASON))
            .orderBy(col("id"))
            .collectAsList()) {
      out.add(
          (r.isNullAt(0) ? "-" : r.getString(0))
              + "|"
              + (r.isNullAt(1) ? "-" : r.getInt(1))
              + "|"
              + (r.isNullAt(2) ? "-" : r.getString(2))
              + "|"
              + (r.isNullAt(3) ? "-" : r.getString(3)));
    }
    return out;
  }

  private static String message(Runnable r) {
    return assertThrows(InputException.class, r::run).getMessage();
  }

  /**
   * The header is parsed with the declared delimiter and quote (it is read by the reader itself,
   * before Spark), in both the multi-line parser and Spark's line reader.
   */
  @Test
  void theHeaderAndTheRowsAreSplitByTheDeclaredDelimiterAndQuote() throws IOException {
    Path semi = write("semi.csv", "id;n;note\n1;2;a, b\n");
    Path tab = write("tab.csv", "id\tn\tnote\n1\t2\ta; b\n");
    Path single = write("single.csv", "'id','n','note'\n'1',2,'x,y'\n");
    for (boolean multiLine : new boolean[] {true, false}) {
      assertEquals(
          List.of("1|2|a, b|-"),
          rows(reader.read(input(tiny(semi), "csv", true, ";", "UTF-8", "\"", multiLine))));
      assertEquals(
          List.of("1|2|a; b|-"),
          rows(reader.read(input(tiny(tab), "csv", true, "\t", "UTF-8", "\"", multiLine))));
      assertEquals(
          List.of("1|2|x,y|-"),
          rows(reader.read(input(tiny(single), "csv", true, ",", "UTF-8", "'", multiLine))));
    }
  }

  /**
   * A byte order mark before the header is not part of the first column's name; without a header it
   * is not part of the first value.
   */
  @Test
  void aByteOrderMarkIsNotPartOfTheFirstNameOrValue() throws IOException {
    Path bom = write("bom.csv", "\uFEFFid,n,note\n1,2,a\n");
    Path bare = write("bare.csv", "\uFEFF1,2,a\n3,4,b\n");
    for (boolean multiLine : new boolean[] {true, false}) {
      assertEquals(
          List.of("1|2|a|-"),
          rows(reader.read(input(tiny(bom), "csv", true, ",", "UTF-8", "\"", multiLine))));
    }
    assertEquals(
        List.of("1|2|a|-", "3|4|b|-"),
        rows(reader.read(input(tiny(bare), "csv", false, ",", "UTF-8", "\"", true))));
  }

  /**
   * The multi-line parser: blank lines (also a lone \r\n) are skipped but counted in the line
   * number a broken quote's source text names; a one-line record of the wrong width is a malformed
   * record whose source is the line (without its \r); a quote never closed costs its first line
   * only.
   */
  @Test
  void blankLinesAreSkippedAndCountedAndEachBadRecordKeepsItsLine() throws IOException {
    Path f =
        write(
            "lines.csv",
            "id,n,note\n1,2,a\n\n\r\n3,4,c\r\n4,5\r\n5,6,d,e\n6,7,\"x\ny\"\n7,8,\"open\n8,9,z\n");
    // lines 3 and 4 are blank; line 6 has 2 fields, line 7 has 4 (the first 3 kept for
    // quarantine); lines 8-9 are one record; the quote opened on line 10 is never closed: that line
    // is quarantined and line 11 is read again
    Dataset<Row> d = reader.read(tiny(f));
    List<String> got = new ArrayList<>();
    for (Row r :
        d.select(
                functions.coalesce(col(InputReader.RAW + ".id"), col("id")),
                functions.coalesce(col(InputReader.RAW + ".note"), col("note")),
                col(InputReader.REASON),
                col(InputReader.SOURCE),
                col(InputReader.LINES))
            .collectAsList()) {
      got.add(
          r.getString(0)
              + "|"
              + r.getString(1)
              + "|"
              + r.getString(2)
              + "|"
              + r.getString(3)
              + "|"
              + r.getInt(4));
    }
    String malformed = "malformed record (wrong number of columns or broken quoting)";
    assertEquals(
        List.of(
            "1|a|null|null|1",
            "3|c|null|null|1",
            "4|null|" + malformed + "|4,5|1",
            "5|d|" + malformed + "|5,6,d,e|1",
            "6|x\ny|null|null|2",
            "8|z|null|null|1",
            "null|null|"
                + InputReader.REASON_BROKEN_QUOTE
                + "|[broken quote at line 10] 7,8,\"open|1"),
        got.stream().sorted().toList());
  }

  /**
   * The bookkeeping columns a caller carries to quarantine ({@link InputReader#carried}: the line
   * count only where the input has one).
   */
  @Test
  void theCarriedColumns() throws IOException {
    Path f = write("c.csv", "id,n,note\n1,2,a\n");
    List<String> four =
        List.of(InputReader.REASON, InputReader.RAW, InputReader.SOURCE, InputReader.FILE);
    assertEquals(
        four,
        InputReader.carried(reader.read(input(tiny(f), "csv", true, ",", "UTF-8", "\"", false))));
    List<String> five = new ArrayList<>(four);
    five.add(InputReader.LINES);
    assertEquals(five, InputReader.carried(reader.read(tiny(f))));
  }

  /**
   * A splittable input is returned as read, less the columns no step reads; a multi-line CSV input
   * (read in one task) without a unique column is spread by a hash of the row over the cores (2
   * here: local[2], far below 64 MB), every row kept.
   */
  @Test
  void aMultiLineInputWithoutAUniqueColumnIsSpreadOverTheCoresAndASplittableOneIsNot()
      throws IOException {
    Path f = write("s.csv", "id,n,note\n1,2,a\n2,3,\"b\nc\"\n3,0,d\n");
    DatasetPolicy multi = tiny(f, COLUMNS.replace("unique = true, ", ""));
    Dataset<Row> spread = reader.readSpread(multi, List.of("note"));
    assertEquals(1, reader.read(multi).rdd().getNumPartitions());
    assertEquals(2, spread.rdd().getNumPartitions());
    assertEquals(
        List.of(
            "id",
            "n",
            InputReader.REASON,
            InputReader.RAW,
            InputReader.SOURCE,
            InputReader.FILE,
            InputReader.LINES),
        List.of(spread.columns()));
    List<String> got = new ArrayList<>();
    for (Row r :
        spread.select(col("id"), col(InputReader.REASON), col(InputReader.LINES)).collectAsList()) {
      got.add(r.getString(0) + "|" + r.getString(1) + "|" + r.getInt(2));
    }
    assertEquals(
        List.of("1|null|1", "2|null|2", "3|n: below minimum 1.0|1"),
        got.stream().sorted().toList());

    DatasetPolicy lines = input(tiny(f), "csv", true, ",", "UTF-8", "\"", false);
    Path g = write("l.csv", "id,n,note\n1,2,a\n2,3,b\n");
    DatasetPolicy splittable = input(tiny(g), "csv", true, ",", "UTF-8", "\"", false);
    Dataset<Row> asRead = reader.readSpread(splittable, List.of("note"));
    assertEquals(
        List.of(
            "id", "n", InputReader.REASON, InputReader.RAW, InputReader.SOURCE, InputReader.FILE),
        List.of(asRead.columns()));
    assertEquals(
        List.of("1|2", "2|3"),
        asRead
            .select(functions.concat_ws("|", col("id"), col("n")))
            .orderBy(col("id"))
            .as(org.apache.spark.sql.Encoders.STRING())
            .collectAsList());
  }

  /** Refusals before any row is read: a missing input, a Parquet input without a column. */
  @Test
  void aMissingJsonOrParquetInputOrAMissingParquetColumnIsNamed() throws IOException {
    Path nope = tmp.resolve("nope");
    for (String format : List.of("json", "parquet")) {
      DatasetPolicy p = input(tiny(nope), format, true, ",", "UTF-8", "\"", false);
      assertEquals(nope + ": input not found", message(() -> reader.read(p)), format);
    }
    Path pq = tmp.resolve("pq");
    spark
        .createDataFrame(
            List.of(org.apache.spark.sql.RowFactory.create("1", "a")),
            new org.apache.spark.sql.types.StructType()
                .add("id", DataTypes.StringType)
                .add("note", DataTypes.StringType))
        .write()
        .parquet(pq.toString());
    DatasetPolicy p = input(tiny(pq), "parquet", true, ",", "UTF-8", "\"", false);
    assertEquals(
        pq
            + ": declared column(s) missing from the input: n (policy "
            + p.file()
            + ", input has: id, note)",
        message(() -> reader.read(p)));
  }

  /**
   * A Parquet column of another type than declared is cast to the declared one (n written as a
   * long, declared int); a value that does not fit is a type failure, not a wrapped number.
   */
  @Test
  void aParquetColumnOfAnotherTypeIsCastToTheDeclaredType() throws IOException {
    Path pq = tmp.resolve("longs");
    spark
        .createDataFrame(
            List.of(
                org.apache.spark.sql.RowFactory.create("1", 2L, "a"),
                org.apache.spark.sql.RowFactory.create("2", 0L, "b")),
            new org.apache.spark.sql.types.StructType()
                .add("id", DataTypes.StringType)
                .add("n", DataTypes.LongType)
                .add("note", DataTypes.StringType))
        .write()
        .parquet(pq.toString());
    Dataset<Row> d = reader.read(input(tiny(pq), "parquet", true, ",", "UTF-8", "\"", false));
    assertEquals(DataTypes.IntegerType, d.schema().apply("n").dataType());
    assertEquals(List.of("1|2|a|-", "2|0|b|n: below minimum 1.0"), rows(d));
  }

  /**
   * A record may span input.max-lines-per-record lines (3 here) and no more: one of 4 lines is a
   * broken quote whose first line is quarantined, the other 3 are parsed again.
   */
  @Test
  void aRecordMaySpanTheMaximumLinesAndNoMore() throws IOException {
    Path f = write("max.csv", "id,n,note\n1,2,\"a\nb\nc\"\n2,3,\"d\ne\nf\ng\"\n");
    DatasetPolicy p = tiny(f);
    InputSpec i = p.input();
    DatasetPolicy three =
        new DatasetPolicy(
            p.file(),
            p.name(),
            p.title(),
            new InputSpec(
                i.path(),
                i.format(),
                i.header(),
                i.delimiter(),
                i.encoding(),
                i.quote(),
                i.escape(),
                i.multiLine(),
                i.dateFormat(),
                i.timestampFormat(),
                i.undeclaredColumns(),
                i.maxMalformedEncoding(),
                3),
            p.columns(),
            p.techniques(),
            p.declaredPrivacy(),
            p.shuffleRecords());
    List<String> got = new ArrayList<>();
    for (Row r :
        reader
            .read(three)
            .select(
                functions.coalesce(col(InputReader.RAW + ".id"), col("id")),
                col(InputReader.REASON),
                col(InputReader.SOURCE),
                col(InputReader.LINES))
            .collectAsList()) {
      got.add(r.getString(0) + "|" + r.getString(1) + "|" + r.getString(2) + "|" + r.getInt(3));
    }
    String malformed = "malformed record (wrong number of columns or broken quoting)";
    // line 5 (2,3,"d) is quarantined; e and f are one-field records; g" one field too
    assertEquals(
        List.of(
            "1|null|null|3",
            "e|" + malformed + "|e|1",
            "f|" + malformed + "|f|1",
            "g\"|" + malformed + "|g\"|1",
            "null|" + InputReader.REASON_BROKEN_QUOTE + "|[broken quote at line 5] 2,3,\"d|1"),
        got.stream().sorted().toList());
  }

  /**
   * The header is the first line of the input, or of the first file of a directory (files starting
   * with _ or . are Spark's bookkeeping and are left out): none, or a blank one, is refused.
   */
  @Test
  void anInputWithoutAHeaderLineIsRefused() throws IOException {
    Path empty = write("empty.csv", "");
    DatasetPolicy pe = tiny(empty);
    assertEquals(empty + ": input is empty (no header row)", message(() -> reader.read(pe)));
    Path blank = write("blank.csv", "  \n1,2,a\n");
    DatasetPolicy pb = tiny(blank);
    assertEquals(blank + ": input is empty (no header row)", message(() -> reader.read(pb)));
    Path dir = tmp.resolve("dir");
    write("dir/_SUCCESS", "");
    write("dir/.part-0.csv.crc", "id,n,note\n");
    DatasetPolicy pd = tiny(dir);
    assertEquals(dir + ": input directory is empty", message(() -> reader.read(pd)));
    write("dir/part-1.csv", "id,n,note\n1,2,a\n");
    write("dir/part-2.csv", "id,n,note\n2,3,b\n");
    assertEquals(List.of("1|2|a|-", "2|3|b|-"), rows(reader.read(tiny(dir))));
  }

  /**
   * A header of one column holding another delimiter is named as a wrong delimiter, shown whole up
   * to 60 characters and cut to 57 and "..." above; with one declared column it is simply missing.
   */
  @Test
  void aHeaderSplitByAnotherDelimiterIsNamedAndShownAbbreviated() throws IOException {
    String sixty = "id;n;note;" + "x".repeat(50);
    Path a = write("a.csv", sixty + "\n1;2;a\n");
    DatasetPolicy pa = tiny(a);
    assertEquals(
        a
            + ": the header has one column '"
            + sixty
            + "': wrong delimiter? The policy "
            + pa.file()
            + " says input.delimiter = ',' but the header looks separated by ';'",
        message(() -> reader.read(pa)));
    Path b = write("b.csv", sixty + "y\n1;2;a\n");
    DatasetPolicy pb = tiny(b);
    assertEquals(
        b
            + ": the header has one column '"
            + sixty.substring(0, 57)
            + "...': wrong delimiter? The policy "
            + pb.file()
            + " says input.delimiter = ',' but the header looks separated by ';'",
        message(() -> reader.read(pb)));
    // declared tab: the header's commas are named, not its semicolons (checked in order , ; tab |)
    Path c = write("c.csv", "id,n;note|x\n");
    DatasetPolicy pc = input(tiny(c), "csv", true, "\t", "UTF-8", "\"", true);
    assertEquals(
        c
            + ": the header has one column 'id,n;note|x': wrong delimiter? The policy "
            + pc.file()
            + " says input.delimiter = '\t' but the header looks separated by ','",
        message(() -> reader.read(pc)));
    // a wide export (over 4,096 characters in its header) read with the wrong delimiter
    StringBuilder wide = new StringBuilder("id;n;note");
    for (int k = 0; wide.length() <= 5000; k++) {
      wide.append(";column_").append(k);
    }
    Path w = write("wide.csv", wide + "\n");
    DatasetPolicy pw = tiny(w);
    assertEquals(
        w
            + ": the header has one column '"
            + wide.substring(0, 57)
            + "...': wrong delimiter? The policy "
            + pw.file()
            + " says input.delimiter = ',' but the header looks separated by ';'",
        message(() -> reader.read(pw)));
    Path one = write("one.csv", "id;n\n1;2\n");
    DatasetPolicy po = tiny(one, COLUMNS.substring(0, COLUMNS.indexOf('\n') + 1));
    assertEquals(
        one
            + ": declared column(s) missing from the input: id (policy "
            + po.file()
            + ", input has: id;n)",
        message(() -> reader.read(po)));
  }

  /**
   * Spark 4 reads a CSV file only in UTF and Latin charsets unless its legacy switch is on: the
   * reader turns it on for a Shift_JIS (windows-31j) input, whose rows are then read intact.
   */
  @Test
  void aShiftJisFileIsReadByTheLineReaderWithSparksDefaultCharsets() throws IOException {
    Path f = write("sjis.csv", "id,n,note\n1,2,山田\n2,3,とても良い\n", Charset.forName("windows-31j"));
    spark.conf().set("spark.sql.legacy.javaCharsets", "false"); // the session's default
    assertEquals(
        List.of("1|2|山田|-", "2|3|とても良い|-"),
        rows(reader.read(input(tiny(f), "csv", true, ",", "windows-31j", "\"", false))));
  }

  /**
   * The run fails for its encoding with the count, share and limit, and the encoding the first file
   * of the input decodes in when it is not the declared one.
   */
  @Test
  void theEncodingFailureNamesTheShareTheLimitAndAnotherEncodingTheFileDecodesIn()
      throws IOException {
    String bad = InputReader.REASON_MALFORMED_ENCODING + " (not valid UTF-8)";
    String text = "id,n,note\n1,2,山田太郎\n2,3,とても良いお店です。\n";
    Path utf8 = write("u.csv", text);
    DatasetPolicy pu = tiny(utf8);
    String share =
        " hold bytes that are not valid UTF-8, more than input.max-malformed-encoding = 0.01 of "
            + pu.file()
            + ": is the file in another encoding?";
    assertEquals(
        utf8
            + ": 1 of 3 rows (33.3%)"
            + share
            + "; the first MB of it gives no other encoding to suggest",
        message(() -> reader.checkEncoding(pu, 3, Map.of(bad, 1L))));
    // every reason of bad bytes counts (two files, two declared encodings do not occur, but the sum
    // is what is checked): 1 + 1 of 100 is above 1 %
    assertEquals(
        utf8
            + ": 2 of 100 rows (2.0%)"
            + share
            + "; the first MB of it gives no other encoding to suggest",
        message(
            () ->
                reader.checkEncoding(
                    pu,
                    100,
                    Map.of(bad, 1L, InputReader.REASON_MALFORMED_ENCODING + " (other)", 1L))));

    Path dir = tmp.resolve("sjis");
    write("sjis/.part-0.csv.crc", text, Charset.forName("EUC-JP"));
    write("sjis/_SUCCESS", text, Charset.forName("EUC-JP"));
    write("sjis/part-1.csv", text, Charset.forName("windows-31j"));
    write("sjis/part-2.csv", text, Charset.forName("EUC-JP"));
    DatasetPolicy pd = tiny(dir);
    assertEquals(
        dir
            + ": 3 of 3 rows (100.0%)"
            + share.replace(pu.file(), pd.file())
            + "; its first bytes decode as Shift_JIS (set encoding = windows-31j, its superset"
            + " that Windows and Excel write)",
        message(() -> reader.checkEncoding(pd, 3, Map.of(bad, 3L))));

    Path hidden = tmp.resolve("hidden");
    write("hidden/_SUCCESS", text, Charset.forName("EUC-JP"));
    DatasetPolicy ph = tiny(hidden);
    assertEquals(
        hidden
            + ": 3 of 3 rows (100.0%)"
            + share.replace(pu.file(), ph.file())
            + "; the first MB of it gives no other encoding to suggest",
        message(() -> reader.checkEncoding(ph, 3, Map.of(bad, 3L))));

    Path gone = tmp.resolve("gone.csv");
    DatasetPolicy pg = tiny(gone);
    assertEquals(
        gone + ": 3 of 3 rows (100.0%)" + share.replace(pu.file(), pg.file()),
        message(() -> reader.checkEncoding(pg, 3, Map.of(bad, 3L))));
  }

  /**
   * A file written with \r\n line ends (Excel on Windows) reads as Spark's CSV reader reads it: a
   * line break inside a quoted field is \n, and no value keeps a \r (a file of \n lines keeps a
   * quoted \r\n, as Spark does: InputReaderTest's bundled survey).
   */
  @Test
  void aCrLfFileReadsAsSparkReadsIt() throws IOException {
    Path f = write("crlf.csv", "id,n,note\r\n1,2,\"a\r\nb\"\r\n2,3,\"c\nd\"\r\n\r\n3,4,e\r\n");
    List<String> spark = new ArrayList<>();
    for (Row r :
        this.spark
            .read()
            .option("header", true)
            .option("multiLine", true)
            .option("escape", "\"")
            .csv(f.toString())
            .collectAsList()) {
      spark.add(r.getString(0) + "|" + r.getString(1) + "|" + r.getString(2) + "|-");
    }
    assertEquals(List.of("1|2|a\nb|-", "2|3|c\nd|-", "3|4|e|-"), spark);
    assertEquals(spark, rows(reader.read(tiny(f))));
  }

  /**
   * A JSON Lines input in Shift_JIS (windows-31j) is read intact, whatever its line ends (Spark
   * refused it: it finds line ends itself only in UTF-8).
   */
  @Test
  void aShiftJisJsonLinesInputIsRead() throws IOException {
    Path f =
        write(
            "sjis.json",
            "{\"id\":\"1\",\"n\":\"2\",\"note\":\"山田\"}\r\n{\"id\":\"2\",\"n\":\"3\",\"note\":\"とても良い\"}\n",
            Charset.forName("windows-31j"));
    spark.conf().set("spark.sql.legacy.javaCharsets", "false");
    assertEquals(
        List.of("1|2|山田|-", "2|3|とても良い|-"),
        rows(reader.read(input(tiny(f), "json", true, ",", "windows-31j", "\"", false))));
  }
}
