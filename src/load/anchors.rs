//! The ids a page's body gives its headings, footnotes and raw HTML:
//! what a link's `#fragment` may name. Rendering a body finds them on the
//! way (`AnchorFinder`), so a clean build parses each body once; a page
//! whose ids are asked for before its body is rendered (a `#fragment`
//! link to it) has its body parsed for them then. The cache keeps them
//! with the page, which it gives without its body.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// Ids the theme itself uses on every page; headings must not take them,
/// and a fragment may name them.
pub const RESERVED_IDS: &[&str] = &[
    "main",
    "term-news",
    "latest-news",
    "upcoming-events",
    "upcoming-events-title",
    "recent-events",
    "recent-events-title",
    "home-programs",
    "home-directorates",
    "search",
    "search-q",
    "site-search-q",
];

/// Gives each heading of one page an id no other element of it has: its
/// `{#explicit}` id or its slugged text, then `-1`, `-2` … when taken.
pub struct HeadingIds {
    taken: HashSet<String>,
    /// Per base, the first suffix not yet tried: every lower one is taken
    /// for good, so many equal headings stay linear instead of retrying
    /// `-1`, `-2` … each time.
    next_suffix: HashMap<String, usize>,
}

impl Default for HeadingIds {
    fn default() -> Self {
        HeadingIds {
            taken: RESERVED_IDS.iter().map(|s| s.to_string()).collect(),
            next_suffix: HashMap::new(),
        }
    }
}

impl HeadingIds {
    /// Whether the page has given `id` already (or the theme uses it).
    pub fn is_taken(&self, id: &str) -> bool {
        self.taken.contains(id)
    }

    /// The id of the next heading, whose text is `text`.
    pub fn next(&mut self, explicit: Option<&str>, text: &str) -> String {
        let wanted = match explicit {
            Some(explicit) => explicit.to_string(),
            None => slug::slugify(text),
        };
        let base = if wanted.is_empty() {
            "section".to_string()
        } else {
            wanted
        };
        let mut candidate = base.clone();
        if self.taken.contains(&candidate) {
            let n = self.next_suffix.entry(base.clone()).or_insert(1);
            while self.taken.contains(&candidate) {
                candidate = format!("{base}-{n}");
                *n += 1;
            }
        }
        self.taken.insert(candidate.clone());
        candidate
    }
}

/// A page's ids, found once: by rendering its body, by a link that asks
/// first, or as the cache kept them.
#[derive(Debug, Clone, Default)]
pub struct Anchors(OnceLock<Vec<String>>);

impl Anchors {
    /// The ids, found in `body` if nothing found them yet.
    pub fn of(&self, body: &str) -> &[String] {
        self.0.get_or_init(|| anchors(body))
    }

    /// Whether they were found (or kept) already.
    pub fn is_known(&self) -> bool {
        self.0.get().is_some()
    }

    /// Keeps the ids rendering found, unless they were found first.
    pub fn offer(&self, ids: Vec<String>) {
        if let Err(ids) = self.0.set(ids) {
            debug_assert_eq!(self.0.get(), Some(&ids), "rendering and `anchors` disagree");
        }
    }
}

/// Kept as the ids when found, else as none found yet.
impl serde::Serialize for Anchors {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.get().serialize(serializer)
    }
}

impl<'de> serde::Deserialize<'de> for Anchors {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let ids: Option<Vec<String>> = serde::Deserialize::deserialize(deserializer)?;
        Ok(Anchors(ids.map_or_else(OnceLock::new, OnceLock::from)))
    }
}

/// Finds a body's ids from its events, for `anchors` and for rendering
/// alike: fed every event the parser gives, in order, before any is
/// changed or left out, and each heading's id at its end.
#[derive(Default)]
pub struct AnchorFinder {
    found: Vec<String>,
}

impl AnchorFinder {
    /// Notes an event's ids other than a heading's.
    pub fn see(&mut self, event: &Event<'_>) {
        match event {
            Event::Start(Tag::FootnoteDefinition(label)) => self.found.push(label.to_string()),
            Event::Html(html) | Event::InlineHtml(html) => html_ids(html, &mut self.found),
            _ => {}
        }
    }

    /// Notes the id a heading was given, at its end.
    pub fn heading(&mut self, id: &str) {
        self.found.push(id.to_string());
    }

    pub fn into_ids(self) -> Vec<String> {
        self.found
    }
}

/// Whether a body can hold an id at all: most news bodies have no
/// heading, footnote or HTML, and need not be parsed here.
fn may_have_anchors(body: &str) -> bool {
    body.contains('#')
        || body.contains("[^")
        // HTML attribute names are read in any case, as `html_ids` does.
        || contains_ignoring_case(body, b"id=")
        || contains_ignoring_case(body, b"name=")
        || body.lines().any(|line| {
            let line = line.trim();
            !line.is_empty() && (line.bytes().all(|b| b == b'=') || line.bytes().all(|b| b == b'-'))
        })
}

fn contains_ignoring_case(text: &str, lower: &[u8]) -> bool {
    text.as_bytes()
        .windows(lower.len())
        .any(|w| w.eq_ignore_ascii_case(lower))
}

/// Every id the body defines, in the order they appear: headings (as
/// rendering names them), footnote definitions, and `id`/`name`
/// attributes of raw HTML.
pub fn anchors(body: &str) -> Vec<String> {
    if !may_have_anchors(body) {
        return Vec::new();
    }
    let mut finder = AnchorFinder::default();
    let mut ids = HeadingIds::default();
    let mut heading: Option<(Option<String>, String)> = None;
    for event in Parser::new_ext(body, super::summary::markdown_options()) {
        finder.see(&event);
        match event {
            Event::Start(Tag::Heading { id, .. }) => {
                heading = Some((id.map(|i| i.to_string()), String::new()));
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, heading_text)) = &mut heading {
                    heading_text.push_str(&text);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((explicit, text)) = heading.take() {
                    finder.heading(&ids.next(explicit.as_deref(), &text));
                }
            }
            _ => {}
        }
    }
    finder.into_ids()
}

/// The values of `id="…"` and `name="…"` attributes in a piece of HTML.
fn html_ids(html: &str, found: &mut Vec<String>) {
    let lower = html.to_ascii_lowercase();
    for attribute in [" id=", " name="] {
        let mut rest = lower.as_str();
        let mut offset = 0;
        while let Some(at) = rest.find(attribute) {
            let start = offset + at + attribute.len();
            let value = &html[start..];
            let id = match value.chars().next() {
                Some(quote @ ('"' | '\'')) => value[1..].split(quote).next(),
                Some(_) => value.split([' ', '>', '/', '\t', '\n']).next(),
                None => None,
            };
            if let Some(id) = id.filter(|id| !id.is_empty()) {
                found.push(id.to_string());
            }
            offset = start;
            rest = &lower[offset..];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_footnotes_and_html_ids_are_anchors() {
        let body = "## Latar Belakang\n\n## Latar Belakang\n\n## Main\n\n### Custom {#mine}\n\nTeks[^catatan].\n\n[^catatan]: Isi.\n\n<a id=\"jangkar\"></a> <span NAME='lama'>x</span>\n\nSetext\n------\n";
        assert_eq!(
            anchors(body),
            [
                "latar-belakang",
                "latar-belakang-1",
                "main-1",
                "mine",
                "catatan",
                "jangkar",
                "lama",
                "setext"
            ]
        );
    }

    #[test]
    fn html_attributes_are_read_in_any_case() {
        assert_eq!(
            anchors("<a ID=\"atas\"></a> <a NAME=lama></a>\n"),
            ["atas", "lama"]
        );
    }

    #[test]
    fn a_body_without_markers_is_not_parsed_for_nothing() {
        assert!(anchors("Teks biasa, tanpa judul.\n\nParagraf kedua.\n").is_empty());
        assert!(anchors("`# bukan judul`\n").is_empty());
    }
}
