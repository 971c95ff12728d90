package io.appianon.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.appianon.TestProject;
import io.appianon.release.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The report records (io.appianon.report) and docs/report.schema.json cannot drift: every section's
 * record writes exactly the keys its schema object lists, and every key the schema requires. Unlike
 * validating one run's report.json, this covers the sections a run may leave out
 * (local_recoding_comparison, the k^m stage's suppress remedy, a verification error, rare items,
 * source lines).
 */
class ReportRecordsMatchSchemaTest {
  static JsonNode schema;

  @BeforeAll
  static void readSchema() throws IOException {
    schema =
        Json.mapper()
            .readTree(Files.readString(TestProject.root().resolve("docs/report.schema.json")));
  }

  /** Each record and the JSON pointer of its object in the schema ($ref followed). */
  static Map<Class<?>, String> sections() {
    Map<Class<?>, String> m = new LinkedHashMap<>();
    m.put(ReleaseSection.class, "");
    m.put(DatasetSection.class, "/$defs/dataset");
    m.put(DatasetSection.Rows.class, "/$defs/dataset/properties/rows");
    m.put(
        DatasetSection.SourceLines.class, "/$defs/dataset/properties/rows/properties/source_lines");
    m.put(TechniqueMetric.class, "/$defs/dataset/properties/techniques/items");
    m.put(PrivacySection.class, "/$defs/privacy");
    m.put(SearchSection.class, "/$defs/search");
    m.put(LossSection.class, "/$defs/loss_metrics");
    m.put(RiskSection.class, "/$defs/risk");
    m.put(UtilitySection.class, "/$defs/privacy/properties/utility");
    m.put(UtilitySection.Attribute.class, "/$defs/attribute_utility");
    m.put(UtilitySection.ClassSizes.class, "/$defs/class_sizes");
    m.put(MondrianSection.class, "/$defs/mondrian");
    m.put(KmSection.class, "/$defs/km");
    m.put(PersonsSection.class, "/$defs/persons");
    m.put(PersonsSection.RareItems.class, "/$defs/persons/properties/rare_items");
    m.put(AuditSection.class, "/$defs/persons/properties/audit_of_published_files");
    m.put(
        AuditSection.RowsPerPerson.class,
        "/$defs/persons/properties/audit_of_published_files/properties/rows_per_person/additionalProperties");
    m.put(VerificationSection.class, "/$defs/verification");
    m.put(
        VerificationSection.Dataset.class,
        "/$defs/verification/properties/datasets/additionalProperties");
    m.put(VerificationSection.Check.class, "/$defs/model_check");
    return m;
  }

  @Test
  void everyRecordWritesTheKeysItsSchemaObjectLists() {
    List<String> drift = new ArrayList<>();
    sections()
        .forEach(
            (type, pointer) -> {
              JsonNode node = resolve(schema.at(pointer));
              assertTrue(
                  node.has("properties"),
                  type.getSimpleName() + ": no schema object at " + pointer);
              TreeSet<String> documented = new TreeSet<>();
              node.get("properties").fieldNames().forEachRemaining(documented::add);
              TreeSet<String> written = keys(type);
              if (!documented.equals(written)) {
                drift.add(
                    type.getSimpleName()
                        + " writes "
                        + written
                        + ", schema "
                        + pointer
                        + " lists "
                        + documented);
              }
              for (JsonNode required : node.path("required")) {
                if (!written.contains(required.asText())) {
                  drift.add(type.getSimpleName() + " lacks required " + required.asText());
                }
              }
              if (node.path("additionalProperties").asBoolean(true)) {
                drift.add(
                    pointer
                        + " does not refuse keys it does not list (additionalProperties: false)");
              }
            });
    assertEquals(List.of(), drift);
  }

  /** The check is not vacuous: a key renamed by the naming rule would be seen. */
  @Test
  void theKeysAreTheSerializersSnakeCaseNames() {
    assertTrue(
        keys(PrivacySection.class)
            .containsAll(
                List.of(
                    "k_achieved", "levels_chosen_by", "km_anonymity", "local_recoding_comparison")),
        keys(PrivacySection.class).toString());
    assertTrue(keys(UtilitySection.Attribute.class).contains("p_value"));
    assertTrue(keys(LossSection.class).contains("average_class_size_over_k"));
  }

  /** The keys Json writes for a record: the serializer's own property names. */
  private static TreeSet<String> keys(Class<?> type) {
    BeanDescription d =
        Json.mapper().getSerializationConfig().introspect(Json.mapper().constructType(type));
    TreeSet<String> out = new TreeSet<>();
    for (BeanPropertyDefinition p : d.findProperties()) {
      if (p.couldSerialize()) {
        out.add(p.getName());
      }
    }
    return out;
  }

  private static JsonNode resolve(JsonNode node) {
    return node.has("$ref") ? schema.at(node.get("$ref").asText().substring(1)) : node;
  }
}
