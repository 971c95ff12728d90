package io.appianon.disclosure;

import io.appianon.core.Text;
import io.appianon.release.Manifest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A method of provision to third parties (APPI Art. 43(4)), e.g. {@code encrypted-transfer}:
 * 「暗号化したファイルを 提供先が利用するサーバにアップロード」.
 *
 * @param id the id used on the command line ({@code provide --method ID})
 * @param description the method in public words
 */
public record ProvisionMethod(String id, Text description) {

  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("description", Manifest.text(description));
    return m;
  }

  static ProvisionMethod fromJson(Map<String, Object> m) {
    return new ProvisionMethod((String) m.get("id"), Disclosure.text(m.get("description")));
  }
}
