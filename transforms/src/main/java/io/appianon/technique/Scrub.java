package io.appianon.technique;

import static org.apache.spark.sql.functions.col;

import io.appianon.core.Conf;
import io.appianon.core.Lineage;
import io.appianon.core.Origin;
import io.appianon.core.Processing;
import io.appianon.core.Text;
import io.appianon.technique.scrub.Action;
import io.appianon.technique.scrub.PiiKind;
import io.appianon.technique.scrub.ScrubFunctions;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Removes individual identification codes (Rule 34 item 2) and identifying descriptions (item 1)
 * from string columns, free text included: My Number and card numbers with their check digits,
 * phone numbers, e-mail, postal codes, passport and licence numbers, and personal names and street
 * addresses found by the Kuromoji morphological analyzer. Each match is deleted or replaced by a
 * tag such as {@code [PHONE]}; changed cells are counted.
 */
public record Scrub(Origin origin, List<String> columns, Set<PiiKind> kinds, Action action)
    implements Technique {
  public static final String TYPE = "scrub";

  public static Scrub parse(Conf c) {
    c.allowOnly(Set.of("type", "columns", "kinds", "action"));
    List<String> cols = c.strings("columns");
    if (cols.isEmpty()) {
      throw c.error("columns", "must name at least one column");
    }
    Set<PiiKind> kinds = EnumSet.noneOf(PiiKind.class);
    List<String> names = c.strings("kinds", List.of("all"));
    for (String k : names) {
      if (k.equals("all")) {
        kinds.addAll(EnumSet.allOf(PiiKind.class));
        continue;
      }
      try {
        kinds.add(PiiKind.fromConfigName(k));
      } catch (IllegalArgumentException e) {
        throw c.error(
            "kinds",
            "unknown kind '"
                + k
                + "' (known: all, "
                + EnumSet.allOf(PiiKind.class).stream()
                    .map(PiiKind::configName)
                    .collect(Collectors.joining(", "))
                + ")");
      }
    }
    Action action;
    String a = c.string("action", Action.REPLACE_WITH_TAG.configName());
    try {
      action = Action.fromConfigName(a);
    } catch (IllegalArgumentException e) {
      throw c.error(
          "action",
          "invalid value '"
              + a
              + "' (expected "
              + Action.REPLACE_WITH_TAG.configName()
              + " or "
              + Action.DELETE_MATCH.configName()
              + "; to delete the whole column use type = delete)");
    }
    return new Scrub(c.origin(), cols, Set.copyOf(kinds), action);
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    for (String col : columns) {
      Schemas.requireString(schema, col, origin, "columns");
    }
    return schema;
  }

  @Override
  public void describe(Lineage lineage) {
    // In the enum's order: Set.copyOf iterates in a per-JVM order, and the public wording must not
    // change run to run.
    List<String> tags = kinds.stream().sorted().map(PiiKind::tag).toList();
    String list = String.join(" ", tags);
    for (String col : columns) {
      lineage.process(
          col,
          Processing.SCRUBBED,
          action == Action.DELETE_MATCH
              ? Text.of(
                  "記述中の個人識別符号・氏名・住所・連絡先等を削除",
                  "identification codes, names, addresses and contact"
                      + " details in the text deleted")
              : Text.of(
                  "記述中の個人識別符号・氏名・住所・連絡先等を " + list + " 等の記号に置換",
                  "identification codes, names, addresses and contact details in the text replaced by tags ("
                      + list
                      + ")"));
    }
  }

  @Override
  public Evaluation evaluation() {
    return Evaluation.ROW_COSTLY;
  }

  @Override
  public Dataset<Row> apply(Dataset<Row> data, TechniqueContext ctx) {
    Dataset<Row> out = data;
    for (String c : columns) {
      String tmp = TechniqueContext.HIDDEN_PREFIX + "scrub";
      Column r = ScrubFunctions.scrubWithFlag(col(c), kinds, action);
      out = out.withColumn(tmp, r);
      out = ctx.count(out, TYPE, c, "cells_changed", col(tmp + ".changed"));
      out = out.withColumn(c, col(tmp + ".text")).drop(tmp);
    }
    return out;
  }
}
