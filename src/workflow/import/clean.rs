//! Lines of a release that are not its news: web-page debris, photo ids
//! and repeated headlines, to drop; credits and reporter marks, to move
//! into front matter.

use super::ImportedRelease;
use super::notes::Dropped;

/// Lines a news web page adds around every article, compared in
/// lowercase with no space before a colon.
const DEBRIS: [&str; 9] = [
    "alexametrics",
    "loading",
    "loading...",
    "loading…",
    "loading gif",
    "preload video",
    "a+ a-",
    "share:",
    "bagikan:",
];

/// Widgets whose first words are always the same and the rest may vary.
const DEBRIS_STARTS: [&str; 2] = ["komentar (pilih salah satu", "aktifkan notifikasi browser"];

/// Buttons and links of the comment and notification widgets. Each is a
/// word a sentence could be, so they are dropped only at the very end of
/// the text, where the widgets sit.
const WIDGETS: [&str; 5] = ["top", "aktifkan", "tidak", "facebook", "disqus"];

fn comparable(line: &str) -> String {
    line.to_lowercase().replace(" :", ":")
}

/// A line that is always a web page's, wherever it stands.
pub fn is_debris(line: &str) -> bool {
    let line = comparable(line);
    DEBRIS.contains(&line.as_str()) || DEBRIS_STARTS.iter().any(|s| line.starts_with(s))
}

/// A button or link of a widget, bulleted or not.
pub fn is_widget(line: &str) -> bool {
    WIDGETS.contains(&comparable(strip_bullet(line)).as_str())
}

/// A photo's file name on a gallery page: a long number, often bulleted.
/// No sentence is only digits.
pub fn is_photo_id(line: &str) -> bool {
    let digits = strip_bullet(line);
    digits.len() >= 8 && digits.bytes().all(|b| b.is_ascii_digit())
}

/// The text of a bulleted line (`• x`, `- x`, `* x`).
pub fn bullet(line: &str) -> Option<&str> {
    let rest = line
        .trim_start()
        .strip_prefix(['•', '·', '▪', '◦', '‣', '-', '*'])?;
    rest.starts_with(char::is_whitespace)
        .then(|| rest.trim())
        .filter(|text| !text.is_empty())
}

pub fn strip_bullet(line: &str) -> &str {
    bullet(line).unwrap_or(line)
}

/// The number and text of a numbered line (`1. x`, `2) x`).
pub fn numbered(line: &str) -> Option<(&str, &str)> {
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let rest = line.get(digits..)?.strip_prefix(['.', ')'])?;
    let text = rest.trim();
    (matches!(digits, 1..=3) && rest.starts_with(char::is_whitespace) && !text.is_empty())
        .then(|| (&line[..digits], text))
}

/// What two lines are compared by when looking for a repeated headline:
/// the text without bullet, case or spacing differences.
pub fn key(line: &str) -> String {
    strip_bullet(line)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Writer,
    Editor,
    Translator,
}

/// A credit line, `Writer :` or `Penulis: Name`: its role and what
/// follows the colon.
pub fn credit_label(line: &str) -> Option<(Role, &str)> {
    let (label, rest) = line.split_once(':')?;
    let role = match label.trim().to_lowercase().as_str() {
        "writer" | "penulis" => Role::Writer,
        "editor" | "penyunting" => Role::Editor,
        "translator" | "penerjemah" => Role::Translator,
        _ => return None,
    };
    Some((role, rest.trim()))
}

/// The names of a credit, separated by `;`. `None` when a part does not
/// look like a name, so that a sentence that happens to start with
/// `Editor:` stays in the text.
pub fn names(text: &str) -> Option<Vec<String>> {
    let mut names = Vec::new();
    for part in text.split(';') {
        let name = part.trim().trim_end_matches(',').trim();
        if name.is_empty() {
            continue;
        }
        if !looks_like_name(name) {
            return None;
        }
        names.push(name.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    Some(names)
}

/// Short, starting with a letter, without digits: a person or an office,
/// not a sentence or a dateline.
fn looks_like_name(name: &str) -> bool {
    name.chars().count() <= 60
        && name.split_whitespace().count() <= 6
        && name.starts_with(char::is_alphabetic)
        && !name.chars().any(|c| c.is_ascii_digit())
}

/// A reporter's mark at the end of a release.
#[derive(Debug, PartialEq, Eq)]
pub enum Mark {
    /// `[syarif wibowo]`: the writer, as readers should see the name.
    Reporter(String),
    /// `(akn)`: initials, which are not a name to put in a byline.
    Initials,
}

/// The mark that ends a paragraph, the mark as written, and the
/// paragraph without it.
pub fn end_mark(paragraph: &str) -> Option<(Mark, &str, &str)> {
    let text = paragraph.trim_end();
    let (open, close) = match text.chars().last()? {
        ']' => ('[', ']'),
        ')' => ('(', ')'),
        _ => return None,
    };
    let start = text.rfind(open)?;
    let inner = text[start + open.len_utf8()..text.len() - close.len_utf8()].trim();
    let mark = if is_initials(inner) {
        Mark::Initials
    } else if open == '['
        && looks_like_name(inner)
        && inner
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '\'' | '-'))
    {
        Mark::Reporter(name_case(inner))
    } else {
        return None;
    };
    Some((mark, &text[start..], text[..start].trim_end()))
}

/// A line that is only a reporter's initials, `(akn)`.
pub fn is_initials_line(line: &str) -> bool {
    line.strip_prefix('(')
        .and_then(|l| l.strip_suffix(')'))
        .is_some_and(is_initials)
}

/// `akn`, `akn/ant`: short lowercase letter groups. Acronyms in brackets
/// at a sentence's end, `(PSM)`, are capitals, and words are longer.
fn is_initials(text: &str) -> bool {
    !text.is_empty()
        && text.split('/').all(|part| {
            (2..=4).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_lowercase())
        })
}

/// A name written all in lowercase, as some sites print bylines, in the
/// case readers expect; any other name is kept as written (`OHH Dayasos`).
pub fn name_case(name: &str) -> String {
    if name.chars().any(char::is_uppercase) {
        name.to_string()
    } else {
        super::dateline::title_case(name)
    }
}

/// Takes out web-page debris and photo ids anywhere, and the comment and
/// notification widgets that close a page.
pub fn drop_debris(lines: &mut [Option<String>]) -> Dropped {
    let mut dropped = Dropped::default();
    for (number, slot) in lines.iter_mut().enumerate() {
        match slot.take() {
            Some(line) if is_debris(&line) => dropped.debris.push((number, line)),
            Some(line) if is_photo_id(&line) => {
                dropped.photo_ids.push(strip_bullet(&line).to_string());
            }
            line => *slot = line,
        }
    }
    for (number, slot) in lines.iter_mut().enumerate().rev() {
        match slot.take() {
            None => {}
            Some(line) if is_widget(&line) => dropped.debris.push((number, line)),
            Some(line) if is_initials_line(&line) => dropped.initials.push(line),
            line => {
                *slot = line;
                break;
            }
        }
    }
    dropped
}

/// Moves `Writer :` / `Penulis: Name` credits, with their names on the
/// same line or the lines after, into the release.
pub fn take_credits(lines: &mut [Option<String>], release: &mut ImportedRelease) {
    let mut at = 0;
    while at < lines.len() {
        let label = lines[at].as_deref().and_then(|line| {
            let (role, rest) = credit_label(line)?;
            Some((role, names(rest)?, line.to_string()))
        });
        at += 1;
        let Some((role, mut found, label)) = label else {
            continue;
        };
        lines[at - 1] = None;
        if found.is_empty() {
            while at < lines.len() && lines[at].is_none() {
                at += 1;
            }
            while let Some(line) = lines.get(at).and_then(Option::as_deref)
                && credit_label(line).is_none()
                && let Some(more) = names(line).filter(|n| !n.is_empty())
            {
                found.extend(more);
                lines[at] = None;
                at += 1;
            }
        }
        if found.is_empty() {
            let note = format!("the credit '{label}' has no name after it");
            release.notes.push(note);
        }
        let list = match role {
            Role::Writer => &mut release.writer,
            Role::Editor => &mut release.editor,
            Role::Translator => &mut release.translator,
        };
        for name in found {
            if !list.contains(&name) {
                list.push(name);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debris_is_known_lines_only() {
        for line in [
            "alexametrics",
            "Loading...",
            "A+ A-",
            "Share :",
            "Share:",
            "preload video",
        ] {
            assert!(is_debris(line), "{line}");
        }
        assert!(is_debris("KOMENTAR (pilih salah satu di bawah ini)"));
        assert!(is_debris(
            "Aktifkan notifikasi browser anda untuk berita terbaru."
        ));
        assert!(!is_debris("Top") && is_widget("Top") && is_widget("• Disqus"));
        assert!(!is_debris("Loading barang bantuan dimulai pagi ini."));
        assert!(is_photo_id("• 16110022334455") && is_photo_id("123456789"));
        assert!(!is_photo_id("2021") && !is_photo_id("• 1234 orang"));
    }

    #[test]
    fn lists_and_bullets() {
        assert_eq!(numbered("2. Kedua;"), Some(("2", "Kedua;")));
        assert_eq!(numbered("3) Ketiga"), Some(("3", "Ketiga")));
        assert_eq!(numbered("2020. Tahun"), None);
        assert_eq!(numbered("4.0 era"), None);
        assert_eq!(bullet("• Judul"), Some("Judul"));
        assert_eq!(bullet("-5 derajat"), None);
        assert_eq!(key("  •  Judul   Berita "), "judul berita");
    }

    #[test]
    fn credit_labels_in_both_languages() {
        assert_eq!(credit_label("Writer :"), Some((Role::Writer, "")));
        assert_eq!(credit_label("Penulis: Dewi"), Some((Role::Writer, "Dewi")));
        assert_eq!(credit_label("Penyunting : X"), Some((Role::Editor, "X")));
        assert_eq!(credit_label("Penerjemah:"), Some((Role::Translator, "")));
        assert_eq!(credit_label("Catatan: x"), None);
        assert_eq!(
            names("Humas Ditjen ; Rina S"),
            Some(vec!["Humas Ditjen".into(), "Rina S".into()])
        );
        assert_eq!(
            names("hadir pada 12 acara yang diselenggarakan di tiga kota besar"),
            None
        );
    }

    #[test]
    fn reporter_marks_at_the_end() {
        assert_eq!(
            end_mark("Kalimat terakhir. [dewi lestari]"),
            Some((
                Mark::Reporter("Dewi Lestari".into()),
                "[dewi lestari]",
                "Kalimat terakhir."
            ))
        );
        assert_eq!(
            end_mark("Teks. (dls)"),
            Some((Mark::Initials, "(dls)", "Teks."))
        );
        assert_eq!(
            end_mark("[Budi S]").map(|m| m.0),
            Some(Mark::Reporter("Budi S".into()))
        );
        assert_eq!(end_mark("Pekerja Sosial Masyarakat (PSM)"), None);
        assert_eq!(end_mark("dilakukan secara (daring)"), None);
        assert!(is_initials_line("(akn/ant)") && !is_initials_line("(PSM)"));
    }
}
