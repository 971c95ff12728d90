package io.appianon.privacy;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.univocity.parsers.common.TextParsingException;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The frequency table of a dataset over its quasi-identifiers: one row per distinct combination of
 * original (level-0) QI values, with the number of records and, when a sensitive attribute is
 * configured, the histogram of its values. It is built by one aggregation on Spark and lives on the
 * driver; its size is the number of distinct QI combinations, never the number of records. Every
 * node of the generalization lattice is evaluated by rolling this table up, not by re-reading data.
 *
 * <p>Values are compared as strings (the Spark cast of the column to string), which is also what
 * {@link io.appianon.hierarchy.Hierarchy} maps. Rows and domains are sorted, so the table, and
 * everything computed from it, does not depend on Spark's partitioning.
 */
public final class FrequencyTable {
  private static final Comparator<String> ORDER = Comparator.nullsFirst(Comparator.naturalOrder());

  private final List<QuasiIdentifier> qis;
  private final String[][] domains;
  private final int[] codes;
  private final long[] counts;
  private final String sensitiveColumn;
  private final String[] sensitiveValues;
  private final long[] sensitiveCounts;
  private final long total;

  private FrequencyTable(
      List<QuasiIdentifier> qis,
      String[][] domains,
      int[] codes,
      long[] counts,
      String sensitiveColumn,
      String[] sensitiveValues,
      long[] sensitiveCounts) {
    this.qis = qis;
    this.domains = domains;
    this.codes = codes;
    this.counts = counts;
    this.sensitiveColumn = sensitiveColumn;
    this.sensitiveValues = sensitiveValues;
    this.sensitiveCounts = sensitiveCounts;
    long t = 0;
    for (long c : counts) {
      t += c;
    }
    this.total = t;
  }

  /**
   * Builds the table with one Spark aggregation ({@code groupBy(QIs[, sensitive]).count()}) and
   * brings only that aggregate to the driver, one partition at a time (the driver never holds all
   * its rows at once, only the table they are added to); the sensitive histograms of each QI
   * combination are assembled there. The caller should have {@code data} persisted if it reads it
   * again afterwards.
   */
  public static FrequencyTable build(
      Dataset<Row> data, List<QuasiIdentifier> qis, Optional<String> sensitive) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(sensitive, "sensitive");
    checkQis(qis);
    Set<String> columns = new HashSet<>(Arrays.asList(data.columns()));
    for (QuasiIdentifier q : qis) {
      if (!columns.contains(q.column())) {
        throw new IllegalArgumentException(
            "Unknown quasi-identifier column '"
                + q.column()
                + "' (columns: "
                + String.join(", ", data.columns())
                + ")");
      }
    }
    sensitive.ifPresent(
        s -> {
          if (!columns.contains(s)) {
            throw new IllegalArgumentException(
                "Unknown sensitive column '"
                    + s
                    + "' (columns: "
                    + String.join(", ", data.columns())
                    + ")");
          }
          if (qis.stream().anyMatch(q -> q.column().equals(s))) {
            throw new IllegalArgumentException(
                "Sensitive column '" + s + "' is also a quasi-identifier");
          }
        });
    int q = qis.size();
    Column[] keys = new Column[q];
    for (int a = 0; a < q; a++) {
      keys[a] = col(qis.get(a).column()).cast("string").as("__q" + a);
    }
    Builder builder = builder(qis, sensitive);
    if (sensitive.isPresent()) {
      Column[] withSensitive = Arrays.copyOf(keys, q + 1);
      withSensitive[q] = col(sensitive.get()).cast("string").as("__s");
      // One row per (class, sensitive value): the builder assembles each class's histogram, so no
      // second aggregation into per-class lists (an object aggregate that sorts its input) is
      // needed on Spark.
      Dataset<Row> perValue = data.groupBy(withSensitive).agg(functions.count(lit(1)).as("__n"));
      for (Iterator<Row> it = perValue.toLocalIterator(); it.hasNext(); ) {
        Row r = it.next();
        builder.add(qiValues(r, q), r.isNullAt(q) ? null : r.getString(q), r.getLong(q + 1));
      }
    } else {
      Dataset<Row> table = data.groupBy(keys).agg(functions.count(lit(1)).as("__n"));
      for (Iterator<Row> it = table.toLocalIterator(); it.hasNext(); ) {
        Row r = it.next();
        builder.add(qiValues(r, q), null, r.getLong(q));
      }
    }
    return builder.build();
  }

  /**
   * The light path for inputs that fit one machine: builds the same table as {@link #build} on
   * {@code spark.read().option("header", "true").option("sep", separator).csv(file)}, but parses
   * the file on this JVM alone, with the CSV parser Spark's own reader uses (univocity), and no
   * Spark session. Values are read as Spark reads them: an empty field, quoted or not, is null,
   * surrounding whitespace is kept, empty lines are skipped, a quoted field may hold the separator.
   * Memory is bounded by the distinct (QI values, sensitive value) combinations, not by the
   * records. A file that is not UTF-8, and a record whose field count differs from the header's,
   * are refused with the line named (Spark's permissive reader would pad or cut such a record
   * silently).
   */
  public static FrequencyTable readCsv(
      Path file, char separator, List<QuasiIdentifier> qis, Optional<String> sensitive)
      throws IOException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(sensitive, "sensitive");
    checkQis(qis);
    CsvParserSettings settings = new CsvParserSettings();
    settings.getFormat().setDelimiter(separator);
    settings.setLineSeparatorDetectionEnabled(true);
    settings.setIgnoreLeadingWhitespaces(false);
    settings.setIgnoreTrailingWhitespaces(false);
    settings.setNullValue(null);
    settings.setEmptyValue(null);
    settings.setMaxCharsPerColumn(-1);
    CsvParser parser = new CsvParser(settings);
    CharsetDecoder utf8 =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    int q = qis.size();
    // keyed by the record's values: a list over the array, compared by its elements (nulls too)
    Map<List<String>, long[]> counts = new HashMap<>();
    try (Reader in = new InputStreamReader(Files.newInputStream(file), utf8)) {
      parser.beginParsing(in);
      String[] header = parser.parseNext();
      if (header == null) {
        throw new IllegalArgumentException(file + " is empty (a header line is required)");
      }
      List<String> columns = Arrays.asList(header);
      int[] index = new int[sensitive.isPresent() ? q + 1 : q];
      for (int a = 0; a < q; a++) {
        index[a] = columnIndex(file, columns, qis.get(a).column(), "quasi-identifier");
      }
      if (sensitive.isPresent()) {
        if (qis.stream().anyMatch(x -> x.column().equals(sensitive.get()))) {
          throw new IllegalArgumentException(
              "Sensitive column '" + sensitive.get() + "' is also a quasi-identifier");
        }
        index[q] = columnIndex(file, columns, sensitive.get(), "sensitive");
      }
      for (String[] record = parser.parseNext(); record != null; record = parser.parseNext()) {
        if (record.length != header.length) {
          throw new IllegalArgumentException(
              file
                  + " line "
                  + parser.getContext().currentLine()
                  + ": "
                  + record.length
                  + " fields, the header has "
                  + header.length);
        }
        String[] values = new String[index.length];
        for (int i = 0; i < index.length; i++) {
          values[i] = record[index[i]];
        }
        counts.computeIfAbsent(Arrays.asList(values), v -> new long[1])[0]++;
      }
    } catch (TextParsingException e) {
      for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
        if (c instanceof CharacterCodingException) {
          throw new IOException(
              file + " is not valid UTF-8 (near line " + (e.getLineIndex() + 1) + ")", c);
        }
      }
      throw new IllegalArgumentException(
          file + " line " + (e.getLineIndex() + 1) + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      parser.stopParsing(); // a refused header or record: stop the parser's reading thread
      throw e;
    }
    Builder builder = builder(qis, sensitive);
    for (Map.Entry<List<String>, long[]> e : counts.entrySet()) {
      List<String> v = e.getKey();
      builder.add(v.subList(0, q), sensitive.isPresent() ? v.get(q) : null, e.getValue()[0]);
    }
    return builder.build();
  }

  private static int columnIndex(Path file, List<String> header, String column, String role) {
    int i = header.indexOf(column);
    if (i < 0) {
      throw new IllegalArgumentException(
          "Unknown "
              + role
              + " column '"
              + column
              + "' in "
              + file
              + " (columns: "
              + String.join(", ", header)
              + ")");
    }
    return i;
  }

  private static List<String> qiValues(Row r, int q) {
    List<String> values = new ArrayList<>(q);
    for (int a = 0; a < q; a++) {
      values.add(r.isNullAt(a) ? null : r.getString(a));
    }
    return values;
  }

  private static void checkQis(List<QuasiIdentifier> qis) {
    Objects.requireNonNull(qis, "qis");
    if (qis.isEmpty()) {
      throw new IllegalArgumentException("Invalid quasi-identifiers: [] (need at least one)");
    }
    Set<String> seen = new HashSet<>();
    for (QuasiIdentifier qi : qis) {
      if (!seen.add(qi.column())) {
        throw new IllegalArgumentException(
            "Duplicate quasi-identifier column '" + qi.column() + "'");
      }
    }
  }

  /** A builder for tables made on the driver (tests, or aggregates computed elsewhere). */
  public static Builder builder(List<QuasiIdentifier> qis, Optional<String> sensitiveColumn) {
    checkQis(qis);
    return new Builder(List.copyOf(qis), sensitiveColumn.orElse(null));
  }

  /**
   * Accumulates (QI values, sensitive value, count) triples; equal combinations are merged. Values
   * are coded as they arrive (one code per distinct value of each QI and of the sensitive
   * attribute), so a combination is an array of small ints and each triple costs a few hash
   * lookups; {@link #build} sorts the codes into value order.
   */
  public static final class Builder {
    private final List<QuasiIdentifier> qis;
    private final String sensitiveColumn;
    private final List<Coder> qiCoders = new ArrayList<>();
    private final Coder sensitiveCoder = new Coder();

    /** Combination (arrival codes) -> row number. */
    private final Map<Combination, Integer> rowOf = new HashMap<>();

    private final List<int[]> combinations = new ArrayList<>();
    // the triples, as (row, sensitive code, count); merged per row and code in build()
    private int[] tripleRow = new int[1024];
    private int[] tripleValue = new int[1024];
    private long[] tripleCount = new long[1024];
    private int triples;

    private Builder(List<QuasiIdentifier> qis, String sensitiveColumn) {
      this.qis = qis;
      this.sensitiveColumn = sensitiveColumn;
      for (int a = 0; a < qis.size(); a++) {
        qiCoders.add(new Coder());
      }
    }

    /**
     * Adds {@code count} records with these QI values (in QI order) and sensitive value (null when
     * none).
     */
    public Builder add(List<String> qiValues, String sensitiveValue, long count) {
      if (qiValues.size() != qis.size()) {
        throw new IllegalArgumentException(
            "Invalid QI values "
                + qiValues
                + ": "
                + qiValues.size()
                + " values for "
                + qis.size()
                + " quasi-identifiers");
      }
      if (count < 0) {
        throw new IllegalArgumentException("Invalid count: " + count + " (must be >= 0)");
      }
      if (count == 0) {
        return this;
      }
      int[] codes = new int[qiValues.size()];
      for (int a = 0; a < codes.length; a++) {
        codes[a] = qiCoders.get(a).code(qiValues.get(a));
      }
      Integer row = rowOf.putIfAbsent(new Combination(codes), combinations.size());
      if (row == null) {
        row = combinations.size();
        combinations.add(codes);
      }
      if (triples == tripleRow.length) {
        tripleRow = Arrays.copyOf(tripleRow, triples * 2);
        tripleValue = Arrays.copyOf(tripleValue, triples * 2);
        tripleCount = Arrays.copyOf(tripleCount, triples * 2);
      }
      tripleRow[triples] = row;
      tripleValue[triples] = sensitiveColumn == null ? -1 : sensitiveCoder.code(sensitiveValue);
      tripleCount[triples] = count;
      triples++;
      return this;
    }

    /** Convenience for hand-made tables: {@code add(List.of(values), sensitiveValue, count)}. */
    public Builder add(String sensitiveValue, long count, String... qiValues) {
      return add(Arrays.asList(qiValues), sensitiveValue, count);
    }

    public FrequencyTable build() {
      int q = qis.size();
      String[][] domains = new String[q][];
      int[][] sortedCode = new int[q][];
      for (int a = 0; a < q; a++) {
        domains[a] = qiCoders.get(a).sorted();
        sortedCode[a] = qiCoders.get(a).ranks(domains[a]);
      }
      String[] sensitiveValues = sensitiveColumn == null ? new String[0] : sensitiveCoder.sorted();
      int[] sensitiveRank = sensitiveCoder.ranks(sensitiveValues);
      int n = combinations.size();
      int s = sensitiveValues.length;
      int[][] encoded = new int[n][];
      for (int r = 0; r < n; r++) {
        int[] arrival = combinations.get(r);
        int[] code = new int[q];
        for (int a = 0; a < q; a++) {
          code[a] = sortedCode[a][arrival[a]];
        }
        encoded[r] = code;
      }
      long[] cnt = new long[n];
      long[] hist = new long[n * s];
      for (int t = 0; t < triples; t++) {
        int r = tripleRow[t];
        cnt[r] += tripleCount[t];
        if (s > 0) {
          hist[r * s + sensitiveRank[tripleValue[t]]] += tripleCount[t];
        }
      }
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (x, y) -> Arrays.compare(encoded[x], encoded[y]));
      int[] codes = new int[n * q];
      long[] counts = new long[n];
      long[] sensitiveCounts = new long[n * s];
      for (int i = 0; i < n; i++) {
        int o = order[i];
        System.arraycopy(encoded[o], 0, codes, i * q, q);
        System.arraycopy(hist, o * s, sensitiveCounts, i * s, s);
        counts[i] = cnt[o];
      }
      return new FrequencyTable(
          qis, domains, codes, counts, sensitiveColumn, sensitiveValues, sensitiveCounts);
    }
  }

  /** A combination of value codes, as a hash key. */
  private record Combination(int[] codes) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Combination c && Arrays.equals(codes, c.codes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(codes);
    }
  }

  /** Codes the distinct values of one attribute in arrival order (null is a value too). */
  private static final class Coder {
    private final Map<String, Integer> codes = new HashMap<>();
    private final List<String> values = new ArrayList<>();

    int code(String value) {
      Integer c = codes.get(value);
      if (c == null) {
        c = values.size();
        codes.put(value, c);
        values.add(value);
      }
      return c;
    }

    /** The distinct values in table order (sorted, null first). */
    String[] sorted() {
      List<String> sorted = new ArrayList<>(values);
      sorted.sort(ORDER);
      return sorted.toArray(new String[0]);
    }

    /** For each arrival code, the position of its value in {@code sorted}. */
    int[] ranks(String[] sorted) {
      Map<String, Integer> position = new HashMap<>();
      for (int i = 0; i < sorted.length; i++) {
        position.put(sorted[i], i);
      }
      int[] rank = new int[values.size()];
      for (int c = 0; c < rank.length; c++) {
        rank[c] = position.get(values.get(c));
      }
      return rank;
    }
  }

  /** The quasi-identifiers, in column order of the table. */
  public List<QuasiIdentifier> qis() {
    return qis;
  }

  /** Number of quasi-identifiers. */
  public int qiCount() {
    return qis.size();
  }

  /** Number of rows: distinct QI combinations. */
  public int size() {
    return counts.length;
  }

  /** Number of records the table summarizes. */
  public long totalRecords() {
    return total;
  }

  /** The distinct original values of one QI, sorted (null first). */
  public List<String> domain(int qi) {
    return Collections.unmodifiableList(Arrays.asList(domains[qi]));
  }

  /** The original value of QI {@code qi} in row {@code row}. */
  public String value(int row, int qi) {
    return domains[qi][codes[row * qis.size() + qi]];
  }

  /** Number of records in row {@code row}. */
  public long count(int row) {
    return counts[row];
  }

  public Optional<String> sensitiveColumn() {
    return Optional.ofNullable(sensitiveColumn);
  }

  /** The distinct sensitive values (sorted, null first); empty without a sensitive attribute. */
  public List<String> sensitiveValues() {
    return Collections.unmodifiableList(Arrays.asList(sensitiveValues));
  }

  /** The sensitive histogram of row {@code row}, indexed like {@link #sensitiveValues()}. */
  public long[] sensitiveHistogram(int row) {
    int s = sensitiveValues.length;
    return Arrays.copyOfRange(sensitiveCounts, row * s, row * s + s);
  }

  /** The sensitive histogram of the whole table. */
  public long[] sensitiveTotals() {
    int s = sensitiveValues.length;
    long[] t = new long[s];
    for (int i = 0; i < counts.length; i++) {
      for (int j = 0; j < s; j++) {
        t[j] += sensitiveCounts[i * s + j];
      }
    }
    return t;
  }

  int[] codes() {
    return codes;
  }

  long[] counts() {
    return counts;
  }

  long[] sensitiveCounts() {
    return sensitiveCounts;
  }

  int domainSize(int qi) {
    return domains[qi].length;
  }

  String domainValue(int qi, int code) {
    return domains[qi][code];
  }

  @Override
  public String toString() {
    return "FrequencyTable["
        + counts.length
        + " combinations of "
        + qis.size()
        + " QIs, "
        + total
        + " records"
        + (sensitiveColumn == null
            ? ""
            : ", sensitive " + sensitiveColumn + " (" + sensitiveValues.length + " values)")
        + "]";
  }
}
