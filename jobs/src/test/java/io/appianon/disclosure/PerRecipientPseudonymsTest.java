package io.appianon.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appianon.TestProject;
import io.appianon.cli.CliContext;
import io.appianon.job.JobConfig;
import io.appianon.release.Json;
import io.appianon.release.ParquetLabels;
import io.appianon.technique.PseudonymKey;
import io.appianon.testing.Cli;
import io.appianon.testing.MutableClock;
import io.appianon.testing.TestSpark;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-recipient pseudonyms (issue 24 item 5), through the real command line with the shipped
 * configuration, policies and sample data: two recipients of one release get copies that share no
 * pseudonym, each copy still links survey and purchases exactly as the release does, and no package
 * holds the key it was re-keyed with.
 */
class PerRecipientPseudonymsTest {
  private static final Instant T0 = Instant.parse("2026-04-01T00:00:00Z");

  @TempDir Path tmp;

  private Map<String, Object> overrides() {
    Map<String, Object> o = new java.util.LinkedHashMap<>(TestProject.overrides(tmp));
    o.put("appianon.provisions.dir", tmp.resolve("provisions").toString());
    return o;
  }

  private String[] args(String... command) {
    List<String> a = new ArrayList<>(List.of(command));
    a.add("--config");
    a.add(TestProject.root().resolve("conf/application.conf").toString());
    for (Map.Entry<String, Object> e : overrides().entrySet()) {
      a.add("--set");
      a.add(
          e.getKey()
              + "="
              + (e.getValue() instanceof List<?> l
                  ? "[" + String.join(",", l.stream().map(x -> "\"" + x + "\"").toList()) + "]"
                  : e.getValue()));
    }
    return a.toArray(new String[0]);
  }

  private static Set<String> ids(SparkSession spark, Path dir) {
    return ids(spark, dir, "member_id");
  }

  private static Set<String> ids(SparkSession spark, Path dir, String column) {
    Set<String> out = new HashSet<>();
    for (Row r : spark.read().parquet(dir.toString()).select(column).distinct().collectAsList()) {
      out.add(r.getString(0));
    }
    return out;
  }

  private static long joined(SparkSession spark, Path root) {
    Dataset<Row> survey = spark.read().parquet(root.resolve("survey").toString());
    Dataset<Row> purchases = spark.read().parquet(root.resolve("purchases").toString());
    return survey.join(purchases, "member_id").count();
  }

  @Test
  @SuppressWarnings("unchecked")
  void twoRecipientsCopiesShareNoPseudonymEachStillLinksAndNoneHoldsTheKey() throws Exception {
    MutableClock clock = new MutableClock(T0);
    SparkSession spark = TestSpark.get();
    CliContext ctx = new CliContext(clock, Map.of(), Optional.of(spark));
    // the release's own creation announcement names the methods of provision; provide after
    // min-notice (P1D)
    Cli.Result rel = Cli.run(ctx, args("anonymize", "--release-id", "r1"));
    assertEquals(0, rel.code(), rel.err());
    clock.set(T0.plus(Duration.ofDays(2)));
    for (String recipient : List.of("acme", "beta")) {
      Cli.Result ok =
          Cli.run(
              ctx,
              args("provide", "r1", "--recipient", recipient, "--method", "encrypted-transfer"));
      assertEquals(0, ok.code(), ok.err());
      assertTrue(ok.out().contains("re-keyed for this recipient only"), ok.out());
    }

    Path release = tmp.resolve("releases").resolve("r1");
    Map<String, Object> manifest = Json.read(release.resolve("manifest.json"));
    Map<String, Object> pseudonymColumns = new java.util.LinkedHashMap<>();
    for (Map<String, Object> d : (List<Map<String, Object>>) manifest.get("datasets")) {
      pseudonymColumns.put((String) d.get("name"), d.get("pseudonym_columns"));
    }
    assertEquals(
        Map.of("survey", List.of("member_id"), "purchases", List.of("order_id", "member_id")),
        pseudonymColumns,
        "the manifest lists the pseudonym columns of the shipped policies");
    Path acme = tmp.resolve("provisions").resolve("r1").resolve("acme").resolve("data");
    Path beta = tmp.resolve("provisions").resolve("r1").resolve("beta").resolve("data");
    long releaseJoin = joined(spark, release);
    assertTrue(releaseJoin > 1000, "the release links survey and purchases: " + releaseJoin);
    Set<String> releaseIds = ids(spark, release.resolve("survey"));
    releaseIds.addAll(ids(spark, release.resolve("purchases")));
    Set<String> seenA = new HashSet<>();
    Set<String> seenB = new HashSet<>();
    for (String ds : List.of("survey", "purchases")) {
      Set<String> r = ids(spark, release.resolve(ds));
      Set<String> a = ids(spark, acme.resolve(ds));
      Set<String> b = ids(spark, beta.resolve(ds));
      assertEquals(r.size(), a.size(), ds + ": one pseudonym per release pseudonym");
      assertEquals(r.size(), b.size(), ds);
      int len = r.iterator().next().length();
      assertTrue(
          a.stream().allMatch(x -> x.length() == len && x.matches("[0-9a-f]+")),
          ds + ": same form");
      seenA.addAll(a);
      seenB.addAll(b);
      // every other column is the release's, row for row (as a multiset)
      String[] pseudonyms = ((List<String>) pseudonymColumns.get(ds)).toArray(new String[0]);
      Dataset<Row> rel0 = spark.read().parquet(release.resolve(ds).toString()).drop(pseudonyms);
      Dataset<Row> a0 = spark.read().parquet(acme.resolve(ds).toString()).drop(pseudonyms);
      assertEquals(rel0.count(), a0.count(), ds + ": row count");
      assertEquals(0, rel0.exceptAll(a0).count(), ds + ": other columns unchanged");
    }
    Set<String> shared = new HashSet<>(seenA);
    shared.retainAll(seenB);
    assertEquals(Set.of(), shared, "the two recipients' copies share no pseudonym");
    Set<String> fromRelease = new HashSet<>(seenA);
    fromRelease.retainAll(releaseIds);
    assertEquals(Set.of(), fromRelease, "no release pseudonym goes out");
    assertEquals(
        releaseJoin,
        joined(spark, acme),
        "acme's copy links survey and purchases as the release does");
    assertEquals(releaseJoin, joined(spark, beta), "beta's copy too");
    Dataset<Row> crossA = spark.read().parquet(acme.resolve("survey").toString());
    Dataset<Row> crossB = spark.read().parquet(beta.resolve("purchases").toString());
    assertEquals(
        0,
        crossA.join(crossB, "member_id").count(),
        "acme's survey does not join beta's purchases");

    Map<String, Object> recA = Json.read(acme.getParent().resolve("provision.json"));
    Map<String, Object> recB = Json.read(beta.getParent().resolve("provision.json"));
    String keyA = (String) ((Map<String, Object>) recA.get("pseudonyms")).get("key_id");
    String keyB = (String) ((Map<String, Object>) recB.get("pseudonyms")).get("key_id");
    assertTrue(keyA.matches("rk-[0-9a-f]{16}"), keyA);
    assertNotEquals(keyA, keyB, "one key per recipient");
    // the recipient is told, in its notice and its record, that its pseudonyms are its own and
    // cannot be turned back
    String noticeJa = Files.readString(acme.getParent().resolve("NOTICE.ja.txt"));
    String noticeEn = Files.readString(acme.getParent().resolve("NOTICE.en.txt"));
    assertTrue(
        noticeJa.contains("本データの仮ID（会員ID、注文番号）は、貴社への提供のためだけに")
            && noticeJa.contains("他の提供先に提供したデータの仮IDとは一致せず、それらと結合することはできません")
            && noticeJa.contains("元のIDに戻すことはできません"),
        noticeJa);
    assertTrue(
        noticeEn.contains(
                "The temporary IDs in this data (Member ID, Order number) were made for this"
                    + " provision to you alone")
            && noticeEn.contains("cannot be joined with those copies")
            && noticeEn.contains("cannot be turned back into the original IDs"),
        noticeEn);
    assertFalse(
        noticeJa.contains("member_id") || noticeEn.contains("member_id"),
        "category labels, not columns");
    Map<String, Object> told =
        (Map<String, Object>) ((Map<String, Object>) recA.get("pseudonyms")).get("notice");
    assertTrue(((String) told.get("ja")).contains("貴社への提供のためだけに"), told.toString());
    assertTrue(((String) told.get("en")).contains("cannot be joined"), told.toString());
    for (Path f : ParquetLabels.parquetFiles(acme)) {
      assertEquals(keyA, ParquetLabels.read(f).get("appianon.pseudonym_key_id"), f.toString());
      assertEquals("r1", ParquetLabels.read(f).get("appianon.release_id"));
    }
    Path note =
        tmp.resolve("method-store")
            .resolve("r1")
            .resolve("provisions")
            .resolve(recA.get("provision_id") + ".json");
    Map<String, Object> kept = Json.read(note);
    assertEquals(keyA, kept.get("key_id"));
    assertEquals("acme", kept.get("recipient"));
    assertEquals(pseudonymColumns, kept.get("columns"));
    Set<String> orders = ids(spark, release.resolve("purchases"), "order_id");
    Set<String> ordersA = ids(spark, acme.resolve("purchases"), "order_id");
    assertEquals(orders.size(), ordersA.size(), "order ids re-keyed one to one");
    ordersA.retainAll(orders);
    assertEquals(Set.of(), ordersA, "no release order id goes out");

    packageHoldsNoKeyMaterialAndTheKeyIsDestroyed(clock, spark);
  }

  /**
   * A third recipient through the provisioner itself, with a key the test can look for in every
   * byte written.
   */
  private void packageHoldsNoKeyMaterialAndTheKeyIsDestroyed(MutableClock clock, SparkSession spark)
      throws Exception {
    JobConfig config = TestProject.config(tmp, overrides());
    List<PseudonymKey> handedOut = new ArrayList<>();
    List<byte[]> keyBytes = new ArrayList<>();
    Provisioner p =
        new Provisioner(
            config,
            clock,
            Map.of(),
            () -> spark,
            () -> {
              PseudonymKey k = PseudonymKey.generate();
              handedOut.add(k);
              keyBytes.add(k.bytes());
              return k;
            });
    Map<String, Object> record =
        p.provide(new Provisioner.Request("r1", "gamma", "Gamma K.K.", "encrypted-transfer"));
    assertEquals(1, handedOut.size(), "one key for the whole package");
    assertTrue(handedOut.get(0).isDestroyed(), "the key is destroyed once the package is written");
    byte[] key = keyBytes.get(0);
    String hex = HexFormat.of().formatHex(key);
    List<byte[]> needles =
        List.of(
            key,
            hex.getBytes(StandardCharsets.US_ASCII),
            hex.toUpperCase().getBytes(StandardCharsets.US_ASCII),
            Base64.getEncoder().encode(key),
            Base64.getUrlEncoder().withoutPadding().encode(key));
    List<Path> searched = new ArrayList<>();
    Path pkg = Path.of((String) record.get("package"));
    try (Stream<Path> s =
        Stream.concat(
            Stream.concat(Files.walk(pkg), Files.walk(tmp.resolve("method-store"))),
            Stream.of(tmp.resolve("provisions").resolve(Provisioner.LOG)))) {
      for (Path f : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
        byte[] content = Files.readAllBytes(f);
        for (byte[] n : needles) {
          assertFalse(contains(content, n), f + " holds the re-keying key");
        }
        searched.add(f);
      }
    }
    assertTrue(
        searched.stream().filter(f -> f.toString().endsWith(".parquet")).count() >= 2,
        searched.toString());
    assertFalse(Files.exists(pkg.getParent().resolve(".rekeyed")), "no intermediate copy left");
    try (Stream<Path> s = Files.walk(tmp.resolve("provisions"))) {
      assertTrue(
          s.noneMatch(f -> f.toString().contains(".staging" + java.io.File.separator)),
          "staging removed");
    }
  }

  private static boolean contains(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
