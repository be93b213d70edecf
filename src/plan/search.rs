//! The parts of the search index. Pagefind holds a whole index in memory
//! until it writes it, so one index of a large site needs gigabytes
//! (3.5 GB at 10,000 stories, measured); the site is indexed in parts
//! instead, which the search page searches as one (pagefind's
//! `mergeIndex`). A part is one language's news of one year, cut into
//! slices of at most `PART_PAGES` from the oldest (so that new news only
//! changes the last slice of its year), or one language's other pages.
//! A part's size is a trade: pagefind indexes one part on one core (it
//! reads pages under a lock and writes the part's files one by one), so
//! the largest part bounds how long re-indexing after one edit takes,
//! while every part a language has adds its entry, its metadata and one
//! index file per word to a reader's query. Measured at 10,000 stories
//! (README, "Search"): parts of 1,000 pages re-index in about 1.3 s and
//! keep pagefind under 300 MB; parts of 1,500 took 1.7–1.8 s, which left
//! a rebuild after one edit at 2.05 s, above the 2 s aimed at.

use rayon::prelude::*;

use super::{Job, Output, Owner, Read, value};
use crate::layout::SEARCH_DIR;
use crate::link::LinkedSite;
use crate::model::{LangIdx, PageId, Section};

/// The most pages in one part.
pub const PART_PAGES: usize = 1_000;

/// One part of the search index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchPart {
    pub lang: LangIdx,
    /// `2022`, `2022-2` for the second slice of a year, or `pages`.
    pub key: String,
    pub pages: Vec<PageId>,
}

impl SearchPart {
    /// The part's folder in the output: `pagefind/id/2022/`.
    pub fn folder(&self, linked: &LinkedSite) -> String {
        format!(
            "{SEARCH_DIR}/{}/{}/",
            linked.config().lang_code(self.lang),
            self.key
        )
    }
}

/// One part of the search index as the indexer takes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexPart {
    /// Its folder in the output: `pagefind/id/2022/`.
    pub folder: String,
    /// Its pages: each one's file in the output, and its URL.
    pub pages: Vec<(String, String)>,
    /// Whether the search page loads pagefind from this part: the others
    /// are merged into it and need only their index, not pagefind's
    /// script, styles and WebAssembly (some 640 KB a part).
    pub loads_pagefind: bool,
}

/// The file the plan names a part by: pagefind's entry to its index.
pub const ENTRY_FILE: &str = "pagefind-entry.json";

impl IndexPart {
    /// The part's output path in the plan: its entry file.
    pub fn entry(&self) -> String {
        format!("{}{ENTRY_FILE}", self.folder)
    }
}

/// The folder of the part whose entry file is `path`, if `path` is one:
/// the folder holds that part's files and nothing else.
pub fn part_folder(path: &str) -> Option<&str> {
    let folder = path.strip_suffix(ENTRY_FILE)?;
    (folder.starts_with(SEARCH_DIR) && folder.ends_with('/')).then_some(folder)
}

/// The folders of `lang`'s parts, in the order the search page merges
/// them.
pub fn folders(linked: &LinkedSite, lang: LangIdx) -> Vec<String> {
    search_parts(linked)
        .iter()
        .filter(|p| p.lang == lang)
        .map(|p| p.folder(linked))
        .collect()
}

/// Each part's folder and pages, as the indexer takes them, with the
/// language of each.
pub fn index_parts(linked: &LinkedSite) -> Vec<(LangIdx, IndexPart)> {
    let parts = search_parts(linked);
    // Every page's output path: 20,000 at 10,000 stories, part by part in
    // parallel.
    parts
        .par_iter()
        .enumerate()
        .map(|(i, part)| {
            let indexed = IndexPart {
                folder: part.folder(linked),
                // The first of each language (`folders`).
                loads_pagefind: i == 0 || parts[i - 1].lang != part.lang,
                pages: part
                    .pages
                    .iter()
                    .map(|&id| {
                        let url = &linked.urls[id];
                        (crate::link::urls::output_file(url), url.clone())
                    })
                    .collect(),
            };
            (part.lang, indexed)
        })
        .collect()
}

/// Plans the parts of the search index, after the pages they read: each
/// part reads the bytes of its pages, so that it is indexed again
/// exactly when one of them changed, and whatever else changed it is not.
pub(super) fn outputs(
    outputs: &mut Vec<Output>,
    parts: Vec<(LangIdx, IndexPart)>,
) -> Vec<IndexPart> {
    let at: crate::maps::HashMap<&str, usize> = outputs
        .iter()
        .enumerate()
        .map(|(i, o)| (o.path.as_str(), i))
        .collect();
    let planned: Vec<Output> = parts
        .iter()
        .enumerate()
        .map(|(i, (_, part))| {
            let urls: Vec<&str> = part.pages.iter().map(|(_, url)| url.as_str()).collect();
            let mut reads = vec![
                Read::Global,
                value(&("search", &part.folder, part.loads_pagefind, &urls)),
            ];
            // Every page of a part is planned at its file.
            reads.extend(
                part.pages
                    .iter()
                    .filter_map(|(file, _)| at.get(file.as_str()).map(|&o| Read::Output(o))),
            );
            Output {
                path: part.entry(),
                job: Job::SearchIndex(i),
                owner: Owner::Builtin("the search index"),
                lang: None,
                reads,
            }
        })
        .collect();
    outputs.extend(planned);
    parts.into_iter().map(|(_, part)| part).collect()
}

/// The parts of a site's search index, per language: its news by year,
/// newest year first (the first part, which the search page loads
/// pagefind from, is one that surely has pages to search), then its
/// other pages.
pub fn search_parts(linked: &LinkedSite) -> Vec<SearchPart> {
    let pages = &linked.site.content.pages;
    let mut parts = Vec::new();
    for lang in 0..linked.config().languages.len() {
        for (year, entries) in &linked.years[lang] {
            // Oldest first: slices are cut from the oldest news.
            let own: Vec<PageId> = entries
                .iter()
                .rev()
                .filter(|e| !e.foreign)
                .map(|e| e.page)
                .collect();
            for (key, pages) in slices(*year, &own, PART_PAGES) {
                parts.push(SearchPart { lang, key, pages });
            }
        }
        let others: Vec<PageId> = (0..pages.len())
            .filter(|&id| pages[id].lang == lang && pages[id].section != Section::News)
            .collect();
        if !others.is_empty() {
            parts.push(SearchPart {
                lang,
                key: "pages".to_string(),
                pages: others,
            });
        }
    }
    parts
}

/// A year's news, oldest first, cut into slices of at most `per` pages
/// from the oldest: `2022`, `2022-2`, … A story added to the year goes
/// into its last slice, and the others stay as they were.
fn slices(year: i16, oldest_first: &[PageId], per: usize) -> Vec<(String, Vec<PageId>)> {
    oldest_first
        .chunks(per.max(1))
        .enumerate()
        .map(|(slice, chunk)| {
            let key = if slice == 0 {
                year.to_string()
            } else {
                format!("{year}-{}", slice + 1)
            };
            (key, chunk.to_vec())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_entry_file_in_the_search_folder_names_a_part() {
        assert_eq!(
            part_folder("pagefind/id/2022/pagefind-entry.json"),
            Some("pagefind/id/2022/")
        );
        assert_eq!(part_folder("id/berita/pagefind-entry.json"), None);
        assert_eq!(part_folder("pagefind/id/2022/index.html"), None);
        assert_eq!(part_folder("pagefindpagefind-entry.json"), None);
    }

    #[test]
    fn a_year_is_cut_from_its_oldest_news() {
        let news: Vec<PageId> = (0..7).collect();
        let parts = slices(2022, &news, 3);
        let keys: Vec<&str> = parts.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["2022", "2022-2", "2022-3"]);
        assert_eq!(parts[0].1, [0, 1, 2]);
        assert_eq!(parts[2].1, [6]);
        // An eighth story changes the last slice only.
        let more: Vec<PageId> = (0..8).collect();
        let after = slices(2022, &more, 3);
        assert_eq!(after[..2], parts[..2]);
        assert_eq!(after[2].1, [6, 7]);
        assert!(slices(2022, &[], 3).is_empty());
    }
}
