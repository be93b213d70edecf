//! Stage 3 of the build: **render**. Markdown to HTML, then every page
//! through the theme's templates with view structs, in parallel (rayon).
//! Each finished page goes straight to an `Output`, so memory holds a few
//! pages at a time, not the site.

mod feeds;
mod home;
mod lists;
pub mod markdown;
pub mod pages;
mod sitemap;
pub mod templates;
pub mod views;
pub mod xml;

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::Locales;
use crate::link::LinkedSite;
use crate::link::taxonomies::Taxonomy;
use crate::model::{LangIdx, PageId, Section};
use templates::Theme;

/// Where rendered files go. Paths are relative to the output root, with
/// `/` separators.
pub trait Output: Sync {
    fn put(&self, path: &str, bytes: &[u8]) -> std::io::Result<()>;
}

/// An output that keeps nothing: for runs that only look for problems.
pub struct Discard;

impl Output for Discard {
    fn put(&self, _path: &str, _bytes: &[u8]) -> std::io::Result<()> {
        Ok(())
    }
}

/// An output that keeps the files in memory, for a rebuild that writes
/// only if it succeeds as a whole.
#[derive(Default)]
pub struct Collect {
    files: std::sync::Mutex<Vec<(String, Vec<u8>)>>,
}

impl Collect {
    pub fn into_files(self) -> Vec<(String, Vec<u8>)> {
        let mut files = self
            .files
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        files.sort();
        files
    }
}

impl Output for Collect {
    fn put(&self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        let mut files = self
            .files
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        files.push((path.to_string(), bytes.to_vec()));
        Ok(())
    }
}

/// One output file to render. `serve` renders only the jobs a change
/// touches; a build renders them all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Job {
    Page(PageId),
    NewsList {
        lang: LangIdx,
        number: usize,
    },
    YearArchive {
        lang: LangIdx,
        year: usize,
        number: usize,
    },
    TermPage {
        taxonomy: Taxonomy,
        term: usize,
        lang: LangIdx,
        number: usize,
    },
    TaxonomyIndex {
        taxonomy: Taxonomy,
        lang: LangIdx,
    },
    Home(LangIdx),
    SearchPage(LangIdx),
    Root,
    NotFound,
    LanguageFeed(LangIdx),
    DirectorateFeed {
        term: usize,
        lang: LangIdx,
    },
    Sitemap,
    Robots,
}

/// Counts of what was rendered, for the build's summary line.
#[derive(Debug, Default, Clone)]
pub struct RenderStats {
    /// HTML pages per language (same order as `languages`).
    pub pages_per_language: Vec<usize>,
    pub files: usize,
}

/// Everything rendering needs that is built once per build.
pub struct Renderer<'a> {
    pub linked: &'a LinkedSite,
    pub theme: &'a Theme,
    pub locales: Arc<Locales>,
}

/// Every job of a linked site, in a stable order.
pub fn all_jobs(linked: &LinkedSite) -> Vec<Job> {
    let config = linked.config();
    let pages = &linked.site.content.pages;
    // Term pages are rendered with their news, by `TermPage`.
    let mut jobs: Vec<Job> = (0..pages.len())
        .filter(|&id| Taxonomy::of_section(pages[id].section).is_none())
        .map(Job::Page)
        .collect();
    for lang in 0..config.languages.len() {
        jobs.push(Job::Home(lang));
        jobs.push(Job::SearchPage(lang));
        for number in 1..=linked.news_pages(lang) {
            jobs.push(Job::NewsList { lang, number });
        }
        for (year, (_, entries)) in linked.years[lang].iter().enumerate() {
            for number in 1..=linked.page_count(entries.len()) {
                jobs.push(Job::YearArchive { lang, year, number });
            }
        }
        for index in &linked.taxonomies {
            let taxonomy = index.taxonomy;
            jobs.push(Job::TaxonomyIndex { taxonomy, lang });
            for (term, t) in index.terms.iter().enumerate() {
                for number in 1..=linked.page_count(t.entries[lang].len()) {
                    jobs.push(Job::TermPage {
                        taxonomy,
                        term,
                        lang,
                        number,
                    });
                }
            }
        }
    }
    jobs.push(Job::Root);
    jobs.push(Job::NotFound);
    // Feeds and the sitemap hold absolute URLs: only with a base_url.
    if config.base_url.is_some() {
        jobs.push(Job::Sitemap);
        jobs.push(Job::Robots);
        for lang in 0..config.languages.len() {
            jobs.push(Job::LanguageFeed(lang));
            for term in 0..linked.taxonomy(Taxonomy::Directorate).terms.len() {
                jobs.push(Job::DirectorateFeed { term, lang });
            }
        }
    }
    jobs
}

impl Job {
    /// Whether the job renders a template. Feeds, the sitemap and
    /// robots.txt are written by code and report no problems of their own
    /// (their type, `Generated`, has no room for any).
    fn has_template(&self) -> bool {
        !matches!(
            self,
            Job::LanguageFeed(_) | Job::DirectorateFeed { .. } | Job::Sitemap | Job::Robots
        )
    }
}

/// A generated file as a rendered one, with no problems.
fn generated((file, text): pages::Generated) -> pages::Rendered {
    Ok((file, text, Vec::new()))
}

/// Jobs that go through the same template in the same language; a
/// content page's template also depends on its section.
type TemplateKind = (
    std::mem::Discriminant<Job>,
    Option<Section>,
    Option<Taxonomy>,
    Option<LangIdx>,
);

fn template_kind(linked: &LinkedSite, job: &Job) -> TemplateKind {
    let pages = &linked.site.content.pages;
    let (section, taxonomy, lang) = match *job {
        Job::Page(id) => (Some(pages[id].section), None, Some(pages[id].lang)),
        Job::TermPage { taxonomy, lang, .. } | Job::TaxonomyIndex { taxonomy, lang } => {
            (None, Some(taxonomy), Some(lang))
        }
        Job::NewsList { lang, .. }
        | Job::YearArchive { lang, .. }
        | Job::Home(lang)
        | Job::SearchPage(lang)
        | Job::LanguageFeed(lang)
        | Job::DirectorateFeed { lang, .. } => (None, None, Some(lang)),
        Job::Root | Job::NotFound | Job::Sitemap | Job::Robots => (None, None, None),
    };
    (std::mem::discriminant(job), section, taxonomy, lang)
}

/// The first and the last job of each template kind: for a paginated
/// list, its first page and its last. Jobs without a template have
/// nothing to find and are left out (the sitemap alone grows with the
/// site).
fn sample_jobs(linked: &LinkedSite, jobs: &[Job]) -> Vec<Job> {
    let mut ends: HashMap<TemplateKind, (Job, Job)> = HashMap::new();
    for job in jobs.iter().filter(|job| job.has_template()) {
        ends.entry(template_kind(linked, job))
            .and_modify(|(_, last)| *last = *job)
            .or_insert((*job, *job));
    }
    let mut sample: Vec<Job> = ends
        .into_values()
        .flat_map(|(first, last)| [first, last])
        .collect();
    sample.sort();
    sample.dedup();
    sample
}

impl Renderer<'_> {
    /// Every problem rendering the site would report, without writing
    /// anything: what `check` runs.
    ///
    /// Every body is read for its link and Markdown problems. The built-in
    /// templates test every optional value before they use it, so a
    /// page's data changes what they show, not whether they render (one
    /// that failed would be a warta bug). Unless the site replaces a
    /// template, rendering the first and last page of each kind in each
    /// language therefore finds the template problems a full render
    /// would, at a fraction of its time. Site templates may depend on any
    /// page's data: with them, every page is rendered.
    pub fn problems(&self) -> Diagnostics {
        if self.theme.is_customized() {
            return self.render_all(&Discard).1;
        }
        let linked = self.linked;
        let bodies: Vec<Vec<Diagnostic>> = (0..linked.site.content.pages.len())
            .into_par_iter()
            .map(|id| {
                pages::read_body(linked, id, |body, source, line, policy, resolve| {
                    markdown::problems_in(body, source, line, policy, resolve)
                })
            })
            .collect();
        let mut diagnostics = Diagnostics::new();
        for problems in bodies {
            diagnostics.extend(problems);
        }
        let (_, problems) = self.render_jobs(&sample_jobs(linked, &all_jobs(linked)), &Discard);
        // A sampled page reports its body's problems again; `check` sorts
        // and removes the repeats.
        diagnostics.extend(problems);
        diagnostics
    }

    /// Renders every page and theme file into `output`.
    pub fn render_all(&self, output: &dyn Output) -> (RenderStats, Diagnostics) {
        let (mut stats, mut diagnostics) = self.render_jobs(&all_jobs(self.linked), output);
        for (path, bytes) in &self.theme.assets {
            if let Err(e) = output.put(path, bytes) {
                diagnostics.push(Diagnostic::error(
                    "output.write",
                    path,
                    format!("cannot write: {e}"),
                ));
            }
            stats.files += 1;
        }
        (stats, diagnostics)
    }

    /// Renders `jobs` in parallel into `output`.
    pub fn render_jobs(&self, jobs: &[Job], output: &dyn Output) -> (RenderStats, Diagnostics) {
        let linked = self.linked;
        let config = linked.config();
        let pages = &linked.site.content.pages;
        let frames: Vec<views::SiteView> = (0..config.languages.len())
            .map(|lang| pages::site_view(self, lang))
            .collect();
        let list_dates: Vec<std::sync::OnceLock<String>> = (0..config.languages.len()
            * pages.len())
            .map(|_| std::sync::OnceLock::new())
            .collect();
        let context = pages::Shared {
            renderer: self,
            frames: &frames,
            list_dates: &list_dates,
        };
        let results: Vec<(Option<LangIdx>, bool, Vec<Diagnostic>)> = jobs
            .par_iter()
            .map(|job| {
                let (lang, rendered) = match *job {
                    Job::Page(id) => (Some(pages[id].lang), context.content_page(id)),
                    Job::NewsList { lang, number } => (Some(lang), context.news_list(lang, number)),
                    Job::YearArchive { lang, year, number } => {
                        (Some(lang), context.year_archive(lang, year, number))
                    }
                    Job::TermPage {
                        taxonomy,
                        term,
                        lang,
                        number,
                    } => (Some(lang), context.term_page(taxonomy, term, lang, number)),
                    Job::TaxonomyIndex { taxonomy, lang } => {
                        (Some(lang), context.taxonomy_index(taxonomy, lang))
                    }
                    Job::Home(lang) => (Some(lang), context.home(lang)),
                    Job::SearchPage(lang) => (Some(lang), context.search_page(lang)),
                    Job::Root => (None, context.root()),
                    Job::NotFound => (None, context.not_found()),
                    Job::LanguageFeed(lang) => (None, generated(context.language_feed(lang))),
                    Job::DirectorateFeed { term, lang } => {
                        (None, generated(context.directorate_feed(term, lang)))
                    }
                    Job::Sitemap => (None, generated(context.sitemap())),
                    Job::Robots => (None, generated(context.robots())),
                };
                match rendered {
                    Ok((file, html, mut problems)) => {
                        if let Err(e) = output.put(&file, html.as_bytes()) {
                            problems.push(Diagnostic::error(
                                "output.write",
                                &file,
                                format!("cannot write: {e}"),
                            ));
                        }
                        (lang, true, problems)
                    }
                    Err(problems) => (None, false, problems),
                }
            })
            .collect();
        let mut stats = RenderStats {
            pages_per_language: vec![0; config.languages.len()],
            files: 0,
        };
        let mut diagnostics = Diagnostics::new();
        for (lang, written, problems) in results {
            if let Some(lang) = lang {
                stats.pages_per_language[lang] += 1;
            }
            stats.files += usize::from(written);
            diagnostics.extend(problems);
        }
        (stats, diagnostics)
    }
}
