package io.appianon.technique;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.encode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.unhex;

import io.appianon.pipeline.Lineage;
import io.appianon.policy.Conf;
import io.appianon.policy.Origin;
import io.appianon.policy.Text;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Replaces linking codes (Rule 34 item 3) with keyed pseudonyms: HMAC-SHA-256 (RFC 2104) under the per-release key,
 * over {@code domain || 0x00 || value}, shown as the first {@code length} hex digits. The same value in the same
 * domain gets the same pseudonym in every dataset of one release (so survey and purchases still link), and a
 * different one in the next release (fresh key). Without the key the value cannot be restored or recomputed, unlike a
 * plain or fixed-salt hash.
 *
 * <p>Built from Spark's own {@code sha2}, {@code concat} and {@code unhex} (HMAC is two nested hashes over the key
 * XOR-ed with the inner and outer pads), so it runs in generated code with no UDF; a test checks it against
 * {@code javax.crypto.Mac}.
 */
public record Pseudonymize(Origin origin, List<String> columns, String domain, int length) implements Technique {
  public static final String TYPE = "pseudonymize";
  private static final int BLOCK = 64;

  public static Pseudonymize parse(Conf c) {
    c.allowOnly(Set.of("type", "columns", "domain", "length"));
    List<String> cols = c.strings("columns");
    if (cols.isEmpty()) {
      throw c.error("columns", "must name at least one column");
    }
    String domain = c.string("domain", cols.size() == 1 ? cols.get(0) : "");
    if (domain.isEmpty()) {
      throw c.error("domain", "missing: give a domain (e.g. member) when pseudonymizing several columns");
    }
    int length = c.integer("length", 32);
    if (length < 16 || length > 64) {
      throw c.error("length", "invalid value " + length + " (must be 16..64 hex digits)");
    }
    return new Pseudonymize(c.origin(), cols, domain, length);
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    StructType out = schema;
    for (String c : columns) {
      Schemas.require(out, c, origin, "columns");
      out = Schemas.replace(out, c, DataTypes.StringType);
    }
    return out;
  }

  @Override
  public void describe(Lineage lineage) {
    for (String c : columns) {
      lineage.process(c, "pseudonymized", Text.of(
          "リリースごとに異なる秘密鍵を用いた復元できない仮IDに置換（鍵は作成後に破棄）",
          "replaced by a temporary ID that cannot be restored (keyed hash with a per-release secret, destroyed after"
              + " creation)"));
    }
  }

  @Override
  public Dataset<Row> apply(Dataset<Row> data, TechniqueContext ctx) {
    byte[] key = ctx.key(TYPE).bytes();
    try {
      Dataset<Row> out = data;
      for (String c : columns) {
        out = out.withColumn(c, hmacHex(col(c).cast("string"), key, domain, length));
      }
      return out;
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /** HMAC-SHA-256 of {@code domain 0x00 value} as lower-case hex, truncated to {@code hexDigits}; null stays null. */
  public static Column hmacHex(Column value, byte[] key, String domain, int hexDigits) {
    byte[] k = Arrays.copyOf(key, BLOCK);
    byte[] ipad = new byte[BLOCK];
    byte[] opad = new byte[BLOCK];
    for (int i = 0; i < BLOCK; i++) {
      ipad[i] = (byte) (k[i] ^ 0x36);
      opad[i] = (byte) (k[i] ^ 0x5c);
    }
    Arrays.fill(k, (byte) 0);
    byte[] prefix = (domain + "\u0000").getBytes(StandardCharsets.UTF_8);
    byte[] innerPrefix = Arrays.copyOf(ipad, BLOCK + prefix.length);
    System.arraycopy(prefix, 0, innerPrefix, BLOCK, prefix.length);
    Column inner = unhex(sha2(concat(lit(innerPrefix), encode(value, "UTF-8")), 256));
    Column mac = sha2(concat(lit(opad), inner), 256);
    return hexDigits >= 64 ? mac : substring(mac, 1, hexDigits);
  }
}
