//! Unit tests of `Locales`.

use super::*;
use crate::config::SiteConfig;

fn site_file(lang: LangIdx, text: &str) -> (LangIdx, SourceText) {
    (
        lang,
        SourceText {
            path: format!("locales/{lang}/site.ftl"),
            text: text.to_string(),
        },
    )
}

#[test]
fn builtin_messages_parse() {
    let config = SiteConfig::parse("title: T\n", None).unwrap();
    let (_, problems) = Locales::new(&config, &[]);
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn site_message_overrides_one_message_and_keeps_the_rest() {
    let config = SiteConfig::parse("title: T\n", None).unwrap();
    let (locales, problems) =
        Locales::new(&config, &[site_file(1, "news-title = Press releases\n")]);
    assert!(problems.is_empty());
    assert_eq!(locales.text(1, "news-title"), "Press releases");
    assert_eq!(locales.text(0, "news-title"), "Berita");
    assert_eq!(locales.format(1, "skip-to-content", None).1, Found::Own);
}

#[test]
fn plurals_follow_each_language() {
    let config = SiteConfig::parse("title: T\n", None).unwrap();
    let (locales, _) = Locales::new(&config, &[]);
    assert_eq!(locales.count(1, "news-count", 1), "1 news item");
    assert_eq!(locales.count(1, "news-count", 3), "3 news items");
    assert_eq!(locales.count(0, "news-count", 3), "3 berita");
}

#[test]
fn a_language_without_messages_falls_back_to_the_default_then_english() {
    let config = SiteConfig::parse("title: T\nlanguages: [id, en, jv]\n", None).unwrap();
    let (locales, problems) = Locales::new(&config, &[]);
    assert_eq!(
        locales.format(2, "news-title", None),
        ("Berita".to_string(), Found::Fallback)
    );
    // The default language without messages: warta's English.
    let config = SiteConfig::parse(
        "title: T\ndefault_language: jv\nlanguages: [id, en, jv]\n",
        None,
    )
    .unwrap();
    let (default_jv, _) = Locales::new(&config, &[]);
    assert_eq!(
        default_jv.format(2, "news-title", None),
        ("News".to_string(), Found::Fallback)
    );
    assert_eq!(locales.own(2, "language-name"), None);
    assert!(locales.missing_in(2).is_empty());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(locales.format(2, "no-such-key", None).1, Found::Missing);
}

#[test]
fn syntax_errors_name_line_and_column() {
    let config = SiteConfig::parse("title: T\n", None).unwrap();
    let (_, problems) = Locales::new(&config, &[site_file(0, "ok = fine\n\nbroken = { $x\n")]);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].line, Some(3));
}

#[test]
fn line_column_counts_characters() {
    assert_eq!(line_column("ab\ncé d", 7), (2, 4));
    assert_eq!(line_column("", 0), (1, 1));
}
