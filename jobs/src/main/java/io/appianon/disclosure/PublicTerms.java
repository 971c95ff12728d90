package io.appianon.disclosure;

import io.appianon.core.Conf;
import io.appianon.core.Text;
import io.appianon.release.Manifest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the announcement says besides the categories (the way published announcements do): the
 * purpose of use, the classes of recipients with the method of provision for each, the contact, and
 * the wording of continuing creation. Set in {@code appianon.disclosure} ({@code purpose}, {@code
 * recipients}, {@code contact}, {@code continuing}).
 *
 * @param purpose the purpose for which the data is created and provided
 * @param recipients the classes of recipients, each with its methods of provision (ids of
 *     provision-methods)
 * @param contact the contact for enquiries and complaints, if other than appianon.producer.contact
 * @param continuing the wording of continuing creation, if other than the built-in wording
 */
public record PublicTerms(
    Text purpose,
    List<RecipientClass> recipients,
    Optional<Text> contact,
    Optional<Text> continuing) {

  /** The built-in purpose, when none is configured. */
  public static final Text DEFAULT_PURPOSE =
      Text.of(
          "商品・サービスの開発及び改善、並びに市場動向の分析のための統計的な利用",
          "statistical use for developing and improving products and services and for analysing market trends");

  /** The built-in class of recipients, when none is configured. */
  public static final Text DEFAULT_RECIPIENTS =
      Text.of("当社と契約を結んだ事業者及び研究機関", "businesses and research institutes under contract with us");

  public PublicTerms {
    recipients = List.copyOf(recipients);
  }

  /**
   * One class of recipients.
   *
   * @param id its key in the configuration
   * @param name who they are, in public words
   * @param methods the ids of the methods of provision used for them
   */
  public record RecipientClass(String id, Text name, List<String> methods) {
    public RecipientClass {
      methods = List.copyOf(methods);
    }
  }

  /**
   * Parses the keys of {@code d} ({@code appianon.disclosure}); methods must be declared in {@code
   * methods}.
   */
  static PublicTerms parse(Conf d, Set<String> methods) {
    Text purpose = d.has("purpose") ? d.text("purpose") : DEFAULT_PURPOSE;
    if (purpose.ja().isBlank() || purpose.en().isBlank()) {
      throw d.error(
          "purpose", "must not be empty: the purpose of use is published with every announcement");
    }
    List<RecipientClass> classes = new ArrayList<>();
    if (d.has("recipients")) {
      Conf r = d.section("recipients");
      for (String id : r.keys()) {
        Conf c = r.section(id);
        c.allowOnly(Set.of("ja", "en", "methods"));
        Text name = Text.of(c.string("ja"), c.string("en"));
        if (name.ja().isBlank() || name.en().isBlank()) {
          throw c.error("ja", "the class of recipients must be named in both languages (ja, en)");
        }
        List<String> ms = c.has("methods") ? c.strings("methods") : List.copyOf(methods);
        for (String m : ms) {
          if (!methods.contains(m)) {
            throw c.error(
                "methods",
                "unknown method of provision '"
                    + m
                    + "' (declared in"
                    + " appianon.disclosure.provision-methods: "
                    + String.join(", ", methods.stream().sorted().toList())
                    + ")");
          }
        }
        classes.add(new RecipientClass(id, name, ms));
      }
    }
    if (classes.isEmpty()) {
      classes.add(
          new RecipientClass("default", DEFAULT_RECIPIENTS, methods.stream().sorted().toList()));
    }
    Optional<Text> contact = d.has("contact") ? Optional.of(d.text("contact")) : Optional.empty();
    Optional<Text> continuing =
        d.has("continuing")
            ? Optional.of(d.text("continuing")).filter(t -> !t.ja().isBlank() && !t.en().isBlank())
            : Optional.empty();
    return new PublicTerms(purpose, classes, contact, continuing);
  }

  /**
   * What an announcement states besides its categories and methods, as a SHA-256: the purpose of
   * use and the classes of recipients (name and methods). A release or provision under other terms
   * needs a new announcement.
   */
  public String fingerprint() {
    List<Object> all = new ArrayList<>();
    all.add(List.of(purpose.ja(), purpose.en()));
    recipients.forEach(r -> all.add(List.of(r.id(), r.name().ja(), r.name().en(), r.methods())));
    return io.appianon.release.FileDigests.sha256(
        io.appianon.release.Json.line(all).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /**
   * What these terms change compared with {@code previous}, in public words (recipient classes by
   * id).
   */
  public List<Change> changesSince(PublicTerms previous) {
    List<Change> out = new ArrayList<>();
    if (!purpose.equals(previous.purpose())) {
      out.add(Change.purposeChanged(previous.purpose(), purpose));
    }
    Map<String, RecipientClass> was = new LinkedHashMap<>();
    previous.recipients().forEach(r -> was.put(r.id(), r));
    Set<String> now = new java.util.HashSet<>();
    for (RecipientClass r : recipients) {
      now.add(r.id());
      RecipientClass o = was.get(r.id());
      if (o == null || !o.name().equals(r.name())) {
        out.add(Change.recipientsAdded(r.name()));
        if (o != null) {
          out.add(Change.recipientsRemoved(o.name()));
        }
      } else if (!o.methods().equals(r.methods())) {
        out.add(Change.recipientsMethodsChanged(r.name()));
      }
    }
    was.values().stream()
        .filter(r -> !now.contains(r.id()))
        .forEach(r -> out.add(Change.recipientsRemoved(r.name())));
    return out;
  }

  /**
   * The changes from {@code previous}'s terms to {@code current} (none when either is unknown:
   * older history).
   */
  static List<Change> changes(Optional<PublicTerms> previous, Optional<PublicTerms> current) {
    return previous.isPresent() && current.isPresent()
        ? current.get().changesSince(previous.get())
        : List.of();
  }

  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("purpose", Manifest.text(purpose));
    m.put(
        "recipients",
        recipients.stream()
            .map(
                r -> {
                  Map<String, Object> x = new LinkedHashMap<>();
                  x.put("id", r.id());
                  x.put("name", Manifest.text(r.name()));
                  x.put("methods", r.methods());
                  return x;
                })
            .toList());
    m.put("continuing", continuing.map(Manifest::text).orElse(null));
    return m;
  }

  @SuppressWarnings("unchecked")
  static Optional<PublicTerms> fromJson(Object o) {
    if (!(o instanceof Map<?, ?> m)) {
      return Optional.empty();
    }
    List<RecipientClass> rs = new ArrayList<>();
    for (Map<String, Object> r : (List<Map<String, Object>>) m.get("recipients")) {
      rs.add(
          new RecipientClass(
              (String) r.get("id"),
              Disclosure.text(r.get("name")),
              (List<String>) r.get("methods")));
    }
    return Optional.of(
        new PublicTerms(
            Disclosure.text(m.get("purpose")),
            rs,
            Optional.empty(),
            m.get("continuing") == null
                ? Optional.empty()
                : Optional.of(Disclosure.text(m.get("continuing")))));
  }
}
