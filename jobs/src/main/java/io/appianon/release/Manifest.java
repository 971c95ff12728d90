package io.appianon.release;

import io.appianon.core.Lineage;
import io.appianon.core.Processing;
import io.appianon.core.Text;
import io.appianon.policy.DatasetPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The public disclosure of a release (APPI Art. 43(3)): the categories of information relating to
 * individuals that each dataset contains and how each was processed, built from the policy's
 * lineage so it cannot drift from the processing, plus the statement that the data is anonymously
 * processed information.
 */
public final class Manifest {
  public static final Text STATEMENT =
      Text.of(
          "本データは、個人情報の保護に関する法律第43条第1項に基づき作成した匿名加工情報です。"
              + "本人を識別するために、他の情報と照合すること及び加工の方法に関する情報を取得することを禁止します。",
          "This data is anonymously processed information produced under Article 43(1) of the Act on the Protection of"
              + " Personal Information (Japan). Collating it with other information to identify individuals, and obtaining"
              + " information on the processing method, are prohibited.");

  /** Key of a dataset's list of pseudonym columns. */
  public static final String PSEUDONYM_COLUMNS = "pseudonym_columns";

  private Manifest() {}

  public static Map<String, Object> dataset(DatasetPolicy policy, Lineage lineage, long records) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("name", policy.name());
    d.put("title", text(policy.title()));
    d.put("records", records);
    List<Map<String, Object>> categories = new ArrayList<>();
    Map<String, List<String>> typed = new LinkedHashMap<>();
    TypedColumns.of(policy).forEach(t -> typed.put(t.column(), t.companions()));
    for (Map.Entry<String, Lineage.Entry> e : lineage.columns().entrySet()) {
      Lineage.Entry entry = e.getValue();
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("column", e.getKey());
      c.put("category", text(entry.category().orElseThrow()));
      List<Text> processing = entry.processing();
      c.put(
          "processing",
          processing.isEmpty() ? text(Text.of("加工なし", "not processed")) : text(join(processing)));
      if (typed.containsKey(e.getKey())) {
        // the same information as the label, typed for analysts: not a category of its own
        c.put("typed_columns", typed.get(e.getKey()));
      }
      categories.add(c);
    }
    d.put("categories", categories);
    List<Map<String, Object>> deleted = new ArrayList<>();
    for (Lineage.Deleted x : lineage.deleted()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("category", text(x.category().orElse(Text.of(x.column(), x.column()))));
      c.put("processing", text(x.how()));
      deleted.add(c);
    }
    d.put("deleted", deleted);
    List<Map<String, Object>> records2 = new ArrayList<>();
    for (Text t : lineage.recordLevel()) {
      records2.add(text(t));
    }
    d.put("record_processing", records2);
    // which published columns hold keyed pseudonyms: `provide` re-keys them for each recipient
    // (release/Rekeying)
    d.put(
        PSEUDONYM_COLUMNS,
        lineage.columns().entrySet().stream()
            .filter(e -> e.getValue().kinds().contains(Processing.PSEUDONYMIZED))
            .map(Map.Entry::getKey)
            .toList());
    return d;
  }

  static Text join(List<Text> parts) {
    Text out = parts.get(0);
    for (int i = 1; i < parts.size(); i++) {
      out = out.append(parts.get(i), "、", "; ");
    }
    return out;
  }

  public static Map<String, Object> text(Text t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ja", t.ja());
    m.put("en", t.en());
    return m;
  }
}
