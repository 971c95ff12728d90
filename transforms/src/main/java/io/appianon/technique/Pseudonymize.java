package io.appianon.technique;

import static org.apache.spark.sql.functions.col;

import io.appianon.core.Conf;
import io.appianon.core.Lineage;
import io.appianon.core.Origin;
import io.appianon.core.Processing;
import io.appianon.core.Text;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Replaces linking codes (Rule 34 item 3) with keyed pseudonyms: HMAC-SHA-256 (RFC 2104) under the
 * per-release key, over {@code domain || 0x00 || value}, shown as the first {@code length} hex
 * digits. The same value in the same domain gets the same pseudonym in every dataset of one release
 * (so survey and purchases still link), and a different one in the next release (fresh key).
 * Without the key the value cannot be restored or recomputed, unlike a plain or fixed-salt hash.
 *
 * <p>A Spark function over {@code javax.crypto.Mac} (Spark has no HMAC; see {@link HmacHex} for why
 * not one built from {@code sha2}); a test checks it against the JDK's HMAC computed directly, and
 * that the key does not appear in the query plan.
 */
public record Pseudonymize(Origin origin, List<String> columns, String domain, int length)
    implements Technique {
  public static final String TYPE = "pseudonymize";

  public static Pseudonymize parse(Conf c) {
    c.allowOnly(Set.of("type", "columns", "domain", "length"));
    List<String> cols = c.strings("columns");
    if (cols.isEmpty()) {
      throw c.error("columns", "must name at least one column");
    }
    String domain = c.string("domain", cols.size() == 1 ? cols.get(0) : "");
    if (domain.isEmpty()) {
      throw c.error(
          "domain", "missing: give a domain (e.g. member) when pseudonymizing several columns");
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
      lineage.process(
          c,
          Processing.PSEUDONYMIZED,
          Text.of(
              "リリースごとに異なる秘密鍵を用いた復元できない仮IDに置換（鍵は作成後に破棄）",
              "replaced by a temporary ID that cannot be restored (keyed hash with a per-release secret, destroyed after"
                  + " creation)"));
    }
  }

  @Override
  public Evaluation evaluation() {
    return Evaluation.ROW_COSTLY;
  }

  @Override
  public Dataset<Row> apply(Dataset<Row> data, TechniqueContext ctx) {
    byte[] key = ctx.key(TYPE).bytes();
    try {
      Dataset<Row> out = data;
      for (String c : columns) {
        out = out.withColumn(c, hmacHex(col(c), key, domain, length));
      }
      return out;
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /**
   * HMAC-SHA-256 of {@code domain 0x00 value} as lower-case hex, truncated to {@code hexDigits};
   * null stays null.
   */
  public static Column hmacHex(Column value, byte[] key, String domain, int hexDigits) {
    HmacHex f =
        new HmacHex(key.clone(), (domain + "\u0000").getBytes(StandardCharsets.UTF_8), hexDigits);
    return functions.udf(f, DataTypes.StringType).withName("pseudonym").apply(value.cast("string"));
  }

  /**
   * The keyed hash as a Spark function over one {@code javax.crypto.Mac} per task thread. Spark has
   * no HMAC: the same construction from its {@code sha2}, {@code concat} and {@code unhex} (two
   * nested hashes over the key XOR-ed with the pads) ran in generated code but cost 2.3 times as
   * much (it converts every value to a Java string, hashes through hex text and back, and looks up
   * a new MessageDigest per call: 4M purchase rows, two columns, 8.9 s against 3.9 s), and it put
   * the padded key into the query plan as literals, where an explain or an error message would
   * print it. Here the key lives only inside this function object.
   */
  private static final class HmacHex implements UDF1<String, String> {
    private static final long serialVersionUID = 1L;
    private static final String ALGORITHM = "HmacSHA256";
    private final byte[] key;
    private final byte[] prefix;
    private final int hexDigits;
    // one Mac per task thread, made when this function is created or deserialized (not looked up
    // per row)
    private transient ThreadLocal<Mac> mac;

    HmacHex(byte[] key, byte[] prefix, int hexDigits) {
      this.key = key;
      this.prefix = prefix;
      this.hexDigits = hexDigits;
      this.mac = ThreadLocal.withInitial(this::newMac);
    }

    private void readObject(java.io.ObjectInputStream in)
        throws java.io.IOException, ClassNotFoundException {
      in.defaultReadObject();
      mac = ThreadLocal.withInitial(this::newMac);
    }

    @Override
    public String call(String value) throws GeneralSecurityException {
      if (value == null) {
        return null;
      }
      Mac m = mac.get();
      m.update(prefix);
      byte[] digest = m.doFinal(value.getBytes(StandardCharsets.UTF_8));
      String hex = HexFormat.of().formatHex(digest, 0, (hexDigits + 1) / 2);
      return hex.length() == hexDigits ? hex : hex.substring(0, hexDigits);
    }

    private Mac newMac() {
      try {
        Mac m = Mac.getInstance(ALGORITHM);
        m.init(new SecretKeySpec(key, ALGORITHM));
        return m;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HMAC-SHA-256 unavailable", e);
      }
    }
  }
}
