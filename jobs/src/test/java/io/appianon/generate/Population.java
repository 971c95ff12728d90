package io.appianon.generate;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;

/**
 * The synthetic members. Every attribute of member {@code i} is a pure function of (seed, i), so
 * the purchase writer can recompute a member's address, home store or card without keeping members
 * in memory. Also draws random addresses and personas (for gift deliveries and labelled opinions).
 */
final class Population {
  static final long SALT_ADDRESS = 1;
  static final long SALT_MEMBER = 2;
  static final long SALT_CARD = 3;
  static final long SALT_MYNUMBER = 4;
  static final long SALT_SPECIAL = 5;
  static final long SALT_PURCHASES = 6;
  static final long SALT_BAD_ROWS = 7;
  static final long SALT_LABELLED = 8;

  static final LocalDate SURVEY_START = LocalDate.of(2026, 4, 1);
  static final int SURVEY_DAYS = 183; // 2026-04-01 .. 2026-09-30
  static final int MIN_AGE = 16;
  static final int MAX_AGE = 95;

  /** Column share of members who disclose their My Number in the survey. */
  static final double MY_NUMBER_SHARE = 0.15;

  static final double OPINION_SHARE = 0.60;
  static final double OPINION_PII_SHARE = 0.08;

  private static final Weighted PREFECTURE =
      new Weighted(
          Catalog.PREFECTURES.stream().mapToDouble(Catalog.Prefecture::population).toArray());
  private static final Weighted[] CITY =
      Catalog.PREFECTURES.stream()
          .map(
              p -> {
                double[] w = new double[p.cities().size()];
                for (int i = 0; i < w.length; i++) {
                  w[i] = 1.0 / (1.0 + 0.3 * i);
                }
                return new Weighted(w);
              })
          .toArray(Weighted[]::new);
  private static final Weighted AGE = new Weighted(ageWeights());
  private static final Weighted SURNAME =
      new Weighted(Catalog.SURNAMES.stream().mapToDouble(Catalog.NamePart::weight).toArray());
  private static final Weighted SEX = new Weighted(44, 55.5, 0.5);
  private static final Weighted SATISFACTION = new Weighted(0, 6, 12, 22, 35, 25);
  private static final Weighted LIKERT_NOISE = new Weighted(3, 20, 54, 20, 3);
  private static final Weighted RECOMMEND_NOISE = new Weighted(1, 14, 70, 14, 1);

  // occupation weights, indexed like Catalog.OCCUPATION_GROUPS keys; 宇宙飛行士 (index 11) is never
  // drawn
  private static final List<String> OCCUPATIONS = List.copyOf(Catalog.OCCUPATION_GROUPS.keySet());
  private static final Weighted OCC_TEEN =
      occ(0, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 90, 0, 0, 0, 0, 1);
  private static final Weighted OCC_YOUNG =
      occ(18, 1, 20, 0.5, 0.3, 0, 0, 0, 0, 0, 0, 0, 58, 0.2, 1, 0.1, 0, 2);
  private static final Weighted OCC_WORK_M =
      occ(48, 7, 6, 1.5, 8, 3, 0.6, 0.4, 0.3, 1.8, 0.15, 0, 0.5, 1, 4, 1.2, 0.3, 2);
  private static final Weighted OCC_WORK_F =
      occ(34, 5, 24, 3, 4, 1, 0.3, 3, 0.6, 2, 0.08, 0, 0.5, 16, 3, 0.8, 0.1, 2);
  private static final Weighted OCC_SENIOR_M =
      occ(6, 0.5, 10, 1, 12, 4, 0.6, 0.05, 0.2, 0.3, 0.1, 0, 0.05, 2, 55, 6, 1, 3);
  private static final Weighted OCC_SENIOR_F =
      occ(2, 0.2, 9, 1.5, 5, 1, 0.1, 0.5, 0.2, 0.1, 0.02, 0, 0.05, 35, 40, 4, 0.3, 2);

  // family structure weights: 単身, 夫婦のみ, 夫婦と子, ひとり親と子, 三世代, その他
  private static final Weighted FAM_TEEN = new Weighted(8, 0, 60, 15, 12, 5);
  private static final Weighted FAM_20S = new Weighted(45, 15, 25, 5, 4, 6);
  private static final Weighted FAM_30_49 = new Weighted(20, 15, 50, 8, 5, 2);
  private static final Weighted FAM_50_64 = new Weighted(18, 30, 38, 6, 6, 2);
  private static final Weighted FAM_65 = new Weighted(30, 45, 10, 4, 8, 3);

  private static final String[] CARD_BINS = {
    "411111", "424242", "400000", "401288", "555555", "510510", "520082", "545454"
  };

  private final long seed;
  private final int members;
  private final Glyphs glyphs;
  private final Opinions opinions;
  private final int oldestMember;
  private final int astronautMember;

  /** A postal address; street may contain a building name after an ASCII space. */
  record Address(int prefecture, String city, String postalCode, String street) {
    String prefectureName() {
      return Catalog.PREFECTURES.get(prefecture).name();
    }

    String full() {
      return prefectureName() + city + street;
    }
  }

  Population(long seed, int members, Glyphs glyphs) {
    this.seed = seed;
    this.members = members;
    this.glyphs = glyphs;
    this.opinions = new Opinions(glyphs);
    Rng special = Rng.of(seed, SALT_SPECIAL, 0);
    this.oldestMember = members > 0 ? special.nextInt(members) : -1;
    int astronaut = members > 0 ? special.nextInt(members) : -1;
    while (members > 1 && astronaut == oldestMember) {
      astronaut = special.nextInt(members);
    }
    this.astronautMember = astronaut;
  }

  int members() {
    return members;
  }

  Opinions opinions() {
    return opinions;
  }

  static String memberId(int index) {
    String digits = Integer.toString(index + 1);
    return "M" + "0".repeat(Math.max(0, 7 - digits.length())) + digits;
  }

  // ------------------------------------------------------------------ pure functions of the member
  // index

  /** Same value as {@code address(member).prefecture()}, without building the strings. */
  int prefectureOf(int member) {
    return PREFECTURE.next(Rng.of(seed, SALT_ADDRESS, member));
  }

  Address address(int member) {
    return randomAddress(Rng.of(seed, SALT_ADDRESS, member));
  }

  /** The member's k-th payment card (k = 0 main card, 1 second card): 16 digits, Luhn-valid. */
  String card(int member, int k) {
    Rng r = Rng.of(seed, SALT_CARD, member * 2L + k);
    StringBuilder sb = new StringBuilder(16).append(r.pick(CARD_BINS));
    while (sb.length() < 15) {
      sb.append(r.digit());
    }
    return sb.append((char) ('0' + Checksums.luhnCheckDigit(sb))).toString();
  }

  /** The member's Individual Number: 12 digits with a valid check digit. */
  String myNumber(int member) {
    Rng r = Rng.of(seed, SALT_MYNUMBER, member);
    StringBuilder sb = new StringBuilder(12);
    for (int i = 0; i < 11; i++) {
      sb.append(r.digit());
    }
    return sb.append((char) ('0' + Checksums.myNumberCheckDigit(sb))).toString();
  }

  /** The 22 survey fields of a member, in {@link SampleDataGenerator#SURVEY_COLUMNS} order. */
  String[] surveyRecord(int member) {
    Rng r = Rng.of(seed, SALT_MEMBER, member);
    Address addr = address(member);
    LocalDate surveyDate = SURVEY_START.plusDays(r.nextInt(SURVEY_DAYS));
    LocalDate birth;
    if (member == oldestMember) {
      birth = LocalDate.of(1910, 1, 1).plusDays(r.nextInt(90)); // aged 116 on any survey date
    } else {
      int age = MIN_AGE + AGE.next(r);
      long lo = surveyDate.minusYears(age + 1L).plusDays(1).toEpochDay();
      long hi = surveyDate.minusYears(age).toEpochDay();
      birth = LocalDate.ofEpochDay(lo + r.nextLong(hi - lo + 1));
    }
    int age = Period.between(birth, surveyDate).getYears();
    int sex = SEX.next(r);
    Catalog.NamePart surname = Catalog.SURNAMES.get(SURNAME.next(r));
    Catalog.NamePart given = givenName(r, sex, birth.getYear());
    String[] phone = phoneGroups(r, Catalog.PREFECTURES.get(addr.prefecture()));
    String email = email(r, surname, given, birth);
    String occupation =
        member == astronautMember ? Catalog.RARE_OCCUPATION : occupation(r, age, sex);
    String family = Catalog.FAMILY_STRUCTURES[familyTable(age).next(r)];
    String myNumber = myNumber(member);
    boolean disclose = r.chance(MY_NUMBER_SHARE);
    int sat = SATISFACTION.next(r);
    String[] q = new String[5];
    for (int i = 0; i < 5; i++) {
      int noise = (i == 4 ? RECOMMEND_NOISE : LIKERT_NOISE).next(r) - 2;
      q[i] = Integer.toString(Math.max(1, Math.min(5, sat + noise)));
    }
    String opinion = "";
    if (r.chance(OPINION_SHARE)) {
      Opinions.Persona persona =
          new Opinions.Persona(
              surname.kanji(), given.kanji(), phone, email, myNumber, card(member, 0));
      opinion = opinions.build(r, persona, sat, OPINION_PII_SHARE).text();
    }
    return new String[] {
      memberId(member),
      surname.kanji() + " " + given.kanji(),
      surname.kana() + " " + given.kana(),
      email,
      r.chance(0.12) ? phone[0] + phone[1] + phone[2] : phone[0] + "-" + phone[1] + "-" + phone[2],
      addr.postalCode(),
      addr.prefectureName(),
      addr.city(),
      addr.street(),
      birth.toString(),
      Catalog.SEXES[sex],
      occupation,
      family,
      disclose ? myNumber : "",
      surveyDate.toString(),
      q[0],
      q[1],
      q[2],
      q[3],
      q[4],
      opinion,
      Catalog.SATISFACTION[sat],
    };
  }

  // ------------------------------------------------------------------ random draws

  Address randomAddress(Rng r) {
    int p = PREFECTURE.next(r); // must stay the first draw: prefectureOf() relies on it
    Catalog.Prefecture pref = Catalog.PREFECTURES.get(p);
    Catalog.City city = pref.cities().get(CITY[p].next(r));
    String postal = city.postalPrefix() + "-" + Opinions.digits(r, 4);
    return new Address(p, city.name(), postal, street(r));
  }

  /** A random person, for labelled opinions. */
  Opinions.Persona randomPersona(Rng r) {
    int sex = r.nextInt(2);
    int birthYear = r.between(1935, 2008);
    Catalog.NamePart surname = Catalog.SURNAMES.get(SURNAME.next(r));
    Catalog.NamePart given = givenName(r, sex, birthYear);
    String[] phone = phoneGroups(r, Catalog.PREFECTURES.get(PREFECTURE.next(r)));
    String email =
        email(r, surname, given, LocalDate.of(birthYear, r.between(1, 12), r.between(1, 28)));
    int pseudoMember = r.nextInt(Integer.MAX_VALUE / 2);
    return new Opinions.Persona(
        surname.kanji(),
        given.kanji(),
        phone,
        email,
        myNumber(pseudoMember),
        card(pseudoMember, 0));
  }

  private String street(Rng r) {
    StringBuilder sb = new StringBuilder(40).append(r.pick(Catalog.TOWNS));
    int chome = r.between(1, 9);
    int ban = r.between(1, 30);
    int go = r.between(1, 25);
    int style = r.nextInt(100);
    if (style < 50) {
      sb.append(chome).append('-').append(ban).append('-').append(go);
    } else if (style < 75) {
      sb.append(chome).append("丁目").append(ban).append('-').append(go);
    } else if (style < 88) {
      sb.append(chome).append("丁目").append(ban).append('番').append(go).append('号');
    } else if (style < 95) {
      sb.append(ban * 37 + go).append("番地");
    } else {
      sb.append(Opinions.fullWidth(Integer.toString(chome)))
          .append("丁目")
          .append(Opinions.fullWidth(Integer.toString(ban)))
          .append(glyphs.fullWidthHyphen())
          .append(Opinions.fullWidth(Integer.toString(go)));
    }
    if (r.chance(0.3)) {
      sb.append(' ')
          .append(r.pick(Catalog.BUILDING_PREFIXES))
          .append(r.pick(Catalog.BUILDING_SUFFIXES));
      int room = r.between(1, 12) * 100 + r.between(1, 10);
      sb.append(room);
      if (r.chance(0.3)) {
        sb.append("号室");
      }
    }
    return sb.toString();
  }

  private static Catalog.NamePart givenName(Rng r, int sex, int birthYear) {
    int generation = birthYear < 1960 ? 0 : birthYear < 1990 ? 1 : 2;
    // a quarter of people carry a name from the neighbouring generation's list
    if (r.chance(0.25)) {
      generation = Math.max(0, Math.min(2, generation + (r.chance(0.5) ? 1 : -1)));
    }
    boolean male = sex == 0 || (sex == 2 && r.chance(0.5));
    return r.pick((male ? Catalog.MALE_GIVEN : Catalog.FEMALE_GIVEN).get(generation));
  }

  private static String[] phoneGroups(Rng r, Catalog.Prefecture pref) {
    if (r.chance(0.75)) {
      double x = r.nextDouble();
      String prefix = x < 0.5 ? "090" : x < 0.85 ? "080" : "070";
      return new String[] {prefix, Opinions.digits(r, 4), Opinions.digits(r, 4)};
    }
    String area = pref.areaCode();
    String exchange = (char) ('2' + r.nextInt(8)) + Opinions.digits(r, 5 - area.length());
    return new String[] {area, exchange, Opinions.digits(r, 4)};
  }

  private static String email(
      Rng r, Catalog.NamePart surname, Catalog.NamePart given, LocalDate birth) {
    String s = surname.romaji();
    String g = given.romaji();
    String yy = twoDigits(birth.getYear() % 100);
    String local =
        switch (r.nextInt(6)) {
          case 0 -> g + "." + s + yy;
          case 1 -> s + "." + g;
          case 2 -> s + "_" + g + r.between(1, 999);
          case 3 -> g.charAt(0) + s + r.between(1000, 9999);
          case 4 -> g + twoDigits(birth.getMonthValue()) + twoDigits(birth.getDayOfMonth());
          default -> s + g.charAt(0) + yy;
        };
    return local + "@" + r.pick(Catalog.EMAIL_DOMAINS);
  }

  private static String twoDigits(int v) {
    return v < 10 ? "0" + v : Integer.toString(v);
  }

  private static String occupation(Rng r, int age, int sex) {
    boolean male = sex == 0 || (sex == 2 && r.chance(0.5));
    Weighted table;
    if (age < 19) {
      table = OCC_TEEN;
    } else if (age < 23) {
      table = OCC_YOUNG;
    } else if (age < 65) {
      table = male ? OCC_WORK_M : OCC_WORK_F;
    } else {
      table = male ? OCC_SENIOR_M : OCC_SENIOR_F;
    }
    return OCCUPATIONS.get(table.next(r));
  }

  private static Weighted familyTable(int age) {
    if (age < 20) {
      return FAM_TEEN;
    } else if (age < 30) {
      return FAM_20S;
    } else if (age < 50) {
      return FAM_30_49;
    } else if (age < 65) {
      return FAM_50_64;
    }
    return FAM_65;
  }

  private static Weighted occ(double... w) {
    if (w.length != Catalog.OCCUPATION_GROUPS.size()) {
      throw new IllegalStateException("occupation weights: " + w.length);
    }
    if (w[List.copyOf(Catalog.OCCUPATION_GROUPS.keySet()).indexOf(Catalog.RARE_OCCUPATION)] != 0) {
      throw new IllegalStateException("the rare occupation must not be drawn at random");
    }
    return new Weighted(w);
  }

  /** Relative frequency of each age MIN_AGE..MAX_AGE among members (a retailer's member base). */
  private static double[] ageWeights() {
    double[] w = new double[MAX_AGE - MIN_AGE + 1];
    for (int a = MIN_AGE; a <= MAX_AGE; a++) {
      double v;
      if (a < 20) {
        v = 1.2;
      } else if (a < 25) {
        v = 2.2;
      } else if (a < 30) {
        v = 2.4;
      } else if (a < 35) {
        v = 2.6;
      } else if (a < 40) {
        v = 2.9;
      } else if (a < 45) {
        v = 3.3;
      } else if (a < 50) {
        v = 3.7;
      } else if (a < 55) {
        v = 3.5;
      } else if (a < 60) {
        v = 3.2;
      } else if (a < 65) {
        v = 2.9;
      } else if (a < 70) {
        v = 2.8;
      } else if (a < 75) {
        v = 2.9;
      } else if (a < 80) {
        v = 2.2;
      } else if (a < 85) {
        v = 1.4;
      } else if (a < 90) {
        v = 0.7;
      } else {
        v = 0.2;
      }
      w[a - MIN_AGE] = v;
    }
    return w;
  }
}
