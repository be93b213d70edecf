//! How diagnostics reach the user: paths as seen from the current
//! folder, so that an editor started there opens them, and long runs of
//! one problem in one file cut short.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Severity, display_path};

/// Shown in full per file and kind (code) of problem; the rest of the
/// kind is one line with its count.
pub const SHOWN_PER_KIND: usize = 5;

/// Where the site folder is, seen from the current folder.
#[derive(Debug, Clone, Default)]
pub struct ShownFrom {
    /// `None` when the site is the current folder; else the site folder
    /// as the user named it (`--site ../situs`), which is relative to the
    /// current folder or absolute.
    site: Option<PathBuf>,
}

impl ShownFrom {
    /// For a command run on the site folder `site` (its `--site`).
    pub fn site(site: &Path) -> ShownFrom {
        let here = std::env::current_dir().and_then(|dir| dir.canonicalize());
        let same = match (site.canonicalize(), here) {
            (Ok(site), Ok(here)) => site == here,
            _ => site.as_os_str().is_empty() || site == Path::new("."),
        };
        ShownFrom {
            site: (!same).then(|| site.to_path_buf()),
        }
    }

    /// A path relative to the site folder, as seen from the current one.
    pub fn file(&self, in_site: &str) -> String {
        match &self.site {
            Some(site) => display_path(&site.join(in_site)),
            None => in_site.to_string(),
        }
    }

    /// ` --site <folder>` for a command to suggest, or nothing when the
    /// site is the current folder.
    pub fn site_flag(&self) -> String {
        match &self.site {
            Some(site) => format!(" --site {}", shell_word(&display_path(site))),
            None => String::new(),
        }
    }

    /// The diagnostic with its path as seen from the current folder.
    /// Output, cache and search problems name folders the user gave on
    /// the command line, which are seen from there already; every other
    /// diagnostic names a file of the site.
    pub fn diagnostic(&self, diagnostic: &Diagnostic) -> Diagnostic {
        let mut shown = diagnostic.clone();
        let names_a_folder_given = ["output.", "cache.", "search."]
            .iter()
            .any(|prefix| diagnostic.code.starts_with(prefix));
        if !names_a_folder_given && !Path::new(&diagnostic.path).is_absolute() {
            shown.path = self.file(&diagnostic.path);
        }
        shown
    }

    /// Every diagnostic as `--format json` prints them: all of them, with
    /// paths seen from the current folder.
    pub fn json(&self, diagnostics: &[Diagnostic]) -> String {
        let shown: Vec<Diagnostic> = diagnostics.iter().map(|d| self.diagnostic(d)).collect();
        serde_json::to_string_pretty(&shown).unwrap_or_else(|_| "[]".into())
    }

    /// `error: path:line:col: message` on stderr, one per line; warnings
    /// left out when `quiet`. After `SHOWN_PER_KIND` problems of one code
    /// in one file, the rest of them are one line with their count.
    pub fn print(&self, diagnostics: &[Diagnostic], quiet: bool) {
        // Standard error is unbuffered: buffered here, thousands of
        // warnings take a few writes instead of several each.
        let mut out = std::io::BufWriter::new(std::io::stderr().lock());
        for line in self.lines(diagnostics, quiet) {
            let _ = writeln!(out, "{line}");
        }
        let _ = out.flush();
    }

    /// The lines `print` writes.
    pub fn lines(&self, diagnostics: &[Diagnostic], quiet: bool) -> Vec<String> {
        let mut lines = Vec::new();
        let mut seen: BTreeMap<(Severity, &'static str), usize> = BTreeMap::new();
        let mut hidden: BTreeMap<(Severity, &'static str), usize> = BTreeMap::new();
        let mut path: Option<&str> = None;
        for diagnostic in diagnostics {
            if quiet && diagnostic.severity == Severity::Warning {
                continue;
            }
            if path != Some(diagnostic.path.as_str()) {
                if let Some(done) = path {
                    self.counts(done, &mut hidden, &mut lines);
                }
                seen.clear();
                path = Some(&diagnostic.path);
            }
            let kind = (diagnostic.severity, diagnostic.code);
            let count = seen.entry(kind).or_insert(0);
            *count += 1;
            if *count <= SHOWN_PER_KIND {
                lines.push(self.diagnostic(diagnostic).to_string());
            } else {
                *hidden.entry(kind).or_insert(0) += 1;
            }
        }
        if let Some(done) = path {
            self.counts(done, &mut hidden, &mut lines);
        }
        lines
    }

    /// One line per kind of problem cut short in the file `path`.
    fn counts(
        &self,
        path: &str,
        hidden: &mut BTreeMap<(Severity, &'static str), usize>,
        lines: &mut Vec<String>,
    ) {
        for ((severity, code), count) in std::mem::take(hidden) {
            let sample = Diagnostic {
                severity,
                path: path.to_string(),
                line: None,
                column: None,
                code,
                message: String::new(),
            };
            lines.push(format!(
                "{severity}: {}: {count} more {severity}{} like the {SHOWN_PER_KIND} above ({code}) not shown; `warta check{} --format json` lists every one",
                self.diagnostic(&sample).path,
                if count == 1 { "" } else { "s" },
                self.site_flag(),
            ));
        }
    }
}

/// A word a shell reads as itself: quoted when it holds anything but
/// letters, digits and `/._-`.
fn shell_word(text: &str) -> String {
    if !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '/' | '.' | '_' | '-'))
    {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn elsewhere() -> ShownFrom {
        ShownFrom {
            site: Some(PathBuf::from("../situs saya")),
        }
    }

    #[test]
    fn paths_are_seen_from_the_current_folder() {
        let shown = elsewhere();
        let d = Diagnostic::error("link.broken", "content/news/a.id.md", "x").at(3, 1);
        assert_eq!(
            shown.diagnostic(&d).to_string(),
            "error: ../situs saya/content/news/a.id.md:3:1: x"
        );
        let output = Diagnostic::error("output.prepare", "public2", "x");
        assert_eq!(shown.diagnostic(&output).path, "public2");
        assert_eq!(shown.site_flag(), " --site '../situs saya'");
        assert_eq!(ShownFrom::default().site_flag(), "");
    }

    #[test]
    fn repeats_of_one_kind_in_one_file_are_counted_after_a_few() {
        let mut all: Vec<Diagnostic> = (1..=1000)
            .map(|line| Diagnostic::error("link.broken", "a.md", "gone").at(line, 1))
            .collect();
        all.push(Diagnostic::warning("a11y.image-alt", "a.md", "alt").at(2000, 1));
        all.push(Diagnostic::error("link.broken", "b.md", "gone").at(1, 1));
        let lines = ShownFrom::default().lines(&all, false);
        assert_eq!(lines.len(), SHOWN_PER_KIND + 1 + 1 + 1, "{lines:#?}");
        assert_eq!(
            lines[SHOWN_PER_KIND + 1],
            "error: a.md: 995 more errors like the 5 above (link.broken) not shown; `warta check --format json` lists every one"
        );
        assert!(lines[SHOWN_PER_KIND + 2].starts_with("error: b.md:1:1:"));
    }
}
