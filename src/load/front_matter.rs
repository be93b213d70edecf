//! Front matter: split from the Markdown body, parsed, and validated into
//! a typed `FrontMatter`. Every problem is a diagnostic with file, line
//! and column; one file may report several.

use std::path::Path;

use serde::{Deserialize, Deserializer};
use serde_saphyr::Spanned;

pub use super::dates::parse_date;
use super::dates::{EARLIEST_YEAR, dates_shown};
pub use super::text::body_text;
use super::text::{has_visible_text, without_invisible_marks};
use super::yaml;
use crate::config::is_plain_segment;
use crate::diagnostics::Diagnostic;
use crate::model::{Credits, FrontMatter, PubDate, Section, TranslationOf};

/// The front matter text, the body, and where each starts.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    pub body: &'a str,
    /// 1-based line of the file on which the body starts.
    pub body_line: usize,
}

/// Splits `---\n<yaml>\n---\n<body>`. The text has LF line endings.
pub fn split(text: &str) -> Result<Split<'_>, (&'static str, String)> {
    if text.trim().is_empty() {
        return Err((
            "front-matter.missing",
            "the file is empty; a content file starts with front matter between `---` lines"
                .to_string(),
        ));
    }
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or_default();
    if first.trim_end() != "---" {
        return Err((
            "front-matter.missing",
            "no front matter: a content file starts with a `---` line, then `title: ...`, then `---`".to_string(),
        ));
    }
    let yaml_start = first.len();
    let mut offset = yaml_start;
    let mut line = 1;
    for current in lines {
        line += 1;
        if current.trim_end() == "---" {
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                body: &text[offset + current.len()..],
                body_line: line + 1,
            });
        }
        offset += current.len();
    }
    Err((
        "front-matter.unclosed",
        "front matter is not closed: add a `---` line after the last key".to_string(),
    ))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFrontMatter {
    title: Option<Spanned<String>>,
    date: Option<Spanned<String>>,
    updated: Option<Spanned<String>>,
    place: Option<String>,
    directorate: Option<Spanned<String>>,
    event: Option<Spanned<String>>,
    programs: Option<Vec<Spanned<String>>>,
    tags: Option<Vec<Spanned<String>>>,
    #[serde(default, deserialize_with = "names")]
    writer: Vec<String>,
    #[serde(default, deserialize_with = "names")]
    editor: Vec<String>,
    #[serde(default, deserialize_with = "names")]
    translator: Vec<String>,
    #[serde(default, deserialize_with = "names")]
    photographer: Vec<String>,
    summary: Option<String>,
    slug: Option<Spanned<String>>,
    translation_key: Option<Spanned<String>>,
    translation_of: Option<RawTranslationOf>,
    draft: Option<bool>,
    image: Option<Spanned<String>>,
    image_alt: Option<String>,
    menu: Option<i64>,
}

impl RawFrontMatter {
    /// The keys whose presence depends on the section (see `section_keys`).
    fn keys_given(&self) -> Vec<&'static str> {
        [
            ("date", self.date.is_some()),
            ("place", self.place.is_some()),
            ("directorate", self.directorate.is_some()),
            ("event", self.event.is_some()),
            ("programs", self.programs.is_some()),
            ("tags", self.tags.is_some()),
            ("menu", self.menu.is_some()),
        ]
        .into_iter()
        .filter_map(|(key, given)| given.then_some(key))
        .collect()
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTranslationOf {
    lang: String,
    hash: String,
}

/// A credit is one name or a list of names.
fn names<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    struct Names;
    impl<'de> serde::de::Visitor<'de> for Names {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a name or a list of names")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(vec![v.to_string()])
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(name) = seq.next_element::<String>()? {
                out.push(name);
            }
            Ok(out)
        }
    }
    deserializer.deserialize_any(Names)
}

/// Parses and validates the front matter of a file in `section`.
/// `yaml_line` is the file line on which the YAML text starts.
pub fn parse(
    text: &str,
    path: &Path,
    section: Section,
    yaml_line: usize,
) -> Result<FrontMatter, Vec<Diagnostic>> {
    let raw: RawFrontMatter = yaml::from_str(text, path, yaml_line - 1).map_err(|d| vec![d])?;
    let mut problems = Vec::new();
    let keys_given = raw.keys_given();
    let at = |location: &serde_saphyr::Location| {
        let line = location.line() as usize;
        let line = if line == 0 { 0 } else { line + yaml_line - 1 };
        (line, location.column() as usize)
    };
    let invalid = |code: &'static str, spanned_at: (usize, usize), message: String| {
        Diagnostic::error(code, path, message).at(spanned_at.0, spanned_at.1)
    };
    // Missing keys have no place of their own: point at the opening
    // `---`; a key written without a value (`title:`, `title: null`) is
    // named at its line.
    let missing = |key: &str| match yaml::key_line(text, key) {
        Some(line) => Diagnostic::error(
            "front-matter.missing-key",
            path,
            format!("`{key}` has no value: write one after `{key}:`"),
        )
        .at(line + yaml_line - 1, 1),
        None => Diagnostic::error(
            "front-matter.missing-key",
            path,
            format!("missing required key `{key}`"),
        )
        .at(yaml_line - 1, 1),
    };

    let title = match raw.title {
        Some(t) if has_visible_text(&t.value) => without_invisible_marks(&t.value),
        Some(t) => {
            problems.push(invalid(
                "front-matter.invalid",
                at(&t.referenced),
                if t.value.is_empty() {
                    "`title` is empty".to_string()
                } else {
                    "`title` has no visible character (only spaces, no-break or zero-width spaces, or other characters that show nothing)"
                        .to_string()
                },
            ));
            String::new()
        }
        None => {
            problems.push(missing("title"));
            String::new()
        }
    };

    let mut date_of = |key: &str, value: Option<Spanned<String>>| -> Option<PubDate> {
        let value = value?;
        match parse_date(&value.value) {
            // Year 0 and the like are typing slips, and come out as nonsense
            // in every date format a reader or feed reader sees.
            Some(date) if date.date().year() < EARLIEST_YEAR => {
                problems.push(invalid(
                    "front-matter.invalid-date",
                    at(&value.referenced),
                    format!(
                        "`{key}: {}` is before {EARLIEST_YEAR}: write the real date, YYYY-MM-DD",
                        value.value
                    ),
                ));
                None
            }
            Some(date) => Some(date),
            None => {
                problems.push(invalid(
                    "front-matter.invalid-date",
                    at(&value.referenced),
                    format!(
                        "`{key}: {}` is not a date: write YYYY-MM-DD (2020-07-15) or an RFC 3339 time (2020-07-15T09:30:00+07:00)",
                        value.value
                    ),
                ));
                None
            }
        }
    };
    let updated_at = raw.updated.as_ref().map(|u| at(&u.referenced));
    let date = date_of("date", raw.date);
    let updated = date_of("updated", raw.updated);
    if let (Some(date), Some(updated), Some(position)) = (date, updated, updated_at)
        && updated.is_before(&date)
    {
        problems.push(invalid(
            "front-matter.invalid-date",
            position,
            format!(
                "`updated: {}` is before `date: {}`: a page is updated after it is published",
                dates_shown(updated),
                dates_shown(date)
            ),
        ));
    }

    let mut key_of = |name: &str, value: Spanned<String>| -> Option<String> {
        let key = value.value.trim().to_string();
        if is_key(&key) {
            Some(key)
        } else if key.is_empty() && name == "directorate" {
            // As `warta new` leaves it; the loader adds the keys there are.
            problems.push(invalid(
                EMPTY_DIRECTORATE,
                at(&value.referenced),
                "`directorate` is empty: name the directorate of this news item by the file name of its page in content/directorates/ (`dayasos` for dayasos.id.md)".to_string(),
            ));
            None
        } else {
            problems.push(invalid(
                "front-matter.invalid-key",
                at(&value.referenced),
                format!(
                    "`{name}: {}` is not a key: use lowercase letters, digits and `-`, as in the file name of its page",
                    value.value
                ),
            ));
            None
        }
    };
    let directorate = raw.directorate.and_then(|v| key_of("directorate", v));
    let event = raw.event.and_then(|v| key_of("event", v));
    let programs: Vec<String> = raw
        .programs
        .unwrap_or_default()
        .into_iter()
        .filter_map(|v| key_of("programs", v))
        .collect();
    let tags: Vec<String> = raw
        .tags
        .unwrap_or_default()
        .into_iter()
        .filter_map(|v| key_of("tags", v))
        .collect();

    let slug = raw.slug.and_then(|s| {
        if is_plain_segment(&s.value) {
            Some((s.value, at(&s.referenced)))
        } else {
            problems.push(invalid(
                "front-matter.invalid-slug",
                at(&s.referenced),
                format!(
                    "`slug: {}` must be one plain URL segment: letters, digits, `-` or `_`, without `/`, `\\`, `..` or spaces",
                    s.value.escape_debug()
                ),
            ));
            None
        }
    });
    let translation_key = raw.translation_key.and_then(|k| {
        if is_plain_segment(&k.value) {
            Some(k.value)
        } else {
            problems.push(invalid(
                "front-matter.invalid-key",
                at(&k.referenced),
                format!(
                    "`translation_key: {}` must be one plain word: letters, digits, `-` or `_`",
                    k.value.escape_debug()
                ),
            ));
            None
        }
    });

    problems.extend(super::section_keys::misplaced(
        &keys_given,
        section,
        text,
        yaml_line,
        path,
    ));
    if section == Section::News {
        if date.is_none()
            && !problems
                .iter()
                .any(|p| p.code == "front-matter.invalid-date")
        {
            problems.push(missing("date"));
        }
        if directorate.is_none()
            && !problems.iter().any(|p| {
                p.message.starts_with("`directorate") && p.code != "front-matter.missing-key"
            })
        {
            problems.push(missing("directorate"));
        }
    }
    let image = raw.image.map(|i| (i.value, at(&i.referenced)));
    let image_alt = raw.image_alt.filter(|alt| !alt.trim().is_empty());
    if let Some((_, position)) = &image
        && image_alt.is_none()
    {
        problems.push(invalid(
            "front-matter.missing-key",
            *position,
            "`image` needs `image_alt`: a short description of the image for readers who cannot see it".to_string(),
        ));
    }

    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(FrontMatter {
        title,
        date,
        updated,
        place: raw.place.filter(|p| !p.trim().is_empty()),
        directorate,
        event,
        programs,
        tags,
        credits: Credits {
            writer: raw.writer,
            editor: raw.editor,
            translator: raw.translator,
            photographer: raw.photographer,
        },
        summary: raw.summary.filter(|s| !s.trim().is_empty()),
        slug_at: slug.as_ref().map(|(_, at)| *at),
        slug: slug.map(|(slug, _)| slug),
        translation_key,
        translation_of: raw.translation_of.map(|t| TranslationOf {
            lang: t.lang,
            hash: t.hash,
        }),
        draft: raw.draft.unwrap_or(false),
        image_at: image.as_ref().map(|(_, at)| *at),
        image: image.map(|(path, _)| path),
        image_alt,
        menu: raw.menu,
    })
}

/// The code of `directorate: ""`, whose message the loader completes
/// with the directorates the site has.
pub const EMPTY_DIRECTORATE: &str = "front-matter.empty-directorate";

/// A taxonomy key: what `content/<section>/<key>.<lang>.md` would be named.
pub fn is_key(key: &str) -> bool {
    !key.is_empty()
        && !key.starts_with('-')
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_finds_yaml_and_body_lines() {
        let s = split("---\ntitle: x\n---\nbody\n").unwrap();
        assert_eq!(s.yaml, "title: x\n");
        assert_eq!(s.body, "body\n");
        assert_eq!(s.body_line, 4);
        assert_eq!(
            split("---\ntitle: x\n").unwrap_err().0,
            "front-matter.unclosed"
        );
        assert_eq!(split("").unwrap_err().0, "front-matter.missing");
        assert_eq!(
            split("# no front matter").unwrap_err().0,
            "front-matter.missing"
        );
        assert_eq!(split("---\n---").unwrap().yaml, "");
    }

    fn parse_news(yaml: &str) -> Result<FrontMatter, Vec<Diagnostic>> {
        parse(yaml, Path::new("content/news/a.id.md"), Section::News, 2)
    }

    #[test]
    fn news_needs_title_date_and_directorate() {
        let problems = parse_news("place: Bekasi\n").unwrap_err();
        let messages: Vec<_> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "missing required key `title`",
                "missing required key `date`",
                "missing required key `directorate`"
            ]
        );
        assert!(problems.iter().all(|p| p.line == Some(1)));
    }

    #[test]
    fn a_bad_date_names_its_line() {
        let problems = parse_news("title: T\ndirectorate: d\ndate: 2020-13-45\n").unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].code, "front-matter.invalid-date");
        assert_eq!(problems[0].line, Some(4));
    }

    #[test]
    fn slugs_must_be_one_segment() {
        for bad in ["../x", "a/b", "/abs", "a\\b", "a b", ".."] {
            let yaml = format!("title: T\nslug: \"{bad}\"\n");
            let problems = parse(&yaml, Path::new("p.md"), Section::Pages, 2).unwrap_err();
            assert_eq!(problems[0].code, "front-matter.invalid-slug", "{bad}");
        }
    }

    #[test]
    fn credits_take_one_name_or_a_list() {
        let fm = parse_news(
            "title: T\ndate: 2020-07-15\ndirectorate: dayasos\nwriter: A\neditor: [B, C]\nphotographer: D\n",
        )
        .unwrap();
        assert_eq!(fm.credits.writer, ["A"]);
        assert_eq!(fm.credits.editor, ["B", "C"]);
        assert_eq!(fm.credits.photographer, ["D"]);
    }

    #[test]
    fn image_needs_alt_text() {
        let problems = parse(
            "title: T\nimage: /a.jpg\n",
            Path::new("p.md"),
            Section::Pages,
            2,
        )
        .unwrap_err();
        assert!(problems[0].message.contains("image_alt"));
    }
}
