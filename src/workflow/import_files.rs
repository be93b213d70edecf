//! `warta import` as a command: each release parsed by `import`, written
//! as a content file, and everything the parser could not find reported
//! against the file it came from.

use std::path::{Path, PathBuf};

use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::layout::CONTENT_DIR;
use crate::load::yaml;
use crate::model::Section;

use super::import::{file_stem, parse_release, to_markdown};

/// Imports `files` into `content/<section>/`; returns the files written
/// (relative to the site) and the problems and notes.
pub fn import_files(
    site: &Path,
    files: &[PathBuf],
    section: &str,
    lang: Option<&str>,
) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut written = Vec::new();
    let mut problems = Vec::new();
    let config = match SiteConfig::load(site, None) {
        Ok(config) => config,
        Err(config_problems) => return (written, config_problems),
    };
    let Some(section) = Section::from_dir_name(section) else {
        let names: Vec<&str> = Section::ALL.iter().map(|s| s.dir_name()).collect();
        problems.push(Diagnostic::error(
            "import.refused",
            CONTENT_DIR,
            format!(
                "`{section}` is not a section; use one of: {}",
                names.join(", ")
            ),
        ));
        return (written, problems);
    };
    if let Some(code) = lang
        && config.lang_index(code).is_none()
    {
        problems.push(Diagnostic::error(
            "import.refused",
            crate::layout::CONFIG_FILE,
            format!(
                "`--lang {code}` is not one of `languages` ({})",
                config.languages.join(", ")
            ),
        ));
        return (written, problems);
    }
    for file in files {
        let text = match std::fs::read(file)
            .map_err(|e| e.to_string())
            .and_then(|b| {
                yaml::decode_utf8(&b)
                    .map(|text| text.into_owned())
                    .map_err(|e| e.to_string())
            }) {
            Ok(text) => text,
            Err(message) => {
                problems.push(Diagnostic::error(
                    "import.unreadable",
                    file,
                    format!("cannot read: {message}"),
                ));
                continue;
            }
        };
        let release = parse_release(&text, lang);
        for note in &release.notes {
            problems.push(Diagnostic::warning("import.note", file, note.clone()));
        }
        let Some(code) = release.lang.clone() else {
            problems.push(Diagnostic::error(
                "import.no-language",
                file,
                "cannot tell the language of the text; give it with --lang id or --lang en",
            ));
            continue;
        };
        if config.lang_index(&code).is_none() {
            problems.push(Diagnostic::error(
                "import.language",
                file,
                format!("the text is in `{code}`, which is not one of `languages` in site.yaml"),
            ));
            continue;
        }
        let stem = file_stem(&release).unwrap_or_else(|| {
            // Without a title, the name of the text file stands in.
            let name = slug::slugify(
                file.file_stem()
                    .map(|s| s.to_string_lossy())
                    .unwrap_or_default(),
            );
            match release.date {
                Some(date) => format!("{date}-{name}"),
                None => name,
            }
        });
        let rel = Path::new(CONTENT_DIR)
            .join(section.dir_name())
            .join(format!("{stem}.{code}.md"));
        if site.join(&rel).exists() {
            problems.push(Diagnostic::error(
                "import.exists",
                &rel,
                format!(
                    "exists already; warta does not overwrite it (imported from {})",
                    file.display()
                ),
            ));
            continue;
        }
        if section == Section::News {
            problems.push(Diagnostic::warning(
                "import.directorate",
                &rel,
                "add `directorate:` (the key of its page in content/directorates/): a news item needs it, and warta never guesses it",
            ));
        }
        let full = site.join(&rel);
        let result = full
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&full, to_markdown(&release)));
        match result {
            Ok(()) => written.push(rel),
            Err(e) => problems.push(Diagnostic::error(
                "import.io",
                &rel,
                format!("cannot write: {e}"),
            )),
        }
    }
    (written, problems)
}
