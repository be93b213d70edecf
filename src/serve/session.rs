//! The site as `serve` keeps it between saves: the linked model of what
//! is on disk, rebuilt in full or, for edits of content files, only where
//! the edit shows.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::build::{BuildOptions, Prepared, build_site};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::Locales;
use crate::layout::CONTENT_DIR;
use crate::link::{self, LinkedSite, generated_urls, urls};
use crate::load;
use crate::model::{Page, PageId};
use crate::render::templates::Theme;
use crate::render::{Collect, Job, Renderer, all_jobs};
use crate::write::InPlace;

use super::affected::{Affected, Before, Edit, affected};
use super::changes::ChangeSet;

/// What one rebuild did.
#[derive(Debug, Clone)]
pub struct Rebuilt {
    pub files: usize,
    pub full: bool,
    pub elapsed: Duration,
    pub warnings: Vec<Diagnostic>,
}

pub struct Session {
    options: BuildOptions,
    /// The model of the output on disk; `None` until a build succeeds, and
    /// after an incremental rebuild failed (the next change then rebuilds
    /// everything).
    current: Option<Prepared>,
}

impl Session {
    pub fn new(options: BuildOptions) -> Session {
        Session {
            options,
            current: None,
        }
    }

    pub fn output(&self) -> PathBuf {
        self.options.output_dir()
    }

    /// Builds everything, as `warta build` does.
    pub fn full(&mut self) -> Result<Rebuilt, Vec<Diagnostic>> {
        let started = Instant::now();
        let (report, prepared) = build_site(&self.options);
        if report.has_errors() {
            return Err(report.diagnostics);
        }
        self.current = prepared;
        Ok(Rebuilt {
            files: report.stats.files,
            full: true,
            elapsed: started.elapsed(),
            warnings: report.diagnostics,
        })
    }

    /// After a failed incremental rebuild the output no longer matches any
    /// model: the next change rebuilds everything.
    fn fail(&mut self, problems: Diagnostics) -> Result<Rebuilt, Vec<Diagnostic>> {
        self.current = None;
        Err(problems.into_sorted())
    }

    pub fn site(&self) -> &Path {
        &self.options.site
    }

    /// Indexes the output for search again (after a rebuild; the reload
    /// has already been sent, so pages do not wait for it).
    pub fn reindex(&self) -> Result<usize, String> {
        crate::write::search::index_site(&self.output())
    }

    /// Rebuilds what `changes` touch.
    pub fn apply(&mut self, changes: &ChangeSet) -> Result<Rebuilt, Vec<Diagnostic>> {
        // Without content/ the full build fails and the last good build
        // stays served; page by page, every page would be removed.
        if changes.full.is_some()
            || self.current.is_none()
            || !self.options.site.join(CONTENT_DIR).is_dir()
        {
            return self.full();
        }
        let started = Instant::now();
        let Some(Prepared {
            linked,
            locales,
            theme,
            ..
        }) = self.current.take()
        else {
            return self.full();
        };
        let Some(theme) = theme else {
            return self.full();
        };
        let mut linked = linked;
        let site = self.options.site.clone();
        if let Some(fresh) = self.unlinked_edits(&linked, changes) {
            // The usual save (the body, the title) changes nothing `link`
            // reads: keep the linked model and render what shows the page.
            let before = Before::copy(&linked);
            let mut edits = Vec::new();
            for (id, page) in fresh {
                let old = std::mem::replace(&mut linked.site.content.pages[id], page);
                edits.push(Edit {
                    before: Some((id, old)),
                    after: Some(id),
                });
            }
            let same_ids: Vec<Option<PageId>> =
                (0..linked.site.content.pages.len()).map(Some).collect();
            let jobs: Vec<Job> = match affected(&before, &linked, &edits, &same_ids) {
                Affected::All => all_jobs(&linked),
                Affected::Jobs(jobs) => jobs.into_iter().collect(),
            };
            let written = self.render_and_write(&linked, &theme, &locales, &jobs);
            return self.finish(linked, locales, theme, written, Diagnostics::new(), started);
        }
        let old_urls: Vec<String> = generated_urls(&linked)
            .into_iter()
            .map(|(url, _)| url)
            .collect();
        let before = Before::take(&mut linked);
        let mut problems = Diagnostics::new();

        // Apply each changed file to the pages, keeping their order (the
        // order a full load would give) and a map from old ids to new.
        let mut new_id: Vec<Option<PageId>> =
            (0..linked.site.content.pages.len()).map(Some).collect();
        let mut edits: Vec<(PathBuf, Option<(PageId, Page)>)> = Vec::new();
        for rel in &changes.content {
            let pages = &mut linked.site.content.pages;
            let position = pages.iter().position(|p| p.source == *rel);
            let fresh = if site.join(rel).is_file() {
                match load::load_one(&site, rel, &linked.site.config, self.options.drafts) {
                    Ok(page) => page,
                    Err(file_problems) => {
                        problems.extend(file_problems);
                        continue;
                    }
                }
            } else {
                None
            };
            let old_id = |at: usize| new_id.iter().position(|n| *n == Some(at));
            let before_page = match (position, fresh) {
                (Some(at), Some(page)) => {
                    Some((old_id(at), std::mem::replace(&mut pages[at], page)))
                }
                (Some(at), None) => {
                    let id = old_id(at);
                    for n in new_id.iter_mut() {
                        *n = match *n {
                            Some(x) if x == at => None,
                            Some(x) if x > at => Some(x - 1),
                            other => other,
                        };
                    }
                    Some((id, pages.remove(at)))
                }
                (None, Some(page)) => {
                    let at = pages.partition_point(|p| p.source < page.source);
                    pages.insert(at, page);
                    for x in new_id.iter_mut().flatten() {
                        if *x >= at {
                            *x += 1;
                        }
                    }
                    None
                }
                (None, None) => continue,
            };
            let before_page = before_page.and_then(|(id, page)| id.map(|id| (id, page)));
            edits.push((rel.clone(), before_page));
        }
        let (linked, link_problems) = link::link(linked.site);
        problems.extend(link_problems);
        if problems.has_errors() {
            return self.fail(problems);
        }

        let edits: Vec<Edit> = edits
            .into_iter()
            .map(|(rel, before_page)| Edit {
                after: linked
                    .site
                    .content
                    .pages
                    .iter()
                    .position(|p| p.source == rel),
                before: before_page,
            })
            .collect();
        let jobs: Vec<Job> = match affected(&before, &linked, &edits, &new_id) {
            Affected::All => all_jobs(&linked),
            Affected::Jobs(jobs) => jobs.into_iter().collect(),
        };
        let written = self.render_and_write(&linked, &theme, &locales, &jobs);
        if written.is_ok() {
            // Pages that moved or went away.
            let new_urls: std::collections::BTreeSet<String> = generated_urls(&linked)
                .into_iter()
                .map(|(url, _)| url)
                .collect();
            let output = InPlace {
                root: self.output(),
            };
            for url in old_urls.iter().filter(|u| !new_urls.contains(*u)) {
                output.remove(&urls::output_file(url));
            }
        }
        self.finish(linked, locales, theme, written, problems, started)
    }

    /// The edited pages, read again, when every one of them existed before
    /// and changed nothing `link` reads; `None` sends the edit through a
    /// full relink (which also reports any problem in the files).
    fn unlinked_edits(
        &self,
        linked: &LinkedSite,
        changes: &ChangeSet,
    ) -> Option<Vec<(PageId, Page)>> {
        let site = &self.options.site;
        let pages = &linked.site.content.pages;
        let mut fresh = Vec::new();
        for rel in &changes.content {
            let id = pages.iter().position(|p| p.source == *rel)?;
            if !site.join(rel).is_file() {
                return None;
            }
            let page =
                load::load_one(site, rel, &linked.site.config, self.options.drafts).ok()??;
            if !link::links_alike(&pages[id], &page) {
                return None;
            }
            fresh.push((id, page));
        }
        Some(fresh)
    }

    /// Renders `jobs` in memory and, when all of them succeed, writes them
    /// over the output; the number of files written.
    fn render_and_write(
        &self,
        linked: &LinkedSite,
        theme: &Theme,
        locales: &Arc<Locales>,
        jobs: &[Job],
    ) -> Result<(usize, Diagnostics), Diagnostics> {
        let renderer = Renderer {
            linked,
            theme,
            locales: locales.clone(),
        };
        let collected = Collect::default();
        let (_, mut problems) = renderer.render_jobs(jobs, &collected);
        if problems.has_errors() {
            return Err(problems);
        }
        let output = InPlace {
            root: self.output(),
        };
        let files = collected.into_files();
        for (path, bytes) in &files {
            if let Err(e) = crate::render::Output::put(&output, path, bytes) {
                problems.push(Diagnostic::error(
                    "output.write",
                    path,
                    format!("cannot write: {e}"),
                ));
            }
        }
        Ok((files.len(), problems))
    }

    /// Keeps the new model after a rebuild, or forgets it after a failed
    /// one.
    fn finish(
        &mut self,
        linked: LinkedSite,
        locales: Arc<Locales>,
        theme: Theme,
        written: Result<(usize, Diagnostics), Diagnostics>,
        mut problems: Diagnostics,
        started: Instant,
    ) -> Result<Rebuilt, Vec<Diagnostic>> {
        let files = match written {
            Ok((files, write_problems)) => {
                problems.extend(write_problems);
                files
            }
            Err(render_problems) => {
                problems.extend(render_problems);
                return self.fail(problems);
            }
        };
        if problems.has_errors() {
            return self.fail(problems);
        }
        self.current = Some(Prepared {
            linked,
            locales,
            theme: Some(theme),
            timings: Vec::new(),
        });
        Ok(Rebuilt {
            files,
            full: false,
            elapsed: started.elapsed(),
            warnings: problems.into_sorted(),
        })
    }
}
