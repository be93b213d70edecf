//! Paths as links write them: relative to the linking file, with `.`,
//! `..` and `%XX` escapes, between files of the site folder.

use std::borrow::Cow;
use std::path::Path;

use crate::diagnostics::path_as_shown;

/// The site-relative path of `relative` written in the file `from`, with
/// `.` and `..` resolved: `a/./b/../c` → `a/c`. `None` when it climbs
/// above the site folder or is absolute.
pub fn join_relative(from: &Path, relative: &str) -> Option<String> {
    if relative.starts_with('/') {
        return None;
    }
    let from = path_as_shown(from);
    let mut joined = String::with_capacity(from.len() + relative.len());
    let folder = from.rsplit_once('/').map_or("", |(folder, _)| folder);
    for part in folder.split('/').chain(relative.split('/')) {
        match part {
            "" | "." => {}
            ".." => {
                if joined.is_empty() {
                    return None;
                }
                joined.truncate(joined.rfind('/').unwrap_or(0));
            }
            part => {
                if !joined.is_empty() {
                    joined.push('/');
                }
                joined.push_str(part);
            }
        }
    }
    Some(joined)
}

/// The path of the file `to` relative to the folder of the file `from`
/// (both site-relative, with `/`): `content/news/a.md`,
/// `content/programs/b.md` → `../programs/b.md`.
pub fn relative_path(from: &str, to: &str) -> String {
    let from_dirs: Vec<&str> = from.split('/').collect();
    let from_dirs = &from_dirs[..from_dirs.len().saturating_sub(1)];
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dirs
        .iter()
        .zip(&to_parts[..to_parts.len().saturating_sub(1)])
        .take_while(|(a, b)| a == b)
        .count();
    let mut parts: Vec<&str> = vec![".."; from_dirs.len() - common];
    parts.extend(&to_parts[common..]);
    parts.join("/")
}

/// A link's path and what follows it (`#fragment`, `?query`).
pub fn split_suffix(dest: &str) -> (&str, &str) {
    match dest.find(['#', '?']) {
        Some(i) => (&dest[..i], &dest[i..]),
        None => (dest, ""),
    }
}

/// `%20` → space, so that `foto%20fgd.jpg` finds `foto fgd.jpg`.
pub fn percent_decode(text: &str) -> Cow<'_, str> {
    if !text.contains('%') {
        return Cow::Borrowed(text);
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push(h * 16 + l);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    Cow::Owned(String::from_utf8_lossy(&out).into_owned())
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_between_files() {
        assert_eq!(
            relative_path("content/news/a.en.md", "content/news/b.en.md"),
            "b.en.md"
        );
        assert_eq!(
            relative_path("content/news/a.en.md", "content/programs/b.en.md"),
            "../programs/b.en.md"
        );
    }

    #[test]
    fn relative_paths_are_normalized() {
        let from = Path::new("content/news/a.en.md");
        assert_eq!(
            join_relative(from, "../programs/./x.md").as_deref(),
            Some("content/programs/x.md")
        );
        assert_eq!(
            join_relative(from, "..//news/b.md").as_deref(),
            Some("content/news/b.md")
        );
        assert_eq!(join_relative(from, "../../../x.md"), None);
        assert_eq!(
            join_relative(Path::new("a.md"), "b.md").as_deref(),
            Some("b.md")
        );
    }
}
