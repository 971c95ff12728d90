package io.appianon.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appianon.TestProject;
import io.appianon.cli.CliContext;
import io.appianon.cli.ExitCode;
import io.appianon.core.Text;
import io.appianon.job.AnonymizeJob;
import io.appianon.job.JobConfig;
import io.appianon.policy.DatasetPolicy;
import io.appianon.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The public pages of the shipped configuration read as plain public words, and their templates are
 * editable.
 */
class PublicPagesTest {
  @TempDir Path tmp;

  /** The Japanese and English text of a page. */
  private static List<String> sections(String html) throws Exception {
    Document doc = PagesTest.parse(html);
    NodeList s = doc.getElementsByTagName("section");
    return List.of(s.item(0).getTextContent(), s.item(1).getTextContent());
  }

  @Test
  void theShippedPagesHaveNoInternalNamesJargonOrMachineTimes() throws Exception {
    JobConfig config = TestProject.config(tmp, Map.of());
    HistoryEntry e = PagesTest.release(config);
    List<String> columns = new ArrayList<>();
    for (DatasetPolicy p : new AnonymizeJob(config).policies()) {
      columns.addAll(p.columnNames());
    }
    for (String html : List.of(Pages.entryHtml(e), Pages.indexHtml(List.of(e)))) {
      List<String> text = sections(html);
      String ja = text.get(0);
      String en = text.get(1);
      for (String c : columns) {
        Pattern name = Pattern.compile("(?<![A-Za-z_])" + Pattern.quote(c) + "(?![A-Za-z_])");
        assertFalse(
            name.matcher(ja).find(), "column name '" + c + "' in the Japanese text:\n" + ja);
        if (c.contains("_")) {
          assertFalse(en.contains(c), "column name '" + c + "' in the English text");
        }
      }
      for (String jargon :
          List.of(
              "k-匿名化",
              "k-anonymity",
              "→",
              "[MYNUMBER]",
              "準識別子",
              "quasi-identifier",
              "階層",
              "hierarchy",
              "PT24H")) {
        assertFalse(ja.contains(jargon) || en.contains(jargon), "jargon '" + jargon + "'");
      }
      assertFalse(
          en.matches("(?s).*\\p{IsHan}.*値.*") || en.contains("値"),
          "Japanese 値 in the English text");
      assertFalse(
          en.contains("'*'") || ja.contains("「*」") || en.contains("→ *"),
          "'*' explained in plain words");
      // Instant 2026-04-01T01:00:00Z is 10:00 in Japan.
      assertTrue(ja.contains("2026年4月1日 10:00 (JST)"), ja);
      assertTrue(en.contains("1 Apr 2026 10:00 JST"), en);
      assertFalse(ja.contains("2026-04-01T") || en.contains("2026-04-01T"), "no machine instant");
    }
  }

  @Test
  void aClauseRecordedTwiceIsSaidOnce() {
    Text twice =
        Text.of(
            "年月に一般化、「北海道地方、東北地方」などの区分に一般化、「北海道地方、東北地方」などの区分に一般化",
            "generalized to year and month; generalized to groups such as A, B; generalized to groups such as A, B");
    assertEquals(
        Text.of(
            "年月に一般化、「北海道地方、東北地方」などの区分に一般化",
            "generalized to year and month; generalized to groups such as A, B"),
        PublicWording.plain(twice));
  }

  @Test
  void anEditedTemplateInTheConfiguredFolderReplacesTheShippedOne() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("templates"));
    Files.writeString(
        dir.resolve(PageTemplates.ENTRY),
        PageTemplates.shipped(PageTemplates.ENTRY).replace("<dt>公表者</dt>", "<dt>提供元の事業者</dt>"));
    JobConfig config =
        TestProject.config(tmp, Map.of("appianon.disclosure.templates", dir.toString()));
    HistoryEntry e = PagesTest.release(config);
    String edited = Pages.entryHtml(e, PageTemplates.of(config.disclosure()));
    assertTrue(sections(edited).get(0).contains("提供元の事業者"), "the edited wording is used");
    assertTrue(edited.contains("@page{size:A4"), "the shipped style partial is still used");
    assertFalse(Pages.entryHtml(e).contains("提供元の事業者"), "the shipped template is unchanged");
    String index = Pages.indexHtml(List.of(e), PageTemplates.of(config.disclosure()));
    assertTrue(
        index.contains("匿名加工情報に関する公表の履歴"),
        "a template not in the folder comes from the shipped set");
  }

  /**
   * manifest.md comes from a template too (issue 23 leftover): the shipped one says what the HTML
   * page says, in Markdown, with configuration text escaped for Markdown; an edited copy in the
   * folder replaces it.
   */
  @Test
  void manifestMarkdownIsTemplatedAndEditable() throws Exception {
    JobConfig config = TestProject.config(tmp, Map.of());
    HistoryEntry r = PagesTest.release(config);
    HistoryEntry e =
        new HistoryEntry(
            r.id(),
            HistoryEntry.RELEASE,
            r.at(),
            r.date(),
            r.releaseId(),
            Optional.empty(),
            Optional.empty(),
            r.producer(),
            r.contact(),
            r.statement(),
            r.disclosure(),
            r.securityMeasures(),
            r.complaints(),
            Optional.empty(),
            List.of(),
            Optional.of(config.disclosure().terms()));
    String md = Pages.entryMarkdown(e);
    assertTrue(md.startsWith("# 匿名加工情報の作成及び第三者提供に関する公表\n\n> "), md);
    assertTrue(
        md.indexOf("## 利用目的") > 0 && md.contains(config.disclosure().terms().purpose().ja()),
        "purpose of use, as on the HTML page");
    assertTrue(
        md.contains("| 提供先の区分 | 提供の方法 |\n|---|---|\n| "), "classes of recipients as a table");
    assertTrue(
        md.contains("2026年4月1日 10:00 (JST)") && md.contains("1 Apr 2026 10:00 JST"), "human times");
    assertTrue(md.indexOf("\n---\n") > md.indexOf("## 禁止事項"), "Japanese first");
    assertFalse(
        md.contains("{{") || md.contains("\n\n\n"), "no template text, no runs of blank lines");
    assertFalse(md.contains("&quot;") || md.contains("&#"), "escaped for Markdown, not HTML");
    for (String line : md.split("\n")) {
      if (line.startsWith("| ")) {
        assertTrue(
            line.endsWith(" |") && line.split("(?<!\\\\)\\|").length >= 3, "a table row: " + line);
      }
    }

    Path dir = Files.createDirectories(tmp.resolve("templates"));
    Files.writeString(
        dir.resolve(PageTemplates.MANIFEST_MD),
        PageTemplates.shipped(PageTemplates.MANIFEST_MD).replace("- **公表者**:", "- **提供元の事業者**:"));
    JobConfig edited =
        TestProject.config(tmp, Map.of("appianon.disclosure.templates", dir.toString()));
    String mine =
        Pages.entryMarkdown(PagesTest.release(edited), PageTemplates.of(edited.disclosure()));
    assertTrue(mine.contains("- **提供元の事業者**: "), "the edited wording is used");
    assertFalse(md.contains("提供元の事業者"), "the shipped template is unchanged");
  }

  @Test
  void aBrokenTemplateIsRefusedAtPlanTimeNamingFileAndKey() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("templates"));
    Path broken = dir.resolve(PageTemplates.INDEX);
    Files.writeString(broken, "<html>{{#ja}}<h1>履歴</h1></html>\n");
    List<String> args =
        new ArrayList<>(
            List.of(
                "plan",
                "--config",
                TestProject.root().resolve("conf/application.conf").toString()));
    for (Map.Entry<String, Object> o : TestProject.overrides(tmp).entrySet()) {
      if (!o.getKey().equals("appianon.datasets")) {
        args.add("--set");
        args.add(o.getKey() + "=" + o.getValue());
      }
    }
    args.add("--set");
    args.add("appianon.disclosure.templates=" + dir);
    Cli.Result r =
        Cli.run(
            new CliContext(Clock.systemUTC(), Map.of(), Optional.empty()),
            args.toArray(new String[0]));
    assertEquals(ExitCode.CONFIG.code(), r.code(), r.err());
    assertTrue(
        r.err().contains("appianon.disclosure.templates") && r.err().contains(broken.toString()),
        r.err());
  }
}
