package io.appianon.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.min;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appianon.TestProject;
import io.appianon.TestSpark;
import io.appianon.release.Json;
import io.appianon.release.ReleaseException;
import io.appianon.technique.PseudonymKey;
import io.appianon.testing.Attacker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the main job on the bundled sample data (uncompressed Parquet, so the bytes can be scanned)
 * and checks the release against the law's processing standard and the product's promises.
 */
class AnonymizeJobEndToEndTest {
  @TempDir static Path tmp;
  static SparkSession spark;
  static AnonymizeJob.Summary summary;
  static Map<String, Object> report;
  static Map<String, Object> manifest;
  static byte[] secret;
  static List<io.appianon.policy.DatasetPolicy> policies;

  @BeforeAll
  static void runJob() throws IOException {
    spark = TestSpark.session();
    JobConfig config = TestProject.config(tmp, Map.of("appianon.release.id", "test-r1"));
    AnonymizeJob job = new AnonymizeJob(config);
    policies = job.policies();
    PseudonymKey key = PseudonymKey.generate();
    secret = key.bytes();
    summary = job.run(spark, "test-r1", key);
    assertTrue(key.isDestroyed(), "the key is destroyed when the run ends");
    report = Json.read(summary.release().resolve("report.json"));
    manifest = Json.read(summary.release().resolve("manifest.json"));
  }

  private Dataset<Row> input(String file) {
    return spark
        .read()
        .option("header", true)
        .option("multiLine", true)
        .option("escape", "\"")
        .csv(TestProject.sampleData().resolve(file).toString());
  }

  private Dataset<Row> release(String dataset) {
    return spark.read().parquet(summary.release().resolve(dataset).toString());
  }

  @Test
  void releaseIsReadableParquetWithoutIdentifyingColumns() {
    Set<String> survey = Set.of(release("survey").columns());
    for (String gone :
        List.of(
            "name",
            "name_kana",
            "email",
            "phone",
            "postal_code",
            "city",
            "street",
            "my_number",
            "birth_date")) {
      assertFalse(survey.contains(gone), gone + " must not be published");
    }
    assertTrue(
        survey.containsAll(
            List.of("member_id", "age", "sex", "prefecture", "opinion", "survey_month")));
    Set<String> purchases = Set.of(release("purchases").columns());
    for (String gone : List.of("card_number", "delivery_address", "product", "purchased_at")) {
      assertFalse(purchases.contains(gone), gone + " must not be published");
    }
    assertTrue(
        purchases.containsAll(
            List.of("order_id", "member_id", "purchase_month", "category", "amount_band")));
  }

  @Test
  void noIdentifierIdentificationCodeOrRawIdInAnyReleaseByte() throws IOException {
    Set<String> needles = new HashSet<>();
    for (String c : List.of("member_id", "email", "phone", "my_number")) {
      needles.addAll(distinct(input("survey.csv"), c));
    }
    for (String c : List.of("order_id", "member_id", "card_number")) {
      needles.addAll(distinct(input("purchases.csv"), c));
    }
    needles.removeIf(s -> s.length() < 6);
    Set<String> names = new HashSet<>(distinct(input("survey.csv"), "name"));
    Set<String> streets = new HashSet<>(distinct(input("survey.csv"), "street"));
    assertTrue(
        needles.size() > 30_000, "expected many identifiers to look for, got " + needles.size());
    // Tokens that look like codes, pulled out of every byte of every file; then looked up in the
    // needle set.
    Pattern token = Pattern.compile("[A-Za-z0-9@._+\\-]{6,}");
    List<String> hits = new ArrayList<>();
    for (Path f : releaseFiles()) {
      String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
      Matcher m = token.matcher(text);
      while (m.find()) {
        String t = m.group();
        for (String part : t.split("[^A-Za-z0-9@.+\\-]")) {
          if (needles.contains(part)) {
            hits.add(f.getFileName() + ": " + part);
          }
        }
        if (needles.contains(t)) {
          hits.add(f.getFileName() + ": " + t);
        }
      }
      for (String n : names) {
        if (text.contains(n)) {
          hits.add(f.getFileName() + ": name " + n);
        }
      }
      for (String s : streets) {
        if (s.length() >= 6 && text.contains(s)) {
          hits.add(f.getFileName() + ": street " + s);
        }
      }
    }
    assertEquals(List.of(), hits.stream().limit(20).toList(), "identifiers found in the release");
  }

  @Test
  void theSecretIsNowhereInTheReleaseOrTheMethodStore() throws IOException {
    String hex = java.util.HexFormat.of().formatHex(secret);
    String b64 = java.util.Base64.getEncoder().encodeToString(secret);
    List<Path> files = new ArrayList<>(releaseFiles());
    try (Stream<Path> s = Files.walk(summary.methodStore())) {
      files.addAll(s.filter(Files::isRegularFile).toList());
    }
    for (Path f : files) {
      byte[] bytes = Files.readAllBytes(f);
      String latin = new String(bytes, StandardCharsets.ISO_8859_1);
      assertFalse(
          latin.contains(new String(secret, StandardCharsets.ISO_8859_1)), "raw key bytes in " + f);
      assertFalse(latin.toLowerCase().contains(hex), "hex key in " + f);
      assertFalse(latin.contains(b64), "base64 key in " + f);
    }
  }

  @Test
  void scrubbedOpinionsKeepNoPhoneEmailOrCodes() {
    List<String> opinions =
        release("survey")
            .select("opinion")
            .where(col("opinion").isNotNull())
            .collectAsList()
            .stream()
            .map(r -> r.getString(0))
            .toList();
    assertTrue(opinions.size() > 500, "opinions are kept for analysts");
    Pattern phone = Pattern.compile("0[789]0-?\\d{4}-?\\d{4}");
    Pattern email = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    Pattern digitRun = Pattern.compile("\\d[\\d -]{10,}\\d");
    for (String o : opinions) {
      String n = java.text.Normalizer.normalize(o, java.text.Normalizer.Form.NFKC);
      assertFalse(phone.matcher(n).find(), "phone in: " + o);
      assertFalse(email.matcher(n).find(), "e-mail in: " + o);
      Matcher m = digitRun.matcher(n);
      while (m.find()) {
        String d = m.group().replaceAll("[ -]", "");
        assertFalse(d.length() == 12 && isMyNumber(d), "My Number in: " + o);
        assertFalse(d.length() >= 14 && d.length() <= 19 && luhn(d), "card number in: " + o);
      }
    }
    assertTrue(
        opinions.stream()
            .anyMatch(o -> o.contains("[PHONE]") || o.contains("[EMAIL]") || o.contains("[NAME]")),
        "scrubbed matches are tagged");
  }

  @Test
  void kAnonymityHoldsOnPublishedQuasiIdentifiers() {
    long minSurvey =
        release("survey")
            .groupBy("age", "sex", "prefecture", "occupation", "family_structure")
            .count()
            .agg(min("count"))
            .first()
            .getLong(0);
    assertTrue(minSurvey >= 5, "survey k achieved " + minSurvey);
    long minPurchases =
        release("purchases")
            .groupBy("purchase_month", "store", "delivery_prefecture")
            .count()
            .agg(min("count"))
            .first()
            .getLong(0);
    assertTrue(minPurchases >= 5, "purchases k achieved " + minPurchases);
    for (AnonymizeJob.DatasetSummary d : summary.datasets()) {
      assertTrue(d.kAchieved() >= 5, d.name() + " k achieved " + d.kAchieved());
    }
  }

  /**
   * Every model the shipped policies declare (survey: k-anonymity, 2-diversity; purchases:
   * k-anonymity, k^m) holds on the published files, by {@link io.appianon.verify.ReleaseVerifier},
   * which shares no code with the enforcement.
   */
  @Test
  void everyDeclaredModelHoldsOnThePublishedFiles() {
    io.appianon.verify.VerificationReport v =
        io.appianon.verify.ReleaseVerifier.verify(spark, policies, summary.release());
    assertEquals(List.of(), v.failures());
    // typed-columns: one per label with typed companions (purchase_month, quantity, amount_band;
    // issue 22)
    assertEquals(
        List.of("k-anonymity", "k^m-anonymity", "typed-columns", "typed-columns", "typed-columns"),
        v.dataset("purchases").orElseThrow().checks().stream()
            .map(io.appianon.verify.ModelCheck::model)
            .toList());
  }

  @Test
  @SuppressWarnings("unchecked")
  void countsReconcileAndMatchTheRowsReadBack() {
    Map<String, Object> datasets = (Map<String, Object>) report.get("datasets");
    for (String name : List.of("survey", "purchases")) {
      Map<String, Object> rows =
          (Map<String, Object>) ((Map<String, Object>) datasets.get(name)).get("rows");
      long in = ((Number) rows.get("input")).longValue();
      long published = ((Number) rows.get("published")).longValue();
      long suppressed = ((Number) rows.get("suppressed")).longValue();
      long quarantined = ((Number) rows.get("quarantined")).longValue();
      long lines = input(name + ".csv").count();
      assertEquals(lines, in, name + " input rows equal the records in the file");
      assertEquals(
          published, release(name).count(), name + " published rows equal the rows in the release");
      assertEquals(
          quarantined,
          spark.read().json(summary.quarantine().resolve(name).toString()).count(),
          name + " quarantined rows equal the rows in the quarantine files");
      // the records of the file = rows read back from the release and the quarantine + those
      // suppressed
      assertEquals(
          lines,
          release(name).count()
              + suppressed
              + spark.read().json(summary.quarantine().resolve(name).toString()).count(),
          name + " counts reconcile");
      Map<String, Object> byReason = (Map<String, Object>) rows.get("suppressed_by_reason");
      assertEquals(
          suppressed, byReason.values().stream().mapToLong(v -> ((Number) v).longValue()).sum());
    }
  }

  @Test
  void badRowsAreQuarantinedWithTheirReasons() {
    Dataset<Row> survey = spark.read().json(summary.quarantine().resolve("survey").toString());
    Dataset<Row> purchases =
        spark.read().json(summary.quarantine().resolve("purchases").toString());
    String surveyReasons =
        survey.select("reason").collectAsList().stream()
            .map(r -> r.getString(0))
            .collect(Collectors.joining("\n"));
    assertTrue(surveyReasons.contains("birth_date: not a valid date"), surveyReasons);
    assertTrue(surveyReasons.contains("member_id: required value missing"), surveyReasons);
    assertTrue(surveyReasons.contains("malformed record"), surveyReasons);
    assertTrue(
        survey.where(col("birth_date").equalTo("1985-13-45")).count() == 1,
        "quarantine keeps the value as it was in the file");
    String purchaseReasons =
        purchases.select("reason").collectAsList().stream()
            .map(r -> r.getString(0))
            .collect(Collectors.joining("\n"));
    assertTrue(purchaseReasons.contains("amount: below minimum"), purchaseReasons);
    assertTrue(purchaseReasons.contains("purchased_at: not a valid timestamp"), purchaseReasons);
    assertTrue(purchaseReasons.contains("malformed record"), purchaseReasons);
    long quarantined =
        summary.datasets().stream().mapToLong(AnonymizeJob.DatasetSummary::quarantined).sum();
    assertEquals(quarantined, survey.count() + purchases.count());
  }

  @Test
  void fileNamesAndRecordOrderRevealNothingOfTheInput() throws IOException {
    Pattern part =
        Pattern.compile(
            "\\.?part-\\d{5}-[0-9a-f-]{36}-c\\d{3}(\\.[a-z]+)*(\\.crc)?|\\.?_SUCCESS(\\.crc)?");
    for (Path f : releaseFiles()) {
      String n = f.getFileName().toString();
      if (!n.matches("manifest\\.(json|html|md)|report\\.(json|html)|dictionary\\.(json|md)")) {
        assertTrue(part.matcher(n).matches(), "unexpected file name " + n);
      }
    }
    // Published survey order vs. input (registration) order: the test knows the key, so it can map
    // each published pseudonym back to its input position; the rank correlation must be near zero.
    List<String> inputIds =
        input("survey.csv").select("member_id").collectAsList().stream()
            .map(r -> r.getString(0))
            .toList();
    Map<String, Integer> position = new java.util.HashMap<>();
    for (int i = 0; i < inputIds.size(); i++) {
      if (inputIds.get(i) != null) {
        position.put(hmac(inputIds.get(i)), i);
      }
    }
    List<Row> pub = release("survey").select("member_id").collectAsList();
    double[] out = new double[pub.size()];
    double[] in = new double[pub.size()];
    for (int i = 0; i < pub.size(); i++) {
      out[i] = i;
      in[i] = position.get(pub.get(i).getString(0));
    }
    double rho =
        new org.apache.commons.math3.stat.correlation.SpearmansCorrelation().correlation(out, in);
    assertTrue(Math.abs(rho) < 0.1, "published order correlates with input order: rho=" + rho);
  }

  private static String hmac(String memberId) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA256"));
      mac.update("member\u0000".getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of()
          .formatHex(mac.doFinal(memberId.getBytes(StandardCharsets.UTF_8)))
          .substring(0, 32);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void memberPseudonymLinksBothDatasetsOfOneRelease() {
    Dataset<Row> s = release("survey").select("member_id").distinct();
    Dataset<Row> p = release("purchases").select("member_id").distinct();
    long linked = s.join(p, "member_id").count();
    assertTrue(linked > 1000, "members link across datasets: " + linked);
    assertTrue(
        s.where(col("member_id").rlike("^[0-9a-f]{32}$")).count() == s.count(),
        "pseudonyms are 32 hex");
  }

  @Test
  @SuppressWarnings("unchecked")
  void manifestDisclosesCategoriesAndDeletedItems() {
    assertTrue(
        ((Map<String, Object>) manifest.get("statement")).get("ja").toString().contains("匿名加工情報"));
    List<Map<String, Object>> datasets = (List<Map<String, Object>>) manifest.get("datasets");
    String all = Json.write(datasets);
    for (String c : List.of("性別", "年齢", "会員ID", "購入年月", "商品カテゴリ", "氏名", "個人番号", "クレジットカード番号")) {
      assertTrue(all.contains(c), "manifest mentions " + c);
    }
  }

  /**
   * On the bundled release, manifest.json's categories are those the written files contain (issue
   * 23): every column of a listed category holds a value other than '*' and null in some row; every
   * announced category not listed is '*' or null in every row. The person stage removes the
   * survey's sex, occupation and family structure (README).
   */
  @Test
  @SuppressWarnings("unchecked")
  void manifestCategoriesAreThoseContainedInThePublishedFiles() {
    for (Map<String, Object> d : (List<Map<String, Object>>) manifest.get("datasets")) {
      Dataset<Row> rows = release((String) d.get("name"));
      Set<Object> listed = new java.util.HashSet<>();
      ((List<Map<String, Object>>) d.get("categories")).forEach(c -> listed.add(c.get("category")));
      Map<Object, Long> values =
          new java.util.LinkedHashMap<>(); // per category, rows with a value in its columns
      for (Map<String, Object> c : (List<Map<String, Object>>) d.get("announced_categories")) {
        String column = (String) c.get("column");
        values.merge(
            c.get("category"),
            rows.where(col(column).isNotNull().and(col(column).cast("string").notEqual("*")))
                .count(),
            Long::sum);
      }
      values.forEach(
          (category, n) ->
              assertEquals(
                  listed.contains(category),
                  n > 0,
                  d.get("name")
                      + " "
                      + category
                      + ": listed as contained iff the files hold a value of it ("
                      + n
                      + " rows)"));
    }
    Map<String, Object> survey = ((List<Map<String, Object>>) manifest.get("datasets")).get(0);
    assertEquals("survey", survey.get("name"));
    List<Object> withheld = (List<Object>) survey.get("withheld_categories");
    assertTrue(
        withheld.contains(Map.of("ja", "性別", "en", "Sex")), "sex is '*' in every row: " + withheld);
  }

  @Test
  void methodStoreIsOwnerOnlyAndSeparateFromTheRelease() throws IOException {
    Path m = summary.methodStore();
    assertTrue(Files.isRegularFile(m.resolve("parameters.json")));
    assertTrue(Files.isRegularFile(m.resolve("hierarchies/age.csv")));
    assertFalse(m.startsWith(summary.release()));
    assertEquals(
        Set.of(
            PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_EXECUTE),
        Files.getPosixFilePermissions(m));
    assertEquals(
        Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
        Files.getPosixFilePermissions(m.resolve("parameters.json")));
    assertFalse(Files.exists(summary.release().resolve("hierarchies")));
  }

  @Test
  void rerunningTheSameReleaseIdIsRefusedWithoutOverwrite() {
    JobConfig config = TestProject.config(tmp, Map.of("appianon.release.id", "test-r1"));
    ReleaseException e =
        assertThrows(ReleaseException.class, () -> new AnonymizeJob(config).run(spark));
    assertTrue(e.getMessage().contains("already exists"), e.getMessage());
    assertTrue(
        Files.isRegularFile(summary.release().resolve("report.json")),
        "the first release is untouched");
  }

  @Test
  void aSecondReleaseGivesEveryMemberADifferentPseudonym() {
    JobConfig config = TestProject.config(tmp, Map.of("appianon.release.id", "test-r2"));
    AnonymizeJob.Summary second = new AnonymizeJob(config).run(spark);
    Dataset<Row> a = release("survey").select("member_id");
    Dataset<Row> b =
        spark.read().parquet(second.release().resolve("survey").toString()).select("member_id");
    assertEquals(0, a.join(b, "member_id").count(), "pseudonyms must not repeat across releases");
    assertEquals(summary.datasets().get(0).input(), second.datasets().get(0).input());
  }

  /** Individual Number check digit (独立に実装: the test does not reuse the detector's code). */
  static boolean isMyNumber(String d) {
    int sum = 0;
    for (int n = 1; n <= 11; n++) {
      int p = d.charAt(11 - n) - '0';
      int q = n <= 6 ? n + 1 : n - 5;
      sum += p * q;
    }
    int r = sum % 11;
    return (r <= 1 ? 0 : 11 - r) == d.charAt(11) - '0';
  }

  static boolean luhn(String d) {
    int sum = 0;
    for (int i = 0; i < d.length(); i++) {
      int x = d.charAt(d.length() - 1 - i) - '0';
      if (i % 2 == 1) {
        x *= 2;
        if (x > 9) {
          x -= 9;
        }
      }
      sum += x;
    }
    return sum % 10 == 0;
  }

  @Test
  @SuppressWarnings("unchecked")
  void noPersonIsSingledOutWhenSurveyAndPurchasesAreJoinedOnTheirPseudonym() {
    Attacker attacker =
        new Attacker(
            spark,
            summary.release(),
            "survey",
            "member_id",
            List.of("age", "sex", "prefecture", "occupation", "family_structure"),
            "purchases",
            "member_id",
            List.of("purchase_month", "store"));
    // The datasets still link: every purchasing person has a survey row (none was removed from one
    // dataset only), and most survey persons have purchases.
    Set<String> survey = new HashSet<>(distinct(release("survey"), "member_id"));
    Set<String> buyers = new HashSet<>(distinct(release("purchases"), "member_id"));
    assertTrue(
        survey.containsAll(buyers), "a person suppressed in the survey is gone from purchases too");
    assertTrue(
        buyers.size() > 0.9 * survey.size(),
        buyers.size() + " of " + survey.size() + " still linked");
    // What the attacker of the issue did: age band, sex, region, ... and any two visits.
    assertEquals(Set.of(), attacker.singledOut(5, 2));
    assertEquals(Set.of(), attacker.singledOut(5, 1));
    // The budget is in persons: at most 5% of the 3,000 valid members are removed by the release
    // stage.
    Map<String, Object> persons = (Map<String, Object>) report.get("persons");
    long suppressedPersons = ((Number) persons.get("suppressed_persons")).longValue();
    assertEquals(3000L, ((Number) persons.get("persons")).longValue());
    assertTrue(suppressedPersons <= 150, suppressedPersons + " persons suppressed");
    assertEquals(
        3000 - survey.size(), suppressedPersons, "every suppressed person is counted once");
    Map<String, Object> audit = (Map<String, Object>) persons.get("audit_of_published_files");
    assertEquals(
        attacker.uniqueUnderFullKnowledge(),
        ((Number) audit.get("unique_under_full_item_knowledge")).longValue());
    Map<String, Object> rows =
        (Map<String, Object>)
            ((Map<String, Object>) ((Map<String, Object>) report.get("datasets")).get("purchases"))
                .get("rows");
    long purchasePersonRows =
        ((Map<String, Number>) rows.get("suppressed_by_reason"))
            .getOrDefault("person-model", 0)
            .longValue();
    assertEquals(
        release("purchases").count()
            + ((Number) rows.get("suppressed")).longValue()
            + ((Number) rows.get("quarantined")).longValue(),
        ((Number) rows.get("input")).longValue());
    assertTrue(purchasePersonRows > 0, "the suppressed persons' purchases are removed and counted");
  }

  @Test
  @SuppressWarnings("unchecked")
  void analystsKeepTheMonthAndTheStoresRegionPerPurchaseAndTheSurveyKeepsRegionAndTenYearAges() {
    // What the shipped policy promises analysts (max-level), read back from the published files.
    assertTrue(
        distinct(release("purchases"), "purchase_month").stream()
            .allMatch(v -> v.matches("\\d{4}-\\d{2}")),
        "months stay months");
    Set<String> regions =
        Set.of("北海道地方", "東北地方", "関東地方", "中部地方", "近畿地方", "中国地方", "四国地方", "九州・沖縄地方");
    Set<String> stores = new HashSet<>(distinct(release("purchases"), "store"));
    assertTrue(stores.size() >= 5, "stores as regions, not removed: " + stores);
    stores.remove("オンライン");
    assertTrue(regions.containsAll(stores), "store regions: " + stores);
    Set<String> prefectures = new HashSet<>(distinct(release("survey"), "prefecture"));
    assertTrue(
        prefectures.size() >= 5 && regions.containsAll(prefectures),
        "survey regions: " + prefectures);
    List<String> ages = distinct(release("survey"), "age");
    assertTrue(
        ages.stream()
            .allMatch(
                v ->
                    v.equals("90+")
                        || (v.matches("\\d+-\\d+")
                            && Integer.parseInt(v.split("-")[1]) - Integer.parseInt(v.split("-")[0])
                                <= 9)),
        "10-year age bands at most (top-coded at 90+): " + ages);
    // The rows that paid for it: rare items, counted in the dataset's reasons and in the persons
    // section alike.
    Map<String, Object> rows =
        (Map<String, Object>)
            ((Map<String, Object>) ((Map<String, Object>) report.get("datasets")).get("purchases"))
                .get("rows");
    long rare =
        ((Map<String, Number>) rows.get("suppressed_by_reason")).get("rare-item").longValue();
    Map<String, Object> ri =
        (Map<String, Object>) ((Map<String, Object>) report.get("persons")).get("rare_items");
    assertEquals(rare, ((Number) ri.get("removed_rows")).longValue());
    assertTrue(rare > 0 && rare <= 0.25 * 30000, rare + " rows removed as rare items");
  }

  private static List<String> distinct(Dataset<Row> df, String column) {
    return df.select(column).where(col(column).isNotNull()).distinct().collectAsList().stream()
        .map(r -> r.getString(0))
        .toList();
  }

  private static List<Path> releaseFiles() throws IOException {
    try (Stream<Path> s = Files.walk(summary.release())) {
      return s.filter(Files::isRegularFile).toList();
    }
  }
}
