//! Diagnostics: problems found in a site, as values.
//!
//! Every stage returns these instead of printing; only the CLI decides how
//! to show them (text or JSON). Codes are stable strings that tests and
//! `--format json` users match on.

use std::borrow::Cow;
use std::fmt;
use std::path::Path;

use serde::Serialize;

/// How bad a problem is: errors fail the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One problem in one file, at a line and column where there is one
/// (both 1-based).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the site folder, with `/` separators.
    pub path: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub code: &'static str,
    pub message: String,
}

impl Diagnostic {
    pub fn error(code: &'static str, path: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, path, message)
    }

    pub fn warning(code: &'static str, path: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, path, message)
    }

    fn new(
        severity: Severity,
        code: &'static str,
        path: impl AsRef<Path>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity,
            path: display_path(path.as_ref()),
            line: None,
            column: None,
            code,
            message: message.into(),
        }
    }

    /// Sets the position; a line of 0 means "unknown" and is dropped.
    pub fn at(mut self, line: usize, column: usize) -> Self {
        if line > 0 {
            self.line = Some(line);
            self.column = Some(column.max(1));
        }
        self
    }

    /// Sets the position when one is known (the front matter keeps
    /// where `slug:` and `image:` are).
    pub fn at_known(self, position: Option<(usize, usize)>) -> Self {
        match position {
            Some((line, column)) => self.at(line, column),
            None => self,
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    /// `error: content/news/x.id.md:3:1: message`, the form compilers use so
    /// that editors can jump to the place.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.severity, self.path)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        // One problem, one line: a control character from the input
        // (a link with `%0A`) is shown escaped.
        f.write_str(": ")?;
        for c in self.message.chars() {
            if c.is_control() {
                write!(f, "{}", c.escape_default())?;
            } else {
                write!(f, "{c}")?;
            }
        }
        Ok(())
    }
}

/// A path as shown in diagnostics: relative, with forward slashes, so that
/// output is the same on every platform.
pub fn display_path(path: &Path) -> String {
    path_as_shown(path).into_owned()
}

/// `display_path`, borrowed when the path already is in that form, as
/// most are: for work done per link or per page.
pub fn path_as_shown(path: &Path) -> Cow<'_, str> {
    use std::path::Component;
    if !cfg!(windows)
        && let Some(text) = path.to_str()
        && text.split('/').all(|part| !part.is_empty() && part != ".")
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::new();
    if path.has_root() {
        out.push('/');
    }
    let mut first = true;
    for part in path.components() {
        let text = match part {
            Component::Normal(text) => text.to_string_lossy(),
            Component::CurDir => ".".into(),
            Component::ParentDir => "..".into(),
            Component::RootDir | Component::Prefix(_) => continue,
        };
        if !first {
            out.push('/');
        }
        out.push_str(&text);
        first = false;
    }
    Cow::Owned(out)
}

/// The diagnostics of one run, in a stable order.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sorted by path, then position, so that parallel stages still report
    /// in the same order every run.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            (&a.path, a.line, a.column, a.severity, a.code, &a.message)
                .cmp(&(&b.path, b.line, b.column, b.severity, b.code, &b.message))
        });
        self.items.dedup();
        self.items
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_show_with_forward_slashes() {
        assert_eq!(
            display_path(Path::new("content/news/a.id.md")),
            "content/news/a.id.md"
        );
        assert_eq!(
            display_path(Path::new("/work/seeds/a.txt")),
            "/work/seeds/a.txt"
        );
        let diagnostic = Diagnostic::error("x.y", "a.md", "bad").at(3, 0);
        assert_eq!(diagnostic.to_string(), "error: a.md:3:1: bad");
    }
}
