//! Indexes: news items by directorate, event, program and tag, and by
//! year. Built once from the language lists, so every index of a language
//! is already newest first and holds the same rows (untranslated ones
//! included) as the news list.

use std::collections::BTreeMap;

use crate::diagnostics::{Diagnostic, display_path};
use crate::model::{FrontMatter, Page, PageId, Section, Segment};

use super::ListEntry;
use super::translations::TranslationGroup;

/// The four ways news items are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Taxonomy {
    Directorate,
    Event,
    Program,
    Tag,
}

impl Taxonomy {
    pub const ALL: [Taxonomy; 4] = [
        Taxonomy::Directorate,
        Taxonomy::Event,
        Taxonomy::Program,
        Taxonomy::Tag,
    ];

    pub fn segment(self) -> Segment {
        match self {
            Taxonomy::Directorate => Segment::Directorates,
            Taxonomy::Event => Segment::Events,
            Taxonomy::Program => Segment::Programs,
            Taxonomy::Tag => Segment::Tags,
        }
    }

    /// The content section holding the term pages (tags have none).
    pub fn section(self) -> Option<Section> {
        match self {
            Taxonomy::Directorate => Some(Section::Directorates),
            Taxonomy::Event => Some(Section::Events),
            Taxonomy::Program => Some(Section::Programs),
            Taxonomy::Tag => None,
        }
    }

    pub fn of_section(section: Section) -> Option<Taxonomy> {
        Taxonomy::ALL
            .into_iter()
            .find(|t| t.section() == Some(section))
    }

    /// The front matter key, and the prefix of the Fluent message that
    /// names a term without a page (`directorate-dayasos`).
    pub fn key(self) -> &'static str {
        match self {
            Taxonomy::Directorate => "directorate",
            Taxonomy::Event => "event",
            Taxonomy::Program => "program",
            Taxonomy::Tag => "tag",
        }
    }

    /// The terms a page's front matter names.
    pub fn terms_of(self, front: &FrontMatter) -> &[String] {
        match self {
            Taxonomy::Directorate => front.directorate.as_slice(),
            Taxonomy::Event => front.event.as_slice(),
            Taxonomy::Program => &front.programs,
            Taxonomy::Tag => &front.tags,
        }
    }
}

/// One directorate, event, program or tag.
#[derive(Debug, Clone)]
pub struct Term {
    pub key: String,
    /// The translation group of the term's own pages, if it has any.
    pub group: Option<usize>,
    /// `entries[lang]`: the term's news in that language, newest first.
    pub entries: Vec<Vec<ListEntry>>,
}

/// Every term of one taxonomy, by key.
#[derive(Debug, Clone)]
pub struct TermIndex {
    pub taxonomy: Taxonomy,
    pub terms: Vec<Term>,
}

impl TermIndex {
    pub fn find(&self, key: &str) -> Option<usize> {
        self.terms
            .binary_search_by(|t| t.key.as_str().cmp(key))
            .ok()
    }
}

/// The terms of `taxonomy`: those news items name and those with pages.
/// `news[lang]` are the language lists.
pub fn index(
    taxonomy: Taxonomy,
    pages: &[Page],
    groups: &[TranslationGroup],
    news: &[Vec<ListEntry>],
) -> TermIndex {
    let languages = news.len();
    let mut terms: BTreeMap<String, Term> = BTreeMap::new();
    let new_term = |key: &str| Term {
        key: key.to_string(),
        group: None,
        entries: vec![Vec::new(); languages],
    };
    if let Some(section) = taxonomy.section() {
        for (g, group) in groups.iter().enumerate() {
            if group.section == section
                && let Some(key) = term_key(pages, group)
            {
                terms
                    .entry(key.to_string())
                    .or_insert_with(|| new_term(key))
                    .group = Some(g);
            }
        }
    }
    for (lang, entries) in news.iter().enumerate() {
        for &entry in entries {
            for key in taxonomy.terms_of(&pages[entry.page].front) {
                // Most terms exist by now: look up before allocating a key.
                let term = match terms.get_mut(key) {
                    Some(term) => term,
                    None => terms.entry(key.clone()).or_insert_with(|| new_term(key)),
                };
                // A list names a term once per item, even if written twice.
                if term.entries[lang].last() != Some(&entry) {
                    term.entries[lang].push(entry);
                }
            }
        }
    }
    TermIndex {
        taxonomy,
        terms: terms.into_values().collect(),
    }
}

/// The key of a term's own pages: their file name (their slug), not the
/// `translation_key` that pairs them.
fn term_key<'p>(pages: &'p [Page], group: &TranslationGroup) -> Option<&'p str> {
    let first = group.pages.iter().flatten().next()?;
    Some(pages[*first].slug.as_str())
}

/// A term has one key in every language: paired term pages whose file
/// names differ, or pages of one file name that are not paired, would
/// split a term in two.
pub fn key_problems(pages: &[Page], groups: &[TranslationGroup]) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut seen: BTreeMap<(Section, &str), PageId> = BTreeMap::new();
    for group in groups {
        let Some(taxonomy) = Taxonomy::of_section(group.section) else {
            continue;
        };
        let mut members = group.pages.iter().flatten().copied();
        let Some(first) = members.next() else {
            continue;
        };
        for other in members {
            if pages[other].slug != pages[first].slug {
                problems.push(Diagnostic::error(
                    "content.term-key",
                    &pages[other].source,
                    format!(
                        "`{}` and `{}` are one {} but their file names differ: a {} is named by its file name in every language, so name both `{}.<lang>.md` (`translation_key` only pairs files)",
                        display_path(&pages[first].source),
                        display_path(&pages[other].source),
                        taxonomy.key(),
                        taxonomy.key(),
                        pages[first].slug,
                    ),
                ));
            }
        }
        let key = (group.section, pages[first].slug.as_str());
        if let Some(&earlier) = seen.get(&key) {
            problems.push(Diagnostic::error(
                "content.term-key",
                &pages[first].source,
                format!(
                    "`{}` and `{}` are the {} `{}` but have different `translation_key`s; give them the same one, or none",
                    display_path(&pages[earlier].source),
                    display_path(&pages[first].source),
                    taxonomy.key(),
                    pages[first].slug,
                ),
            ));
        } else {
            seen.insert(key, first);
        }
    }
    problems
}

/// `years[lang]`: (year, its news) newest year first.
pub fn years(pages: &[Page], news: &[Vec<ListEntry>]) -> Vec<Vec<(i16, Vec<ListEntry>)>> {
    news.iter()
        .map(|entries| {
            let mut by_year: BTreeMap<i16, Vec<ListEntry>> = BTreeMap::new();
            for &entry in entries {
                if let Some(date) = pages[entry.page].front.date {
                    by_year.entry(date.date().year()).or_default().push(entry);
                }
            }
            by_year.into_iter().rev().collect()
        })
        .collect()
}
