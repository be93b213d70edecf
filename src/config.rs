//! `site.yaml`: read, checked and turned into a `SiteConfig`.
//!
//! The first thing a build loads; every later stage asks it for languages,
//! URL segments and the base URL.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::diagnostics::Diagnostic;
use crate::layout::CONFIG_FILE;
use crate::load::yaml;
use crate::model::{LangIdx, Segment};

/// Whether a page with no translation in a language shows in that
/// language's lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Untranslated {
    #[default]
    List,
    Hide,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    base_url: Option<String>,
    default_language: Option<String>,
    languages: Option<Vec<String>>,
    sections: Option<RawSections>,
    paginate: Option<u32>,
    untranslated: Option<Untranslated>,
    feed_entries: Option<u32>,
    raw_html: Option<bool>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawSections {
    news: Option<BTreeMap<String, String>>,
    programs: Option<BTreeMap<String, String>>,
    directorates: Option<BTreeMap<String, String>>,
    events: Option<BTreeMap<String, String>>,
    tags: Option<BTreeMap<String, String>>,
    search: Option<BTreeMap<String, String>>,
}

impl RawSections {
    fn get(&self, segment: Segment) -> Option<&BTreeMap<String, String>> {
        match segment {
            Segment::News => self.news.as_ref(),
            Segment::Programs => self.programs.as_ref(),
            Segment::Directorates => self.directorates.as_ref(),
            Segment::Events => self.events.as_ref(),
            Segment::Tags => self.tags.as_ref(),
            Segment::Search => self.search.as_ref(),
        }
    }
}

/// The absolute URL the site is published at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    /// `https://host` without a trailing slash.
    pub origin: String,
    /// The path below the origin, without a trailing slash: `` for a
    /// domain root, `/warta` for `https://host/warta/`.
    pub path: String,
}

impl BaseUrl {
    /// Parses `http(s)://host[:port][/path]`; the trailing slash is optional.
    pub fn parse(text: &str) -> Result<BaseUrl, String> {
        let text = text.trim();
        let rest = text
            .strip_prefix("https://")
            .or_else(|| text.strip_prefix("http://"))
            .ok_or_else(|| format!("`{text}` is not an http:// or https:// URL"))?;
        let scheme_len = text.len() - rest.len();
        let (host, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, ""),
        };
        if host.is_empty() || host.contains(['?', '#', ' ', '@']) {
            return Err(format!("`{text}` has no valid host"));
        }
        if path.contains(['?', '#', ' ', '\\']) {
            return Err(format!(
                "`{text}` must be a plain URL without query, fragment or spaces"
            ));
        }
        let path = path.trim_end_matches('/');
        if path.split('/').any(|s| s == ".." || s == ".") {
            return Err(format!("`{text}` has `.` or `..` in its path"));
        }
        Ok(BaseUrl {
            origin: text[..scheme_len + host.len()].to_string(),
            path: path.to_string(),
        })
    }
}

/// The validated site configuration.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    pub title: String,
    pub base_url: Option<BaseUrl>,
    /// Language codes in switcher order.
    pub languages: Vec<String>,
    pub default_language: LangIdx,
    /// `segments[segment as usize][lang]`.
    segments: Vec<Vec<String>>,
    pub paginate: usize,
    pub untranslated: Untranslated,
    /// Entries per Atom feed.
    pub feed_entries: usize,
    /// Raw HTML in Markdown is passed through (`raw_html: false` drops it
    /// and refuses `javascript:` links, for sites whose authors are not
    /// all trusted; see SECURITY.md).
    pub raw_html: bool,
}

impl SiteConfig {
    pub fn lang_code(&self, lang: LangIdx) -> &str {
        &self.languages[lang]
    }

    pub fn lang_index(&self, code: &str) -> Option<LangIdx> {
        self.languages.iter().position(|l| l == code)
    }

    /// The localized URL segment, e.g. `berita` for news in `id`.
    pub fn segment(&self, segment: Segment, lang: LangIdx) -> &str {
        &self.segments[segment as usize][lang]
    }

    /// The path prefix of every internal link (`` or `/warta`).
    pub fn base_path(&self) -> &str {
        self.base_url.as_ref().map_or("", |b| b.path.as_str())
    }

    /// Reads `site.yaml` from the site folder; `base_url_override` is
    /// `--base-url` from the command line.
    pub fn load(
        site: &Path,
        base_url_override: Option<&str>,
    ) -> Result<SiteConfig, Vec<Diagnostic>> {
        let path = site.join(CONFIG_FILE);
        let bytes = std::fs::read(&path).map_err(|e| {
            let message = if e.kind() == std::io::ErrorKind::NotFound {
                format!(
                    "no {CONFIG_FILE} in {}: is this a warta site?",
                    site.display()
                )
            } else {
                format!("cannot read {CONFIG_FILE}: {e}")
            };
            vec![Diagnostic::error("config.read", CONFIG_FILE, message)]
        })?;
        let text = yaml::decode_utf8(&bytes)
            .map_err(|e| vec![e.diagnostic("config.not-utf8", CONFIG_FILE)])?;
        SiteConfig::parse(&text, base_url_override)
    }

    /// Parses and validates the text of `site.yaml`, collecting every problem.
    pub fn parse(
        text: &str,
        base_url_override: Option<&str>,
    ) -> Result<SiteConfig, Vec<Diagnostic>> {
        let raw: RawConfig =
            yaml::from_str(text, Path::new(CONFIG_FILE), 0).map_err(|d| vec![d])?;
        let mut problems = Vec::new();
        // At the line of the key the problem is about (of its first
        // line, for `sections`), or of the file when it is not written.
        let at = |key: &str, message: String| {
            let diagnostic = Diagnostic::error("config.invalid", CONFIG_FILE, message);
            match yaml::key_line(text, key) {
                Some(line) => diagnostic.at(line, 1),
                None => diagnostic,
            }
        };

        // Not written, they are the two languages warta is built for; a
        // site in other languages names them all.
        let languages: Vec<String> = match &raw.languages {
            Some(listed) if listed.is_empty() => {
                problems.push(at(
                    "languages",
                    "`languages` is empty: list the site's languages, as in `languages: [id, en]`"
                        .to_string(),
                ));
                vec!["id".to_string()]
            }
            Some(listed) => listed.clone(),
            None => vec!["id".to_string(), "en".to_string()],
        };
        for (i, code) in languages.iter().enumerate() {
            if code.parse::<unic_langid::LanguageIdentifier>().is_err() || code.contains('_') {
                problems.push(at("languages", format!(
                    "`{code}` in `languages` is not a language code (BCP 47, e.g. `id`, `en`, `jv`)"
                )));
            } else if let Some(primary) = code.split('-').next()
                && primary != primary.to_lowercase()
            {
                // File names carry the code (`x.en.md`): `EN` would match
                // none of them, and every file would be an error.
                let written = format!("{}{}", primary.to_lowercase(), &code[primary.len()..]);
                problems.push(at(
                    "languages",
                    format!(
                        "`{code}` in `languages`: write the language in lower case, `{written}`, as file names carry it (`x.{written}.md`)"
                    ),
                ));
            } else if languages[..i].contains(code) {
                problems.push(at(
                    "languages",
                    format!("`{code}` is listed twice in `languages`"),
                ));
            }
        }
        let default_language = match &raw.default_language {
            Some(code) => languages.iter().position(|l| l == code).unwrap_or_else(|| {
                let written = if raw.languages.is_some() {
                    ""
                } else {
                    ", which are id and en when not written: add `languages` with every language of the site"
                };
                problems.push(at(
                    "default_language",
                    format!(
                        "`default_language: {code}` is not one of `languages` ({}){written}",
                        languages.join(", ")
                    ),
                ));
                0
            }),
            None => 0,
        };

        let sections = raw.sections.unwrap_or_default();
        let mut segments = Vec::new();
        for segment in Segment::ALL {
            let configured = sections.get(segment);
            if let Some(map) = configured {
                for code in map.keys() {
                    if !languages.contains(code) {
                        problems.push(at(
                            "sections",
                            format!(
                                "`sections.{}.{code}`: `{code}` is not one of `languages`",
                                segment.key()
                            ),
                        ));
                    }
                }
            }
            let mut per_lang = Vec::new();
            for code in &languages {
                let value = configured
                    .and_then(|m| m.get(code))
                    .map(String::as_str)
                    .unwrap_or_else(|| segment.default_for(code));
                if !is_plain_segment(value) {
                    problems.push(at("sections", format!(
                        "`sections.{}.{code}: {value}` must be one plain URL segment (letters, digits, `-`, `_`)",
                        segment.key()
                    )));
                }
                per_lang.push(value.to_string());
            }
            segments.push(per_lang);
        }
        for lang in 0..languages.len() {
            for a in 0..Segment::ALL.len() {
                for b in a + 1..Segment::ALL.len() {
                    if segments[a][lang] == segments[b][lang] {
                        problems.push(at(
                            "sections",
                            format!(
                                "`sections.{}` and `sections.{}` both use `{}` in `{}`",
                                Segment::ALL[a].key(),
                                Segment::ALL[b].key(),
                                segments[a][lang],
                                languages[lang]
                            ),
                        ));
                    }
                }
            }
        }

        let base_url_text = base_url_override.or(raw.base_url.as_deref());
        let base_url = match base_url_text {
            Some(text) => match BaseUrl::parse(text) {
                Ok(url) => Some(url),
                Err(message) => {
                    if base_url_override.is_some() {
                        problems.push(Diagnostic::error(
                            "config.invalid",
                            CONFIG_FILE,
                            format!("--base-url: {message}"),
                        ));
                    } else {
                        problems.push(at("base_url", format!("`base_url`: {message}")));
                    }
                    None
                }
            },
            None => None,
        };

        let paginate = raw.paginate.unwrap_or(20) as usize;
        if paginate == 0 {
            problems.push(at(
                "paginate",
                "`paginate: 0`: a list page must show at least 1 item".to_string(),
            ));
        }
        if raw.feed_entries == Some(0) {
            problems.push(at(
                "feed_entries",
                "`feed_entries: 0` would make every feed empty: give at least 1".to_string(),
            ));
        }
        if raw.title.trim().is_empty() {
            problems.push(at(
                "title",
                "`title` is empty: write the site's name, as in `title: Warta Kemensos`"
                    .to_string(),
            ));
        }

        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(SiteConfig {
            title: raw.title,
            base_url,
            languages,
            default_language,
            segments,
            paginate,
            untranslated: raw.untranslated.unwrap_or_default(),
            feed_entries: raw.feed_entries.unwrap_or(20) as usize,
            raw_html: raw.raw_html.unwrap_or(true),
        })
    }
}

/// One URL path segment that needs no escaping and cannot climb out of
/// its folder.
pub fn is_plain_segment(value: &str) -> bool {
    !value.is_empty()
        && value != "."
        && value != ".."
        && value
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_path_is_kept_without_trailing_slash() {
        let url = BaseUrl::parse("https://host.example/warta/").unwrap();
        assert_eq!(url.origin, "https://host.example");
        assert_eq!(url.path, "/warta");
        assert_eq!(BaseUrl::parse("http://h:8080").unwrap().path, "");
        assert!(BaseUrl::parse("ftp://h/").is_err());
        assert!(BaseUrl::parse("https://h/a/../b").is_err());
    }

    #[test]
    fn defaults_fill_languages_and_segments() {
        let config = SiteConfig::parse("title: T\n", None).unwrap();
        assert_eq!(config.languages, ["id", "en"]);
        assert_eq!(config.segment(Segment::News, 0), "berita");
        assert_eq!(config.segment(Segment::Tags, 1), "topics");
        assert_eq!(config.paginate, 20);
    }

    #[test]
    fn default_language_must_be_listed() {
        let problems = SiteConfig::parse(
            "title: T\nlanguages: [id, en]\ndefault_language: jv\n",
            None,
        )
        .unwrap_err();
        assert!(problems[0].message.contains("default_language: jv"));
    }

    #[test]
    fn clashing_segments_are_an_error() {
        let text = "title: T\nsections:\n  news: {id: program}\n";
        let problems = SiteConfig::parse(text, None).unwrap_err();
        assert!(
            problems[0].message.contains("both use `program`"),
            "{problems:?}"
        );
    }
}
