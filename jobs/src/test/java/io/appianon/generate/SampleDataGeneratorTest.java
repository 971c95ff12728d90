package io.appianon.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.appianon.generate.SampleDataGenerator.BadRow;
import io.appianon.generate.SampleDataGenerator.Defect;
import io.appianon.generate.SampleDataGenerator.Options;
import io.appianon.generate.SampleDataGenerator.Result;
import io.appianon.testing.Tools;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outcome checks of the generator and of the bundled sample-data/ directory (no Spark). */
class SampleDataGeneratorTest {

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);

  /**
   * Bad rows of the bundled files, as documented in sample-data/README.md (1-based data records).
   */
  private static final List<String> DOCUMENTED_BAD_ROWS =
      List.of(
          "survey.csv#370 SURVEY_BAD_BIRTH_DATE",
          "survey.csv#1370 SURVEY_EMPTY_MEMBER_ID",
          "survey.csv#2370 SURVEY_MISSING_COLUMNS",
          "purchases.csv#3331 PURCHASE_NEGATIVE_AMOUNT",
          "purchases.csv#9992 PURCHASE_BAD_TIMESTAMP",
          "purchases.csv#16653 PURCHASE_EMPTY_MEMBER_ID",
          "purchases.csv#23314 PURCHASE_EXTRA_COLUMN");

  private static final int S_MEMBER = 0;
  private static final int S_PREFECTURE = 6;
  private static final int S_BIRTH = 9;
  private static final int S_SEX = 10;
  private static final int S_OCCUPATION = 11;
  private static final int S_FAMILY = 12;
  private static final int S_MY_NUMBER = 13;
  private static final int S_SURVEY_DATE = 14;
  private static final int S_OPINION = 20;
  private static final int P_ORDER = 0;
  private static final int P_MEMBER = 1;
  private static final int P_AT = 2;
  private static final int P_STORE = 3;
  private static final int P_PRODUCT = 4;
  private static final int P_CATEGORY = 5;
  private static final int P_QUANTITY = 6;
  private static final int P_UNIT_PRICE = 7;
  private static final int P_AMOUNT = 8;
  private static final int P_PAYMENT = 9;
  private static final int P_CARD = 10;
  private static final int P_DELIVERY = 11;

  private static Path sampleDir;
  private static List<List<String>> survey;
  private static List<List<String>> purchases;

  @BeforeAll
  static void loadBundled() throws IOException {
    sampleDir = projectDir().resolve("sample-data");
    survey = readCsv(sampleDir.resolve("survey.csv"), StandardCharsets.UTF_8);
    purchases = readCsv(sampleDir.resolve("purchases.csv"), StandardCharsets.UTF_8);
  }

  // ------------------------------------------------------------------ determinism and counts

  @Test
  void sameSeedAndOptionsGiveIdenticalBytes(@TempDir Path tmp) throws IOException {
    Options o = new Options(400, 5000, 42L, true, StandardCharsets.UTF_8);
    generate(o, tmp.resolve("a"));
    generate(o, tmp.resolve("b"));
    generate(new Options(400, 5000, 43L, true, StandardCharsets.UTF_8), tmp.resolve("c"));
    for (String f : List.of("survey.csv", "purchases.csv")) {
      assertEquals(
          -1L, Files.mismatch(tmp.resolve("a").resolve(f), tmp.resolve("b").resolve(f)), f);
      assertNotEquals(
          -1L, Files.mismatch(tmp.resolve("a").resolve(f), tmp.resolve("c").resolve(f)), f);
    }
  }

  @Test
  void rowCountsMatchOptions(@TempDir Path tmp) throws IOException {
    Options withBad = new Options(777, 12345, 5L, true, StandardCharsets.UTF_8);
    Result r = generate(withBad, tmp.resolve("bad"));
    assertEquals(new Result(780, 12349, 3, 4), r);
    assertEquals(781, readCsv(tmp.resolve("bad/survey.csv"), StandardCharsets.UTF_8).size());
    assertEquals(12350, readCsv(tmp.resolve("bad/purchases.csv"), StandardCharsets.UTF_8).size());

    Options clean = new Options(777, 12345, 5L, false, StandardCharsets.UTF_8);
    Result c = generate(clean, tmp.resolve("clean"));
    assertEquals(new Result(777, 12345, 0, 0), c);
    List<List<String>> s = readCsv(tmp.resolve("clean/survey.csv"), StandardCharsets.UTF_8);
    List<List<String>> p = readCsv(tmp.resolve("clean/purchases.csv"), StandardCharsets.UTF_8);
    assertEquals(778, s.size());
    assertEquals(12346, p.size());
    assertEquals(List.of(), defects(s, p), "no bad rows requested");
    assertEquals(List.of(), SampleDataGenerator.badRows(clean));
  }

  @Test
  void badRowsAreInsertedWithoutChangingTheValidRows(@TempDir Path tmp) throws IOException {
    generate(new Options(500, 6000, 9L, true, StandardCharsets.UTF_8), tmp.resolve("bad"));
    generate(new Options(500, 6000, 9L, false, StandardCharsets.UTF_8), tmp.resolve("clean"));
    for (String f : List.of("survey.csv", "purchases.csv")) {
      List<List<String>> bad = readCsv(tmp.resolve("bad").resolve(f), StandardCharsets.UTF_8);
      List<List<String>> clean = readCsv(tmp.resolve("clean").resolve(f), StandardCharsets.UTF_8);
      Set<Long> badRecords =
          SampleDataGenerator.badRows(new Options(500, 6000, 9L, true, StandardCharsets.UTF_8))
              .stream()
              .filter(b -> b.defect().file().equals(f))
              .map(BadRow::record)
              .collect(Collectors.toSet());
      List<List<String>> kept = new ArrayList<>();
      for (int i = 0; i < bad.size(); i++) {
        if (!badRecords.contains((long) i)) {
          kept.add(bad.get(i));
        }
      }
      int orderCol = f.equals("purchases.csv") ? P_ORDER : -1;
      assertEquals(withoutColumn(clean, orderCol), withoutColumn(kept, orderCol), f);
    }
  }

  @Test
  void bundledSampleDataIsWhatTheGeneratorProduces(@TempDir Path tmp) throws IOException {
    Result r = generate(Options.bundled(), tmp);
    assertEquals(new Result(3003, 30004, 3, 4), r);
    assertEquals(
        -1L,
        Files.mismatch(tmp.resolve("survey.csv"), sampleDir.resolve("survey.csv")),
        "sample-data/survey.csv is stale: run scripts/generate.sh --bundled");
    assertEquals(
        -1L,
        Files.mismatch(tmp.resolve("purchases.csv"), sampleDir.resolve("purchases.csv")),
        "sample-data/purchases.csv is stale: run scripts/generate.sh --bundled");
    SampleDataGenerator.writeLabelledOpinions(
        SampleDataGenerator.BUNDLED_LABELLED_OPINIONS,
        SampleDataGenerator.BUNDLED_SEED,
        tmp.resolve("labelled-opinions.tsv"));
    assertEquals(
        -1L,
        Files.mismatch(
            tmp.resolve("labelled-opinions.tsv"), sampleDir.resolve("labelled-opinions.tsv")));
    for (Path h : SampleDataGenerator.writeHierarchies(tmp.resolve("hierarchies"))) {
      assertEquals(
          -1L,
          Files.mismatch(h, sampleDir.resolve("hierarchies").resolve(h.getFileName())),
          "stale hierarchy " + h.getFileName());
    }
    long size =
        Files.size(sampleDir.resolve("survey.csv"))
            + Files.size(sampleDir.resolve("purchases.csv"));
    assertTrue(size < 5_500_000, "bundled CSVs should stay small: " + size);
  }

  /**
   * The script users run (and the benchmark's generation) puts every class the generator needs on
   * its path.
   */
  @Test
  void generateScriptWritesTheRequestedRows(@TempDir Path tmp) throws Exception {
    Path script = projectDir().resolve("scripts/generate.sh");
    Tools.require(Files.isExecutable(Paths.get("/bin/bash")), "/bin/bash");
    Process p =
        new ProcessBuilder(
                "/bin/bash",
                script.toString(),
                "--members",
                "40",
                "--purchases",
                "400",
                "--out",
                tmp.toString())
            .redirectErrorStream(true)
            .start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), log);
    assertEquals(
        40 + 3, readCsv(tmp.resolve("survey.csv"), StandardCharsets.UTF_8).size() - 1, log);
    assertEquals(
        400 + 4, readCsv(tmp.resolve("purchases.csv"), StandardCharsets.UTF_8).size() - 1, log);
  }

  @Test
  void shiftJisOutputIsStrictlyDecodableAndHasTheSameRecords(@TempDir Path tmp) throws IOException {
    Charset sjis = Charset.forName("Shift_JIS");
    generate(new Options(2000, 3000, 11L, true, sjis), tmp.resolve("sjis"));
    generate(new Options(2000, 3000, 11L, true, StandardCharsets.UTF_8), tmp.resolve("utf8"));
    for (String f : List.of("survey.csv", "purchases.csv")) {
      List<List<String>> a = readCsv(tmp.resolve("sjis").resolve(f), sjis);
      List<List<String>> b = readCsv(tmp.resolve("utf8").resolve(f), StandardCharsets.UTF_8);
      assertEquals(b.size(), a.size(), f);
      // identical except that Shift_JIS has no U+FF0D (full-width hyphen) and gets U+2212 instead
      for (int i = 0; i < a.size(); i++) {
        assertEquals(
            b.get(i).toString().replace('－', '−'), a.get(i).toString(), f + " record " + i);
      }
    }
  }

  // ------------------------------------------------------------------ field validity (bundled
  // data)

  @Test
  void headersAreTheDocumentedColumns() {
    assertEquals(SampleDataGenerator.SURVEY_COLUMNS, survey.get(0));
    assertEquals(SampleDataGenerator.PURCHASE_COLUMNS, purchases.get(0));
    assertEquals(22, survey.get(0).size());
    assertEquals(12, purchases.get(0).size());
  }

  @Test
  void myNumbersHaveValidCheckDigits() {
    int members = 0;
    int disclosed = 0;
    for (List<String> row : validSurvey()) {
      members++;
      String mn = row.get(S_MY_NUMBER);
      if (!mn.isEmpty()) {
        disclosed++;
        assertTrue(validMyNumber(mn), "invalid My Number " + mn + " of " + row.get(S_MEMBER));
      }
    }
    double share = disclosed / (double) members;
    assertTrue(share > 0.12 && share < 0.18, "My Number share " + share);
    // known answer: 1234567890 1 -> sum 212, 212 mod 11 = 3 -> check digit 8
    assertTrue(validMyNumber("123456789018"));
    assertFalse(validMyNumber("123456789010"));
    assertEquals(8, Checksums.myNumberCheckDigit("12345678901"));
    assertTrue(Checksums.isValidMyNumber("123456789018"));
    assertFalse(Checksums.isValidMyNumber("123456789019"));
  }

  @Test
  void cardNumbersPassLuhnAndOnlyAppearForCreditCardPayments() {
    int cards = 0;
    int rows = 0;
    for (List<String> row : validPurchases()) {
      rows++;
      String card = row.get(P_CARD);
      boolean credit = row.get(P_PAYMENT).equals("クレジットカード");
      assertEquals(credit, !card.isEmpty(), "card iff クレジットカード: " + row);
      if (credit) {
        cards++;
        assertTrue(
            card.matches("\\d{16}|\\d{4}-\\d{4}-\\d{4}-\\d{4}|\\d{4} \\d{4} \\d{4} \\d{4}"), card);
        assertTrue(card.startsWith("4") || card.startsWith("5"), card);
        assertTrue(validLuhn(card), "Luhn fails: " + card);
      }
    }
    double share = cards / (double) rows;
    assertTrue(share > 0.25 && share < 0.38, "card share " + share);
    assertTrue(validLuhn("4111-1111-1111-1111") && validLuhn("5555 5555 5555 4444"));
    assertFalse(validLuhn("4111-1111-1111-1112"));
    assertTrue(Checksums.isValidLuhn("4111-1111-1111-1111"));
    assertFalse(Checksums.isValidLuhn("4111-1111-1111-1112"));
  }

  @Test
  void purchaseRowsAreConsistent() {
    Set<String> memberIds =
        validSurvey().stream().map(r -> r.get(S_MEMBER)).collect(Collectors.toSet());
    assertEquals(SampleDataGenerator.BUNDLED_MEMBERS, memberIds.size(), "member ids are unique");
    Set<String> orderIds = new HashSet<>();
    LocalDateTime previous = LocalDateTime.MIN;
    long max = 0;
    int atMax = 0;
    for (List<String> row : validPurchases()) {
      assertTrue(row.get(P_ORDER).matches("O\\d{10}"), row.get(P_ORDER));
      assertTrue(orderIds.add(row.get(P_ORDER)), "duplicate order " + row.get(P_ORDER));
      assertTrue(memberIds.contains(row.get(P_MEMBER)), "unknown member " + row.get(P_MEMBER));
      LocalDateTime at = LocalDateTime.parse(row.get(P_AT), TIMESTAMP);
      assertFalse(at.isBefore(previous), "rows are in purchased_at order");
      assertTrue(
          !at.isBefore(LocalDateTime.of(2026, 1, 1, 0, 0))
              && at.isBefore(LocalDateTime.of(2026, 10, 1, 0, 0)));
      previous = at;
      boolean online = row.get(P_STORE).equals("オンラインストア");
      if (!online) {
        assertTrue(at.getHour() >= 9 && at.getHour() < 22, "shop hours: " + row);
      } else {
        assertFalse(row.get(P_DELIVERY).isEmpty(), "online orders are delivered");
      }
      long q = Long.parseLong(row.get(P_QUANTITY));
      long price = Long.parseLong(row.get(P_UNIT_PRICE));
      long amount = Long.parseLong(row.get(P_AMOUNT));
      assertTrue(q >= 1 && q <= 40, "quantity " + q);
      assertEquals(q * price, amount, "amount = quantity * unit_price: " + row);
      if (amount > max) {
        max = amount;
        atMax = 0;
      }
      if (amount == max) {
        atMax++;
      }
    }
    assertEquals(3_000_000L, max, "the one idiosyncratic purchase is the largest");
    assertEquals(1, atMax, "exactly one 3,000,000 yen purchase");
  }

  @Test
  void idiosyncraticMembersExistExactlyOnce() {
    int aged116 = 0;
    int astronauts = 0;
    for (List<String> row : validSurvey()) {
      int age = age(row);
      if (age == 116) {
        aged116++;
        assertTrue(row.get(S_BIRTH).startsWith("1910-"), row.get(S_BIRTH));
      } else {
        assertTrue(age >= 16 && age <= 95, "age " + age + " of " + row.get(S_MEMBER));
      }
      if (row.get(S_OCCUPATION).equals("宇宙飛行士")) {
        astronauts++;
      }
    }
    assertEquals(1, aged116);
    assertEquals(1, astronauts);
  }

  @Test
  void opinionsExerciseCsvQuotingAndContainSomePersonalData() throws IOException {
    List<String> opinions = validSurvey().stream().map(r -> r.get(S_OPINION)).toList();
    long nonEmpty = opinions.stream().filter(o -> !o.isEmpty()).count();
    double share = nonEmpty / (double) opinions.size();
    assertTrue(share > 0.55 && share < 0.65, "opinion share " + share);
    assertTrue(opinions.stream().anyMatch(o -> o.contains(",")), "some opinions contain commas");
    assertTrue(opinions.stream().anyMatch(o -> o.contains("\"")), "some contain double quotes");
    assertTrue(opinions.stream().anyMatch(o -> o.contains("\n")), "some contain line breaks");
    long withEmail =
        opinions.stream().filter(o -> o.contains("@example") || o.contains("＠example")).count();
    assertTrue(withEmail > 0, "some opinions leak an e-mail address");
    String raw = Files.readString(sampleDir.resolve("survey.csv"), StandardCharsets.UTF_8);
    assertTrue(raw.contains("\"\""), "embedded quotes are doubled in the file");
  }

  @Test
  void labelledOpinionsListTheExactSpans() throws IOException {
    List<String> lines =
        Files.readAllLines(sampleDir.resolve("labelled-opinions.tsv"), StandardCharsets.UTF_8);
    assertEquals("id\topinion\tlabels", lines.get(0));
    assertEquals(SampleDataGenerator.BUNDLED_LABELLED_OPINIONS + 1, lines.size());
    int labelled = 0;
    Set<String> kinds = new HashSet<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split("\t", -1);
      assertEquals(3, f.length, line);
      if (f[2].isEmpty()) {
        continue;
      }
      labelled++;
      for (String label : f[2].split("\\|")) {
        int eq = label.indexOf('=');
        String kind = label.substring(0, eq);
        String text = label.substring(eq + 1);
        kinds.add(kind);
        assertTrue(Set.of("PHONE", "EMAIL", "NAME", "MYNUMBER", "CARD").contains(kind), kind);
        assertTrue(f[1].contains(text), "span '" + text + "' not in: " + f[1]);
        if (kind.equals("MYNUMBER")) {
          assertTrue(validMyNumber(text.replaceAll("[ -]", "")), text);
        }
        if (kind.equals("CARD")) {
          assertTrue(validLuhn(text), text);
        }
      }
    }
    assertTrue(labelled >= 80 && labelled <= 120, "about half carry personal data: " + labelled);
    assertEquals(Set.of("PHONE", "EMAIL", "NAME", "MYNUMBER", "CARD"), kinds);
  }

  // ------------------------------------------------------------------ bad rows

  @Test
  void exactlyTheDocumentedBadRowsExist() throws IOException {
    assertEquals(DOCUMENTED_BAD_ROWS, defects(survey, purchases));
    assertEquals(
        DOCUMENTED_BAD_ROWS,
        SampleDataGenerator.badRows(Options.bundled()).stream()
            .map(b -> b.defect().file() + "#" + b.record() + " " + b.defect().name())
            .toList());
    String readme = Files.readString(sampleDir.resolve("README.md"), StandardCharsets.UTF_8);
    for (BadRow b : SampleDataGenerator.badRows(Options.bundled())) {
      assertTrue(
          readme.contains("| " + b.record() + " |"), "README documents record " + b.record());
    }
  }

  // ------------------------------------------------------------------ hierarchies

  @Test
  void hierarchiesAreWellFormedAndCoverTheSampleData() throws IOException {
    Map<String, List<String[]>> h = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(sampleDir.resolve("hierarchies"))) {
      for (Path f : files.sorted().toList()) {
        h.put(f.getFileName().toString(), readHierarchy(f));
      }
    }
    assertEquals(
        Set.of(
            "age.csv",
            "prefecture.csv",
            "occupation.csv",
            "family_structure.csv",
            "sex.csv",
            "category.csv",
            "store.csv",
            "product.csv",
            "month.csv"),
        h.keySet());
    // month.csv is a calendar (month, quarter, half-year, year, *), not drawn from the catalog
    assertEquals(5, h.get("month.csv").get(0).length);
    covers(h, "month.csv", validPurchases(), r -> r.get(P_AT).substring(0, 7));
    assertEquals(5, h.get("age.csv").get(0).length);
    assertEquals(91, h.get("age.csv").size());
    assertEquals(47, h.get("prefecture.csv").size());
    assertEquals(8, h.get("prefecture.csv").stream().map(r -> r[1]).distinct().count());

    covers(
        h,
        "age.csv",
        validSurvey(),
        r -> {
          int age = age(r);
          return age >= 90 ? "90+" : Integer.toString(age);
        });
    covers(h, "prefecture.csv", validSurvey(), r -> r.get(S_PREFECTURE));
    covers(h, "occupation.csv", validSurvey(), r -> r.get(S_OCCUPATION));
    covers(h, "family_structure.csv", validSurvey(), r -> r.get(S_FAMILY));
    covers(h, "sex.csv", validSurvey(), r -> r.get(S_SEX));
    covers(h, "category.csv", validPurchases(), r -> r.get(P_CATEGORY));
    covers(h, "store.csv", validPurchases(), r -> r.get(P_STORE));
    covers(h, "product.csv", validPurchases(), r -> r.get(P_PRODUCT));

    // product -> category as in the data; store -> prefecture known to prefecture.csv
    Map<String, String> productCategory = level(h.get("product.csv"), 1);
    for (List<String> r : validPurchases()) {
      assertEquals(r.get(P_CATEGORY), productCategory.get(r.get(P_PRODUCT)), r.get(P_PRODUCT));
    }
    Set<String> prefectures = level(h.get("prefecture.csv"), 0).keySet();
    for (String[] row : h.get("store.csv")) {
      assertTrue(prefectures.contains(row[1]) || row[1].equals("オンライン"), row[1]);
    }
    // every emitted occupation is in the hierarchy, not only those drawn in the sample
    assertEquals(Catalog.OCCUPATION_GROUPS.keySet(), level(h.get("occupation.csv"), 0).keySet());
  }

  // ------------------------------------------------------------------ helpers

  private static Result generate(Options o, Path dir) throws IOException {
    return SampleDataGenerator.generate(o, dir.resolve("survey.csv"), dir.resolve("purchases.csv"));
  }

  private static List<List<String>> validSurvey() {
    return survey.subList(1, survey.size()).stream().filter(r -> surveyDefect(r) == null).toList();
  }

  private static List<List<String>> validPurchases() {
    return purchases.subList(1, purchases.size()).stream()
        .filter(r -> purchaseDefect(r) == null)
        .toList();
  }

  /**
   * All defective records as "file#record DEFECT", found by validating every field that can be bad.
   */
  private static List<String> defects(List<List<String>> s, List<List<String>> p) {
    List<String> out = new ArrayList<>();
    for (int i = 1; i < s.size(); i++) {
      Defect d = surveyDefect(s.get(i));
      if (d != null) {
        out.add("survey.csv#" + i + " " + d.name());
      }
    }
    for (int i = 1; i < p.size(); i++) {
      Defect d = purchaseDefect(p.get(i));
      if (d != null) {
        out.add("purchases.csv#" + i + " " + d.name());
      }
    }
    return out;
  }

  private static Defect surveyDefect(List<String> r) {
    if (r.size() != 22) {
      return Defect.SURVEY_MISSING_COLUMNS;
    }
    if (r.get(S_MEMBER).isEmpty()) {
      return Defect.SURVEY_EMPTY_MEMBER_ID;
    }
    if (!r.get(S_MEMBER).matches("M\\d{7}")) {
      fail("malformed member_id " + r.get(S_MEMBER));
    }
    try {
      LocalDate.parse(r.get(S_BIRTH), DATE);
      LocalDate.parse(r.get(S_SURVEY_DATE), DATE);
    } catch (DateTimeParseException e) {
      return Defect.SURVEY_BAD_BIRTH_DATE;
    }
    return null;
  }

  private static Defect purchaseDefect(List<String> r) {
    if (r.size() != 12) {
      return Defect.PURCHASE_EXTRA_COLUMN;
    }
    if (r.get(P_MEMBER).isEmpty()) {
      return Defect.PURCHASE_EMPTY_MEMBER_ID;
    }
    try {
      LocalDateTime.parse(r.get(P_AT), TIMESTAMP);
    } catch (DateTimeParseException e) {
      return Defect.PURCHASE_BAD_TIMESTAMP;
    }
    if (Long.parseLong(r.get(P_AMOUNT)) < 0) {
      return Defect.PURCHASE_NEGATIVE_AMOUNT;
    }
    return null;
  }

  /**
   * Independent of {@link Checksums}: weights 6,5,4,3,2,7,6,5,4,3,2 left to right over the first 11
   * digits.
   */
  private static boolean validMyNumber(String s) {
    if (!s.matches("\\d{12}")) {
      return false;
    }
    int[] weights = {6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
    int sum = 0;
    for (int i = 0; i < 11; i++) {
      sum += (s.charAt(i) - '0') * weights[i];
    }
    int check = sum % 11 <= 1 ? 0 : 11 - sum % 11;
    return check == s.charAt(11) - '0';
  }

  /**
   * Independent of {@link Checksums}: the sum over all digits, every second from the right doubled.
   */
  private static boolean validLuhn(String formatted) {
    String s = formatted.replace("-", "").replace(" ", "");
    if (!s.matches("\\d{16}")) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < s.length(); i++) {
      int d = s.charAt(s.length() - 1 - i) - '0';
      sum += i % 2 == 1 ? (d * 2) / 10 + (d * 2) % 10 : d;
    }
    return sum % 10 == 0;
  }

  private static int age(List<String> r) {
    return Period.between(
            LocalDate.parse(r.get(S_BIRTH), DATE), LocalDate.parse(r.get(S_SURVEY_DATE), DATE))
        .getYears();
  }

  private static List<List<String>> withoutColumn(List<List<String>> rows, int col) {
    if (col < 0) {
      return rows;
    }
    return rows.stream()
        .<List<String>>map(
            r -> {
              List<String> c = new ArrayList<>(r);
              c.remove(col);
              return c;
            })
        .toList();
  }

  private static void covers(
      Map<String, List<String[]>> h,
      String file,
      List<List<String>> rows,
      Function<List<String>, String> value) {
    Set<String> known = level(h.get(file), 0).keySet();
    Set<String> missing =
        rows.stream()
            .map(value)
            .filter(v -> !known.contains(v))
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(Set.of(), missing, file + " does not cover");
  }

  private static Map<String, String> level(List<String[]> rows, int level) {
    Map<String, String> m = new HashMap<>();
    for (String[] r : rows) {
      m.put(r[0], r[level]);
    }
    return m;
  }

  /**
   * Reads an ARX hierarchy and checks its shape: equal level counts, unique values, '*' top, a
   * tree.
   */
  private static List<String[]> readHierarchy(Path f) throws IOException {
    List<String[]> rows = new ArrayList<>();
    Set<String> values = new HashSet<>();
    for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
      String[] cells = line.split(";", -1);
      rows.add(cells);
      assertTrue(cells.length >= 2, f + ": " + line);
      assertEquals(rows.get(0).length, cells.length, f + " level count: " + line);
      assertEquals("*", cells[cells.length - 1], f + ": " + line);
      assertTrue(values.add(cells[0]), f + " duplicate value " + cells[0]);
      for (String c : cells) {
        assertFalse(c.isBlank(), f + " empty cell: " + line);
      }
    }
    assertFalse(rows.isEmpty(), f + " is empty");
    // each generalization determines the next coarser one (the levels form a tree)
    for (int lvl = 1; lvl < rows.get(0).length - 1; lvl++) {
      Map<String, String> parent = new HashMap<>();
      for (String[] r : rows) {
        String before = parent.putIfAbsent(r[lvl], r[lvl + 1]);
        assertTrue(
            before == null || before.equals(r[lvl + 1]), f + ": " + r[lvl] + " has two parents");
      }
    }
    return rows;
  }

  /**
   * Finds the project root: -Dtest.project.dir, else the nearest ancestor with a multi-module pom.
   */
  static Path projectDir() throws IOException {
    String prop = System.getProperty("test.project.dir");
    if (prop != null
        && !prop.isBlank()
        && Files.isDirectory(Paths.get(prop).resolve("sample-data"))) {
      return Paths.get(prop).toAbsolutePath().normalize();
    }
    for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path pom = p.resolve("pom.xml");
      if (Files.isRegularFile(pom) && Files.readString(pom).contains("<modules>")) {
        return p;
      }
    }
    throw new IllegalStateException(
        "project root not found from " + Paths.get("").toAbsolutePath());
  }

  /** Minimal RFC 4180 reader: quoted fields may contain commas, doubled quotes, CR and LF. */
  static List<List<String>> readCsv(Path file, Charset charset) throws IOException {
    String text;
    try {
      text =
          charset
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
              .toString();
    } catch (CharacterCodingException e) {
      throw new IOException(file + " is not valid " + charset, e);
    }
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i += 2;
            continue;
          }
          quoted = false;
        } else {
          field.append(c);
        }
        i++;
        continue;
      }
      switch (c) {
        case '"' -> {
          if (field.length() > 0 || wasQuoted) {
            throw new IOException(file + ": stray quote at char " + i);
          }
          quoted = true;
          wasQuoted = true;
        }
        case ',' -> {
          record.add(field.toString());
          field.setLength(0);
          wasQuoted = false;
        }
        case '\r', '\n' -> {
          if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
            i++;
          }
          record.add(field.toString());
          field.setLength(0);
          wasQuoted = false;
          records.add(record);
          record = new ArrayList<>();
        }
        default -> field.append(c);
      }
      i++;
    }
    if (quoted) {
      throw new IOException(file + ": unterminated quoted field");
    }
    if (field.length() > 0 || !record.isEmpty() || wasQuoted) {
      record.add(field.toString());
      records.add(record);
    }
    return records;
  }
}
