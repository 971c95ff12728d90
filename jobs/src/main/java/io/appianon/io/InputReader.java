package io.appianon.io;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.try_to_timestamp;
import static org.apache.spark.sql.functions.when;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import io.appianon.policy.ColumnSpec;
import io.appianon.policy.ColumnType;
import io.appianon.policy.DatasetPolicy;
import io.appianon.policy.InputSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads a dataset with an explicit schema and validates every row. Text inputs (CSV in UTF-8 or
 * Shift_JIS, JSON lines) are read as strings and parsed to the declared types with Spark's {@code
 * try_*} functions, so a bad value becomes a reason rather than a crash or a silent null; Parquet
 * keeps its types where they match. The result has the declared, typed columns plus {@link #REASON}
 * (null when the row is valid) and, for quarantine, {@link #SOURCE} (the raw record when it could
 * not be split into columns) and {@link #FILE}.
 */
public final class InputReader {
  public static final String REASON = "_quarantine_reason";
  public static final String SOURCE = "_source_record";
  public static final String FILE = "_source_file";

  /**
   * The row's values as read (strings), kept only for invalid rows so quarantine shows what was in
   * the file.
   */
  public static final String RAW = "_raw";

  private static final String CORRUPT = "_corrupt_record";

  /**
   * Physical lines of the source a row came from (int), for a multi-line CSV input only; other
   * inputs have one line per record.
   */
  public static final String LINES = MultiLineCsv.LINES;

  /**
   * The quarantine reason of the first line of a multi-line CSV record that was not closed within
   * {@code input.max-lines-per-record} lines (or that spans lines and has the wrong number of
   * fields).
   */
  public static final String REASON_BROKEN_QUOTE =
      "broken quote (record not closed within input.max-lines-per-record"
          + " lines, or spanning lines with the wrong number of fields): its first line is quarantined, the lines after it"
          + " were parsed again";

  /** The quarantine reason of a row holding bytes that are not valid in the declared encoding. */
  public static final String REASON_MALFORMED_ENCODING = "malformed-encoding";

  /**
   * The quarantine reason of every occurrence of a value a {@code unique} column holds more than
   * once, + column.
   */
  public static final String REASON_DUPLICATE = "duplicate-";

  private final SparkSession spark;

  public InputReader(SparkSession spark) {
    this.spark = spark;
  }

  public Dataset<Row> read(DatasetPolicy policy) {
    return read(policy, 0);
  }

  /**
   * Reads and validates; with {@code spread > 0} and a {@code unique} column, the rows as read are
   * first spread into that many partitions by the column's value, so that the count of each value
   * ({@link #validate}) needs no other shuffle.
   */
  private Dataset<Row> read(DatasetPolicy policy, int spread) {
    InputSpec in = policy.input();
    List<ColumnSpec> declared = policy.columns();
    Set<String> names = new LinkedHashSet<>(policy.columnNames());
    Dataset<Row> raw =
        switch (in.format()) {
          case "csv" -> readCsv(policy, in, names);
          case "json" -> readJson(in, declared);
          case "parquet" -> readParquet(policy, in, names);
          default -> throw new IllegalStateException(in.format());
        };
    Optional<ColumnSpec> unique = declared.stream().filter(ColumnSpec::unique).findFirst();
    if (spread > 0 && unique.isPresent()) {
      Column v = col(unique.get().name());
      raw =
          raw.repartition(
              spread,
              raw.schema().apply(unique.get().name()).dataType().equals(DataTypes.StringType)
                  ? trim(v)
                  : v);
    }
    return validate(raw, declared, in);
  }

  /**
   * {@link #read}, spread over the cluster for processing. A CSV read with {@code multi-line =
   * true} (quoted fields may hold line breaks, as free-text answers do) cannot be split, so Spark
   * reads each file in one task and every stage after it would run on one core; its rows are
   * redistributed by a hash of the row into as many partitions as the cluster has cores (at least
   * one per 64 MB of input, rounded up to a multiple of the cores: see {@link #spreadPartitions});
   * with a {@code unique} column, by a hash of its value, before validation, so the count of each
   * value needs no other shuffle. Splittable inputs are returned as read. The {@code unread}
   * columns (ones the policy deletes before any step reads them) are left out before anything is
   * moved or cached; an invalid row keeps all its values for quarantine in {@link #RAW}.
   */
  public Dataset<Row> readSpread(DatasetPolicy policy, List<String> unread) {
    InputSpec in = policy.input();
    if (!(in.format().equals("csv") && in.multiLine())) {
      return read(policy).drop(unread.toArray(new String[0]));
    }
    long bytes = 0;
    try {
      Path p = new Path(in.path());
      bytes = fs(p).getContentSummary(p).getLength();
    } catch (IOException e) {
      throw new InputException("cannot access " + in.path() + ": " + e.getMessage(), e);
    }
    int partitions = spreadPartitions(bytes, spark.sparkContext().defaultParallelism());
    if (policy.columns().stream().anyMatch(ColumnSpec::unique)) {
      // spread by the unique column's value before validation: its duplicate count needs no second
      // shuffle
      return read(policy, partitions).drop(unread.toArray(new String[0]));
    }
    Dataset<Row> df = read(policy).drop(unread.toArray(new String[0]));
    // By a hash of the whole row, not round-robin: round-robin must sort the rows first so that a
    // retried task deals them out the same way (spark.sql.execution.sortBeforeRepartition), and
    // that sort ran in the one reading task (a quarter of the read of a 16M-row input). A hash of
    // the content is as reproducible without it.
    return df.repartition(
        partitions, Arrays.stream(df.columns()).map(functions::col).toArray(Column[]::new));
  }

  /**
   * Partitions for a spread input of {@code bytes}: one per 64 MB, at least one per core, rounded
   * up to a multiple of the cores. Every stage over the spread rows then runs in full waves: 7
   * equal tasks on 2 cores leave one core idle for the whole last task (a 16M-row survey's scrub in
   * 7 partitions kept its 2 cores busy 89-91% of the time).
   */
  static int spreadPartitions(long bytes, int cores) {
    int c = Math.max(1, cores);
    long wanted = Math.max(c, (bytes >> 26) + 1);
    return (int) Math.min(Integer.MAX_VALUE, (wanted + c - 1) / c * c);
  }

  private Dataset<Row> readCsv(DatasetPolicy policy, InputSpec in, Set<String> names) {
    List<String> header = in.header() ? readHeader(in) : new ArrayList<>(names);
    checkColumns(policy, header, names, in);
    StructType schema = new StructType();
    for (String h : header) {
      schema = schema.add(h, DataTypes.StringType, true);
    }
    schema = schema.add(CORRUPT, DataTypes.StringType, true);
    enableCharset(in.encoding());
    if (in.multiLine()) {
      // Our own parser (one task per file, as Spark's multi-line reader): it counts physical lines
      // and parses the lines after a broken quote again (MultiLineCsv).
      MultiLineCsv parser =
          new MultiLineCsv(
              in.encoding(),
              in.delimiter().charAt(0),
              in.quote().charAt(0),
              in.escape().charAt(0),
              in.header(),
              header.size(),
              in.maxLinesPerRecord());
      StructType rows =
          schema.add(FILE, DataTypes.StringType, true).add(LINES, DataTypes.IntegerType, false);
      org.apache.spark.api.java.JavaRDD<Row> parsed =
          new org.apache.spark.api.java.JavaSparkContext(spark.sparkContext())
              .binaryFiles(in.path(), 1)
              .flatMap(parser::rows);
      return spark.createDataFrame(parsed, rows);
    }
    DataFrameReader r =
        spark
            .read()
            .format("csv")
            .schema(schema)
            .option("header", in.header())
            .option("sep", in.delimiter())
            .option("encoding", in.encoding())
            .option("quote", in.quote())
            .option("escape", in.escape())
            .option("multiLine", in.multiLine())
            .option("mode", "PERMISSIVE")
            .option("columnNameOfCorruptRecord", CORRUPT)
            .option("enforceSchema", true);
    return r.load(in.path()).withColumn(FILE, input_file_name());
  }

  private Dataset<Row> readJson(InputSpec in, List<ColumnSpec> declared) {
    ensureExists(in.path());
    StructType schema = new StructType();
    for (ColumnSpec c : declared) {
      schema = schema.add(c.name(), DataTypes.StringType, true);
    }
    schema = schema.add(CORRUPT, DataTypes.StringType, true);
    enableCharset(in.encoding());
    DataFrameReader r =
        spark
            .read()
            .format("json")
            .schema(schema)
            .option("mode", "PERMISSIVE")
            .option("columnNameOfCorruptRecord", CORRUPT)
            .option("encoding", in.encoding());
    if (!Charset.forName(in.encoding()).equals(java.nio.charset.StandardCharsets.UTF_8)) {
      // Spark finds the line ends itself only in UTF-8 and refuses another encoding without a
      // line separator (a \r before it is whitespace to the JSON parser)
      r = r.option("lineSep", "\n");
    }
    return r.load(in.path()).withColumn(FILE, input_file_name());
  }

  private Dataset<Row> readParquet(DatasetPolicy policy, InputSpec in, Set<String> names) {
    ensureExists(in.path());
    Dataset<Row> df = spark.read().parquet(in.path());
    checkColumns(policy, Arrays.asList(df.columns()), names, in);
    return df.withColumn(CORRUPT, lit(null).cast("string")).withColumn(FILE, input_file_name());
  }

  /**
   * Spark 4 reads only UTF and Latin charsets unless {@code spark.sql.legacy.javaCharsets} is on;
   * Japanese exports are often Shift_JIS / windows-31j, so the reader turns it on for a policy that
   * names such a charset.
   */
  private void enableCharset(String encoding) {
    String cs = Charset.forName(encoding).name().toLowerCase(java.util.Locale.ROOT);
    if (!Set.of("utf-8", "us-ascii", "iso-8859-1", "utf-16", "utf-16be", "utf-16le", "utf-32")
        .contains(cs)) {
      spark.conf().set("spark.sql.legacy.javaCharsets", "true");
    }
  }

  private void checkColumns(
      DatasetPolicy policy, List<String> actual, Set<String> declared, InputSpec in) {
    if (actual.size() == 1 && declared.size() > 1 && actual.get(0).length() > 0) {
      String only = actual.get(0);
      for (String d : new String[] {",", ";", "\t", "|"}) {
        if (!d.equals(in.delimiter()) && only.contains(d)) {
          throw new InputException(
              in.path()
                  + ": the header has one column '"
                  + abbreviate(only)
                  + "': wrong delimiter? The policy "
                  + policy.file()
                  + " says input.delimiter = '"
                  + in.delimiter()
                  + "' but the header looks separated by '"
                  + d
                  + "'");
        }
      }
    }
    List<String> missing = new ArrayList<>();
    for (String d : declared) {
      if (!actual.contains(d)) {
        missing.add(d);
      }
    }
    if (!missing.isEmpty()) {
      throw new InputException(
          in.path()
              + ": declared column(s) missing from the input: "
              + String.join(", ", missing)
              + " (policy "
              + policy.file()
              + ", input has: "
              + String.join(", ", actual)
              + ")");
    }
    List<String> extra = new ArrayList<>();
    for (String a : actual) {
      if (!declared.contains(a)) {
        extra.add(a);
      }
    }
    if (!extra.isEmpty() && in.undeclaredColumns().equals("fail")) {
      throw new InputException(
          in.path()
              + ": input column(s) not declared in the policy: "
              + String.join(", ", extra)
              + ". An undeclared column may carry personal data: declare it in "
              + policy.file()
              + " (dataset.columns) or set dataset.input.undeclared-columns = drop");
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }

  private FileSystem fs(Path p) {
    try {
      return p.getFileSystem(spark.sparkContext().hadoopConfiguration());
    } catch (IOException e) {
      throw new InputException("cannot access " + p + ": " + e.getMessage(), e);
    }
  }

  private void ensureExists(String path) {
    Path p = new Path(path);
    try {
      if (!fs(p).exists(p)) {
        throw new InputException(path + ": input not found");
      }
    } catch (IOException e) {
      throw new InputException("cannot access " + path + ": " + e.getMessage(), e);
    }
  }

  /** Reads and parses the header line of the first input file, in the declared encoding. */
  private List<String> readHeader(InputSpec in) {
    Path p = new Path(in.path());
    FileSystem fs = fs(p);
    try {
      if (!fs.exists(p)) {
        throw new InputException(in.path() + ": input not found");
      }
      Path first = p;
      FileStatus st = fs.getFileStatus(p);
      if (st.isDirectory()) {
        FileStatus[] files =
            fs.listStatus(p, f -> !f.getName().startsWith("_") && !f.getName().startsWith("."));
        Arrays.sort(files);
        if (files.length == 0) {
          throw new InputException(in.path() + ": input directory is empty");
        }
        first = files[0].getPath();
      }
      try (BufferedReader r =
          new BufferedReader(
              new InputStreamReader(fs.open(first), Charset.forName(in.encoding())))) {
        String line = r.readLine();
        if (line == null || line.isBlank()) {
          throw new InputException(first + ": input is empty (no header row)");
        }
        if (line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
        CsvParserSettings s = new CsvParserSettings();
        s.getFormat().setDelimiter(in.delimiter());
        s.getFormat().setQuote(in.quote().charAt(0));
        s.setMaxCharsPerColumn(-1);
        String[] cells = new CsvParser(s).parseLine(line);
        List<String> out = new ArrayList<>();
        for (String c : cells) {
          out.add(c == null ? "" : c.strip());
        }
        return out;
      }
    } catch (IOException e) {
      throw new InputException("cannot read " + in.path() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses every declared column to its type and collects the reasons a row is invalid. A text
   * value with bytes that are not valid in the declared encoding (U+FFFD after decoding, or invalid
   * UTF-8) makes the row's only reason {@link #REASON_MALFORMED_ENCODING}: its other failures would
   * be consequences of it. A value of a {@code unique} column that occurs more than once puts every
   * occurrence in quarantine ({@link #REASON_DUPLICATE} + column).
   *
   * <p>Three projections, each small enough for the JIT: the typed values and the encoding check
   * (every value parsed once), the reason (comparisons of those), the result. Written as one, the
   * parse of each value appeared both in the value and in its reason, and the whole-stage code of
   * the projection outgrew what HotSpot compiles, so it ran in the interpreter (JFR of the 1M-row
   * baseline: about half of the read's CPU).
   */
  private Dataset<Row> validate(Dataset<Row> raw, List<ColumnSpec> declared, InputSpec in) {
    // Spark's constraint propagation adds, for every alias of the projections below, a copy of
    // every constraint that
    // holds its expression: with two aliases per column it grew to exponential size and the planner
    // ran out of heap
    // (3 GB) on a 12-column policy. Its use (inferring not-null filters) gains nothing on an input
    // that is read whole;
    // Spark's configuration guide names plans "with a large number of predicates and aliases" as
    // the case to turn it
    // off. Set for the session, as the optimizer runs when the job's actions run.
    spark.conf().set("spark.sql.constraintPropagation.enabled", "false");
    StructType rawSchema = raw.schema();
    // 1. typed values beside the values as read, and the encoding check of all text of the row in
    // one value (a check
    //    per column made the generated code too large to compile)
    List<Column> parsed = new ArrayList<>();
    List<Column> text = new ArrayList<>();
    text.add(col(CORRUPT));
    for (String c : raw.columns()) {
      parsed.add(col(c));
    }
    for (int i = 0; i < declared.size(); i++) {
      ColumnSpec c = declared.get(i);
      Column v = col(c.name());
      DataType actual = rawSchema.apply(c.name()).dataType();
      if (actual.equals(DataTypes.StringType)) {
        text.add(v);
        Column s = trim(v);
        parsed.add(s.isNotNull().and(s.notEqual(lit(""))).as(present(i)));
        parsed.add(when(s.notEqual(lit("")), parse(s, c.type(), in)).as(typed(i)));
      } else {
        parsed.add(v.isNotNull().as(present(i)));
        parsed.add(
            (actual.equals(c.type().sparkType()) ? v : v.cast(c.type().sparkType())).as(typed(i)));
      }
    }
    parsed.add(malformed(concat_ws("", text.toArray(new Column[0]))).as(ENCODING_BAD));

    // 2. the reasons, from the typed values
    List<Column> reasons = new ArrayList<>();
    reasons.add(
        when(
            col(CORRUPT).isNotNull(),
            lit("malformed record (wrong number of columns or broken quoting)")));
    for (int i = 0; i < declared.size(); i++) {
      ColumnSpec c = declared.get(i);
      Column v = col(c.name());
      Column typed = col(typed(i));
      Column present = col(present(i));
      if (c.unique()) {
        Column key =
            rawSchema.apply(c.name()).dataType().equals(DataTypes.StringType) ? trim(v) : v;
        reasons.add(
            when(
                key.isNotNull()
                    .and(key.notEqual(lit("")))
                    .and(functions.count(lit(1)).over(Window.partitionBy(key)).gt(1)),
                lit(REASON_DUPLICATE + c.name())));
      }
      if (rawSchema.apply(c.name()).dataType().equals(DataTypes.StringType)) {
        // Reasons name the column and the rule, never the value: they are counted in the report.
        reasons.add(
            when(
                present.and(typed.isNull()),
                lit(
                    c.name()
                        + ": not a valid "
                        + c.type().configName()
                        + formatHint(c.type(), in))));
      }
      if (c.required()) {
        reasons.add(when(not(present), lit(c.name() + ": required value missing")));
      }
      if (c.min().isPresent()) {
        reasons.add(
            when(typed.lt(lit(c.min().get())), lit(c.name() + ": below minimum " + c.min().get())));
      }
      if (c.max().isPresent()) {
        reasons.add(
            when(typed.gt(lit(c.max().get())), lit(c.name() + ": above maximum " + c.max().get())));
      }
      if (c.dateMin().isPresent()) {
        reasons.add(
            when(
                to_date(typed).lt(dateBound(c.dateMin().get())),
                lit(c.name() + ": before minimum " + c.dateMin().get())));
      }
      if (c.dateMax().isPresent()) {
        reasons.add(
            when(
                to_date(typed).gt(dateBound(c.dateMax().get())),
                lit(c.name() + ": after maximum " + c.dateMax().get())));
      }
      if (c.pattern().isPresent()) {
        reasons.add(
            when(
                present.and(v.cast("string").rlike(c.pattern().get()).equalTo(lit(false))),
                lit(c.name() + ": does not match pattern " + c.pattern().get())));
      }
    }
    Column joined = concat_ws("; ", array(reasons.toArray(new Column[0])));
    Column reason =
        when(
                col(ENCODING_BAD),
                lit(REASON_MALFORMED_ENCODING + " (not valid " + in.encoding() + ")"))
            .when(col(CORRUPT).startsWith(MultiLineCsv.BROKEN), lit(REASON_BROKEN_QUOTE))
            .when(joined.equalTo(lit("")), lit(null).cast("string"))
            .otherwise(joined);
    Dataset<Row> reasoned = raw.select(parsed.toArray(new Column[0])).withColumn(REASON, reason);

    // 3. the result: typed values, the reason, and for invalid rows what quarantine shows
    Column why = col(REASON);
    List<Column> selected = new ArrayList<>();
    for (int i = 0; i < declared.size(); i++) {
      selected.add(col(typed(i)).as(declared.get(i).name()));
    }
    selected.add(why);
    Column[] rawCols =
        declared.stream()
            .map(c -> col(c.name()).cast("string").as(c.name()))
            .toArray(Column[]::new);
    selected.add(when(why.isNotNull(), struct(rawCols)).as(RAW));
    // Quarantine needs where an invalid row came from; a valid row carries no copy of it (a cached
    // file name per row cost as much memory as a column of the data).
    selected.add(when(why.isNotNull(), col(CORRUPT)).as(SOURCE));
    selected.add(when(why.isNotNull(), col(FILE)).as(FILE));
    if (Arrays.asList(raw.columns()).contains(LINES)) {
      selected.add(col(LINES));
    }
    return reasoned.select(selected.toArray(new Column[0]));
  }

  private static final String ENCODING_BAD = "_encoding_bad";

  private static String typed(int i) {
    return "_typed_" + i;
  }

  private static String present(int i) {
    return "_present_" + i;
  }

  /**
   * True where a text value holds bytes the declared encoding could not decode: Java's decoders put
   * U+FFFD there, and a UTF-8 line split by Spark may keep the invalid bytes themselves.
   */
  private static Column malformed(Column v) {
    return functions.coalesce(v.contains("\uFFFD").or(not(functions.is_valid_utf8(v))), lit(false));
  }

  private static Column dateBound(String bound) {
    return bound.equals(ColumnSpec.TODAY)
        ? functions.current_date()
        : functions.to_date(lit(bound));
  }

  private static String formatHint(ColumnType t, InputSpec in) {
    return switch (t) {
      case DATE -> " (" + in.dateFormat() + ")";
      case TIMESTAMP -> " (" + in.timestampFormat() + ")";
      default -> "";
    };
  }

  private static Column parse(Column s, ColumnType type, InputSpec in) {
    return switch (type) {
      case STRING -> s;
      case DATE -> to_date(try_to_timestamp(s, lit(in.dateFormat())));
      case TIMESTAMP -> try_to_timestamp(s, lit(in.timestampFormat()));
      default -> s.try_cast(type.sparkType());
    };
  }

  /**
   * Fails the run (InputException, exit 3) when more than {@code input.max-malformed-encoding} of a
   * dataset's {@code input} rows were quarantined as {@link #REASON_MALFORMED_ENCODING}: the file
   * was most likely written in another encoding than the policy declares, and the message names the
   * one a sample of it decodes in. Below the limit the rows stay in quarantine and the run goes on.
   */
  public void checkEncoding(
      DatasetPolicy policy, long input, Map<String, Long> quarantinedByReason) {
    long malformed =
        quarantinedByReason.entrySet().stream()
            .filter(e -> e.getKey().startsWith(REASON_MALFORMED_ENCODING))
            .mapToLong(Map.Entry::getValue)
            .sum();
    InputSpec in = policy.input();
    if (input == 0 || malformed <= in.maxMalformedEncoding() * input) {
      return;
    }
    String hint;
    try {
      Optional<String> guess = guessEncoding(in.path());
      hint =
          guess
              .filter(g -> !Charset.forName(g).equals(Charset.forName(in.encoding())))
              .map(g -> "; its first bytes decode as " + EncodingSniffer.describe(g))
              .orElse("; the first MB of it gives no other encoding to suggest");
    } catch (IOException e) {
      hint = "";
    }
    throw new InputException(
        in.path()
            + ": "
            + malformed
            + " of "
            + input
            + " rows ("
            + String.format(java.util.Locale.ROOT, "%.1f%%", 100.0 * malformed / input)
            + ") hold bytes that are not valid "
            + in.encoding()
            + ", more than input.max-malformed-encoding = "
            + in.maxMalformedEncoding()
            + " of "
            + policy.file()
            + ": is the file in another encoding?"
            + hint);
  }

  /**
   * The encoding the first MB of the first input file decodes in best ({@link EncodingSniffer}).
   */
  private Optional<String> guessEncoding(String path) throws IOException {
    Path p = new Path(path);
    FileSystem fs = fs(p);
    Path first = p;
    if (fs.getFileStatus(p).isDirectory()) {
      FileStatus[] files =
          fs.listStatus(p, f -> !f.getName().startsWith("_") && !f.getName().startsWith("."));
      if (files.length == 0) {
        return Optional.empty();
      }
      Arrays.sort(files);
      first = files[0].getPath();
    }
    byte[] sample = new byte[1 << 20];
    int n = 0;
    try (java.io.InputStream s = fs.open(first)) {
      for (int r; n < sample.length && (r = s.read(sample, n, sample.length - n)) > 0; ) {
        n += r;
      }
    }
    return EncodingSniffer.guess(sample, n);
  }

  /**
   * The bookkeeping columns of a {@link #read} result a caller carries next to the data until
   * quarantine.
   */
  public static List<String> carried(Dataset<Row> read) {
    List<String> out = new ArrayList<>(List.of(REASON, RAW, SOURCE, FILE));
    if (Arrays.asList(read.columns()).contains(LINES)) {
      out.add(LINES);
    }
    return out;
  }
}
