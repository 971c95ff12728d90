package io.appianon.technique;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.appianon.pipeline.Lineage;
import io.appianon.policy.Conf;
import io.appianon.policy.Origin;
import io.appianon.policy.Text;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Generalizes a Japanese address to its prefecture (GL: address → 「○○県」): the leading 都道府県 is extracted with a
 * regular expression (built-in {@code regexp_extract}); the rest of the address (city, street, building) is dropped.
 * An address with no recognisable prefecture becomes null and is counted.
 */
public record AddressToPrefecture(Origin origin, String column, String output, Optional<Text> category)
    implements Technique {
  public static final String TYPE = "address-to-prefecture";
  /** 北海道, 東京都, 京都府, 大阪府 or two-to-three characters ending in 県 (神奈川県, 和歌山県, 鹿児島県). */
  static final String PREFECTURE = "^\\s*(北海道|東京都|京都府|大阪府|[^\\s\\d都道府県]{2,3}県)";

  public static AddressToPrefecture parse(Conf c) {
    c.allowOnly(Set.of("type", "column", "output", "category"));
    String column = c.string("column");
    return new AddressToPrefecture(c.origin(), column, c.string("output", column), c.optText("category"));
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    Schemas.requireString(schema, column, origin, "column");
    StructType out = Schemas.drop(schema, column);
    if (!output.equals(column)) {
      Schemas.requireAbsent(out, output, origin, "output");
    }
    return Schemas.replace(out, output, DataTypes.StringType);
  }

  @Override
  public void describe(Lineage lineage) {
    lineage.derive(column, output, "generalized",
        Text.of("都道府県のみ（市区町村以下は削除）", "prefecture only (city, street and building deleted)"), category, true);
  }

  @Override
  public Dataset<Row> apply(Dataset<Row> data, TechniqueContext ctx) {
    Column v = trim(col(column));
    Column pref = regexp_extract(v, PREFECTURE, 1);
    Column present = v.isNotNull().and(v.notEqual(lit("")));
    Dataset<Row> out = ctx.count(data, TYPE, column, "no_prefecture", present.and(pref.equalTo(lit(""))));
    out = out.withColumn(output, when(present.and(pref.notEqual(lit(""))), pref).otherwise(lit(null).cast("string")));
    return output.equals(column) ? out : out.drop(column);
  }
}
