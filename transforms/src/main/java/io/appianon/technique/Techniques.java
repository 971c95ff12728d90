package io.appianon.technique;

import io.appianon.core.Conf;
import io.appianon.hierarchy.HierarchyResolver;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;

/** The catalogue of techniques a policy can name, by {@code type}. */
public final class Techniques {
  private static final Map<String, BiFunction<Conf, HierarchyResolver, Technique>> PARSERS =
      new TreeMap<>();

  static {
    register(DeleteColumns.TYPE, (c, h) -> DeleteColumns.parse(c));
    register(DeleteRecords.TYPE, (c, h) -> DeleteRecords.parse(c));
    register(Pseudonymize.TYPE, (c, h) -> Pseudonymize.parse(c));
    register(AgeFromDate.TYPE, (c, h) -> AgeFromDate.parse(c));
    register(TopBottomCode.TYPE, (c, h) -> TopBottomCode.parse(c));
    register(DateTruncate.TYPE, (c, h) -> DateTruncate.parse(c));
    register(IntervalBands.TYPE, (c, h) -> IntervalBands.parse(c));
    register(Generalize.TYPE, Generalize::parse);
    register(AddressToPrefecture.TYPE, (c, h) -> AddressToPrefecture.parse(c));
    register(PostalPrefix.TYPE, (c, h) -> PostalPrefix.parse(c));
    register(RareValues.TYPE, (c, h) -> RareValues.parse(c));
    register(Scrub.TYPE, (c, h) -> Scrub.parse(c));
    register(SuppressCells.TYPE, (c, h) -> SuppressCells.parse(c));
    register(MicroAggregate.TYPE, (c, h) -> MicroAggregate.parse(c));
    register(Noise.TYPE, (c, h) -> Noise.parse(c));
    register(Swap.TYPE, (c, h) -> Swap.parse(c));
  }

  private Techniques() {}

  /** Adds a technique to the catalogue (used at class-load time by this package). */
  static void register(String type, BiFunction<Conf, HierarchyResolver, Technique> parser) {
    PARSERS.put(type, parser);
  }

  public static java.util.Set<String> types() {
    return java.util.Collections.unmodifiableSet(PARSERS.keySet());
  }

  public static Technique parse(Conf c, HierarchyResolver hierarchies) {
    String type = c.string("type");
    BiFunction<Conf, HierarchyResolver, Technique> p = PARSERS.get(type);
    if (p == null) {
      throw c.error(
          "type",
          "unknown transform '" + type + "' (known: " + String.join(", ", PARSERS.keySet()) + ")");
    }
    return p.apply(c, hierarchies);
  }
}
