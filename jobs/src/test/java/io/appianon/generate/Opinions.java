package io.appianon.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds the free-text survey answers. Most are harmless; a configurable share embeds personal data
 * (phone, e-mail, a person's name, a My Number, a card number). The builder reports the exact text
 * of every embedded item so labelled test sets can be produced for detector evaluation.
 */
final class Opinions {

  /**
   * Kinds of personal data embedded in opinions (the label vocabulary of labelled-opinions.tsv).
   */
  enum Kind {
    PHONE,
    EMAIL,
    NAME,
    MYNUMBER,
    CARD
  }

  record Span(Kind kind, String text) {}

  record Opinion(String text, List<Span> spans) {}

  /**
   * The respondent as far as an opinion can mention them. phone is the three digit groups of a
   * Japanese number; myNumber and card are plain digit strings (valid check digits).
   */
  record Persona(
      String surname, String given, String[] phone, String email, String myNumber, String card) {}

  private static final String[] POSITIVE = {
    "店内がいつも清潔で買い物しやすいです。",
    "野菜が新鮮でおいしいので、毎週利用しています。",
    "店員さんの対応が丁寧で気持ちよく買い物ができました。",
    "レジの待ち時間が短くなって助かっています。",
    "ポイントが貯まりやすいのが嬉しいです。",
    "セールの時の品揃えが良いと思います。",
    "ネットスーパーの配達が時間どおりで便利です。",
    "お惣菜の種類が豊富で、仕事帰りに助かります。",
    "駐車場が広くて停めやすいです。",
    "子供連れでも買い物しやすい雰囲気です。",
    "アプリのクーポンをよく使っています。",
    "地元の野菜コーナーが充実していて良いです。",
    "鮮魚コーナーの刺身がおいしいです。",
    "品出しの方が商品の場所を丁寧に教えてくれました。",
    "セルフレジが増えて便利になりました。",
    "プライベートブランドの商品が安くて品質も良いです。",
    "お肉の品質が良く、価格も手頃です。",
    "店内の\"おすすめ\"ポップが参考になります。",
    "配送の箱がしっかりしていて商品が傷んでいませんでした。",
    "いつも気持ちよく利用させてもらっています。",
  };

  private static final String[] NEGATIVE = {
    "レジが混んでいて待ち時間が長いです。",
    "値段が以前より高くなったと感じます。",
    "欲しい商品が品切れのことが多いです。",
    "店員さんの態度があまり良くありませんでした。",
    "配達が予定より遅れて困りました。",
    "駐車場が狭くて停めにくいです。",
    "通路に段ボールが置いてあって歩きにくいです。",
    "賞味期限が近い商品が並んでいました。",
    "アプリが使いにくく、ログインできないことがあります。",
    "商品の値札と会計の金額が違っていました。",
    "店内の案内表示が分かりにくいです。",
    "ネット注文で届いた商品が一部欠けていました。",
    "お惣菜が夕方には売り切れていることが多いです。",
    "セルフレジのエラーが多く、結局有人レジに並びました。",
    "チラシの\"本日限り\"の商品がすぐ売り切れます。",
    "トイレが清潔でないことがありました。",
  };

  private static final String[] NEUTRAL = {
    "営業時間をもう少し延ばしてほしいです。",
    "オーガニック商品をもっと置いてほしいです。",
    "支払い方法をもっと増やしてほしいです。",
    "今後も利用したいと思います。",
    "普段は週に2回ほど利用しています。",
    "値段は普通だと思います。",
    "店舗によって品揃えが違うのが気になります。",
    "量り売りのコーナーがあると嬉しいです。",
    "宅配の送料がもう少し安いと助かります。",
    "冷凍食品の種類をもっと増やしてほしいです。",
    "エコバッグ持参のポイントを復活してほしいです。",
    "アンケートの回答期間をもう少し長くしてほしいです。",
  };

  private static final String[] SHORT = {
    "特になし", "特にありません。", "満足です。", "また利用します！", "とくにないです", "頑張ってください。"
  };

  /** Look like personal data to a naive detector but are not (precision traps). */
  private static final String[] DECOY_TEMPLATES = {
    "注文番号O%sについて問い合わせたいです。",
    "JANコード%sの商品が見つかりませんでした。",
    "%s月%s日の%s時ごろに来店しました。",
    "1,280円の商品がレジで1,580円になっていました。",
    "電話で問い合わせましたがつながりませんでした。",
    "店員さんの名札が見えにくいです。",
    "レシート番号%sの返品をお願いしたいです。",
  };

  private static final String[] LIST_ITEMS = {
    "品揃え", "価格", "接客", "立地", "清潔さ", "駐車場", "レジ", "ポイント", "配達"
  };

  private static final Weighted KIND_WEIGHTS = new Weighted(30, 20, 30, 8, 12);

  private record Sentence(String text, boolean leading) {
    static Sentence trailing(String text) {
      return new Sentence(text, false);
    }
  }

  private final Glyphs glyphs;

  Opinions(Glyphs glyphs) {
    this.glyphs = glyphs;
  }

  /**
   * @param satisfaction 1 (worst) .. 5 (best), steers the tone
   * @param piiShare probability that the opinion embeds personal data
   */
  Opinion build(Rng r, Persona p, int satisfaction, double piiShare) {
    if (r.chance(0.09)) {
      return new Opinion(r.pick(SHORT), List.of());
    }
    List<String> sentences = new ArrayList<>(4);
    int n = r.chance(0.45) ? 1 : r.chance(0.73) ? 2 : 3;
    for (int i = 0, tries = 0; i < n && tries < 20; tries++) {
      String s = r.pick(pool(r, satisfaction));
      if (!sentences.contains(s)) {
        sentences.add(s);
        i++;
      }
    }
    if (r.chance(0.05)) {
      sentences.add(r.nextInt(sentences.size() + 1), decoy(r));
    }
    boolean asciiCommas = r.chance(0.06);
    if (asciiCommas) {
      for (int i = 0; i < sentences.size(); i++) {
        sentences.set(i, sentences.get(i).replace('、', ','));
      }
      if (r.chance(0.5)) {
        sentences.add(
            (satisfaction >= 3 ? "良かった点:" : "改善してほしい点:")
                + r.pick(LIST_ITEMS)
                + ","
                + r.pick(LIST_ITEMS)
                + ","
                + r.pick(LIST_ITEMS)
                + "。");
      }
    }
    List<Span> spans = new ArrayList<>(2);
    if (r.chance(piiShare)) {
      int kinds = r.chance(0.15) ? 2 : 1;
      for (int k = 0; k < kinds; k++) {
        Kind kind = Kind.values()[KIND_WEIGHTS.next(r)];
        Sentence sentence = personalSentence(r, p, kind, spans);
        // a self-introduction reads naturally first, contact details at the end
        sentences.add(sentence.leading() ? 0 : sentences.size(), sentence.text());
      }
    }
    String separator = "";
    if (r.chance(0.025)) {
      separator = r.chance(0.25) ? "\r\n" : "\n";
    }
    return new Opinion(String.join(separator, sentences), List.copyOf(spans));
  }

  private static String[] pool(Rng r, int satisfaction) {
    double x = r.nextDouble();
    return switch (satisfaction) {
      case 5 -> x < 0.8 ? POSITIVE : NEUTRAL;
      case 4 -> x < 0.6 ? POSITIVE : x < 0.85 ? NEUTRAL : NEGATIVE;
      case 3 -> x < 0.25 ? POSITIVE : x < 0.7 ? NEUTRAL : NEGATIVE;
      case 2 -> x < 0.1 ? POSITIVE : x < 0.35 ? NEUTRAL : NEGATIVE;
      default -> x < 0.2 ? NEUTRAL : NEGATIVE;
    };
  }

  private static String decoy(Rng r) {
    String t = r.pick(DECOY_TEMPLATES);
    if (t.startsWith("注文番号")) {
      return String.format(Locale.ROOT, t, digits(r, 10));
    } else if (t.startsWith("JAN")) {
      return String.format(Locale.ROOT, t, "49" + digits(r, 11));
    } else if (t.startsWith("%s月")) {
      return String.format(Locale.ROOT, t, r.between(1, 9), r.between(1, 28), r.between(10, 20));
    } else if (t.startsWith("レシート")) {
      return String.format(Locale.ROOT, t, digits(r, 4) + "-" + digits(r, 4));
    }
    return t;
  }

  private Sentence personalSentence(Rng r, Persona p, Kind kind, List<Span> spans) {
    switch (kind) {
      case PHONE -> {
        String phone = formatPhone(r, p.phone());
        spans.add(new Span(kind, phone));
        String[] t = {
          "折り返しご連絡ください。電話番号は%sです。",
          "連絡先：%s",
          "配達の件で%sまで電話をください。",
          "何かあれば%sにお願いします。",
          "日中は%sにかけてください。",
        };
        return Sentence.trailing(String.format(Locale.ROOT, r.pick(t), phone));
      }
      case EMAIL -> {
        String email = r.chance(0.1) ? p.email().replace('@', '＠') : p.email();
        spans.add(new Span(kind, email));
        String[] t = {"返信は%sまでお願いします。", "詳しくは%sに連絡ください。", "メール：%s", "結果を%sに送ってもらえますか。"};
        return Sentence.trailing(String.format(Locale.ROOT, r.pick(t), email));
      }
      case NAME -> {
        if (r.chance(0.35)) {
          String own = r.chance(0.5) ? p.surname() + p.given() : p.surname() + " " + p.given();
          spans.add(new Span(kind, own));
          String[] t = {"%sです。先日はありがとうございました。", "%sと申します。", "会員の%sです。住所変更をお願いします。"};
          return new Sentence(String.format(Locale.ROOT, r.pick(t), own), true);
        }
        Catalog.NamePart staff = Catalog.SURNAMES.get(r.nextInt(40));
        String name = staff.kanji();
        if (r.chance(0.2)) {
          List<Catalog.NamePart> given =
              r.chance(0.5) ? Catalog.MALE_GIVEN.get(1) : Catalog.FEMALE_GIVEN.get(1);
          name += r.pick(given).kanji();
        }
        spans.add(new Span(kind, name));
        String[] t = {
          "店員の%sさんが親切でした。",
          "レジの%sさんの対応がとても良かったです。",
          "%s店長にお礼を伝えてください。",
          "担当の%s様の説明が分かりやすかったです。",
          "精肉売り場の%sさんにいつも助けてもらっています。",
        };
        return Sentence.trailing(String.format(Locale.ROOT, r.pick(t), name));
      }
      case MYNUMBER -> {
        String mn = p.myNumber();
        String shown =
            switch (r.nextInt(3)) {
              case 0 -> mn;
              case 1 -> mn.substring(0, 4) + " " + mn.substring(4, 8) + " " + mn.substring(8);
              default -> mn.substring(0, 4) + "-" + mn.substring(4, 8) + "-" + mn.substring(8);
            };
        spans.add(new Span(kind, shown));
        String[] t = {"マイナンバーは%sです。登録をお願いします。", "個人番号%sを伝えたのですが反映されていません。"};
        return Sentence.trailing(String.format(Locale.ROOT, r.pick(t), shown));
      }
      default -> {
        String shown = formatCard(r, p.card());
        spans.add(new Span(kind, shown));
        String[] t = {"カード番号%sで二重に請求されています。", "%sのカードが使えませんでした。", "クレジットカード（%s）の登録を削除してください。"};
        return Sentence.trailing(String.format(Locale.ROOT, r.pick(t), shown));
      }
    }
  }

  /** Phone number as people write it in free text, including full-width forms. */
  String formatPhone(Rng r, String[] g) {
    int v = r.nextInt(10);
    return switch (v) {
      case 0, 1, 2 -> g[0] + "-" + g[1] + "-" + g[2];
      case 3 -> g[0] + g[1] + g[2];
      case 4 -> g[0] + " " + g[1] + " " + g[2];
      case 5 -> g[0] + "(" + g[1] + ")" + g[2];
      case 6 ->
          fullWidth(g[0])
              + glyphs.fullWidthHyphen()
              + fullWidth(g[1])
              + glyphs.fullWidthHyphen()
              + fullWidth(g[2]);
      case 7 -> fullWidth(g[0]) + "ー" + fullWidth(g[1]) + "ー" + fullWidth(g[2]);
      case 8 -> fullWidth(g[0] + g[1] + g[2]);
      default -> g[0] + "-" + g[1] + g[2];
    };
  }

  static String formatCard(Rng r, String card) {
    return switch (r.nextInt(3)) {
      case 0 -> group4(card, '-');
      case 1 -> group4(card, ' ');
      default -> card;
    };
  }

  static String group4(String digits, char sep) {
    StringBuilder sb = new StringBuilder(digits.length() + 4);
    for (int i = 0; i < digits.length(); i++) {
      if (i > 0 && i % 4 == 0) {
        sb.append(sep);
      }
      sb.append(digits.charAt(i));
    }
    return sb.toString();
  }

  static String fullWidth(String ascii) {
    StringBuilder sb = new StringBuilder(ascii.length());
    for (int i = 0; i < ascii.length(); i++) {
      char c = ascii.charAt(i);
      sb.append(c >= '0' && c <= '9' ? (char) ('０' + (c - '0')) : c);
    }
    return sb.toString();
  }

  static String digits(Rng r, int n) {
    char[] c = new char[n];
    for (int i = 0; i < n; i++) {
      c[i] = r.digit();
    }
    return new String(c);
  }
}
