//! Indexes: news items by directorate, event, program and tag, and by
//! year. Built once from the language lists, so every index of a language
//! is already newest first and holds the same rows (untranslated ones
//! included) as the news list.

use std::collections::BTreeMap;

use crate::model::{FrontMatter, Page, Section, Segment};

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
            if group.section == section {
                terms
                    .entry(group.key.clone())
                    .or_insert_with(|| new_term(&group.key))
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
