package io.appianon.policy;

import io.appianon.core.Lineage;
import io.appianon.core.Origin;
import io.appianon.core.Processing;
import io.appianon.technique.Schemas;
import io.appianon.technique.Technique;
import io.appianon.technique.TechniqueContext;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.StructType;

/**
 * The dry run of a policy, without data: the declared input schema pushed through every technique's
 * schema pass, the lineage of every output column, and the APPI rules checked on it:
 *
 * <ul>
 *   <li>an identifier (Rule 34 item 1) reaches the output only generalized or replaced;
 *   <li>an identification code (item 2) never reaches the output;
 *   <li>a linking code (item 3) reaches it only pseudonymized;
 *   <li>free text reaches it only scrubbed;
 *   <li>every published column has a category for the public manifest;
 *   <li>the quasi-identifiers and the sensitive attribute exist in the output.
 * </ul>
 *
 * {@link PolicyLoader} runs it on every policy it loads, so a bad policy fails naming the key
 * before any data is read; the pipeline's {@code Plan} builds on it.
 */
public record DryRun(StructType inputSchema, StructType outputSchema, Lineage lineage) {

  public static StructType declaredSchema(DatasetPolicy policy) {
    StructType s = new StructType();
    for (ColumnSpec c : policy.columns()) {
      if (c.name().startsWith(TechniqueContext.HIDDEN_PREFIX)) {
        throw c.origin()
            .error("name", "column names may not start with " + TechniqueContext.HIDDEN_PREFIX);
      }
      s = s.add(c.name(), c.type().sparkType(), true);
    }
    return s;
  }

  public static DryRun of(DatasetPolicy policy) {
    StructType input = declaredSchema(policy);
    Lineage lineage = new Lineage();
    for (ColumnSpec c : policy.columns()) {
      lineage.input(c.name(), c.role(), c.category());
    }
    StructType schema = input;
    for (Technique t : policy.techniques()) {
      schema = t.transformSchema(schema);
      t.describe(lineage);
    }
    final StructType output = schema;
    // no privacy block: only where the release kind allows it (PolicyLoader); nothing to find in
    // the output then
    policy
        .declaredPrivacy()
        .ifPresent(
            privacy -> {
              for (PrivacySpec.QuasiIdentifier q : privacy.quasiIdentifiers()) {
                Schemas.require(output, q.column(), q.origin(), "column");
              }
              for (ModelSpec m : privacy.models()) { // the columns each declared model reads
                for (ModelSpec.ColumnNeed n : m.needs()) {
                  if (n.string()) {
                    Schemas.requireString(output, n.column(), n.origin(), n.key());
                  } else {
                    Schemas.require(output, n.column(), n.origin(), n.key());
                  }
                }
              }
            });
    checkRoles(policy, lineage);
    return new DryRun(input, schema, lineage);
  }

  private static void checkRoles(DatasetPolicy policy, Lineage lineage) {
    Origin transforms = new Origin(policy.file(), "dataset.transforms");
    for (Map.Entry<String, Lineage.Entry> e : lineage.columns().entrySet()) {
      String out = e.getKey();
      Lineage.Entry entry = e.getValue();
      String src = entry.source();
      List<Processing> kinds = entry.kinds();
      Origin at = policy.column(src).map(ColumnSpec::origin).orElse(transforms);
      String from =
          src.equals(out) ? "column '" + out + "'" : "column '" + out + "' (from '" + src + "')";
      switch (entry.role()) {
        case IDENTIFIER -> {
          if (!(kinds.contains(Processing.GENERALIZED)
              || kinds.contains(Processing.PSEUDONYMIZED))) {
            throw transforms.error(
                from
                    + " has role identifier (APPI Rule 34 item 1) and would be published as is:"
                    + " delete it (type = delete) or generalize it (e.g. address-to-prefecture)");
          }
        }
        case ID_CODE ->
            throw transforms.error(
                from
                    + " has role id-code (APPI Rule 34 item 2) and would be"
                    + " published: individual identification codes must be deleted (type = delete)");
        case FINANCIAL ->
            throw transforms.error(
                from
                    + " has role financial (PPC Rule 31 item 3: card numbers, bank"
                    + " accounts, whose misuse could cause financial harm) and would be published: delete it (type = delete)");
        case LINKING -> {
          if (!kinds.contains(Processing.PSEUDONYMIZED)) {
            throw transforms.error(
                from
                    + " has role linking (APPI Rule 34 item 3) and would be published as is:"
                    + " pseudonymize it (type = pseudonymize) or delete it");
          }
        }
        case FREE_TEXT -> {
          if (!kinds.contains(Processing.SCRUBBED)) {
            throw transforms.error(
                from
                    + " has role free-text and would be published without scrubbing:"
                    + " scrub it (type = scrub) or delete it");
          }
        }
        default -> {}
      }
      if (entry.category().isEmpty()) {
        throw at.error(
            "category",
            "published column '"
                + out
                + "' has no category: every category of information"
                + " in a release must be disclosed (APPI Art. 43(3)); add category { ja = ..., en = ... }");
      }
    }
    for (PrivacySpec.QuasiIdentifier q : policy.quasiIdentifiers()) {
      if (!lineage.has(q.column())) {
        throw policy
            .privacy()
            .origin()
            .error(
                "quasi-identifiers", "quasi-identifier '" + q.column() + "' is not in the output");
      }
    }
  }
}
