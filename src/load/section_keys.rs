//! Which front matter keys each section takes. A key that a section's
//! pages never show (`menu` on a news item, `tags` on an about page) is
//! an error, as an unknown key is: left alone, it would be ignored, or
//! worse (`menu` on a news item put it in every page's header).

use std::path::Path;

use crate::diagnostics::Diagnostic;
use crate::model::Section;

/// Every front matter key, in the order the README lists them.
const ALL_KEYS: &[&str] = &[
    "title",
    "date",
    "updated",
    "place",
    "directorate",
    "event",
    "programs",
    "tags",
    "writer",
    "editor",
    "translator",
    "photographer",
    "summary",
    "slug",
    "translation_key",
    "translation_of",
    "draft",
    "image",
    "image_alt",
    "menu",
];

const MENU: (&str, &str) = (
    "menu",
    "it places a page in the header menu, for pages in content/pages/",
);
const DATE: (&str, &str) = ("date", "only news items and events have a date");
const PLACE: (&str, &str) = ("place", "only news items and events have a place");
const DIRECTORATE: (&str, &str) = (
    "directorate",
    "only news items are listed under a directorate",
);
const EVENT: (&str, &str) = ("event", "only news items are listed under an event");
const PROGRAMS: (&str, &str) = ("programs", "only news items are listed under programs");
const TAGS: (&str, &str) = ("tags", "only news items are listed under tags");

/// The keys `section` does not take, and what they are for. A term page
/// (program, directorate, event) shows its title, body and summary, and
/// an event its date and place; the keys that list a page under a term
/// are shown only on news items.
fn not_taken(section: Section) -> &'static [(&'static str, &'static str)] {
    match section {
        Section::News => &[MENU],
        Section::Pages => &[DATE, PLACE, DIRECTORATE, EVENT, PROGRAMS, TAGS],
        Section::Events => &[MENU, DIRECTORATE, EVENT, PROGRAMS, TAGS],
        Section::Programs | Section::Directorates => {
            &[MENU, DATE, PLACE, DIRECTORATE, EVENT, PROGRAMS, TAGS]
        }
    }
}

/// Whether pages of `section` take front matter `key`.
pub fn takes(section: Section, key: &str) -> bool {
    !not_taken(section).iter().any(|(k, _)| *k == key)
}

fn section_noun(section: Section) -> &'static str {
    match section {
        Section::News => "a news item",
        Section::Programs => "a program page",
        Section::Directorates => "a directorate page",
        Section::Events => "an event page",
        Section::Pages => "a page in content/pages/",
    }
}

/// An error for each key in `present` that `section` does not take, at
/// the key's line in `yaml` (whose first line is file line `yaml_line`).
pub fn misplaced(
    present: &[&str],
    section: Section,
    yaml: &str,
    yaml_line: usize,
    path: &Path,
) -> Vec<Diagnostic> {
    let wrong = not_taken(section);
    let mut problems = Vec::new();
    for key in present {
        let Some((_, why)) = wrong.iter().find(|(k, _)| k == key) else {
            continue;
        };
        let taken: Vec<&str> = ALL_KEYS
            .iter()
            .copied()
            .filter(|k| !wrong.iter().any(|(w, _)| w == k))
            .collect();
        let line = key_line(yaml, key).map_or(yaml_line - 1, |l| l + yaml_line - 1);
        problems.push(
            Diagnostic::error(
                "front-matter.wrong-section",
                path,
                format!(
                    "`{key}` is not a key of {}: {why}; remove it (the keys {} takes are {})",
                    section_noun(section),
                    section_noun(section),
                    taken.join(", ")
                ),
            )
            .at(line, 1),
        );
    }
    problems
}

/// The 1-based line of `yaml` on which top-level `key` is written.
fn key_line(yaml: &str, key: &str) -> Option<usize> {
    yaml.lines()
        .position(|line| {
            line.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn menu_on_news_and_tags_on_a_page_are_named_at_their_line() {
        let yaml = "title: T\ndate: 2020-07-15\nmenu: 1\n";
        let problems = misplaced(&["menu"], Section::News, yaml, 2, Path::new("a.id.md"));
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, Some(4));
        assert!(problems[0].message.contains("not a key of a news item"));
        assert!(!problems[0].message.contains("image_alt, menu"));
        let problems = misplaced(
            &["date", "tags", "menu"],
            Section::Pages,
            "title: T\ndate: 2020-07-15\ntags: [a]\nmenu: 1\n",
            2,
            Path::new("p.id.md"),
        );
        let lines: Vec<_> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [Some(3), Some(4)]);
        assert!(
            misplaced(
                &["date"],
                Section::Events,
                "date: 2020-01-01\n",
                2,
                Path::new("e")
            )
            .is_empty()
        );
        let lines: Vec<_> = misplaced(
            &["date", "menu", "event"],
            Section::Directorates,
            "title: T\ndate: 2020-01-01\nmenu: 2\nevent: e\n",
            2,
            Path::new("d.en.md"),
        )
        .iter()
        .map(|p| p.line)
        .collect();
        assert_eq!(lines, [Some(3), Some(4), Some(5)]);
    }
}
