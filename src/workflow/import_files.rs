//! `warta import` as a command: each release parsed by `import`, written
//! as a content file, and what became of each reported against the file
//! it came from, one row per release.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, display_path};
use crate::layout::CONTENT_DIR;
use crate::load::{MAX_CONTENT_BYTES, yaml};
use crate::model::Section;

use super::import::{ImportedRelease, file_stem, parse_release, to_markdown};

/// What became of one release.
#[derive(Debug, Clone, Serialize)]
pub struct ImportedFile {
    /// The release's file, as given on the command line.
    pub file: String,
    /// The content file written, relative to the site.
    pub written: Option<String>,
    /// Why nothing was written, in a few words; the error says more.
    pub refused: Option<&'static str>,
    pub lang: Option<String>,
    /// Front matter fields read from the release.
    pub found: Vec<&'static str>,
    /// Fields looked for and not found, for the editor to add.
    pub missing: Vec<&'static str>,
    /// Lines taken out of the text: web-page debris, photo names,
    /// sign-offs, repeated headlines.
    pub dropped: Vec<String>,
    /// The notes and problems of this release.
    pub diagnostics: Vec<Diagnostic>,
}

impl ImportedFile {
    /// Nothing is written: why in a few words, and the error.
    fn refuse(&mut self, why: &'static str, problem: Diagnostic) {
        self.refused = Some(why);
        self.diagnostics.push(problem);
    }
}

/// What `warta import` did.
#[derive(Debug, Clone, Default)]
pub struct ImportReport {
    pub files: Vec<ImportedFile>,
    /// What stopped the import before any release was read: no
    /// `site.yaml`, a wrong `--section` or `--lang`.
    pub refused: Vec<Diagnostic>,
}

impl ImportReport {
    pub fn diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.refused
            .iter()
            .chain(self.files.iter().flat_map(|file| &file.diagnostics))
    }
}

/// Imports `files` into `content/<section>/`.
pub fn import_files(
    site: &Path,
    files: &[PathBuf],
    section: &str,
    lang: Option<&str>,
) -> ImportReport {
    let refuse = |problem| ImportReport {
        files: Vec::new(),
        refused: vec![problem],
    };
    let config = match SiteConfig::load(site, None) {
        Ok(config) => config,
        Err(problems) => {
            return ImportReport {
                files: Vec::new(),
                refused: problems,
            };
        }
    };
    let Some(section) = Section::from_dir_name(section) else {
        let names: Vec<&str> = Section::ALL.iter().map(|s| s.dir_name()).collect();
        return refuse(Diagnostic::error(
            "import.refused",
            CONTENT_DIR,
            format!(
                "`{section}` is not a section; use one of: {}",
                names.join(", ")
            ),
        ));
    };
    if let Some(code) = lang
        && config.lang_index(code).is_none()
    {
        return refuse(Diagnostic::error(
            "import.refused",
            crate::layout::CONFIG_FILE,
            format!(
                "`--lang {code}` is not one of `languages` ({})",
                config.languages.join(", ")
            ),
        ));
    }
    let files = files
        .iter()
        .map(|file| import_one(site, &config, file, section, lang))
        .collect();
    ImportReport {
        files,
        refused: Vec::new(),
    }
}

/// Reads, parses and writes one release.
fn import_one(
    site: &Path,
    config: &SiteConfig,
    file: &Path,
    section: Section,
    lang: Option<&str>,
) -> ImportedFile {
    let mut report = ImportedFile {
        file: display_path(file),
        written: None,
        refused: None,
        lang: None,
        found: Vec::new(),
        missing: Vec::new(),
        dropped: Vec::new(),
        diagnostics: Vec::new(),
    };
    let text = match read_release(file) {
        Ok(text) => text,
        Err((why, problem)) => {
            report.refuse(why, problem);
            return report;
        }
    };
    let mut release = parse_release(&text, lang);
    report.lang.clone_from(&release.lang);
    report.found = release.found_fields();
    report.missing = release.missing_fields();
    report.dropped.clone_from(&release.dropped);
    if release.is_empty() {
        let message = if text.trim().is_empty() {
            "nothing to import: the file is empty".to_string()
        } else {
            "nothing to import: no headline and no text are left once web-page debris and credits are taken out".to_string()
        };
        let problem = Diagnostic::error("import.empty", file, message);
        report.refuse("empty", problem);
        return report;
    }
    for note in &release.notes {
        let note = Diagnostic::warning("import.note", file, note.clone());
        report.diagnostics.push(note);
    }
    let Some(code) = release.lang.clone() else {
        let problem = Diagnostic::error(
            "import.no-language",
            file,
            "cannot tell the language of the text; give it with --lang id or --lang en",
        );
        report.refuse("no language", problem);
        return report;
    };
    if config.lang_index(&code).is_none() {
        let problem = Diagnostic::error(
            "import.language",
            file,
            format!("the text is in `{code}`, which is not one of `languages` in site.yaml"),
        );
        report.refuse("language not in site.yaml", problem);
        return report;
    }
    let rel = Path::new(CONTENT_DIR)
        .join(section.dir_name())
        .join(format!("{}.{code}.md", stem(&release, section, file)));
    // Only news items and events take a date and place (see
    // load::section_keys): the dateline stays in the report only.
    if !crate::load::section_takes(section, "date")
        && (release.date.is_some() || release.place.is_some())
    {
        release.date = None;
        release.place = None;
        report.diagnostics.push(Diagnostic::warning(
            "import.note",
            file,
            format!(
                "the dateline's date and place are left out: a page in content/{}/ has neither",
                section.dir_name()
            ),
        ));
    }
    let markdown = to_markdown(&release);
    // Escaping can make the Markdown longer than the text it came from.
    if markdown.len() as u64 > MAX_CONTENT_BYTES {
        let problem = Diagnostic::error(
            "import.too-large",
            file,
            format!(
                "as Markdown the release would be {} bytes, over the {} a content file may hold; split it",
                markdown.len(),
                limit()
            ),
        );
        report.refuse("too large", problem);
        return report;
    }
    if let Err((why, problem)) = write_new(site, &rel, &markdown, file) {
        report.refuse(why, problem);
        return report;
    }
    if section == Section::News {
        report.diagnostics.push(Diagnostic::warning(
            "import.directorate",
            &rel,
            "add `directorate:` (the key of its page in content/directorates/): a news item needs it, and warta never guesses it",
        ));
    }
    report.written = Some(display_path(&rel));
    report
}

/// The file's name without `.<lang>.md`: from the title, as `warta new`
/// names files; without a title, from the release's own file name.
fn stem(release: &ImportedRelease, section: Section, file: &Path) -> String {
    if let Some(stem) = file_stem(release, section) {
        return stem;
    }
    let name = file.file_stem().map(|s| s.to_string_lossy());
    let name = slug::slugify(name.unwrap_or_default());
    let name = if name.is_empty() {
        "release".to_string()
    } else {
        name
    };
    match release.date {
        Some(date) if section == Section::News => format!("{date}-{name}"),
        _ => name,
    }
}

/// The release's text, refused over the size a content file may have:
/// the build would reject the file written from it.
fn read_release(file: &Path) -> Result<String, (&'static str, Diagnostic)> {
    let unreadable = |e: std::io::Error| {
        let problem = Diagnostic::error("import.unreadable", file, format!("cannot read: {e}"));
        ("unreadable", problem)
    };
    let mut bytes = Vec::new();
    let mut opened = std::fs::File::open(file).map_err(unreadable)?;
    // At most one byte over the limit: enough to know the file is too large.
    (&mut opened)
        .take(MAX_CONTENT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_CONTENT_BYTES {
        let size = opened.metadata().map_or(bytes.len() as u64, |m| m.len());
        let problem = Diagnostic::error(
            "import.too-large",
            file,
            format!(
                "the file is {size} bytes, over the {} a content file may hold; warta does not import it",
                limit()
            ),
        );
        return Err(("too large", problem));
    }
    match yaml::decode_utf8(&bytes) {
        Ok(text) => Ok(text.into_owned()),
        Err(e) => Err(("unreadable", e.diagnostic("import.unreadable", file))),
    }
}

/// `1 MB (1048576 bytes)`: the limit as the build states it, and exactly.
fn limit() -> String {
    format!(
        "{} MB ({MAX_CONTENT_BYTES} bytes)",
        MAX_CONTENT_BYTES / 1_048_576
    )
}

/// Writes a new file, never over one that exists (another release of
/// this run may have taken the name).
fn write_new(
    site: &Path,
    rel: &Path,
    text: &str,
    from: &Path,
) -> Result<(), (&'static str, Diagnostic)> {
    let full = site.join(rel);
    let cannot = |e: std::io::Error| {
        let problem = Diagnostic::error("import.io", rel, format!("cannot write: {e}"));
        ("cannot write", problem)
    };
    if let Some(parent) = full.parent() {
        std::fs::create_dir_all(parent).map_err(cannot)?;
    }
    let created = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&full);
    let mut out = match created {
        Ok(out) => out,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let problem = Diagnostic::error(
                "import.exists",
                rel,
                format!(
                    "exists already; warta does not overwrite it (imported from {})",
                    display_path(from)
                ),
            );
            return Err(("exists already", problem));
        }
        Err(e) => return Err(cannot(e)),
    };
    out.write_all(text.as_bytes()).map_err(cannot)
}

/// The table printed after importing several releases: one row per
/// release, what was written, which fields were read and which were not,
/// and how many lines were dropped; then the totals.
pub fn summary_table(files: &[ImportedFile]) -> String {
    use std::fmt::Write as _;
    let list = |fields: &[&str]| {
        if fields.is_empty() {
            "-".to_string()
        } else {
            fields.join(", ")
        }
    };
    let rows: Vec<[String; 5]> = files
        .iter()
        .map(|file| {
            let written = match (&file.written, file.refused) {
                (Some(path), _) => path.clone(),
                (None, why) => format!("not written: {}", why.unwrap_or("error")),
            };
            [
                file.file.clone(),
                written,
                list(&file.found),
                list(&file.missing),
                file.dropped.len().to_string(),
            ]
        })
        .collect();
    let heading = ["release", "written to", "found", "missing", "dropped"];
    let mut widths = heading.map(|h| h.chars().count());
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in std::iter::once(heading.map(String::from)).chain(rows) {
        let mut line = String::new();
        for (at, (cell, width)) in row.iter().zip(widths).enumerate() {
            // Counts line up on the right, words on the left.
            let _ = match at {
                4 => write!(line, "{cell:>width$}"),
                _ => write!(line, "{cell:<width$}  "),
            };
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
    let written = files.iter().filter(|f| f.written.is_some()).count();
    let needing = files
        .iter()
        .filter(|f| f.written.is_some() && !f.missing.is_empty())
        .count();
    let _ = writeln!(
        out,
        "\n{} release{}: {written} written, {} not written, {needing} written with fields missing",
        files.len(),
        if files.len() == 1 { "" } else { "s" },
        files.len() - written,
    );
    out
}
