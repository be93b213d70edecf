//! Stage 3 of the build: **render**. Markdown to HTML, then every page
//! through the theme's templates with view structs, in parallel (rayon).
//! Each finished page goes straight to an `Output`, so memory holds a few
//! pages at a time, not the site.

mod body;
mod feeds;
mod home;
mod lists;
pub mod markdown;
pub mod pages;
pub mod pictures;
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
use crate::model::{LangIdx, Section};
use crate::plan::{Job, Output as PlannedOutput, Plan};
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

/// A generated file as a rendered one, with no problems.
fn generated((file, text): pages::Generated) -> pages::Rendered {
    Ok((file, text, Vec::new()))
}

/// A body a rendered output read: its content file, and the destinations
/// of the links it resolved, as written and in the order met (none for a
/// body without links), each with the digest of where it led
/// (`plan::parts::link_digest`). An output whose inputs did not change is
/// the same only if those links still resolve to the same places, so the
/// cache keeps them; the digests spare the plan resolving them again.
pub type BodyRead = (String, Vec<(String, crate::digest::Digest)>);

/// What rendering one output gave.
#[derive(Debug)]
pub struct Produced {
    pub bytes: Vec<u8>,
    /// Warnings of the output (errors make the whole output fail).
    pub problems: Vec<Diagnostic>,
    pub links: Vec<BodyRead>,
}

/// Counts of what was rendered, for the build's summary line.
#[derive(Debug, Default, Clone)]
pub struct RenderStats {
    /// HTML pages per language (same order as `languages`).
    pub pages_per_language: Vec<usize>,
    /// Files in the output.
    pub files: usize,
    /// Outputs rendered in this run, source files copied as they are,
    /// and outputs taken from the cache.
    pub rendered: usize,
    pub copied: usize,
    pub reused: usize,
}

impl RenderStats {
    /// The counts of a whole plan.
    pub fn of(plan: &Plan, languages: usize) -> RenderStats {
        let mut stats = RenderStats {
            pages_per_language: vec![0; languages],
            files: plan.outputs.len(),
            rendered: 0,
            copied: 0,
            reused: 0,
        };
        for output in &plan.outputs {
            if let Some(lang) = output.lang {
                stats.pages_per_language[lang] += 1;
            }
        }
        stats
    }
}

/// Everything rendering needs that is built once per build.
pub struct Renderer<'a> {
    pub linked: &'a LinkedSite,
    pub theme: &'a Theme,
    pub locales: Arc<Locales>,
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
        _ => (None, None, None),
    };
    (std::mem::discriminant(job), section, taxonomy, lang)
}

/// The first and the last output of each template kind: for a paginated
/// list, its first page and its last. Outputs without a template have
/// nothing to find and are left out (the sitemap alone grows with the
/// site).
fn sample<'p>(linked: &LinkedSite, plan: &'p Plan) -> Vec<&'p PlannedOutput> {
    let mut ends: HashMap<TemplateKind, (usize, usize)> = HashMap::new();
    for (i, output) in plan.outputs.iter().enumerate() {
        if output.job.has_template() {
            ends.entry(template_kind(linked, &output.job))
                .and_modify(|(_, last)| *last = i)
                .or_insert((i, i));
        }
    }
    let mut sample: Vec<usize> = ends
        .into_values()
        .flat_map(|(first, last)| [first, last])
        .collect();
    sample.sort_unstable();
    sample.dedup();
    sample.into_iter().map(|i| &plan.outputs[i]).collect()
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
    pub fn problems(&self, plan: &Plan) -> Diagnostics {
        if self.theme.is_customized() {
            return self.render_all(plan, &Discard);
        }
        let linked = self.linked;
        let bodies: Vec<Vec<Diagnostic>> = (0..linked.site.content.pages.len())
            .into_par_iter()
            .map(|id| {
                let links = std::sync::Mutex::new(Vec::new());
                let mut problems = body::read_body(
                    linked,
                    id,
                    body::LinksNoted::Dests(&links),
                    |body, source, line, policy, resolve| {
                        markdown::problems_in(body, source, line, policy, resolve)
                    },
                );
                problems.extend(body::lead_image(linked, id).1);
                let links = links.into_inner().unwrap_or_else(|p| p.into_inner());
                problems.extend(body::other_language_links(
                    linked,
                    id,
                    links
                        .iter()
                        .flat_map(|(_, dests)| dests)
                        .map(|(dest, _)| dest.as_str()),
                ));
                problems
            })
            .collect();
        let mut diagnostics = Diagnostics::new();
        for problems in bodies {
            diagnostics.extend(problems);
        }
        // A sampled page reports its body's problems again; `check` sorts
        // and removes the repeats.
        diagnostics.extend(self.render_to(&sample(linked, plan), &Discard));
        diagnostics
    }

    /// Renders every output of the plan that is not a copy into `output`.
    pub fn render_all(&self, plan: &Plan, output: &dyn Output) -> Diagnostics {
        let outputs: Vec<&PlannedOutput> = plan
            .outputs
            .iter()
            .filter(|o| o.job.is_rendered() || matches!(o.job, Job::ThemeAsset(_) | Job::Marker))
            .collect();
        self.render_to(&outputs, output)
    }

    /// Renders `outputs` in parallel into `output`.
    pub fn render_to(&self, outputs: &[&PlannedOutput], output: &dyn Output) -> Diagnostics {
        self.render_each(outputs, false, &|planned, produced| {
            let mut problems = produced.problems;
            if let Err(e) = output.put(&planned.path, &produced.bytes) {
                problems.push(Diagnostic::error(
                    "output.write",
                    &planned.path,
                    format!("cannot write: {e}"),
                ));
            }
            problems
        })
    }

    /// Produces `outputs` in parallel and hands each to `each`, which
    /// returns the problems to report for it. An output that fails to
    /// render reports its errors and is not handed on. With
    /// `links_wanted`, each comes with the links its bodies resolved (for
    /// the records of a cache or of `serve`).
    pub fn render_each(
        &self,
        outputs: &[&PlannedOutput],
        links_wanted: bool,
        each: &(dyn Fn(&PlannedOutput, Produced) -> Vec<Diagnostic> + Sync),
    ) -> Diagnostics {
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
        let results: Vec<Vec<Diagnostic>> = outputs
            .par_iter()
            .map(|planned| {
                let context = pages::Shared {
                    renderer: self,
                    frames: &frames,
                    list_dates: &list_dates,
                    links: links_wanted.then(|| std::sync::Mutex::new(Vec::new())),
                };
                match self.produce(&context, planned) {
                    Ok((bytes, problems)) => {
                        let links = context
                            .links
                            .map(|l| {
                                l.into_inner()
                                    .unwrap_or_else(|poisoned| poisoned.into_inner())
                            })
                            .unwrap_or_default();
                        each(
                            planned,
                            Produced {
                                bytes,
                                problems,
                                links,
                            },
                        )
                    }
                    Err(problems) => problems,
                }
            })
            .collect();
        let mut diagnostics = Diagnostics::new();
        for problems in results {
            diagnostics.extend(problems);
        }
        diagnostics
    }

    /// The bytes of one output that is not a copy of a site file.
    fn produce(
        &self,
        context: &pages::Shared,
        planned: &PlannedOutput,
    ) -> Result<(Vec<u8>, Vec<Diagnostic>), Vec<Diagnostic>> {
        let rendered = match planned.job {
            Job::Page(id) => context.content_page(id),
            Job::NewsList { lang, number } => context.news_list(lang, number),
            Job::YearArchive { lang, year, number } => context.year_archive(lang, year, number),
            Job::TermPage {
                taxonomy,
                term,
                lang,
                number,
            } => context.term_page(taxonomy, term, lang, number),
            Job::TaxonomyIndex { taxonomy, lang } => context.taxonomy_index(taxonomy, lang),
            Job::Home(lang) => context.home(lang),
            Job::SearchPage(lang) => context.search_page(lang),
            Job::Root => context.root(),
            Job::NotFound => context.not_found(),
            Job::LanguageFeed(lang) => generated(context.language_feed(lang)),
            Job::DirectorateFeed { term, lang } => generated(context.directorate_feed(term, lang)),
            Job::Sitemap { slice, files } => generated(context.sitemap(slice, files)),
            Job::SitemapIndex { files } => generated(context.sitemap_index(files)),
            Job::Robots => generated(context.robots()),
            Job::ThemeAsset(i) => {
                return Ok((self.theme.assets[i].1.clone(), Vec::new()));
            }
            Job::Marker => {
                return Ok((
                    crate::layout::OUTPUT_MARKER_TEXT.as_bytes().to_vec(),
                    Vec::new(),
                ));
            }
            Job::ThemeFile(_)
            | Job::StaticFile(_)
            | Job::ContentAsset(_)
            | Job::SearchIndex(_)
            | Job::PhotoVersion { .. } => {
                return Err(vec![Diagnostic::error(
                    "output.write",
                    &planned.path,
                    "a copied file, a photo or the search index reached the renderer; this is a warta bug",
                )]);
            }
        };
        let (file, text, problems) = rendered?;
        debug_assert_eq!(file, planned.path, "the plan and render disagree on a path");
        Ok((text.into_bytes(), problems))
    }
}
