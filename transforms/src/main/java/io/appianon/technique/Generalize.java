package io.appianon.technique;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.appianon.core.Conf;
import io.appianon.core.Lineage;
import io.appianon.core.Origin;
import io.appianon.core.Processing;
import io.appianon.core.Text;
import io.appianon.hierarchy.Hierarchy;
import io.appianon.hierarchy.HierarchyResolver;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Generalization by hierarchy to a fixed level, and abstraction (GL: きゅうり → 野菜; product names to
 * categories, free-text occupations to a standard list). Values the hierarchy does not know are
 * handled per {@code unmapped}: {@code root} ({@code *}, the default), {@code null}, {@code keep},
 * or {@code label} (with {@code unmapped-label}); they are always counted. Quasi-identifiers are
 * generalized by the privacy stage instead, whose level may be searched.
 */
public record Generalize(
    Origin origin,
    String column,
    String output,
    Hierarchy hierarchy,
    int level,
    String unmapped,
    String unmappedLabel,
    Optional<Text> category)
    implements ColumnTechnique {
  public static final String TYPE = "generalize";

  public static Generalize parse(Conf c, HierarchyResolver hierarchies) {
    c.allowOnly(
        Set.of(
            "type",
            "column",
            "output",
            "hierarchy",
            "level",
            "unmapped",
            "unmapped-label",
            "category"));
    Hierarchy h = hierarchies.resolve(c.string("hierarchy"), c.origin().child("hierarchy"));
    int level = c.integer("level");
    if (level < 1 || level > h.maxLevel()) {
      throw c.error(
          "level",
          "invalid value "
              + level
              + " for hierarchy '"
              + h.name()
              + "' (must be 1.."
              + h.maxLevel()
              + ")");
    }
    String unmapped = c.string("unmapped", "root");
    if (!Set.of("root", "null", "keep", "label").contains(unmapped)) {
      throw c.error(
          "unmapped", "invalid value '" + unmapped + "' (expected root, null, keep or label)");
    }
    String label = c.string("unmapped-label", "その他");
    String column = c.string("column");
    return new Generalize(
        c.origin(),
        column,
        c.string("output", column),
        h,
        level,
        unmapped,
        label,
        c.optText("category"));
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public void checkInput(StructType schema) {
    Schemas.require(schema, column, origin, "column");
  }

  @Override
  public DataType outputType(StructType schema) {
    return DataTypes.StringType;
  }

  @Override
  public void describe(Lineage lineage) {
    String example =
        hierarchy.labels(level).stream().limit(3).reduce((a, b) -> a + "、" + b).orElse("");
    Text how =
        Text.of("「" + example + "」などの区分に一般化", "generalized to categories such as " + example);
    if (output.equals(column)) {
      lineage.process(column, Processing.GENERALIZED, how);
    } else {
      lineage.derive(column, output, Processing.GENERALIZED, how, category, true);
    }
  }

  @Override
  public Evaluation evaluation() {
    return Evaluation.ROW_LOCAL;
  }

  @Override
  public Dataset<Row> count(Dataset<Row> data, TechniqueContext ctx) {
    Column v = col(column).cast("string");
    return ctx.count(
        data,
        TYPE,
        column,
        "unmapped",
        v.isNotNull().and(Hierarchies.knownValue(hierarchy, v).isNull()));
  }

  @Override
  public Column value(Dataset<Row> data, TechniqueContext ctx) {
    Column v = col(column).cast("string");
    Column known = Hierarchies.knownValue(hierarchy, v);
    Column fallback =
        switch (unmapped) {
          case "null" -> lit(null).cast("string");
          case "keep" -> v;
          case "label" -> lit(unmappedLabel);
          default -> lit(Hierarchy.ROOT);
        };
    return when(v.isNull(), lit(null).cast("string"))
        .when(known.isNull(), fallback)
        .otherwise(hierarchy.generalize(v, level));
  }
}
