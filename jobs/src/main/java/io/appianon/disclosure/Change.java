package io.appianon.disclosure;

import io.appianon.core.Text;
import io.appianon.release.Manifest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One difference between two disclosures, with its public wording ({@link #text}), e.g.
 * 「顧客アンケート回答」に項目 「職業」を追加 / Added category "Occupation" to "Customer survey answers".
 *
 * @param type {@code dataset-added}, {@code dataset-removed}, {@code category-added}, {@code
 *     category-removed}, {@code processing-changed}, {@code record-processing-changed}, {@code
 *     method-added} or {@code method-removed}
 * @param text the change in public words
 */
public record Change(String type, Text text) {
  public static final String CATEGORY_ADDED = "category-added";

  static Change datasetAdded(Text title) {
    return new Change(
        "dataset-added",
        Text.of("データセット「" + title.ja() + "」を追加", "Added dataset \"" + title.en() + "\""));
  }

  static Change datasetRemoved(Text title) {
    return new Change(
        "dataset-removed",
        Text.of(
            "データセット「" + title.ja() + "」の作成を終了",
            "Dataset \"" + title.en() + "\" no longer produced"));
  }

  static Change categoryAdded(Text dataset, Text category) {
    return new Change(
        CATEGORY_ADDED,
        Text.of(
            "「" + dataset.ja() + "」に項目「" + category.ja() + "」を追加",
            "Added category \"" + category.en() + "\" to \"" + dataset.en() + "\""));
  }

  static Change categoryRemoved(Text dataset, Text category) {
    return new Change(
        "category-removed",
        Text.of(
            "「" + dataset.ja() + "」から項目「" + category.ja() + "」を削除",
            "Removed category \"" + category.en() + "\" from \"" + dataset.en() + "\""));
  }

  static Change processingChanged(Text dataset, Text category, Text from, Text to) {
    return new Change(
        "processing-changed",
        Text.of(
            "「"
                + dataset.ja()
                + "」の項目「"
                + category.ja()
                + "」の加工方法を変更（変更前: "
                + from.ja()
                + "／変更後: "
                + to.ja()
                + "）",
            "Changed the processing of \""
                + category.en()
                + "\" in \""
                + dataset.en()
                + "\" (before: "
                + from.en()
                + "; after: "
                + to.en()
                + ")"));
  }

  static Change recordProcessingChanged(Text dataset) {
    return new Change(
        "record-processing-changed",
        Text.of(
            "「" + dataset.ja() + "」のレコード単位の加工方法を変更",
            "Changed the record-level processing of \"" + dataset.en() + "\""));
  }

  static Change methodAdded(Text method) {
    return new Change(
        "method-added",
        Text.of("提供の方法を追加: " + method.ja(), "Added method of provision: " + method.en()));
  }

  static Change purposeChanged(Text from, Text to) {
    return new Change(
        "purpose-changed",
        Text.of(
            "利用目的を変更（変更前: " + from.ja() + "／変更後: " + to.ja() + "）",
            "Changed the purpose of use (before: " + from.en() + "; after: " + to.en() + ")"));
  }

  static Change recipientsAdded(Text name) {
    return new Change(
        "recipients-added",
        Text.of("提供先の区分を追加: " + name.ja(), "Added a class of recipients: " + name.en()));
  }

  static Change recipientsRemoved(Text name) {
    return new Change(
        "recipients-removed",
        Text.of("提供先の区分を廃止: " + name.ja(), "Removed a class of recipients: " + name.en()));
  }

  static Change recipientsMethodsChanged(Text name) {
    return new Change(
        "recipients-methods-changed",
        Text.of(
            "提供先の区分「" + name.ja() + "」への提供の方法を変更",
            "Changed the methods of provision to " + name.en()));
  }

  static Change methodRemoved(Text method) {
    return new Change(
        "method-removed",
        Text.of("提供の方法を廃止: " + method.ja(), "Removed method of provision: " + method.en()));
  }

  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", type);
    m.put("text", Manifest.text(text));
    return m;
  }

  static Change fromJson(Map<String, Object> m) {
    return new Change((String) m.get("type"), Disclosure.text(m.get("text")));
  }
}
