package io.appianon.policy;

import io.appianon.core.Conf;
import io.appianon.core.Lineage;
import io.appianon.core.Origin;
import io.appianon.core.Processing;
import io.appianon.core.Text;
import io.appianon.hierarchy.Hierarchy;
import io.appianon.hierarchy.HierarchyResolver;
import io.appianon.privacy.DistinctLDiversity;
import io.appianon.privacy.EntropyLDiversity;
import io.appianon.privacy.EqualDistanceTCloseness;
import io.appianon.privacy.HierarchicalDistanceTCloseness;
import io.appianon.privacy.KAnonymity;
import io.appianon.privacy.OrderedDistanceTCloseness;
import io.appianon.privacy.PrivacyModel;
import io.appianon.privacy.RecursiveCLDiversity;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The privacy model of a dataset: k-anonymity over the declared quasi-identifiers (each with a
 * generalization hierarchy and either a fixed level or none, to let the search choose), optional
 * l-diversity and t-closeness on a sensitive attribute, and the largest share of records that may
 * be suppressed to reach it. The models beside k-anonymity are {@link ModelSpec}s, each parsed from
 * its own block by the {@link PrivacyModels} catalogue.
 */
public record PrivacySpec(
    int k,
    double maxSuppression,
    List<QuasiIdentifier> quasiIdentifiers,
    List<ModelSpec> models,
    String objective,
    boolean compareLocalRecoding,
    Origin origin)
    implements Serializable {

  public PrivacySpec {
    models = List.copyOf(models);
  }

  /** A spec with the models of today's catalogue in their typed slots. */
  public PrivacySpec(
      int k,
      double maxSuppression,
      List<QuasiIdentifier> quasiIdentifiers,
      Optional<LDiversity> lDiversity,
      Optional<TCloseness> tCloseness,
      Optional<KmAnonymity> kmAnonymity,
      String objective,
      boolean compareLocalRecoding,
      Origin origin) {
    this(
        k,
        maxSuppression,
        quasiIdentifiers,
        Stream.of(lDiversity, tCloseness, kmAnonymity)
            .flatMap(Optional::stream)
            .map(ModelSpec.class::cast)
            .toList(),
        objective,
        compareLocalRecoding,
        origin);
  }

  /**
   * The largest {@code weight} a quasi-identifier may have (1 is the default; the ratio is what
   * matters).
   */
  public static final double MAX_WEIGHT = 1000.0;

  /**
   * A quasi-identifier column, its hierarchy, the fixed level if the policy pins one, the highest
   * level a search may choose (the analyst's "at most region"; the hierarchy's top when not given),
   * and its weight in the search's objective (the analyst's "keep this one most"; 1 when not given,
   * see {@link io.appianon.privacy.Objective}).
   */
  public record QuasiIdentifier(
      String column,
      Hierarchy hierarchy,
      Optional<Integer> level,
      Optional<Integer> maxLevel,
      double weight,
      Origin origin)
      implements Serializable {

    public QuasiIdentifier(
        String column, Hierarchy hierarchy, Optional<Integer> level, Origin origin) {
      this(column, hierarchy, level, Optional.empty(), origin);
    }

    public QuasiIdentifier(
        String column,
        Hierarchy hierarchy,
        Optional<Integer> level,
        Optional<Integer> maxLevel,
        Origin origin) {
      this(column, hierarchy, level, maxLevel, 1.0, origin);
    }

    /** The highest level a search may choose. */
    public int cap() {
      return maxLevel.orElse(hierarchy.maxLevel());
    }
  }

  /** l-diversity of a sensitive column: variant distinct, entropy or recursive (with c). */
  public record LDiversity(String column, double l, String variant, double c, Origin origin)
      implements ModelSpec.OfSensitiveColumn {

    /** The privacy model this declares (its constructor checks l and c). */
    @Override
    public PrivacyModel model() {
      return switch (variant) {
        case "entropy" -> new EntropyLDiversity(l);
        case "recursive" -> new RecursiveCLDiversity(c, (int) l);
        case "distinct" -> new DistinctLDiversity((int) l);
        default -> throw new IllegalArgumentException("Unknown l-diversity variant: " + variant);
      };
    }

    static LDiversity parse(Conf s, PrivacyModels.Context context) {
      s.allowOnly(Set.of("column", "l", "variant", "c"));
      double l = s.number("l");
      String variant = s.string("variant", "distinct");
      if (!Set.of("distinct", "entropy", "recursive").contains(variant)) {
        throw s.error(
            "variant", "invalid value '" + variant + "' (expected distinct, entropy or recursive)");
      }
      if (!variant.equals("entropy") && (l != Math.rint(l) || l > Integer.MAX_VALUE)) {
        throw s.error(
            "l", "invalid value " + l + " (variant " + variant + " needs a whole number l >= 2)");
      }
      LDiversity spec =
          new LDiversity(s.string("column"), l, variant, s.number("c", 1.0), s.origin());
      // the model's own checks, so that plan refuses exactly what the run would
      checked(s, () -> spec.model());
      return spec;
    }
  }

  /**
   * t-closeness of a sensitive column: distance equal, ordered or hierarchical (with a hierarchy).
   */
  public record TCloseness(
      String column, double t, String distance, Optional<Hierarchy> hierarchy, Origin origin)
      implements ModelSpec.OfSensitiveColumn {

    /** The privacy model this declares (its constructor checks t and the hierarchy). */
    @Override
    public PrivacyModel model() {
      return switch (distance) {
        case "ordered" -> new OrderedDistanceTCloseness(t);
        case "hierarchical" -> new HierarchicalDistanceTCloseness(t, hierarchy.orElseThrow());
        case "equal" -> new EqualDistanceTCloseness(t);
        default -> throw new IllegalArgumentException("Unknown t-closeness distance: " + distance);
      };
    }

    static TCloseness parse(Conf s, PrivacyModels.Context context) {
      s.allowOnly(Set.of("column", "t", "distance", "hierarchy"));
      double t = s.number("t");
      if (t <= 0 || t > 1) {
        throw s.error("t", "invalid value " + t + " (must be in (0, 1])");
      }
      String distance = s.string("distance", "equal");
      if (!Set.of("equal", "ordered", "hierarchical").contains(distance)) {
        throw s.error(
            "distance",
            "invalid value '" + distance + "' (expected equal, ordered or hierarchical)");
      }
      Optional<Hierarchy> h =
          s.optString("hierarchy")
              .map(n -> context.hierarchies().resolve(n, s.origin().child("hierarchy")));
      if (distance.equals("hierarchical") && h.isEmpty()) {
        throw s.error("hierarchy", "missing: hierarchical distance needs a hierarchy");
      }
      TCloseness spec = new TCloseness(s.string("column"), t, distance, h, s.origin());
      checked(s, () -> spec.model());
      return spec;
    }
  }

  /**
   * Runs a model's constructor; its refusal ("Invalid l: 1 (must be >= 2)") becomes an error naming
   * file and key.
   */
  private static void checked(Conf s, java.util.function.Supplier<PrivacyModel> model) {
    try {
      model.get();
    } catch (IllegalArgumentException e) {
      String m = String.valueOf(e.getMessage());
      String key =
          m.startsWith("Invalid c")
              ? "c"
              : m.startsWith("Invalid t") ? "t" : m.startsWith("Hierarchy") ? "hierarchy" : "l";
      throw s.error(key, m);
    }
  }

  /**
   * k^m-anonymity of the items a person has (e.g. the categories a member bought): remedied by
   * generalizing the items along a hierarchy ({@code remedy = generalize}) or by deleting the
   * records of a minimal set of items ({@code remedy = suppress}).
   */
  public record KmAnonymity(
      String person,
      String item,
      int k,
      int m,
      Optional<Hierarchy> hierarchy,
      String remedy,
      Origin origin)
      implements ModelSpec {

    @Override
    public List<ColumnNeed> needs() {
      // hierarchy labels are strings
      return List.of(
          new ColumnNeed(person, origin, "person", false),
          new ColumnNeed(item, origin, "item", hierarchy.isPresent()));
    }

    @Override
    public void describe(Lineage lineage) {
      if (remedy.equals("generalize") && lineage.has(item)) {
        lineage.process(
            item,
            Processing.GENERALIZED,
            Text.of(
                "同一人物の任意の" + m + "項目の組合せが" + k + "人以上に共通するまで階層に沿って一般化",
                "generalized along the hierarchy until every combination of up to "
                    + m
                    + " of a person's values is"
                    + " shared by at least "
                    + k
                    + " persons (k^m-anonymity)"));
      } else {
        lineage.records(
            Text.of(
                item + "のうち" + k + "人未満にしか共通しない組合せ（" + m + "項目まで）を生む値のレコードは削除",
                "records with "
                    + item
                    + " values that would make a combination of up to "
                    + m
                    + " values shared by fewer than "
                    + k
                    + " persons were deleted (k^m-anonymity)"));
      }
    }

    static KmAnonymity parse(Conf s, PrivacyModels.Context context) {
      s.allowOnly(Set.of("person", "item", "k", "m", "hierarchy", "remedy"));
      int kk = s.integer("k", context.k());
      if (kk < 2) {
        throw s.error("k", "invalid value " + kk + " (must be >= 2)");
      }
      int m = s.integer("m", 2);
      if (m < 1 || m > 3) {
        throw s.error("m", "invalid value " + m + " (must be 1, 2 or 3)");
      }
      Optional<Hierarchy> h =
          s.optString("hierarchy")
              .map(n -> context.hierarchies().resolve(n, s.origin().child("hierarchy")));
      String remedy = s.string("remedy", h.isPresent() ? "generalize" : "suppress");
      if (!Set.of("generalize", "suppress").contains(remedy)) {
        throw s.error("remedy", "invalid value '" + remedy + "' (expected generalize or suppress)");
      }
      if (remedy.equals("generalize") && h.isEmpty()) {
        throw s.error("hierarchy", "missing: remedy = generalize needs the items' hierarchy");
      }
      String item = s.string("item");
      if (context.quasiIdentifiers().stream().anyMatch(q -> q.column().equals(item))) {
        throw s.error(
            "item",
            "'" + item + "' is a quasi-identifier; k^m-anonymity needs a column of its own");
      }
      return new KmAnonymity(s.string("person"), item, kk, m, h, remedy, s.origin());
    }
  }

  static PrivacySpec parse(Conf c, HierarchyResolver hierarchies) {
    Set<String> keys =
        new HashSet<>(
            Set.of(
                "k",
                "max-suppression",
                "quasi-identifiers",
                "objective",
                "compare-local-recoding"));
    keys.addAll(PrivacyModels.keys());
    c.allowOnly(keys);
    int k = c.integer("k");
    if (k < 2) {
      throw c.error("k", "invalid value " + k + " (must be >= 2)");
    }
    double maxSupp = c.number("max-suppression", 0.0);
    if (maxSupp < 0 || maxSupp > 0.5) {
      throw c.error(
          "max-suppression", "invalid value " + maxSupp + " (must be a share between 0 and 0.5)");
    }
    List<QuasiIdentifier> qis = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Conf q : c.sections("quasi-identifiers")) {
      q.allowOnly(Set.of("column", "hierarchy", "level", "max-level", "weight"));
      String col = q.string("column");
      if (!seen.add(col)) {
        throw q.error("column", "quasi-identifier '" + col + "' declared twice");
      }
      Hierarchy h =
          hierarchies.resolve(q.string("hierarchy", "none"), q.origin().child("hierarchy"));
      Optional<Integer> level = Optional.empty();
      if (q.has("level")) {
        int lv = q.integer("level");
        if (lv < 0 || lv > h.maxLevel()) {
          throw q.error(
              "level",
              "invalid value "
                  + lv
                  + " for hierarchy '"
                  + h.name()
                  + "' (must be 0.."
                  + h.maxLevel()
                  + ")");
        }
        level = Optional.of(lv);
      }
      Optional<Integer> maxLevel = Optional.empty();
      if (q.has("max-level")) {
        int mx = q.integer("max-level");
        if (mx < 0 || mx > h.maxLevel()) {
          throw q.error(
              "max-level",
              "invalid value "
                  + mx
                  + " for hierarchy '"
                  + h.name()
                  + "' (must be 0.."
                  + h.maxLevel()
                  + ")");
        }
        if (level.isPresent() && level.get() > mx) {
          throw q.error("level", "level " + level.get() + " is above max-level " + mx);
        }
        maxLevel = Optional.of(mx);
      }
      double weight = q.number("weight", 1.0);
      if (!(weight > 0 && weight <= MAX_WEIGHT)) {
        throw q.error(
            "weight",
            "invalid value "
                + weight
                + " (must be a number > 0 and at most "
                + (int) MAX_WEIGHT
                + ": the quasi-identifier's importance in the objective relative to the others, 1 by default)");
      }
      qis.add(new QuasiIdentifier(col, h, level, maxLevel, weight, q.origin()));
    }
    if (qis.isEmpty()) {
      throw c.error("quasi-identifiers", "must declare at least one quasi-identifier");
    }
    List<ModelSpec> models = PrivacyModels.parse(c, new PrivacyModels.Context(hierarchies, k, qis));
    String objective = c.string("objective", "loss");
    io.appianon.privacy.Objective parsed;
    try {
      parsed = io.appianon.privacy.Objective.parse(objective);
    } catch (IllegalArgumentException e) {
      throw c.error("objective", e.getMessage());
    }
    for (QuasiIdentifier q : qis) {
      if (q.weight() != 1.0 && !parsed.weighted()) {
        throw q.origin()
            .error(
                "weight",
                "weight "
                    + q.weight()
                    + " of '"
                    + q.column()
                    + "' has no effect: "
                    + parsed.whyNotWeighted()
                    + "; remove the weight or choose one of those objectives");
      }
    }
    long fixed = qis.stream().filter(q -> q.level().isPresent()).count();
    if (fixed > 0 && fixed < qis.size()) {
      throw c.error(
          "quasi-identifiers",
          "give a level for every quasi-identifier (fixed levels) or for none (the"
              + " search chooses them); "
              + fixed
              + " of "
              + qis.size()
              + " have one");
    }
    return new PrivacySpec(
        k,
        maxSupp,
        List.copyOf(qis),
        models,
        objective,
        c.bool("compare-local-recoding", false),
        c.origin());
  }

  public List<String> columns() {
    return quasiIdentifiers.stream().map(QuasiIdentifier::column).toList();
  }

  public Optional<String> sensitiveColumn() {
    return models.stream().flatMap(m -> m.sensitiveColumn().stream()).findFirst();
  }

  /**
   * The models the search checks on every equivalence class: k-anonymity, then the declared ones
   * that have one.
   */
  public List<PrivacyModel> classModels() {
    List<PrivacyModel> out = new ArrayList<>();
    out.add(new KAnonymity(k));
    models.forEach(m -> m.classModel().ifPresent(out::add));
    return out;
  }

  /** The declared l-diversity, if any. */
  public Optional<LDiversity> lDiversity() {
    return declared(LDiversity.class);
  }

  /** The declared t-closeness, if any. */
  public Optional<TCloseness> tCloseness() {
    return declared(TCloseness.class);
  }

  /** The declared k^m-anonymity, if any. */
  public Optional<KmAnonymity> kmAnonymity() {
    return declared(KmAnonymity.class);
  }

  private <T extends ModelSpec> Optional<T> declared(Class<T> type) {
    return models.stream().filter(type::isInstance).map(type::cast).findFirst();
  }

  /**
   * The weight of each quasi-identifier in the objective, in order (1 where the policy gives none).
   */
  public List<Double> weights() {
    return quasiIdentifiers.stream().map(QuasiIdentifier::weight).toList();
  }

  /** Whether the policy gives any quasi-identifier a weight other than 1. */
  public boolean weighted() {
    return quasiIdentifiers.stream().anyMatch(q -> q.weight() != 1.0);
  }

  public boolean levelsFixed() {
    return quasiIdentifiers.stream().allMatch(q -> q.level().isPresent());
  }
}
