//! The pipeline up to rendering, which `build`, `check` and `serve`
//! share: load, link, the theme, and the plan with its path checks.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::Locales;
use crate::layout::CONFIG_FILE;
use crate::link::{self, LinkedSite};
use crate::load::{self, LoadOptions};
use crate::plan::Plan;
use crate::render::templates::Theme;

/// The pipeline up to rendering: the linked site, its UI strings, and
/// the theme (absent when a template does not compile).
pub struct Prepared {
    pub linked: LinkedSite,
    pub locales: Arc<Locales>,
    pub theme: Option<Theme>,
    /// Every output and what it reads.
    pub plan: Plan,
    /// The digest of the plan's output paths, which are all its path
    /// checks look at.
    pub paths: crate::digest::Digest,
    /// How long loading, linking and compiling the theme took.
    pub timings: Vec<(&'static str, Duration)>,
}

/// Stage durations, taken as laps of one clock.
pub(super) struct Laps {
    last: Instant,
    pub(super) laps: Vec<(&'static str, Duration)>,
}

impl Laps {
    pub(super) fn start() -> Self {
        Laps {
            last: Instant::now(),
            laps: Vec::new(),
        }
    }

    pub(super) fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.laps.push((stage, now - self.last));
        self.last = now;
    }
}

/// Loads, links and compiles a site, collecting every problem. `None`
/// when `site.yaml` itself is unusable. `search` says whether the plan
/// has the search index. `paths_checked` is the digest of output paths a
/// previous build found no problem in: the same paths need no second
/// look.
pub fn prepare(
    site: &Path,
    options: &LoadOptions,
    search: bool,
    paths_checked: Option<crate::digest::Digest>,
) -> (Option<Prepared>, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let mut laps = Laps::start();
    let (loaded, problems) = load::load(site, options);
    laps.lap("load");
    diagnostics.extend(problems);
    let Some(loaded) = loaded else {
        return (None, diagnostics);
    };
    if loaded.config.base_url.is_none() {
        diagnostics.push(Diagnostic::warning(
            "config.no-base-url",
            CONFIG_FILE,
            "no `base_url`: canonical URLs, Atom feeds, sitemap.xml and robots.txt need the site's address and are left out",
        ));
    }
    let (locales, problems) = Locales::new(&loaded.config, &loaded.locale_files);
    diagnostics.extend(problems);
    let locales = Arc::new(locales);
    let (mut linked, problems) = link::link(loaded);
    laps.lap("link");
    diagnostics.extend(problems);
    let theme = match Theme::new(
        &linked.site.templates,
        locales.clone(),
        linked.config().languages.clone(),
    ) {
        Ok(theme) => {
            diagnostics.extend(theme.warnings.iter().cloned());
            Some(theme)
        }
        Err(problems) => {
            diagnostics.extend(problems);
            None
        }
    };
    laps.lap("theme");
    // Without a theme the built-in assets still stand for the theme's
    // outputs: their paths are what path checks need.
    let builtin;
    let theme_assets = match &theme {
        Some(theme) => &theme.assets,
        None => {
            builtin = Theme::builtin_assets();
            &builtin
        }
    };
    let plan = crate::plan::plan(&linked, theme_assets, search);
    crate::plan::note_outputs(&mut linked, &plan);
    laps.lap("plan");
    let paths = plan.paths_digest();
    if paths_checked != Some(paths) {
        diagnostics.extend(crate::plan::checks::path_problems(&linked, &plan));
    }
    laps.lap("path checks");
    (
        Some(Prepared {
            linked,
            locales,
            theme,
            plan,
            paths,
            timings: laps.laps,
        }),
        diagnostics,
    )
}
