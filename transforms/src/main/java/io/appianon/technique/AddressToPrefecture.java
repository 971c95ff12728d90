package io.appianon.technique;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.appianon.core.Conf;
import io.appianon.core.Lineage;
import io.appianon.core.Origin;
import io.appianon.core.Processing;
import io.appianon.core.Text;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Generalizes a Japanese address to its prefecture (GL: address → 「○○県」): the address must begin
 * with one of the 47 prefectures (東京都, 北海道, 神奈川県, ...), found by looking up its first three or four
 * characters in the list (built-in {@code substring} and {@code isin}: a hash-set lookup, a quarter
 * of the cost of a regular expression); the rest of the address (city, street, building) is
 * dropped. An address that does not begin with a prefecture, including a made-up one (「あいう県」),
 * becomes null and is counted.
 */
public record AddressToPrefecture(
    Origin origin, String column, String output, Optional<Text> category)
    implements ColumnTechnique {
  public static final String TYPE = "address-to-prefecture";

  /** The 47 prefectures: all have three characters except 神奈川県, 和歌山県 and 鹿児島県. */
  static final List<String> PREFECTURES =
      List.of(
          "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県", "埼玉県", "千葉県", "東京都",
          "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県", "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県",
          "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県", "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県", "香川県",
          "愛媛県", "高知県", "福岡県", "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県");

  public static AddressToPrefecture parse(Conf c) {
    c.allowOnly(Set.of("type", "column", "output", "category"));
    String column = c.string("column");
    return new AddressToPrefecture(
        c.origin(), column, c.string("output", column), c.optText("category"));
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public void checkInput(StructType schema) {
    Schemas.requireString(schema, column, origin, "column");
  }

  @Override
  public DataType outputType(StructType schema) {
    return DataTypes.StringType;
  }

  @Override
  public void describe(Lineage lineage) {
    lineage.derive(
        column,
        output,
        Processing.GENERALIZED,
        Text.of("都道府県のみ（市区町村以下は削除）", "prefecture only (city, street and building deleted)"),
        category,
        true);
  }

  @Override
  public Evaluation evaluation() {
    return Evaluation.ROW_LOCAL;
  }

  @Override
  public Dataset<Row> count(Dataset<Row> data, TechniqueContext ctx) {
    Column v = trim(col(column));
    Column present = v.isNotNull().and(v.notEqual(lit("")));
    return ctx.count(data, TYPE, column, "no_prefecture", present.and(prefecture(v).isNull()));
  }

  @Override
  public Column value(Dataset<Row> data, TechniqueContext ctx) {
    return prefecture(trim(col(column)));
  }

  /** The prefecture the trimmed address starts with, or null. */
  private static Column prefecture(Column v) {
    Column three = substring(v, 1, 3);
    Column four = substring(v, 1, 4);
    return when(three.isin(ofLength(3)), three).when(four.isin(ofLength(4)), four);
  }

  private static Object[] ofLength(int n) {
    return PREFECTURES.stream().filter(p -> p.length() == n).toArray();
  }
}
