//! One build: load → link → render → write, with every stage's
//! diagnostics collected into one report.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::cache::Records;
use crate::cache::record::{fingerprints, learn_links};
use crate::cache::store::Store;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::digest::Digest;
use crate::layout::OUTPUT_DIR;
use crate::load::{self, LoadOptions};
use crate::model::PageId;
use crate::plan::{BodyLinks, Job, Parts, Read};
use crate::render::{Discard, RenderStats, Renderer};
use crate::write::in_place::InPlaceUpdate;
use crate::write::{CommitError, Staging, check_target, is_warta_output};
pub use produce::SearchWork;
use produce::{Production, Target};

mod cached;
mod prepare;
mod produce;

use prepare::Laps;
pub use prepare::{Prepared, prepare};

use cached::{known_sources, load_key, options_links, trusted_before};

/// What `warta build` was asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub site: PathBuf,
    /// Defaults to `<site>/public`.
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
    /// Index the written pages for search (`--no-search` turns it off).
    pub search: bool,
    /// Show progress on a terminal for steps longer than a second.
    pub progress: bool,
    /// Replace a non-empty output folder that warta did not write.
    pub force: bool,
    /// The cache folder (`None`: no cache).
    pub cache: Option<PathBuf>,
    /// Keep the record of every output in the result even without a
    /// cache (`serve`, for its incremental rebuilds).
    pub keep_records: bool,
    /// Update the folder the cache last wrote in place, rather than write
    /// a fresh one. `serve` writes its own rebuilds into its folder, which
    /// the cache does not see, so its full builds write afresh.
    pub in_place: bool,
}

impl BuildOptions {
    pub fn new(site: impl Into<PathBuf>) -> Self {
        BuildOptions {
            site: site.into(),
            output: None,
            base_url: None,
            drafts: false,
            search: true,
            progress: false,
            force: false,
            cache: None,
            keep_records: false,
            in_place: true,
        }
    }

    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.site.join(OUTPUT_DIR))
    }
}

/// What a build did.
#[derive(Debug)]
pub struct BuildReport {
    pub diagnostics: Vec<Diagnostic>,
    /// Language codes, in the order of `stats.pages_per_language`.
    pub languages: Vec<String>,
    pub stats: RenderStats,
    pub elapsed: Duration,
    pub output: PathBuf,
    /// True when the new output replaced the old one.
    pub written: bool,
    /// Where the previous output is when it was moved aside and could not
    /// be put back (a file-system failure during the swap).
    pub displaced: Option<PathBuf>,
    /// What producing the search index did, and the time it took.
    pub search: Option<(produce::SearchWork, Duration)>,
    /// How long each stage took, in order (`warta build --timings`).
    pub timings: Vec<(&'static str, Duration)>,
}

impl BuildReport {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Builds a site. Never panics on bad input: every problem is in the
/// report, and the output is replaced only when there is no error.
pub fn build(options: &BuildOptions) -> BuildReport {
    let (report, built) = build_site(options);
    if let Some(built) = built {
        free_in_background(built);
    }
    report
}

/// Frees a prepared site on another thread: at 10,000 stories that is
/// some 300,000 allocations, about 20 ms that a command about to report
/// and exit need not wait for.
pub fn free_in_background<T: Send + 'static>(prepared: T) {
    // When no thread can be started, the closure is dropped, and the site
    // with it, here.
    let _ = std::thread::Builder::new()
        .name("free".to_string())
        .spawn(move || drop(prepared));
}

/// A build that was written: its model and, when `keep_records` asked for
/// it, the record of every output, for `serve`'s incremental rebuilds.
pub struct Built {
    pub prepared: Prepared,
    pub records: Records,
    /// What is known of each page's body links (see `plan::BodyLinks`).
    pub body_links: BodyLinks,
    /// The hashes the records were taken with, when they were.
    pub parts: Option<Parts>,
    /// The fingerprint of every output of the plan, in plan order, as
    /// the records were taken (all zero when none were).
    pub prints: Vec<Digest>,
    /// The bytes of the outputs the last incremental rebuild rendered,
    /// until the search index has read them (`serve`).
    pub fresh: crate::maps::HashMap<String, Vec<u8>>,
}

/// Builds a site and keeps the model of what was written (`None` when
/// nothing was written).
pub fn build_site(options: &BuildOptions) -> (BuildReport, Option<Built>) {
    let started = Instant::now();
    let output = options.output_dir();
    let mut report = BuildReport {
        diagnostics: Vec::new(),
        languages: Vec::new(),
        stats: RenderStats::default(),
        elapsed: Duration::ZERO,
        output: output.clone(),
        written: false,
        displaced: None,
        search: None,
        timings: Vec::new(),
    };
    let mut cache_problems = Vec::new();
    let store_dir = options.cache.clone();
    // The output first: a cache inside a refused output is the lesser
    // news.
    let target_root = match check_target(&output, &options.site, options.force) {
        Ok(root) => root,
        Err(e) => {
            report.diagnostics = vec![Diagnostic::error("output.prepare", &output, e.to_string())];
            report.elapsed = started.elapsed();
            return (report, None);
        }
    };
    if let Some(dir) = &store_dir
        && let Err(why) = crate::cache::folder::check_dir(dir, &options.site, &output)
    {
        report.diagnostics = vec![Diagnostic::error("cache.refused", dir, why)];
        report.elapsed = started.elapsed();
        return (report, None);
    }
    let opening = Instant::now();
    let load_key = load_key(options);
    // The cache is opened while `content/` is listed: each takes some
    // 30 ms at 10,000 stories, the listing on one core.
    let ((store, known), walked) = rayon::join(
        || {
            let store = store_dir.as_ref().map(|dir| {
                let site_key = cached::output_key(&crate::write::absolute(&options.site));
                let (store, warning) = Store::open(dir, &site_key);
                cache_problems.extend(warning);
                store
            });
            let known = store.as_ref().and_then(|s| known_sources(s, load_key));
            (store, known)
        },
        || load::files::walk_content(&options.site),
    );
    let load_options = LoadOptions {
        drafts: options.drafts,
        base_url: options.base_url.clone(),
        known,
        walked: Some(std::sync::Arc::new(walked)),
    };
    let opened = opening.elapsed();
    let paths_checked = store.as_ref().and_then(|s| s.index.paths_checked);
    let (prepared, mut diagnostics) =
        prepare(&options.site, &load_options, options.search, paths_checked);
    diagnostics.extend(cache_problems);
    let Some(mut prepared) = prepared else {
        return (finish(report, diagnostics, started), None);
    };
    report.languages = prepared.linked.config().languages.clone();
    let opening_stage = if store.is_some() {
        "open the cache, list content"
    } else {
        "list content"
    };
    report.timings.push((opening_stage, opened));
    report.timings.extend(prepared.timings.iter().cloned());
    let mut laps = Laps::start();
    diagnostics.extend(crate::i18n::coverage::missing_message_warnings(
        &prepared.locales,
        &report.languages,
        prepared.linked.config().default_language,
    ));
    if prepared.theme.is_none() {
        return (finish(report, diagnostics, started), None);
    }

    // With errors already, render only to find the rest (broken links,
    // template errors) and write nothing.
    if diagnostics.has_errors() {
        let all: Vec<PageId> = (0..prepared.linked.site.content.pages.len()).collect();
        diagnostics.extend(load::fill_bodies(
            &options.site,
            &mut prepared.linked.site.content.pages,
            &all,
        ));
        if let Some(theme) = &prepared.theme {
            let renderer = Renderer {
                linked: &prepared.linked,
                theme,
                locales: prepared.locales.clone(),
            };
            diagnostics.extend(renderer.render_all(&prepared.plan, &Discard));
        }
        return (finish(report, diagnostics, started), None);
    }

    let trusted_before = trusted_before(store.as_ref());
    let files = produce::file_digests(
        &prepared.plan,
        &options.site,
        &prepared.linked.site.photos,
        store.as_ref(),
        trusted_before,
    );
    laps.lap("copied files' digests");
    let no_file = Digest::default();
    let file_digest = |path: &str| files.get(path).map_or(no_file, |f| f.1);
    let mut body_links = options_links(&load_options);
    let assets: &[(String, Vec<u8>)] = prepared.theme.as_ref().map_or(&[], |t| &t.assets);
    // Fingerprints are compared with the cache's records, and kept for
    // the next build (or serve); a build that does neither takes none.
    let records_wanted = store.is_some() || options.keep_records;
    let comparable = store.as_ref().is_some_and(|s| !s.index.outputs.is_empty());
    let mut parts = None;
    let prints = if comparable {
        let memo = store.as_ref().map(|s| &s.index.parts);
        let computed = Parts::reusing(
            &prepared.linked,
            assets,
            &body_links,
            &Default::default(),
            memo,
        );
        laps.lap("parts");
        let prints = fingerprints(&prepared.plan, &computed, &file_digest);
        parts = Some(computed);
        prints
    } else {
        vec![Digest::default(); prepared.plan.outputs.len()]
    };
    laps.lap("fingerprints");

    // Into the folder the cache last wrote, only what changed is written.
    let in_place = options.in_place
        && store.as_ref().is_some_and(|s| {
            s.index.output_dir.as_deref() == Some(cached::output_key(&target_root).as_str())
                && target_root.is_dir()
                && is_warta_output(&target_root)
        });
    let show = crate::progress::wanted(options.progress);
    let progress = crate::progress::FileProgress::new(show, prepared.plan.outputs.len(), "writing");
    let writer = if in_place {
        match InPlaceUpdate::begin(&target_root) {
            Ok(update) => Writer::InPlace(update),
            Err(e) => {
                diagnostics.push(Diagnostic::error(
                    "output.prepare",
                    &output,
                    format!("cannot prepare the update of the output folder: {e}"),
                ));
                return (finish(report, diagnostics, started), None);
            }
        }
    } else {
        match Staging::create(&output, &options.site, options.force) {
            Ok(staging) => Writer::Fresh(staging),
            Err(e) => {
                diagnostics.push(Diagnostic::error("output.prepare", &output, e.to_string()));
                return (finish(report, diagnostics, started), None);
            }
        }
    };
    let target = writer.target();
    let mut production = Production::new(
        &prepared.plan,
        &prints,
        store.as_ref(),
        &target_root,
        &target,
        &progress,
        records_wanted,
    );
    laps.lap("decisions");
    let (to_render, problems) = production.write_from_cache();
    diagnostics.extend(problems);
    let (photo_versions, to_render): (Vec<usize>, Vec<usize>) = to_render
        .into_iter()
        .partition(|&i| matches!(prepared.plan.outputs[i].job, Job::PhotoVersion { .. }));
    let wanted = produce::bodies_needed(&prepared.plan, &to_render);
    diagnostics.extend(load::fill_bodies(
        &options.site,
        &mut prepared.linked.site.content.pages,
        &wanted,
    ));
    laps.lap("outputs from the cache");
    if let Some(theme) = &prepared.theme {
        let renderer = Renderer {
            linked: &prepared.linked,
            theme,
            locales: prepared.locales.clone(),
        };
        diagnostics.extend(production.render(&renderer, &to_render));
    }
    diagnostics.extend(production.copy(&options.site));
    diagnostics.extend(production.make_photos(
        &options.site,
        &prepared.linked.site.photos,
        &photo_versions,
    ));
    progress.finish();
    laps.lap("render and write");

    // What rendering learned of the bodies' links is part of the records,
    // which are fingerprinted now.
    let learned = production.take_links();
    let (links_changed, led) = learn_links(&mut body_links, learned);
    let prints = if records_wanted && (links_changed || !comparable) {
        let computed = Parts::reusing(
            &prepared.linked,
            assets,
            &body_links,
            &led,
            parts.as_ref().map(Parts::memo),
        );
        let prints = fingerprints(&prepared.plan, &computed, &file_digest);
        parts = Some(computed);
        prints
    } else {
        prints
    };
    laps.lap("fingerprints after");
    // The search index reads the pages as they now are.
    if !prepared.plan.search.is_empty() && !diagnostics.has_errors() {
        let started_index = Instant::now();
        let indexed = crate::progress::spinner_while(show, "indexing for search", || {
            production.index_search(&prints, &target_root)
        });
        match indexed {
            Ok(work) => report.search = Some((work, started_index.elapsed())),
            Err(problem) => diagnostics.push(problem),
        }
        laps.lap("search index");
    }
    let removes = production.take_removes();
    // Parts of the search index indexed in this run count as rendered.
    let indexed = report.search.map_or(0, |(work, _)| work.indexed);
    let mut produced = production.finish(
        &prints,
        &files,
        to_render.len() + photo_versions.len() + indexed,
    );
    laps.lap("records");

    let written = if diagnostics.has_errors() {
        match writer {
            Writer::Fresh(staging) => staging.abandon(),
            Writer::InPlace(update) => update.abandon(),
        }
        false
    } else {
        match writer {
            Writer::InPlace(update) => {
                let mut removes = removes;
                if let Some(s) = &store {
                    removes.extend(cached::gone(s, &prepared.plan, &target_root));
                }
                match update.commit(removes) {
                    Ok(_) => true,
                    Err(e) => {
                        diagnostics.push(Diagnostic::error(
                            "output.write",
                            &output,
                            format!("cannot update the output folder: {e}; the next build finishes or redoes the update"),
                        ));
                        false
                    }
                }
            }
            Writer::Fresh(staging) => match staging.commit() {
                Ok(()) => true,
                Err(e) => {
                    if let CommitError::Displaced { previous, .. } = &e {
                        report.displaced = Some(previous.clone());
                    }
                    diagnostics.push(Diagnostic::error("output.write", &output, e.to_string()));
                    false
                }
            },
        }
    };
    report.written = written;
    laps.lap("swap in");
    report.stats = RenderStats::of(&prepared.plan, report.languages.len());
    report.stats.rendered = produced.rendered;
    report.stats.copied = produced.copied;
    report.stats.reused = produced.reused;
    if let Some(mut store) = store
        && written
    {
        let mut change = cached::index_change(
            &store,
            &prepared.linked,
            &prepared.plan,
            &files,
            &mut produced,
            &target_root,
            load_key,
            &body_links,
        );
        if store.index.paths_checked != Some(prepared.paths) {
            change.paths_checked = Some(Some(prepared.paths));
        }
        if let Some(parts) = &parts {
            change.parts = store.index.parts.change_to(parts.memo());
        }
        store.change(change);
        if let Err(e) = store.save() {
            diagnostics.push(Diagnostic::warning(
                "cache.write",
                store_dir.as_deref().unwrap_or(Path::new("")),
                format!("the cache could not be saved ({e}); the next build renders everything"),
            ));
        }
        laps.lap("cache");
    }
    // Only `serve` keeps the records in memory.
    let records = if options.keep_records {
        std::mem::take(&mut produced.records)
    } else {
        Default::default()
    };
    report.timings.extend(laps.laps);
    let report = finish(report, diagnostics, started);
    (
        report,
        written.then_some(Built {
            prepared,
            records,
            body_links,
            parts,
            prints,
            fresh: Default::default(),
        }),
    )
}

/// Where a build writes: a fresh folder to swap in, or an update of the
/// folder the cache last wrote.
enum Writer {
    Fresh(Staging),
    InPlace(InPlaceUpdate),
}

impl Writer {
    fn target(&self) -> Target<'_> {
        match self {
            Writer::Fresh(staging) => Target::Fresh(staging),
            Writer::InPlace(update) => Target::InPlace(update),
        }
    }
}

fn finish(mut report: BuildReport, diagnostics: Diagnostics, started: Instant) -> BuildReport {
    report.diagnostics = diagnostics.into_sorted();
    report.elapsed = started.elapsed();
    report
}

/// The site file an output copies, if it is a copy.
pub fn copied_from(output: &crate::plan::Output) -> Option<&str> {
    match (&output.job, &output.reads[..]) {
        (Job::ThemeFile(_) | Job::StaticFile(_) | Job::ContentAsset(_), [Read::File(source)]) => {
            Some(source)
        }
        _ => None,
    }
}

/// Diagnostics name site-relative paths.
fn relative(mut problem: Diagnostic, site: &Path) -> Diagnostic {
    let site_prefix = crate::diagnostics::display_path(site);
    if let Some(rest) = problem.path.strip_prefix(&site_prefix) {
        problem.path = rest.trim_start_matches('/').to_string();
    }
    problem
}
