package io.appianon.technique;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.appianon.TestSpark;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The Spark HMAC function agrees with the JDK's HMAC-SHA-256 and behaves as a keyed pseudonym. */
class PseudonymizeTest {
  private final SparkSession spark = TestSpark.session();

  private static String jdkHmac(byte[] key, String domain, String value) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    mac.update((domain + "\u0000").getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
  }

  private List<Row> pseudonyms(byte[] key, String domain, List<String> values) {
    Dataset<Row> df = spark.createDataset(values, Encoders.STRING()).toDF("v");
    return df.select(col("v"), Pseudonymize.hmacHex(col("v"), key, domain, 64).as("p"))
        .collectAsList();
  }

  @Test
  void matchesJdkHmacSha256ForAsciiAndJapaneseValues() throws Exception {
    byte[] key = PseudonymKey.generate().bytes();
    List<String> values = List.of("M0000001", "O0000000001", "佐藤 花子", "", "x".repeat(200));
    for (Row r : pseudonyms(key, "member", values)) {
      assertEquals(
          jdkHmac(key, "member", r.getString(0)), r.getString(1), "value " + r.getString(0));
    }
  }

  @Test
  void aShorterPseudonymIsThePrefixOfTheFullHexAndNumbersHashTheirDecimalText() throws Exception {
    byte[] key = PseudonymKey.generate().bytes();
    Dataset<Row> df = spark.sql("SELECT 'M0000001' AS s, 1234567 AS n");
    for (int digits : new int[] {16, 17, 32, 33, 63}) {
      Row r =
          df.select(
                  Pseudonymize.hmacHex(col("s"), key, "member", digits),
                  Pseudonymize.hmacHex(col("n"), key, "member", digits))
              .first();
      assertEquals(
          jdkHmac(key, "member", "M0000001").substring(0, digits),
          r.getString(0),
          digits + " digits");
      assertEquals(
          jdkHmac(key, "member", "1234567").substring(0, digits), r.getString(1), "an int column");
    }
  }

  @Test
  void sameKeySameValueSamePseudonymOtherwiseDifferent() {
    byte[] k1 = PseudonymKey.generate().bytes();
    byte[] k2 = PseudonymKey.generate().bytes();
    String a = pseudonyms(k1, "member", List.of("M1")).get(0).getString(1);
    String b = pseudonyms(k1, "member", List.of("M1")).get(0).getString(1);
    String otherKey = pseudonyms(k2, "member", List.of("M1")).get(0).getString(1);
    String otherDomain = pseudonyms(k1, "order", List.of("M1")).get(0).getString(1);
    assertEquals(a, b);
    assertNotEquals(a, otherKey, "a new release key gives a new pseudonym");
    assertNotEquals(a, otherDomain, "domains separate member ids from order ids");
  }

  @Test
  void nullStaysNull() {
    Dataset<Row> df = spark.sql("SELECT CAST(NULL AS STRING) AS v");
    Row r = df.select(Pseudonymize.hmacHex(col("v"), new byte[32], "member", 32)).first();
    assertNull(r.get(0));
  }

  @Test
  void keyIsRedactedAndDestroyable() {
    PseudonymKey k = PseudonymKey.generate();
    assertEquals("PseudonymKey[redacted]", k.toString());
    byte[] copy = k.bytes();
    k.destroy();
    assertNotEquals(0, Arrays.hashCode(copy));
    org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, k::bytes);
  }

  @Test
  void theKeyIsNotInTheQueryPlan() {
    byte[] key = PseudonymKey.generate().bytes();
    byte[] ipad = new byte[64];
    for (int i = 0; i < 64; i++) {
      ipad[i] = (byte) ((i < key.length ? key[i] : 0) ^ 0x36);
    }
    Dataset<Row> df =
        spark
            .createDataset(List.of("M1"), Encoders.STRING())
            .toDF("v")
            .select(Pseudonymize.hmacHex(col("v"), key, "member", 32).as("p"));
    String plan = df.queryExecution().toString().toLowerCase(java.util.Locale.ROOT);
    assertEquals(32, df.first().getString(0).length());
    for (byte[] secret : new byte[][] {key, ipad}) {
      String hex = HexFormat.of().formatHex(secret);
      org.junit.jupiter.api.Assertions.assertFalse(
          plan.contains(hex.substring(0, 16)), "key material in the plan");
    }
  }
}
