//! Credits: `Writer :` / `Penulis: Name` blocks wherever they stand in a
//! release, and the reporter's mark that ends it (`[syarif wibowo]`).

use super::ImportedRelease;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Writer,
    Editor,
    Translator,
    Photographer,
}

/// The labels of credits in both languages, lowercase.
const LABELS: [(&str, Role); 10] = [
    ("writer", Role::Writer),
    ("penulis", Role::Writer),
    ("editor", Role::Editor),
    ("penyunting", Role::Editor),
    ("translator", Role::Translator),
    ("penerjemah", Role::Translator),
    ("photographer", Role::Photographer),
    ("fotografer", Role::Photographer),
    ("foto", Role::Photographer),
    ("photo", Role::Photographer),
];

/// The label that `text` starts with, and the text after the label word.
fn label_at(text: &str) -> Option<(Role, &str)> {
    LABELS.iter().find_map(|&(label, role)| {
        let word = text.get(..label.len())?;
        let after = &text[label.len()..];
        (word.eq_ignore_ascii_case(label) && !after.starts_with(char::is_alphanumeric))
            .then_some((role, after))
    })
}

/// The text after the colon that follows a label (`Writer :`).
fn after_colon(text: &str) -> Option<&str> {
    text.trim_start().strip_prefix([':', '：'])
}

/// The credits of a line that starts with a label: each label and the
/// text that follows it up to the next label, so that `Penulis: Dewi,
/// Editor: Budi` gives two. A label alone on its line, with or without a
/// colon, has nothing after it: its names are on the next line. `None`
/// when the line does not start with a label.
pub fn credit_labels(line: &str) -> Option<Vec<(Role, &str)>> {
    let line = line.trim();
    let (role, after) = label_at(line)?;
    if after.trim().is_empty() {
        return Some(vec![(role, "")]);
    }
    let mut rest = after_colon(after)?;
    let mut credits = vec![(role, "")];
    // Each later label counts only where a word starts and a colon
    // follows it: `Foto bersama` inside a name list is no label.
    loop {
        let next = rest.char_indices().find_map(|(at, c)| {
            let starts_word = at == 0 || !rest[..at].ends_with(char::is_alphanumeric);
            if !starts_word || !c.is_ascii_alphabetic() {
                return None;
            }
            let (role, after) = label_at(&rest[at..])?;
            Some((at, role, after_colon(after)?))
        });
        let last = credits.len() - 1;
        match next {
            Some((at, role, after)) => {
                credits[last].1 = rest[..at].trim();
                credits.push((role, ""));
                rest = after;
            }
            None => {
                credits[last].1 = rest.trim();
                return Some(credits);
            }
        }
    }
}

/// The names of a credit, separated by `;`, `,`, `&`, `|`, `dan` or `and`,
/// as written or in brackets (`[rina sari]`). `None` when a part does not
/// look like a name or is itself a label, so that a sentence that happens
/// to start with `Editor:` stays in the text.
pub fn names(text: &str) -> Option<Vec<String>> {
    let mut names: Vec<String> = Vec::new();
    for part in text
        .split([';', ',', '&', '|'])
        .flat_map(split_conjunctions)
    {
        let name = part.trim().trim_start_matches('[').trim_end_matches(']');
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            continue;
        }
        // `Rina Sari, M.Si.`: a degree after a comma belongs to the name.
        if is_degree(&name)
            && let Some(previous) = names.last_mut()
        {
            previous.push_str(", ");
            previous.push_str(&name);
            continue;
        }
        let is_label = label_at(&name).is_some_and(|(_, after)| after.is_empty());
        if !looks_like_name(&name) || is_label {
            return None;
        }
        names.push(name_case(&name));
    }
    Some(names)
}

/// `Dewi dan Budi`, `Dewi and Budi`: the parts between the words.
fn split_conjunctions(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut words = text.split_whitespace().peekable();
    let mut offset = 0;
    while let Some(word) = words.next() {
        let at = offset + text[offset..].find(word).unwrap_or(0);
        offset = at + word.len();
        if (word.eq_ignore_ascii_case("dan") || word.eq_ignore_ascii_case("and"))
            && words.peek().is_some()
        {
            parts.push(&text[start..at]);
            start = offset;
        }
    }
    parts.push(&text[start..]);
    parts
}

/// An academic degree written after a name: `M.Si.`, `S.Sos`, `Ph.D`.
fn is_degree(part: &str) -> bool {
    part.contains('.')
        && part.len() <= 8
        && !part.contains(' ')
        && part.chars().all(|c| c.is_alphabetic() || c == '.')
}

/// Short, starting with a letter, without digits or colons: a person or
/// an office, not a sentence, a dateline or another label.
fn looks_like_name(name: &str) -> bool {
    name.chars().count() <= 60
        && name.split_whitespace().count() <= 6
        && name.starts_with(char::is_alphabetic)
        && !name
            .chars()
            .any(|c| c.is_ascii_digit() || c == ':' || c == '：')
}

/// Moves credits, with their names on the same line or the next one,
/// into the release. A label alone on its line takes one line of names:
/// a headline or a paragraph after a credit block is no name.
pub fn take_credits(lines: &mut [Option<String>], release: &mut ImportedRelease) {
    for at in 0..lines.len() {
        let Some(line) = lines[at].as_deref() else {
            continue;
        };
        let Some(labels) = credit_labels(line) else {
            continue;
        };
        let credits: Option<Vec<(Role, Vec<String>)>> = labels
            .into_iter()
            .map(|(role, rest)| Some((role, names(rest)?)))
            .collect();
        let Some(mut credits) = credits else {
            continue;
        };
        let written = line.to_string();
        let mut names_at = None;
        if let [(_, last)] = credits.as_mut_slice()
            && last.is_empty()
        {
            let next = (at + 1..lines.len()).find(|&i| lines[i].is_some());
            if let Some(next) = next
                && let Some(line) = lines[next].as_deref()
                && credit_labels(line).is_none()
                && let Some(found) = names(line).filter(|n| !n.is_empty())
            {
                *last = found;
                names_at = Some(next);
            } else if !written.contains([':', '：']) {
                // `Foto` alone and no names after it: a word of the text.
                continue;
            }
        }
        lines[at] = None;
        if let Some(next) = names_at {
            lines[next] = None;
        }
        for (role, found) in credits {
            if found.is_empty() {
                let note = format!("the credit '{written}' has no name after it");
                release.notes.push(note);
            }
            let list = match role {
                Role::Writer => &mut release.writer,
                Role::Editor => &mut release.editor,
                Role::Translator => &mut release.translator,
                Role::Photographer => &mut release.photographer,
            };
            for name in found {
                if !list.contains(&name) {
                    list.push(name);
                }
            }
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credit_labels_in_both_languages() {
        assert_eq!(credit_labels("Writer :"), Some(vec![(Role::Writer, "")]));
        assert_eq!(
            credit_labels("Penulis: Dewi"),
            Some(vec![(Role::Writer, "Dewi")])
        );
        assert_eq!(
            credit_labels("Penyunting : X"),
            Some(vec![(Role::Editor, "X")])
        );
        assert_eq!(
            credit_labels("Penerjemah:"),
            Some(vec![(Role::Translator, "")])
        );
        for label in ["Photographer :", "Fotografer:", "FOTO :", "Foto"] {
            assert_eq!(
                credit_labels(label),
                Some(vec![(Role::Photographer, "")]),
                "{label}"
            );
        }
        assert_eq!(credit_labels("Catatan: x"), None);
        assert_eq!(credit_labels("Fotografi: x"), None);
        assert_eq!(credit_labels("Foto bersama peserta"), None);
        assert_eq!(
            credit_labels("Penulis: Dewi Lestari, Editor : Budi | Foto: Rudi"),
            Some(vec![
                (Role::Writer, "Dewi Lestari,"),
                (Role::Editor, "Budi |"),
                (Role::Photographer, "Rudi")
            ])
        );
    }

    #[test]
    fn names_split_on_every_separator_and_never_take_a_label() {
        let two = Some(vec!["Humas Ditjen".to_string(), "Rina S".to_string()]);
        for text in [
            "Humas Ditjen ; Rina S",
            "Humas Ditjen, Rina S",
            "Humas Ditjen dan Rina S",
            "Humas Ditjen and Rina S",
            "[humas ditjen] & [rina s]",
        ] {
            assert_eq!(names(text), two, "{text}");
        }
        assert_eq!(
            names("Rina Sari, M.Si.; Budi"),
            Some(vec!["Rina Sari, M.Si.".to_string(), "Budi".to_string()])
        );
        assert_eq!(names("Editor"), None);
        assert_eq!(names("Editor :"), None);
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
