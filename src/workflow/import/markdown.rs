//! A release as a news file: front matter that any title leaves valid
//! YAML, and the file's name.

use std::fmt::Write as _;

use super::{ImportedRelease, language};
use crate::model::Section;

/// The release as a news file: front matter with the keys found, in the
/// order of the README, then the body.
pub fn to_markdown(release: &ImportedRelease) -> String {
    let mut out = String::from("---\n");
    if let Some(title) = &release.title {
        let _ = writeln!(out, "title: {}", yaml_string(title));
    }
    if let Some(date) = release.date {
        let _ = writeln!(out, "date: {date}");
    }
    if let Some(place) = &release.place {
        let _ = writeln!(out, "place: {}", yaml_string(place));
    }
    for (key, names) in [
        ("writer", &release.writer),
        ("editor", &release.editor),
        ("translator", &release.translator),
        ("photographer", &release.photographer),
    ] {
        let names: Vec<String> = names.iter().map(|n| yaml_string(n)).collect();
        match names.as_slice() {
            [] => {}
            [one] => {
                let _ = writeln!(out, "{key}: {one}");
            }
            many => {
                let _ = writeln!(out, "{key}: [{}]", many.join(", "));
            }
        }
    }
    out.push_str("---\n");
    let body = release.body.trim();
    if !body.is_empty() {
        let _ = write!(out, "\n{body}\n");
    }
    out
}

/// A YAML double-quoted string: any text is valid, whatever `:`, `#`,
/// quotes or leading characters it holds.
fn yaml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}') => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The file's name without `.<lang>.md`, as `warta new` names files: a
/// news item `2020-07-23-social-empowerment-program-make-it-simple`, the
/// date and at most six words of the title, not ending on `of` or `dan`;
/// a page of another section, or a news item without a date, only the
/// words. `None` without a title with letters or digits.
pub fn file_stem(release: &ImportedRelease, section: Section) -> Option<String> {
    let slug = slug::slugify(release.title.as_deref()?);
    let mut words: Vec<&str> = slug.split('-').filter(|w| !w.is_empty()).take(6).collect();
    while words.len() > 1 && words.last().is_some_and(|w| language::is_function_word(w)) {
        words.pop();
    }
    if words.is_empty() {
        return None;
    }
    let words = words.join("-");
    Some(match release.date {
        Some(date) if section == Section::News => format!("{date}-{words}"),
        _ => words,
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::load::front_matter;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Back {
        title: String,
        date: String,
        place: String,
        writer: String,
        editor: Vec<String>,
        photographer: String,
    }

    fn release(title: &str) -> ImportedRelease {
        ImportedRelease {
            title: Some(title.to_string()),
            date: Some(jiff::civil::date(2021, 3, 4)),
            place: Some("Kota: Bekasi".to_string()),
            writer: vec!["Humas \"Dayasos\"".to_string()],
            editor: vec!["A; B".to_string(), "#C".to_string()],
            photographer: vec!["Rudi: \"R\"".to_string()],
            body: "Teks.".to_string(),
            ..ImportedRelease::default()
        }
    }

    #[test]
    fn any_title_reads_back_as_written() {
        for title in [
            "Kemensos: Bansos Tahap 2 Cair",
            "\"Kami Siap\", Kata Mensos",
            "'Satu' dan \"dua\"",
            "Program #1 Tahun Ini",
            "- Dimulai dengan tanda pisah",
            "[Rilis] {Penting} & *Segera* | ? % @ `x`",
            "C:\\Windows\\path \\ backslash",
            "yes",
            "null",
            "2021",
            "Tab\tdan\u{7}bel \u{2028} garis",
            "Kemensos — “Bergerak” ‘Cepat’ ✓",
            "  spasi di tepi  ",
        ] {
            let text = to_markdown(&release(title));
            let split = front_matter::split(&text).expect("front matter");
            let back: Back = serde_saphyr::from_str(split.yaml)
                .unwrap_or_else(|e| panic!("{title:?}: {e}\n{text}"));
            assert_eq!(back.title, title);
            assert_eq!(back.date, "2021-03-04");
            assert_eq!(back.place, "Kota: Bekasi");
            assert_eq!(back.writer, "Humas \"Dayasos\"");
            assert_eq!(back.editor, ["A; B", "#C"]);
            assert_eq!(back.photographer, "Rudi: \"R\"");
            // The site's own loader takes it too: no unknown key, the
            // credits in its forms.
            let front = front_matter::parse(split.yaml, Path::new("p.md"), Section::Events, 2)
                .unwrap_or_else(|e| panic!("{title:?}: {e:?}"));
            // A page shows a control HTML forbids (the bell) as U+FFFD.
            assert_eq!(front.title, title.replace('\u{7}', "\u{FFFD}"));
            assert_eq!(split.body, "\nTeks.\n");
        }
    }

    #[test]
    fn only_the_keys_found_in_the_readme_order() {
        let only_date = ImportedRelease {
            date: Some(jiff::civil::date(2020, 7, 15)),
            ..ImportedRelease::default()
        };
        assert_eq!(to_markdown(&only_date), "---\ndate: 2020-07-15\n---\n");
        let text = to_markdown(&release("T"));
        let keys: Vec<&str> = text
            .lines()
            .filter_map(|l| l.split_once(": "))
            .map(|(k, _)| k)
            .collect();
        assert_eq!(
            keys,
            ["title", "date", "place", "writer", "editor", "photographer"]
        );
    }

    #[test]
    fn file_stems_take_the_date_and_six_words() {
        let mut release = release("Kemensos: Rintis Sinergi Pekerja Sosial dan PSM di Bekasi");
        let stem = |release: &ImportedRelease| file_stem(release, Section::News);
        assert_eq!(
            stem(&release).as_deref(),
            Some("2021-03-04-kemensos-rintis-sinergi-pekerja-sosial")
        );
        release.title = Some("Peran Pekerja Sosial dan Relawan".to_string());
        assert_eq!(
            stem(&release).as_deref(),
            Some("2021-03-04-peran-pekerja-sosial-dan-relawan")
        );
        release.title = Some("Responsive to Social Problems, Ministry of Affairs".to_string());
        assert_eq!(
            stem(&release).as_deref(),
            Some("2021-03-04-responsive-to-social-problems-ministry")
        );
        release.title = Some("?!".to_string());
        assert_eq!(stem(&release), None);
    }

    #[test]
    fn without_a_date_or_outside_news_the_stem_is_the_title_alone() {
        let mut release = release("Program Keluarga Harapan di Kota Bekasi");
        for section in [Section::Programs, Section::Events, Section::Pages] {
            assert_eq!(
                file_stem(&release, section).as_deref(),
                Some("program-keluarga-harapan-di-kota-bekasi"),
                "{section:?}"
            );
        }
        release.date = None;
        assert_eq!(
            file_stem(&release, Section::News).as_deref(),
            Some("program-keluarga-harapan-di-kota-bekasi")
        );
        release.title = None;
        assert_eq!(file_stem(&release, Section::News), None);
    }
}
