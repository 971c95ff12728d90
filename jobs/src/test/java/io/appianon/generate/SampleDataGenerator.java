package io.appianon.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Deterministic, streaming generator of a fictitious Japanese retailer's member survey and purchase
 * records (the input of the anonymization pipeline). Same options => byte-identical files, whatever
 * the JDK: randomness is our own SplitMix64 ({@link Rng}), seeded from {@link Options#seed()}.
 *
 * <p>survey.csv has one row per member, purchases.csv rows are in purchased_at order. Both are RFC
 * 4180 CSV (fields quoted when they contain a comma, double quote, CR or LF; LF between records)
 * with a header row. With {@link Options#includeBadRows()} a few deliberately defective rows
 * ({@link Defect}) are inserted in addition to the requested valid rows.
 */
public final class SampleDataGenerator {

  public static final List<String> SURVEY_COLUMNS =
      List.of(
          "member_id",
          "name",
          "name_kana",
          "email",
          "phone",
          "postal_code",
          "prefecture",
          "city",
          "street",
          "birth_date",
          "sex",
          "occupation",
          "family_structure",
          "my_number",
          "survey_date",
          "q1_store",
          "q2_staff",
          "q3_price",
          "q4_range",
          "q5_recommend",
          "opinion",
          "satisfaction");

  public static final List<String> PURCHASE_COLUMNS =
      List.of(
          "order_id",
          "member_id",
          "purchased_at",
          "store",
          "product",
          "category",
          "quantity",
          "unit_price",
          "amount",
          "payment_method",
          "card_number",
          "delivery_address");

  /** Parameters of the bundled sample-data/ files. */
  public static final int BUNDLED_MEMBERS = 3000;

  public static final long BUNDLED_PURCHASES = 30000;
  public static final long BUNDLED_SEED = 20261123L;
  public static final int BUNDLED_LABELLED_OPINIONS = 200;

  /** Largest member count: member ids have 7 digits and the bad rows use ids after the members. */
  public static final int MAX_MEMBERS = 9_999_999 - 3;

  public static final long MAX_PURCHASES = 9_999_999_999L - 4;

  /**
   * @param members valid survey rows (one per member), 1..{@value #MAX_MEMBERS}
   * @param purchases valid purchase rows
   * @param seed same seed and options give byte-identical files
   * @param includeBadRows also write the deliberately defective rows of {@link Defect}
   * @param charset output encoding of both CSV files (UTF-8 by default)
   */
  public record Options(
      int members, long purchases, long seed, boolean includeBadRows, Charset charset) {
    public Options {
      if (members < 1 || members > MAX_MEMBERS) {
        throw new IllegalArgumentException("members must be 1.." + MAX_MEMBERS + ": " + members);
      }
      if (purchases < 0 || purchases > MAX_PURCHASES) {
        throw new IllegalArgumentException(
            "purchases must be 0.." + MAX_PURCHASES + ": " + purchases);
      }
      if (charset == null) {
        throw new IllegalArgumentException("charset is required");
      }
    }

    /** The parameters of the bundled sample data. */
    public static Options bundled() {
      return new Options(
          BUNDLED_MEMBERS, BUNDLED_PURCHASES, BUNDLED_SEED, true, StandardCharsets.UTF_8);
    }
  }

  /**
   * Data records written (header excluded, deliberately bad rows included) and how many of them are
   * bad: surveyRows = members + badSurveyRows, purchaseRows = purchases + badPurchaseRows.
   */
  public record Result(
      long surveyRows, long purchaseRows, long badSurveyRows, long badPurchaseRows) {}

  /**
   * The deliberately bad rows. Each is inserted after floor(n * perMille / 1000) valid rows of its
   * file (n = members or purchases), in this order.
   */
  public enum Defect {
    SURVEY_BAD_BIRTH_DATE(Defect.SURVEY, 123, "birth_date is 1985-13-45 (no month 13 / day 45)"),
    SURVEY_EMPTY_MEMBER_ID(Defect.SURVEY, 456, "member_id is empty"),
    SURVEY_MISSING_COLUMNS(
        Defect.SURVEY,
        789,
        "only 18 of 22 fields: q4_range, q5_recommend, opinion, satisfaction are missing"),
    PURCHASE_NEGATIVE_AMOUNT(
        Defect.PURCHASES, 111, "amount is -500 (quantity 1, unit_price 500, payment 現金)"),
    PURCHASE_BAD_TIMESTAMP(Defect.PURCHASES, 333, "purchased_at is 2026/02/30 25:61"),
    PURCHASE_EMPTY_MEMBER_ID(Defect.PURCHASES, 555, "member_id is empty"),
    PURCHASE_EXTRA_COLUMN(
        Defect.PURCHASES, 777, "13 fields instead of 12: product written unquoted as ギフトセット,のし付き");

    public static final String SURVEY = "survey.csv";
    public static final String PURCHASES = "purchases.csv";

    private final String file;
    private final int perMille;
    private final String description;

    Defect(String file, int perMille, String description) {
      this.file = file;
      this.perMille = perMille;
      this.description = description;
    }

    public String file() {
      return file;
    }

    public String description() {
      return description;
    }

    /** Number of valid rows of its file written before this bad row. */
    public long insertedAfter(long validRows) {
      return validRows * perMille / 1000;
    }

    static List<Defect> of(String file) {
      return Arrays.stream(values()).filter(d -> d.file.equals(file)).toList();
    }
  }

  /** A bad row and its 1-based data record number in its file (header not counted). */
  public record BadRow(Defect defect, long record) {}

  private SampleDataGenerator() {}

  /** Where the bad rows of a generation with these options are (empty without bad rows). */
  public static List<BadRow> badRows(Options o) {
    List<BadRow> out = new ArrayList<>();
    if (!o.includeBadRows()) {
      return out;
    }
    for (String file : List.of(Defect.SURVEY, Defect.PURCHASES)) {
      long valid = file.equals(Defect.SURVEY) ? o.members() : o.purchases();
      int before = 0;
      for (Defect d : Defect.of(file)) {
        out.add(new BadRow(d, d.insertedAfter(valid) + before + 1));
        before++;
      }
    }
    return out;
  }

  public static Result generate(Options o, Path surveyCsv, Path purchasesCsv) throws IOException {
    Population pop = new Population(o.seed(), o.members(), Glyphs.forCharset(o.charset()));
    try {
      long badSurvey;
      try (CsvSink out = new CsvSink(surveyCsv, o.charset())) {
        badSurvey = writeSurvey(pop, out, o.includeBadRows());
      }
      long badPurchases;
      try (CsvSink out = new CsvSink(purchasesCsv, o.charset())) {
        badPurchases = new Purchases(pop, o.purchases(), o.seed()).write(out, o.includeBadRows());
      }
      return new Result(
          o.members() + badSurvey, o.purchases() + badPurchases, badSurvey, badPurchases);
    } catch (UncheckedIOException e) {
      throw new IOException(e.getMessage(), e.getCause());
    }
  }

  private static long writeSurvey(Population pop, CsvSink out, boolean includeBadRows) {
    out.record(SURVEY_COLUMNS.toArray(new String[0]));
    List<Defect> pending = new ArrayList<>(includeBadRows ? Defect.of(Defect.SURVEY) : List.of());
    int n = pop.members();
    for (int i = 0; i <= n; i++) {
      while (!pending.isEmpty() && (i == n || pending.get(0).insertedAfter(n) == i)) {
        out.record(badSurveyRecord(pop, pending.remove(0)));
      }
      if (i < n) {
        out.record(pop.surveyRecord(i));
      }
    }
    return includeBadRows ? Defect.of(Defect.SURVEY).size() : 0;
  }

  /** Bad survey rows describe extra people (indexes after the members), so valid ids stay 1..n. */
  private static String[] badSurveyRecord(Population pop, Defect d) {
    int n = pop.members();
    return switch (d) {
      case SURVEY_BAD_BIRTH_DATE -> {
        String[] f = pop.surveyRecord(n);
        f[9] = "1985-13-45";
        yield f;
      }
      case SURVEY_EMPTY_MEMBER_ID -> {
        String[] f = pop.surveyRecord(n + 1);
        f[0] = "";
        yield f;
      }
      case SURVEY_MISSING_COLUMNS -> Arrays.copyOf(pop.surveyRecord(n + 2), 18);
      default -> throw new IllegalArgumentException(d.name());
    };
  }

  /**
   * Writes {@code count} generated opinions with the personal data each contains, for measuring a
   * detector's precision and recall. TSV with header {@code id, opinion, labels}; labels are {@code
   * KIND=exact text} joined by {@code |} (KIND in PHONE, EMAIL, NAME, MYNUMBER, CARD), empty when
   * the opinion has none. Tabs and line breaks inside opinions are written as spaces.
   */
  public static int writeLabelledOpinions(int count, long seed, Path tsv) throws IOException {
    Population pop = new Population(seed, 1, Glyphs.forCharset(StandardCharsets.UTF_8));
    Rng r = Rng.of(seed, Population.SALT_LABELLED, 0);
    Path parent = tsv.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (BufferedWriter w = Files.newBufferedWriter(tsv, StandardCharsets.UTF_8)) {
      w.write("id\topinion\tlabels\n");
      for (int i = 1; i <= count; i++) {
        Opinions.Persona persona = pop.randomPersona(r);
        Opinions.Opinion op = pop.opinions().build(r, persona, 1 + r.nextInt(5), 0.55);
        String text =
            op.text().replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ').replace('\t', ' ');
        StringBuilder labels = new StringBuilder();
        for (Opinions.Span s : op.spans()) {
          if (labels.length() > 0) {
            labels.append('|');
          }
          labels.append(s.kind().name()).append('=').append(s.text());
        }
        w.write(i + "\t" + text + "\t" + labels + "\n");
      }
    }
    return count;
  }

  /**
   * Writes the generalization hierarchies (ARX format) of every generated attribute into {@code
   * dir}.
   */
  public static List<Path> writeHierarchies(Path dir) throws IOException {
    return Hierarchies.write(dir);
  }

  // ------------------------------------------------------------------ command line

  private static final String USAGE =
      """
            usage: SampleDataGenerator --out DIR [options]
              --members N              survey rows / members (default %d)
              --purchases N            purchase rows (default %d)
              --seed S                 random seed (default %d)
              --no-bad-rows            omit the deliberately bad rows
              --encoding NAME          CSV encoding, e.g. Shift_JIS (default UTF-8)
              --labelled-opinions N    also write DIR/labelled-opinions.tsv with N opinions
              --hierarchies            also write DIR/hierarchies/*.csv
            writes DIR/survey.csv and DIR/purchases.csv
            """
          .formatted(BUNDLED_MEMBERS, BUNDLED_PURCHASES, BUNDLED_SEED);

  public static void main(String[] args) throws IOException {
    int members = BUNDLED_MEMBERS;
    long purchases = BUNDLED_PURCHASES;
    long seed = BUNDLED_SEED;
    boolean bad = true;
    Charset charset = StandardCharsets.UTF_8;
    int labelled = 0;
    boolean hierarchies = false;
    Path out = null;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--members" -> members = Integer.parseInt(value(args, ++i));
          case "--purchases" -> purchases = Long.parseLong(value(args, ++i));
          case "--seed" -> seed = Long.parseLong(value(args, ++i));
          case "--out" -> out = Paths.get(value(args, ++i));
          case "--no-bad-rows" -> bad = false;
          case "--encoding" -> charset = Charset.forName(value(args, ++i));
          case "--labelled-opinions" -> labelled = Integer.parseInt(value(args, ++i));
          case "--hierarchies" -> hierarchies = true;
          case "-h", "--help" -> {
            System.out.print(USAGE);
            return;
          }
          default -> throw new IllegalArgumentException("unknown argument " + args[i]);
        }
      }
      if (out == null) {
        throw new IllegalArgumentException("--out DIR is required");
      }
      write(
          new Options(members, purchases, seed, bad, charset),
          out,
          labelled,
          hierarchies,
          System.out);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.print(USAGE);
      System.exit(2);
    }
  }

  /**
   * Writes DIR/survey.csv and DIR/purchases.csv (and, when asked, DIR/labelled-opinions.tsv with
   * {@code labelled} opinions and DIR/hierarchies/*.csv), reporting the files, rows, speed and
   * deliberately bad rows on {@code console}.
   */
  public static void write(
      Options options, Path out, int labelled, boolean hierarchies, PrintStream console)
      throws IOException {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpu0 = threads.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    Result res = generate(options, out.resolve("survey.csv"), out.resolve("purchases.csv"));
    double secs = (System.nanoTime() - t0) / 1e9;
    double cpuSecs = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
    console.printf(
        Locale.ROOT,
        "%s  %d rows (%d deliberately bad)%n",
        out.resolve("survey.csv"),
        res.surveyRows(),
        res.badSurveyRows());
    console.printf(
        Locale.ROOT,
        "%s  %d rows (%d deliberately bad)%n",
        out.resolve("purchases.csv"),
        res.purchaseRows(),
        res.badPurchaseRows());
    long rows = res.surveyRows() + res.purchaseRows();
    console.printf(
        Locale.ROOT,
        "%.2f s wall (%.0f rows/s), %.2f s generator-thread CPU (%.0f rows/s); %s, seed %d%n",
        secs,
        rows / Math.max(secs, 1e-9),
        cpuSecs,
        rows / Math.max(cpuSecs, 1e-9),
        options.charset().name(),
        options.seed());
    for (BadRow b : badRows(options)) {
      console.printf(
          Locale.ROOT,
          "  bad row: %s record %d: %s%n",
          b.defect().file(),
          b.record(),
          b.defect().description());
    }
    if (labelled > 0) {
      writeLabelledOpinions(labelled, options.seed(), out.resolve("labelled-opinions.tsv"));
      console.printf(
          Locale.ROOT, "%s  %d opinions%n", out.resolve("labelled-opinions.tsv"), labelled);
    }
    if (hierarchies) {
      for (Path p : writeHierarchies(out.resolve("hierarchies"))) {
        console.println(p);
      }
    }
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }
}
