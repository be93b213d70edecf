//! The site as `serve` keeps it between saves: the linked model of what
//! is on disk, rebuilt in full or, for edits of content files, only where
//! the edit shows.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::build::SearchWork;
use crate::build::{BuildOptions, Built, Prepared, build_site, copied_from};
use crate::cache::record::{OutputRecord, Records, fingerprints, learn_links, still_holds};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::digest::Digest;
use crate::i18n::Locales;
use crate::layout::CONTENT_DIR;
use crate::link::{self, LinkedSite};
use crate::load::{self, LoadedSite};
use crate::plan::Job;
use crate::plan::checks::path_problems;
use crate::plan::{self, BodyLinks, Output, Parts, Plan};
use crate::render::templates::Theme;
use crate::render::{Collect, Renderer};
use crate::write::InPlace;
use crate::write::search::{Bundle, IndexPart, stale_files};

use super::changes::ChangeSet;

/// What one rebuild did.
#[derive(Debug, Clone)]
pub struct Rebuilt {
    pub files: usize,
    pub full: bool,
    pub elapsed: Duration,
    pub warnings: Vec<Diagnostic>,
}

/// What serve remembers of the last build besides its model: the
/// records of the outputs, the pages' body links, and the hashes the
/// records were taken with.
struct Memory {
    records: Records,
    body_links: BodyLinks,
    parts: Option<Parts>,
}

pub struct Session {
    options: BuildOptions,
    /// The model of the output on disk and the record of each output;
    /// `None` until a build succeeds, and after a rebuild failed (the
    /// next change then rebuilds everything).
    current: Option<Built>,
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
        let (report, built) = build_site(&self.options);
        if report.has_errors() {
            // The model no longer is what is on disk: a change of a static
            // file or a template that failed would be lost to the next
            // rebuild, which rebuilds everything instead.
            self.current = None;
            return Err(report.diagnostics);
        }
        let mut built = built;
        // A build with the cache leaves the bodies of pages it did not
        // render unread; the rebuilds that follow may render any of them.
        if let Some(built) = &mut built {
            let pages = &mut built.prepared.linked.site.content.pages;
            let all: Vec<usize> = (0..pages.len()).collect();
            let problems = load::fill_bodies(&self.options.site, pages, &all);
            if !problems.is_empty() {
                self.current = None;
                return Err(problems);
            }
        }
        self.current = built;
        Ok(Rebuilt {
            files: report.stats.files,
            full: true,
            elapsed: started.elapsed(),
            warnings: report.diagnostics,
        })
    }

    pub fn site(&self) -> &Path {
        &self.options.site
    }

    /// Indexes again the parts of the search index whose pages an
    /// incremental rebuild changed (after it: the reload has already been
    /// sent, so pages do not wait for it), reading the pages it rendered
    /// from memory and the others from the output.
    pub fn reindex(&mut self) -> Result<SearchWork, String> {
        let root = self.output();
        let Some(built) = &mut self.current else {
            return Ok(SearchWork::default());
        };
        let plan = &built.prepared.plan;
        let all: Vec<(usize, usize)> = plan
            .outputs
            .iter()
            .enumerate()
            .filter_map(|(i, o)| match o.job {
                Job::SearchIndex(part) => Some((i, part)),
                _ => None,
            })
            .collect();
        let stale: Vec<(usize, usize)> = all
            .iter()
            .copied()
            .filter(|&(i, _)| {
                let print = built.prints.get(i).copied().unwrap_or_default();
                !still_holds(print, built.records.get(&plan.outputs[i].path))
            })
            .collect();
        let fresh = std::mem::take(&mut built.fresh);
        let mut work = SearchWork {
            indexed: stale.len(),
            pages: 0,
            reused: all.len() - stale.len(),
        };
        if stale.is_empty() {
            return Ok(work);
        }
        let output = InPlace { root: root.clone() };
        let html = |file: &str| match fresh.get(file) {
            Some(bytes) => Ok(bytes.clone()),
            None => std::fs::read(root.join(file))
                .map_err(|e| format!("cannot read /{file} for the search index: {e}")),
        };
        let records = std::sync::Mutex::new(Vec::new());
        let done = |n: usize, bundle: Bundle| {
            let (i, part) = stale[n];
            let folder = &plan.search[part].folder;
            for (path, (_, bytes)) in bundle.paths(folder).zip(&bundle.files) {
                crate::render::Output::put(&output, &path, bytes)
                    .map_err(|e| format!("cannot write /{path}: {e}"))?;
            }
            for path in stale_files(&root, folder, &bundle) {
                output.remove(&path);
            }
            let record = OutputRecord {
                fingerprint: built.prints.get(i).copied().unwrap_or_default(),
                content: crate::digest::digest_bytes(&bundle.encode()),
            };
            lock(&records).push((plan.outputs[i].path.clone(), record));
            Ok(())
        };
        let parts: Vec<&IndexPart> = stale.iter().map(|&(_, part)| &plan.search[part]).collect();
        let indexed = crate::write::search::index_parts(&parts, &html, &done);
        // The parts written are recorded even when another failed.
        built
            .records
            .extend(records.into_inner().unwrap_or_else(|p| p.into_inner()));
        work.pages = indexed?;
        Ok(work)
    }

    /// Rebuilds what `changes` touch: the edited files are read again, the
    /// site linked and planned again, and every output of the plan whose
    /// reads changed is rendered and written; outputs that left the plan
    /// are removed.
    pub fn apply(&mut self, changes: &ChangeSet) -> Result<Rebuilt, Vec<Diagnostic>> {
        // Without content/ the full build fails and the last good build
        // stays served; page by page, every page would be removed.
        if changes.full.is_some() || !self.options.site.join(CONTENT_DIR).is_dir() {
            return self.full();
        }
        let Some(Built {
            prepared,
            records,
            body_links,
            parts,
            ..
        }) = self.current.take()
        else {
            return self.full();
        };
        let mut memory = Memory {
            records,
            body_links,
            parts,
        };
        let Prepared {
            linked,
            locales,
            theme,
            plan: old_plan,
            paths: old_paths,
            ..
        } = prepared;
        let Some(theme) = theme else {
            return self.full();
        };
        let started = Instant::now();
        let mut problems = Diagnostics::new();
        let mut site = linked.site;
        self.reload(&mut site, changes, &mut problems);
        if problems.has_errors() {
            return Err(problems.into_sorted());
        }
        let (mut linked, link_problems) = link::link(site);
        problems.extend(link_problems);
        let plan = plan::plan(&linked, &theme.assets, self.options.search);
        plan::note_outputs(&mut linked, &plan);
        // The last build's paths had no problem.
        let paths = plan.paths_digest();
        if paths != old_paths {
            problems.extend(path_problems(&linked, &plan));
        }
        if problems.has_errors() {
            return Err(problems.into_sorted());
        }
        let (files, new_records, prints, fresh) =
            match self.render_changed(&linked, &theme, &locales, &plan, &mut memory) {
                Ok(done) => done,
                Err(render_problems) => {
                    problems.extend(render_problems);
                    return Err(problems.into_sorted());
                }
            };
        let output = InPlace {
            root: self.output(),
        };
        let kept: crate::maps::HashSet<&str> =
            plan.outputs.iter().map(|o| o.path.as_str()).collect();
        for gone in old_plan
            .outputs
            .iter()
            .filter(|o| !kept.contains(o.path.as_str()))
        {
            match crate::plan::search::part_folder(&gone.path) {
                Some(folder) => output.remove_folder(folder),
                None => output.remove(&gone.path),
            }
        }
        let Memory {
            mut records,
            body_links,
            parts,
        } = memory;
        records.retain(|path, _| kept.contains(path.as_str()));
        records.extend(new_records);
        self.current = Some(Built {
            prepared: Prepared {
                linked,
                locales,
                theme: Some(theme),
                plan,
                paths,
                timings: Vec::new(),
            },
            records,
            body_links,
            parts,
            prints,
            fresh,
        });
        Ok(Rebuilt {
            files,
            full: false,
            elapsed: started.elapsed(),
            warnings: problems.into_sorted(),
        })
    }

    /// Reads the changed content files again into `site`, keeping the
    /// pages in the order a full load gives.
    fn reload(&self, site: &mut LoadedSite, changes: &ChangeSet, problems: &mut Diagnostics) {
        let root = self.options.site.clone();
        for rel in &changes.content {
            site.content.failed.retain(|f| f != rel);
            let pages = &mut site.content.pages;
            let position = pages.iter().position(|p| p.source == *rel);
            let fresh = if root.join(rel).is_file() {
                match load::load_one(&root, rel, &site.config, self.options.drafts) {
                    Ok(page) => page,
                    Err(file_problems) => {
                        problems.extend(file_problems);
                        site.content.failed.push(rel.clone());
                        continue;
                    }
                }
            } else {
                None
            };
            match (position, fresh) {
                (Some(at), Some(page)) => pages[at] = page,
                (Some(at), None) => {
                    pages.remove(at);
                }
                (None, Some(page)) => {
                    let at = pages.partition_point(|p| p.source < page.source);
                    pages.insert(at, page);
                }
                (None, None) => {}
            }
        }
    }

    /// Renders, in memory, every output whose reads changed since
    /// `records`, and writes them over the output only when all of them
    /// succeeded: the number of files written, their new records, every
    /// output's fingerprint, and the bytes written. The search index is
    /// left to `reindex`.
    fn render_changed(
        &self,
        linked: &LinkedSite,
        theme: &Theme,
        locales: &Arc<Locales>,
        plan: &Plan,
        memory: &mut Memory,
    ) -> Result<RenderedChanges, Diagnostics> {
        // Copies and photo versions change only with a full rebuild (an
        // event of a file that is not a page).
        let no_files = |_: &str| Digest::default();
        let mut parts = Parts::reusing(
            linked,
            &theme.assets,
            &memory.body_links,
            &Default::default(),
            memory.parts.as_ref().map(Parts::memo),
        );
        let prints = fingerprints(plan, &parts, &no_files);
        let changed: Vec<&Output> = plan
            .outputs
            .iter()
            .zip(&prints)
            .filter(|(o, print)| {
                copied_from(o).is_none()
                    && !matches!(o.job, Job::SearchIndex(_) | Job::PhotoVersion { .. })
                    && !still_holds(**print, memory.records.get(&o.path))
            })
            .map(|(o, _)| o)
            .collect();
        let renderer = Renderer {
            linked,
            theme,
            locales: locales.clone(),
        };
        let collected = Collect::default();
        let rendered = std::sync::Mutex::new(Vec::new());
        let links = std::sync::Mutex::new(Vec::new());
        let mut problems = renderer.render_each(&changed, true, &|planned, produced| {
            if produced.problems.is_empty() {
                let content = crate::digest::digest_bytes(&produced.bytes);
                lock(&rendered).push((planned.path.clone(), content));
            }
            lock(&links).extend(produced.links);
            let _ = crate::render::Output::put(&collected, &planned.path, &produced.bytes);
            produced.problems
        });
        // What rendering learned of the bodies' links is part of the
        // records.
        let learned = links.into_inner().unwrap_or_else(|p| p.into_inner());
        let (links_changed, led) = learn_links(&mut memory.body_links, learned);
        let prints = if !links_changed {
            prints
        } else {
            let learned = Parts::reusing(
                linked,
                &theme.assets,
                &memory.body_links,
                &led,
                Some(parts.memo()),
            );
            let prints = fingerprints(plan, &learned, &no_files);
            parts = learned;
            prints
        };
        let print_of: crate::maps::HashMap<&str, Digest> = plan
            .outputs
            .iter()
            .zip(&prints)
            .map(|(o, p)| (o.path.as_str(), *p))
            .collect();
        let new_records: Records = rendered
            .into_inner()
            .unwrap_or_else(|p| p.into_inner())
            .into_iter()
            .map(|(path, content)| {
                let fingerprint = print_of[path.as_str()];
                (
                    path,
                    OutputRecord {
                        fingerprint,
                        content,
                    },
                )
            })
            .collect();
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
        if problems.has_errors() {
            return Err(problems);
        }
        memory.parts = Some(parts);
        Ok((
            files.len(),
            new_records,
            prints,
            files.into_iter().collect(),
        ))
    }
}

/// What `render_changed` gives: the number of files written, their
/// records, every output's fingerprint, and the bytes written.
type RenderedChanges = (
    usize,
    Records,
    Vec<Digest>,
    crate::maps::HashMap<String, Vec<u8>>,
);

fn lock<T>(mutex: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}
