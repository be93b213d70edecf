//! YAML through serde-saphyr, with problems turned into diagnostics that
//! name the file, line and column, and limits that stop alias bombs and
//! deep nesting early.

use std::borrow::Cow;
use std::path::Path;

use serde::de::DeserializeOwned;
use serde_saphyr::{DefaultMessageFormatter, MessageFormatter};

use crate::diagnostics::Diagnostic;

/// Front matter and `site.yaml` are small: a few dozen keys. These limits
/// are far above any real file and far below what an alias bomb expands
/// to, so one is rejected in milliseconds.
fn options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        with_snippet: false,
        budget: serde_saphyr::budget! {
            max_nodes: 20_000,
            max_events: 100_000,
            max_depth: 32,
            max_aliases: 1_000,
            max_anchors: 1_000,
        },
    }
}

/// Deserializes `text`; an error names `path` and the line in the file,
/// where `line_offset` is the number of file lines before `text`.
pub fn from_str<T: DeserializeOwned>(
    text: &str,
    path: &Path,
    line_offset: usize,
) -> Result<T, Diagnostic> {
    // An empty block is an empty mapping: the missing keys are then
    // reported one by one instead of as "unexpected end of input".
    let text = if text.trim().is_empty() { "{}" } else { text };
    serde_saphyr::from_str_with_options(text, options()).map_err(|error| {
        let raw = DefaultMessageFormatter.format_message(&error).into_owned();
        let (line, column) = error
            .location()
            .map(|l| (l.line() as usize, l.column() as usize))
            .unwrap_or((0, 0));
        // Type errors point at the value; name its key, which the message
        // of serde-saphyr does not.
        let key = key_on_line(text, line);
        let value = value_at(text, line, column);
        let (code, message) = describe(&raw, key, value);
        let line = if line == 0 { 0 } else { line + line_offset };
        Diagnostic::error(code, path, message).at(line, column)
    })
}

/// The 1-based line on which top-level `key` is written in `text`.
pub fn key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|line| {
            line.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map(|i| i + 1)
}

/// The key written at the start of a (1-based) line: `programs: x` →
/// `programs`.
fn key_on_line(text: &str, line: usize) -> Option<&str> {
    let current = text.lines().nth(line.checked_sub(1)?)?;
    let key = current.split_once(':')?.0.trim().trim_start_matches("- ");
    (!key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-'))
    .then_some(key)
}

/// The value written at a (1-based) line and column, to the end of the
/// line: `-1` in `paginate: -1`.
fn value_at(text: &str, line: usize, column: usize) -> Option<&str> {
    let current = text.lines().nth(line.checked_sub(1)?)?;
    let start = current.char_indices().nth(column.checked_sub(1)?)?.0;
    // Only a value that follows its key on the line (not one inside a
    // `{...}` or `[...]`), which is then the whole rest of the line.
    let before = current[..start].trim_end();
    if !before.ends_with(':') || before.contains(['{', '[']) {
        return None;
    }
    let value = current[start..].trim();
    (!value.is_empty()).then_some(value)
}

/// A stable code and a message in our words for a serde-saphyr message,
/// whose own words name Rust types and settings of the library.
fn describe(raw: &str, key: Option<&str>, value: Option<&str>) -> (&'static str, String) {
    let named = |what: &str| match (key, value) {
        (Some(key), Some(value)) => format!("`{key}: {value}` {what}"),
        (Some(key), None) => format!("`{key}` {what}"),
        (None, Some(value)) => format!("`{value}` {what}"),
        (None, None) => format!("the value {what}"),
    };
    if let Some(rest) = raw.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(',').next().unwrap_or(rest).trim();
        return (
            "yaml.duplicate-key",
            format!("`{key}` is written twice; keep one of them"),
        );
    }
    if raw.starts_with("cannot deserialize null") {
        return (
            "yaml.no-value",
            match key {
                Some(key) => {
                    format!("`{key}` has no value: write one after `{key}:`, or remove the line")
                }
                None => "a value is missing here".to_string(),
            },
        );
    }
    if let Some(rest) = raw.strip_prefix("unknown variant ") {
        let allowed = rest
            .split_once("expected one of ")
            .map_or("", |(_, list)| list);
        return (
            "yaml.invalid-value",
            named(&format!("is not one of the choices: {allowed}")),
        );
    }
    if raw.starts_with("invalid u") || raw.starts_with("invalid i") {
        let what = if raw.starts_with("invalid u") {
            "is not a whole number this setting takes, such as `20`"
        } else {
            "is not a whole number, such as `1`"
        };
        return ("yaml.invalid-type", named(what));
    }
    if raw.starts_with("invalid boolean") {
        return ("yaml.invalid-type", named("must be `true` or `false`"));
    }
    if raw.starts_with("expected string scalar") {
        return (
            "yaml.invalid-type",
            named("must be text; put it in quotes if it is meant as one"),
        );
    }
    let (code, message) = describe_other(raw);
    match (code, key) {
        ("yaml.invalid-type", Some(key)) => (code, format!("`{key}`: {message}")),
        _ => (code, message),
    }
}

fn describe_other(raw: &str) -> (&'static str, String) {
    if let Some(rest) = raw.strip_prefix("unknown field ") {
        let rest = rest.replacen(", expected one of", " (allowed keys:", 1);
        let closing = if rest.contains("(allowed keys:") {
            ")"
        } else {
            ""
        };
        ("yaml.unknown-key", format!("unknown key {rest}{closing}"))
    } else if let Some(rest) = raw.strip_prefix("missing field ") {
        ("yaml.missing-key", format!("missing required key {rest}"))
    } else if raw.contains("budget breached")
        || raw.contains("alias replay limit")
        || raw.contains("recursion limit")
    {
        (
            "yaml.too-complex",
            format!(
                "YAML is too large or too deeply nested (aliases or nesting beyond warta's limits): {raw}"
            ),
        )
    } else if raw.starts_with("invalid ")
        || raw.starts_with("expected ")
        || raw.starts_with("cannot deserialize")
    {
        let message = match raw {
            "expected sequence start" => "expected a list, such as `[a, b]`".to_string(),
            "expected mapping start" => {
                "expected keys and values, such as `{lang: id, hash: ...}`".to_string()
            }
            other => other.to_string(),
        };
        ("yaml.invalid-type", message)
    } else {
        ("yaml.syntax", format!("malformed YAML: {raw}"))
    }
}

/// Where a file stops being UTF-8.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "the file is not UTF-8 text (invalid byte at line {line}, column {column}); save it as UTF-8"
)]
pub struct NotUtf8 {
    pub line: usize,
    pub column: usize,
}

impl NotUtf8 {
    /// The problem as a diagnostic at the invalid byte.
    pub fn diagnostic(&self, code: &'static str, path: impl AsRef<Path>) -> Diagnostic {
        Diagnostic::error(
            code,
            path.as_ref(),
            "invalid byte: the file is not UTF-8 text; save it as UTF-8",
        )
        .at(self.line, self.column)
    }
}

/// Text from bytes: UTF-8 only, with a leading BOM dropped and CRLF line
/// endings turned into LF (line numbers stay the same). The common case
/// (UTF-8, LF) borrows the bytes, so that a content file's text is copied
/// once, body only, out of the buffer it was read into. The error says
/// where the first invalid byte is.
pub fn decode_utf8(bytes: &[u8]) -> Result<Cow<'_, str>, NotUtf8> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // UTF-16 without a byte order mark is valid UTF-8, NUL between every
    // letter: no text file of a site starts with NUL.
    if bytes.len() >= 2 && (bytes[0] == 0 || bytes[1] == 0) {
        return Err(NotUtf8 { line: 1, column: 1 });
    }
    match std::str::from_utf8(bytes) {
        // Old Mac files end lines with CR alone.
        Ok(text) if text.contains('\r') => {
            Ok(Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n")))
        }
        Ok(text) => Ok(Cow::Borrowed(text)),
        Err(error) => {
            let valid = &bytes[..error.valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(&valid[line_start..])
                .chars()
                .count()
                + 1;
            Err(NotUtf8 { line, column })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use serde::de::IgnoredAny;
    use std::collections::HashMap;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Sample {
        title: String,
        count: Option<i64>,
    }

    #[test]
    fn unknown_key_is_named_with_its_line() {
        let err = from_str::<Sample>("title: x\ncolour: red\n", Path::new("a.md"), 1).unwrap_err();
        assert_eq!(err.code, "yaml.unknown-key");
        assert!(
            err.message.starts_with("unknown key `colour`"),
            "{}",
            err.message
        );
        assert_eq!((err.line, err.column), (Some(3), Some(1)));
    }

    #[test]
    fn malformed_yaml_is_a_syntax_error() {
        let err = from_str::<Sample>("title: \"open\n", Path::new("a.md"), 0).unwrap_err();
        assert_eq!(err.code, "yaml.syntax");
        assert_eq!(err.line, Some(1));
    }

    #[test]
    fn alias_bomb_is_rejected_quickly() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let p = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        text.push_str("title: t\n");
        let start = std::time::Instant::now();
        let err = from_str::<HashMap<String, IgnoredAny>>(&text, Path::new("a.md"), 0).unwrap_err();
        assert_eq!(err.code, "yaml.too-complex", "{}", err.message);
        assert!(start.elapsed().as_secs() < 5);
    }

    #[test]
    fn utf8_bom_and_crlf_are_accepted() {
        assert_eq!(decode_utf8(b"\xEF\xBB\xBFa\r\nb").unwrap(), "a\nb");
        assert_eq!(decode_utf8(b"a\rb\r").unwrap(), "a\nb\n");
        assert_eq!(
            decode_utf8(b"-\0-\0-\0").unwrap_err(),
            NotUtf8 { line: 1, column: 1 }
        );
        assert!(decode_utf8(b"\xFF\xFE-\0").is_err());
        let err = decode_utf8(b"ok\nab\xFF").unwrap_err();
        assert_eq!(err, NotUtf8 { line: 2, column: 3 });
    }
}
