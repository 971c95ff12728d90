package io.appianon.generate;

import io.appianon.generate.SampleDataGenerator.Defect;
import java.io.IOException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Streams purchases.csv in purchased_at order: purchases are allotted to days by weight, each day's
 * timestamps are drawn from an hourly profile (shop hours for stores, all day online) and sorted,
 * and each row is written as soon as it is drawn. Memory is one day's int[] of timestamps.
 */
final class Purchases {
  static final LocalDate FIRST_DAY = LocalDate.of(2026, 1, 1);
  static final int DAYS = 273; // 2026-01-01 .. 2026-09-30

  static final String[] PAYMENT_METHODS = {"現金", "クレジットカード", "電子マネー", "QRコード決済", "ポイント"};
  static final int CREDIT_CARD = 1;
  private static final Weighted PAY_ONLINE = new Weighted(4, 66, 6, 16, 8);
  private static final Weighted PAY_STORE = new Weighted(36, 22, 16, 19, 7);

  private static final double ONLINE_SHARE = 0.22;
  private static final double[] STORE_HOURS = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 6, 8, 9, 8, 7, 7, 8, 10, 11, 9, 6, 3, 0, 0
  };
  private static final double[] ONLINE_HOURS = {
    2, 1, 0.5, 0.3, 0.3, 0.5, 1, 2, 2.5, 3, 3, 3, 4, 3, 3, 3, 3, 3, 4, 5, 6, 6, 5, 3
  };
  private static final Weighted HOUR;
  private static final double[] P_ONLINE = new double[24];

  static {
    double sumStore = Arrays.stream(STORE_HOURS).sum();
    double sumOnline = Arrays.stream(ONLINE_HOURS).sum();
    double[] mix = new double[24];
    for (int h = 0; h < 24; h++) {
      double s = (1 - ONLINE_SHARE) * STORE_HOURS[h] / sumStore;
      double o = ONLINE_SHARE * ONLINE_HOURS[h] / sumOnline;
      mix[h] = s + o;
      P_ONLINE[h] = o / (s + o);
    }
    HOUR = new Weighted(mix);
  }

  private static final Weighted CATEGORY =
      new Weighted(Catalog.CATEGORIES.stream().mapToDouble(Catalog.Category::share).toArray());

  /** Product indexes per category index, and each product's category index. */
  private static final int[][] PRODUCTS_BY_CATEGORY =
      Catalog.CATEGORIES.stream()
          .map(
              c ->
                  IntStream.range(0, Catalog.PRODUCTS.size())
                      .filter(p -> Catalog.PRODUCTS.get(p).category().equals(c.name()))
                      .toArray())
          .toArray(int[][]::new);

  private static final int[] PRODUCT_CATEGORY =
      Catalog.PRODUCTS.stream().mapToInt(p -> indexOfCategory(p.category())).toArray();

  /** Categories in which rare bulk quantities (13..40) occur. */
  private static final boolean[] BULKABLE = categoryFlags("飲料", "酒類", "菓子", "日用品", "惣菜");

  private static final int APPLIANCES = indexOfCategory("家電");
  private static final int BULK =
      IntStream.range(0, Catalog.PRODUCTS.size())
          .filter(p -> Catalog.PRODUCTS.get(p).name().equals(Catalog.BULK_PRODUCT))
          .findFirst()
          .orElseThrow();

  private static final int ONLINE = storeIndex(Catalog.ONLINE_STORE);
  private static final int[] PHYSICAL = physicalStores();

  /** Stores a member of each prefecture shops at: the prefecture's, else the region's. */
  private static final int[][] LOCAL_STORES = localStores();

  private static final String[] DAY_TEXT = new String[DAYS];
  private static final double[] DAY_WEIGHT = new double[DAYS];

  static {
    for (int d = 0; d < DAYS; d++) {
      LocalDate day = FIRST_DAY.plusDays(d);
      DAY_TEXT[d] = day.toString();
      double w =
          day.getDayOfWeek() == DayOfWeek.SATURDAY
              ? 1.35
              : day.getDayOfWeek() == DayOfWeek.SUNDAY ? 1.3 : 1.0;
      MonthDay md = MonthDay.from(day);
      if (md.isBefore(MonthDay.of(1, 4))) {
        w *= 1.5; // 初売り
      } else if (!md.isBefore(MonthDay.of(4, 29)) && md.isBefore(MonthDay.of(5, 6))) {
        w *= 1.3; // Golden Week
      } else if (!md.isBefore(MonthDay.of(8, 11)) && md.isBefore(MonthDay.of(8, 17))) {
        w *= 1.25; // お盆
      }
      DAY_WEIGHT[d] = w;
    }
  }

  /** A purchase row before it is written; bad rows are made by mutating one. */
  static final class Row {
    long orderNo;
    int member; // -1 = empty member_id
    int day;
    int second;
    String purchasedAtOverride;
    int store;
    int product;
    long quantity;
    long unitPrice;
    long amount;
    int payment;

    /** plain 16 digits, or "" */
    String card = "";

    /** separator between groups of four digits: '-', ' ' or 0 for none */
    char cardSeparator;

    String delivery = "";
  }

  private final Population pop;
  private final long purchases;
  private final long seed;
  private final long memberMultiplier;
  private final long memberOffset;
  private final long bulkIndex;
  private final long[] tierFrom;
  private final long[] tierTo;

  Purchases(Population pop, long purchases, long seed) {
    if (purchases > 0 && pop.members() < 1) {
      throw new IllegalArgumentException("purchases need at least one member");
    }
    this.pop = pop;
    this.purchases = purchases;
    this.seed = seed;
    int n = Math.max(1, pop.members());
    long a = 0x9E3779B1L;
    while (gcd(a % n, n) != 1) {
      a += 2;
    }
    this.memberMultiplier = a % n;
    this.memberOffset = Rng.of(seed, Population.SALT_SPECIAL, 2).nextLong(n);
    long b1 = Math.max(1, Math.round(n * 0.01));
    long b2 = Math.max(b1, Math.round(n * 0.10));
    long b3 = Math.max(b2, Math.round(n * 0.95));
    this.tierFrom = new long[] {0, b1, b2};
    this.tierTo = new long[] {b1, b2, b3};
    for (int t = 0; t < 3; t++) {
      if (tierFrom[t] >= tierTo[t]) { // tiny populations: an empty tier borrows all members
        tierFrom[t] = 0;
        tierTo[t] = n;
      }
    }
    this.bulkIndex =
        purchases > 0 ? Rng.of(seed, Population.SALT_SPECIAL, 1).nextLong(purchases) : -1;
  }

  /** Writes header, valid rows and (optionally) the bad rows; returns the number of bad rows. */
  long write(CsvSink out, boolean includeBadRows) throws IOException {
    out.record(SampleDataGenerator.PURCHASE_COLUMNS.toArray(new String[0]));
    Encoded enc = new Encoded(out);
    Rng r = Rng.of(seed, Population.SALT_PURCHASES, 0);
    Rng badRng = Rng.of(seed, Population.SALT_BAD_ROWS, 1);
    List<Defect> pending =
        new ArrayList<>(includeBadRows ? Defect.of(Defect.PURCHASES) : List.of());
    Row row = new Row();
    long written = 0;
    long orderNo = 0;
    double totalWeight = Arrays.stream(DAY_WEIGHT).sum();
    double cumWeight = 0;
    long allotted = 0;
    int lastDay = 0;
    int lastSecond = 10 * 3600;
    for (int d = 0; d < DAYS; d++) {
      cumWeight += DAY_WEIGHT[d];
      long upTo = d == DAYS - 1 ? purchases : Math.round(purchases * (cumWeight / totalWeight));
      int count = (int) (upTo - allotted);
      allotted = upTo;
      int[] seconds = new int[count];
      for (int i = 0; i < count; i++) {
        seconds[i] = HOUR.next(r) * 3600 + r.nextInt(3600);
      }
      Arrays.sort(seconds);
      for (int i = 0; i < count; i++) {
        while (!pending.isEmpty() && written == badPosition(pending.get(0))) {
          writeBad(out, enc, pending.remove(0), ++orderNo, d, seconds[i], badRng);
        }
        fill(row, r, ++orderNo, d, seconds[i], written == bulkIndex);
        append(out, enc, row, null);
        written++;
        lastDay = d;
        lastSecond = seconds[i];
      }
    }
    for (Defect defect : pending) {
      writeBad(out, enc, defect, ++orderNo, lastDay, lastSecond, badRng);
    }
    return includeBadRows ? Defect.of(Defect.PURCHASES).size() : 0;
  }

  long badPosition(Defect d) {
    return d.insertedAfter(purchases);
  }

  private void fill(Row row, Rng r, long orderNo, int day, int second, boolean bulk) {
    row.orderNo = orderNo;
    row.day = day;
    row.second = second;
    row.purchasedAtOverride = null;
    boolean online = r.chance(P_ONLINE[second / 3600]);
    int member = pickMember(r);
    row.member = member;
    row.store = online ? ONLINE : storeFor(member, r);
    int c = CATEGORY.next(r);
    int[] candidates = PRODUCTS_BY_CATEGORY[c];
    int product = candidates[r.nextInt(candidates.length)];
    long price = Catalog.PRODUCTS.get(product).unitPrice();
    if (r.chance(0.08)) {
      price = Math.max(10, price * r.between(70, 90) / 100 / 10 * 10 - 2); // 割引: ends in 8
    }
    long qty = quantity(r, c);
    int payment = (online ? PAY_ONLINE : PAY_STORE).next(r);
    if (bulk) { // a business order at the member's own store, delivered
      row.store = favouriteStore(member);
      product = BULK;
      price = Catalog.PRODUCTS.get(BULK).unitPrice();
      qty = Catalog.BULK_QUANTITY;
      payment = CREDIT_CARD;
    }
    row.product = product;
    row.quantity = qty;
    row.unitPrice = price;
    row.amount = qty * price;
    row.payment = payment;
    if (payment == CREDIT_CARD) {
      row.card = pop.card(member, r.chance(0.85) ? 0 : 1);
      double x = r.nextDouble();
      row.cardSeparator = x < 0.5 ? '-' : x < 0.65 ? ' ' : 0;
    } else {
      row.card = "";
    }
    boolean deliver = online || bulk || r.chance(0.2);
    if (!deliver) {
      row.delivery = "";
    } else if (online && r.chance(0.1)) {
      row.delivery = pop.randomAddress(r).full(); // gift to someone else
    } else {
      row.delivery = pop.address(member).full();
    }
  }

  private void writeBad(
      CsvSink out, Encoded enc, Defect defect, long orderNo, int day, int second, Rng r) {
    Row row = new Row();
    fill(row, r, orderNo, day, second, false);
    String extra = null;
    switch (defect) {
      case PURCHASE_NEGATIVE_AMOUNT -> {
        row.quantity = 1;
        row.unitPrice = 500;
        row.amount = -500;
        row.payment = 0;
        row.card = "";
      }
      case PURCHASE_BAD_TIMESTAMP -> row.purchasedAtOverride = "2026/02/30 25:61";
      case PURCHASE_EMPTY_MEMBER_ID -> row.member = -1;
      case PURCHASE_EXTRA_COLUMN -> extra = "ギフトセット,のし付き"; // unquoted comma: 13 fields
      default -> throw new IllegalStateException(defect.name());
    }
    append(out, enc, row, extra);
  }

  /** The constant field values, encoded once in the sink's charset. */
  private record Encoded(
      byte[][] days, byte[][] stores, byte[][] products, byte[][] categories, byte[][] payments) {
    Encoded(CsvSink out) {
      this(
          encodeAll(out, Arrays.stream(DAY_TEXT).map(d -> d + " ")),
          encodeAll(out, Catalog.STORES.stream().map(Catalog.Store::name)),
          encodeAll(out, Catalog.PRODUCTS.stream().map(Catalog.Product::name)),
          encodeAll(
              out, Arrays.stream(PRODUCT_CATEGORY).mapToObj(c -> Catalog.CATEGORIES.get(c).name())),
          encodeAll(out, Arrays.stream(PAYMENT_METHODS)));
    }

    private static byte[][] encodeAll(CsvSink out, Stream<String> values) {
      return values.map(out::encode).toArray(byte[][]::new);
    }
  }

  private static void append(CsvSink out, Encoded enc, Row row, String unquotedProduct) {
    out.startField().ascii('O').digits(row.orderNo, 10);
    out.startField();
    if (row.member >= 0) {
      out.ascii('M').digits(row.member + 1L, 7);
    }
    if (row.purchasedAtOverride != null) {
      out.field(row.purchasedAtOverride);
    } else {
      out.startField()
          .bytes(enc.days()[row.day])
          .digits(row.second / 3600, 2)
          .ascii(':')
          .digits(row.second / 60 % 60, 2)
          .ascii(':')
          .digits(row.second % 60, 2);
    }
    out.field(enc.stores()[row.store]);
    if (unquotedProduct != null) {
      out.unquoted(unquotedProduct);
    } else {
      out.field(enc.products()[row.product]);
    }
    out.field(enc.categories()[row.product])
        .field(row.quantity)
        .field(row.unitPrice)
        .field(row.amount)
        .field(enc.payments()[row.payment])
        .startField()
        .grouped(row.card, row.cardSeparator)
        .field(row.delivery)
        .end();
  }

  /**
   * Members in a fixed random order fall into activity tiers: the first 1 % are heavy buyers (15 %
   * of purchases), the next 9 % frequent (30 %), the next 85 % occasional (55 %), the last 5 %
   * never buy. A member's rank is perm(index) with perm a bijection x -> (a x + b) mod n.
   */
  private int pickMember(Rng r) {
    double u = r.nextDouble();
    int tier = u < 0.15 ? 0 : u < 0.45 ? 1 : 2;
    long rank = tierFrom[tier] + r.nextLong(tierTo[tier] - tierFrom[tier]);
    return (int) ((rank * memberMultiplier + memberOffset) % pop.members());
  }

  /** 80 % at the member's favourite store, 12 % another store nearby, 8 % anywhere. */
  private int storeFor(int member, Rng r) {
    double x = r.nextDouble();
    if (x < 0.80) {
      return favouriteStore(member);
    }
    int[] local = LOCAL_STORES[pop.prefectureOf(member)];
    if (x < 0.92) {
      return local[r.nextInt(local.length)];
    }
    return PHYSICAL[r.nextInt(PHYSICAL.length)];
  }

  private int favouriteStore(int member) {
    int[] local = LOCAL_STORES[pop.prefectureOf(member)];
    return local[
        (int) Long.remainderUnsigned(Rng.mix(seed ^ member * 0x2545F4914F6CDD1DL), local.length)];
  }

  private static long quantity(Rng r, int category) {
    if (category == APPLIANCES) {
      return r.chance(0.95) ? 1 : r.chance(0.9) ? 2 : 3;
    }
    int x = r.nextInt(10000);
    if (x < 5800) {
      return 1;
    } else if (x < 8000) {
      return 2;
    } else if (x < 8900) {
      return 3;
    } else if (x < 9300) {
      return 4;
    } else if (x < 9550) {
      return 5;
    } else if (x < 9750) {
      return 6;
    } else if (x < 9985 || !BULKABLE[category]) {
      return r.between(7, 12);
    } else if (x < 9997) {
      return r.between(13, 24);
    }
    return r.between(25, 40);
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }

  private static int indexOfCategory(String name) {
    for (int i = 0; i < Catalog.CATEGORIES.size(); i++) {
      if (Catalog.CATEGORIES.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalStateException(name);
  }

  private static boolean[] categoryFlags(String... names) {
    boolean[] flags = new boolean[Catalog.CATEGORIES.size()];
    for (String name : names) {
      flags[indexOfCategory(name)] = true;
    }
    return flags;
  }

  private static int storeIndex(String name) {
    for (int i = 0; i < Catalog.STORES.size(); i++) {
      if (Catalog.STORES.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalStateException(name);
  }

  private static int[] physicalStores() {
    return IntStream.range(0, Catalog.STORES.size())
        .filter(i -> !Catalog.STORES.get(i).online())
        .toArray();
  }

  private static int[][] localStores() {
    int[][] out = new int[Catalog.PREFECTURES.size()][];
    for (int p = 0; p < out.length; p++) {
      Catalog.Prefecture pref = Catalog.PREFECTURES.get(p);
      int[] same =
          Arrays.stream(PHYSICAL)
              .filter(s -> Catalog.STORES.get(s).prefecture().equals(pref.name()))
              .toArray();
      if (same.length == 0) {
        same =
            Arrays.stream(PHYSICAL)
                .filter(
                    s ->
                        Catalog.PREFECTURES
                            .get(Catalog.prefectureIndex(Catalog.STORES.get(s).prefecture()))
                            .region()
                            .equals(pref.region()))
                .toArray();
      }
      out[p] = same.length > 0 ? same : PHYSICAL;
    }
    return out;
  }
}
