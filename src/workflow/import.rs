//! `warta import`: plain-text press releases into Markdown with front
//! matter.
//!
//! A release copied from a news web page or an email carries its headline,
//! dateline and credits as plain lines, mixed with the page's debris. This
//! module finds what it can and never guesses: what it cannot find is left
//! out of the front matter and said in `notes`, for the editor to add.
//! `directorate`, which news items need, is never guessed; reading files,
//! naming them and reporting are the command line's.

mod body;
mod clean;
mod dateline;
mod language;
mod markdown;
mod notes;

use jiff::civil::Date;

use body::Block;
use clean::Mark;

pub use markdown::{file_stem, to_markdown};

/// What was found in one release.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportedRelease {
    pub title: Option<String>,
    pub date: Option<Date>,
    /// The dateline's place as readers expect it: `Bekasi`, not `BEKASI`.
    pub place: Option<String>,
    /// `id` or `en`: detected from the text unless the caller forced it.
    pub lang: Option<String>,
    pub writer: Vec<String>,
    pub editor: Vec<String>,
    pub translator: Vec<String>,
    /// Markdown: paragraphs separated by blank lines, numbered lists as
    /// Markdown lists, without the dateline's `BEKASI (15 July 2020) - `.
    pub body: String,
    /// What was not found or was dropped, in plain English, for the editor.
    pub notes: Vec<String>,
}

/// Reads a plain-text release. `lang` (`Some("id")`) forces the language;
/// `None` detects it from the text.
pub fn parse_release(text: &str, lang: Option<&str>) -> ImportedRelease {
    let mut release = ImportedRelease::default();
    // Line by line; `None` is a blank line or one taken out. Every
    // non-blank line is a paragraph: releases copied from web pages have
    // one line per paragraph, with or without blank lines between.
    let mut lines: Vec<Option<String>> = normalize(text)
        .lines()
        .map(|line| Some(line.split_whitespace().collect::<Vec<_>>().join(" ")))
        .map(|line| line.filter(|l| !l.is_empty()))
        .collect();
    let mut dropped = clean::drop_debris(&mut lines);
    clean::take_credits(&mut lines, &mut release);

    let dateline_at = find_dateline(&lines);
    let head_end = dateline_at.unwrap_or(0);
    let mut head: Vec<String> = lines[..head_end]
        .iter_mut()
        .filter_map(Option::take)
        .collect();
    if dateline_at.is_none() {
        // Without a dateline only a first line shaped as a headline can be
        // told from the first paragraph.
        if let Some(first) = lines.iter_mut().find(|l| l.is_some())
            && first.as_deref().is_some_and(is_headline)
        {
            head.extend(first.take());
        }
    }
    let starts_with_dateline = dateline_at.is_some() && head.is_empty();
    if head.first().is_some_and(|line| is_headline(line)) {
        release.title = Some(head.remove(0));
    }
    if let Some(title) = &release.title {
        let title = clean::key(title);
        let before = head.len() + lines.iter().flatten().count();
        head.retain(|line| clean::key(line) != title);
        for line in lines.iter_mut() {
            if line.as_deref().is_some_and(|l| clean::key(l) == title) {
                *line = None;
            }
        }
        dropped.title_repeats = before - head.len() - lines.iter().flatten().count();
    }

    let mut blocks: Vec<Block> = Vec::new();
    let mut why_no_date = "no dateline".to_string();
    if let Some(at) = dateline_at {
        let line = lines[at].take().unwrap_or_default();
        if let Some(found) = dateline::parse(&line) {
            release.place = Some(found.place);
            release.date = found.date;
            why_no_date = match found.not_a_date {
                Some(words) => format!("the dateline's '({words})' is not a date"),
                None => "the dateline has no date".to_string(),
            };
            blocks.extend((!found.rest.is_empty()).then(|| Block::from_line(found.rest)));
        }
    }
    blocks.extend(lines.iter().flatten().map(|line| Block::from_line(line)));
    for (mark, written) in body::take_end_marks(&mut blocks) {
        match mark {
            Mark::Initials => dropped.initials.push(written),
            Mark::Reporter(name) => {
                if !release.writer.contains(&name) {
                    release.writer.push(name.clone());
                }
                dropped.reporters.push((written, name));
            }
        }
    }

    // Head lines left after the headline: a teaser that shortens a later
    // paragraph is dropped; anything else is the editor's text and kept.
    let (teasers, kept): (Vec<String>, Vec<String>) = head
        .into_iter()
        .partition(|line| blocks.iter().any(|b| body::repeats(line, b.text())));
    blocks.splice(0..0, kept.iter().map(|line| Block::from_line(line)));
    let body_text: Vec<&str> = blocks.iter().map(Block::text).collect();
    let body_text = body_text.join("\n");

    let notes = &mut release.notes;
    if release.title.is_none() {
        notes.push(if starts_with_dateline {
            "no title found: the text starts with its dateline".to_string()
        } else {
            "no title found".to_string()
        });
    }
    if release.place.is_none() {
        notes.push("no place found: no dateline such as 'JAKARTA (15 July 2020) - '".to_string());
    }
    if release.date.is_none() {
        match dateline::in_text(&body_text) {
            Some((date, words)) => {
                release.date = Some(date);
                notes.push(format!(
                    "{why_no_date}: took the date {date} from '{words}' in the text"
                ));
            }
            None => notes.push("no date found".to_string()),
        }
    }
    notes.extend(notes::missing_credits(
        &release.writer,
        &release.editor,
        &release.translator,
    ));

    let title = release.title.as_deref().unwrap_or_default();
    let detected = language::detect(&format!("{title}\n{body_text}"));
    release.lang = match (lang, detected) {
        (Some(forced), Some(detected)) if forced != detected => {
            notes.push(format!(
                "the language was set to '{forced}', but the text reads as {}",
                language::name(detected)
            ));
            Some(forced.to_string())
        }
        (Some(forced), _) => Some(forced.to_string()),
        (None, Some(detected)) => Some(detected.to_string()),
        (None, None) => {
            notes.push("could not tell whether the text is Indonesian or English".to_string());
            None
        }
    };

    dropped.teasers = teasers;
    notes.extend(dropped.notes());
    release.body = body::render(&blocks);
    release
}

/// LF line endings, and the invisible characters of web pages and word
/// processors (no-break and zero-width spaces, a byte-order mark) made
/// plain spaces or removed, so that `2020)\u{a0}-` reads as `2020) -`.
fn normalize(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .filter(|c| !matches!(c, '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}'))
        .map(|c| match c {
            '\r' => '\n',
            '\u{a0}' | '\u{2007}' | '\u{202f}' => ' ',
            c => c,
        })
        .collect()
}

/// How many different lines may stand before the dateline: a headline,
/// a teaser, a photo caption. A `WORD - ` further down is prose.
const MAX_HEAD_LINES: usize = 3;

fn find_dateline(lines: &[Option<String>]) -> Option<usize> {
    let mut seen: Vec<String> = Vec::new();
    for (at, line) in lines.iter().enumerate() {
        let Some(line) = line else { continue };
        if dateline::parse(line).is_some() {
            return Some(at);
        }
        let key = clean::key(line);
        if !seen.contains(&key) {
            seen.push(key);
            if seen.len() > MAX_HEAD_LINES {
                return None;
            }
        }
    }
    None
}

/// A line shaped as a headline: short, and not a sentence ending in a
/// full stop.
fn is_headline(line: &str) -> bool {
    line.chars().count() <= 200
        && !line.ends_with(['.', ',', ';', ':'])
        && clean::numbered(line).is_none()
        && clean::bullet(line).is_none()
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    const PARAGRAPHS: &str = "Kementerian Sosial membuka pelatihan pendamping yang diikuti 40 peserta dari tiga kota.\n\nPelatihan ini digelar selama dua hari dengan materi dari para praktisi.";

    #[test]
    fn each_dateline_form_gives_place_date_and_a_clean_first_paragraph() {
        for (dateline, place, day) in [
            ("MEDAN (4 March 2021) - ", "Medan", Some(date(2021, 3, 4))),
            ("MEDAN (4 Maret 2021) - ", "Medan", Some(date(2021, 3, 4))),
            (
                "MEDAN (March 4th, 2021)\u{a0}- ",
                "Medan",
                Some(date(2021, 3, 4)),
            ),
            ("MEDAN (4th March 2021) – ", "Medan", Some(date(2021, 3, 4))),
            (
                "KOTA MEDAN (Okt 1st 2021) — ",
                "Kota Medan",
                Some(date(2021, 10, 1)),
            ),
            ("MEDAN - ", "Medan", None),
        ] {
            let release = parse_release(&format!("{dateline}{PARAGRAPHS}"), None);
            assert_eq!(release.place.as_deref(), Some(place), "{dateline}");
            assert_eq!(release.date, day, "{dateline}");
            assert!(
                release.body.starts_with("Kementerian Sosial membuka"),
                "{dateline}"
            );
            assert_eq!(release.title, None);
        }
        let undated = parse_release(&format!("MEDAN - {PARAGRAPHS}"), None);
        assert!(
            undated.notes.contains(&"no date found".to_string()),
            "{:?}",
            undated.notes
        );
    }

    #[test]
    fn a_weekday_date_in_the_text_stands_in_for_a_missing_one() {
        let text = "MEDAN - Pelatihan dibuka oleh Dirjen di Medan, Kamis (04/03/2021), dan diikuti para pendamping.";
        let release = parse_release(text, None);
        assert_eq!(release.date, Some(date(2021, 3, 4)));
        assert!(
            release
                .notes
                .iter()
                .any(|n| n.contains("'Kamis (04/03/2021)'"))
        );
    }

    #[test]
    fn credits_in_blocks_on_one_line_and_in_indonesian() {
        let text = format!(
            "Judul Berita\n\nWriter :\nHumas Ditjen\nEditor :\nHumas Ditjen ; Rina S\nTranslator :\nDimas P; Sari W\n\nMEDAN (4 Maret 2021) - {PARAGRAPHS}"
        );
        let release = parse_release(&text, None);
        assert_eq!(release.title.as_deref(), Some("Judul Berita"));
        assert_eq!(release.writer, ["Humas Ditjen"]);
        assert_eq!(release.editor, ["Humas Ditjen", "Rina S"]);
        assert_eq!(release.translator, ["Dimas P", "Sari W"]);
        assert!(!release.body.contains("Humas"));

        let text = format!(
            "MEDAN (4 Maret 2021) - {PARAGRAPHS}\n\nPenulis: Dewi L\nPenyunting : Budi\nPenerjemah:\nAnton"
        );
        let release = parse_release(&text, None);
        assert_eq!(
            (release.writer, release.editor),
            (vec!["Dewi L".into()], vec!["Budi".into()])
        );
        assert_eq!(release.translator, ["Anton"]);
        assert!(!release.body.contains("Penulis"));

        let text = format!("MEDAN (4 Maret 2021) - {PARAGRAPHS} [dewi lestari]\n(dls)");
        let release = parse_release(&text, None);
        assert_eq!(release.writer, ["Dewi Lestari"]);
        assert!(release.body.ends_with("para praktisi."), "{}", release.body);
        assert!(release.notes.iter().any(|n| n.contains("'(dls)'")));
        assert!(
            release
                .notes
                .contains(&"no editor or translator found".to_string())
        );
    }

    #[test]
    fn the_language_is_detected_or_forced() {
        let indonesian = format!("MEDAN (4 Maret 2021) - {PARAGRAPHS}");
        assert_eq!(parse_release(&indonesian, None).lang.as_deref(), Some("id"));
        let english = "MEDAN (4 March 2021) - The Ministry of Social Affairs opened a training for the companions of the program in three cities.";
        assert_eq!(parse_release(english, None).lang.as_deref(), Some("en"));
        let forced = parse_release(english, Some("id"));
        assert_eq!(forced.lang.as_deref(), Some("id"));
        assert!(forced.notes.iter().any(|n| n.contains("reads as English")));
        let unknown = parse_release("MEDAN - Kemensos Rintis Sinergi", None);
        assert_eq!(unknown.lang, None);
        assert!(
            unknown
                .notes
                .iter()
                .any(|n| n.contains("Indonesian or English"))
        );
    }

    #[test]
    fn web_page_debris_is_dropped_and_named() {
        let text = "alexametrics\n\nPendamping Dilatih Tiga Hari\n\nloading...\nPendamping Dilatih Tiga Hari\n\
            Dirjen mengatakan pendamping perlu dilatih sesuai perkembangan teknologi.\nA+ A-\n\
            MEDAN - Kementerian Sosial membuka pelatihan pendamping di Medan, Kamis (04/03/2021).\n\n\n\n\
            Menteri, dalam sambutan yang dibacakan Dirjen, mengatakan pendamping perlu terus dilatih sesuai perkembangan teknologi digital.\n\
            • 16150000111222\n\
            Top\nSesi terakhir dipandu oleh praktisi.\n(dls)\npreload video\nKOMENTAR (pilih salah satu di bawah ini)\n  • Facebook\n  • Disqus\n\
            loading gif\nTop\nAktifkan notifikasi browser anda untuk berita terbaru.\nAktifkan\nTidak";
        let release = parse_release(text, None);
        assert_eq!(
            release.title.as_deref(),
            Some("Pendamping Dilatih Tiga Hari")
        );
        assert_eq!(release.date, Some(date(2021, 3, 4)));
        for debris in [
            "alexametrics",
            "loading",
            "A+",
            "KOMENTAR",
            "Facebook",
            "Disqus",
            "Aktifkan",
            "Tidak",
            "16150000111222",
            "(dls)",
            "Dilatih Tiga",
        ] {
            assert!(
                !release.body.contains(debris),
                "{debris} in:\n{}",
                release.body
            );
        }
        // Only debris in the page's closing widgets is a one-word line to
        // drop; the same word in the text stays.
        assert!(release.body.contains("\n\nTop\n\n"), "{}", release.body);
        assert!(
            release.body.starts_with("Kementerian Sosial membuka"),
            "{}",
            release.body
        );
        assert_eq!(release.body.matches("\n\n").count(), 3, "{}", release.body);
        let notes = release.notes.join("\n");
        assert!(
            notes.contains(
                "dropped web-page debris: 'alexametrics', 'loading...', 'A+ A-', 'preload video'"
            ),
            "{notes}"
        );
        assert!(
            notes.contains("dropped photo ids: '16150000111222'"),
            "{notes}"
        );
        assert!(
            notes.contains("dropped a teaser that repeats a later paragraph"),
            "{notes}"
        );
    }

    #[test]
    fn a_teaser_that_repeats_nothing_is_kept() {
        let text = format!(
            "Judul Berita\nSebuah pengantar singkat yang tidak diulang di bagian lain.\nMEDAN (4 Maret 2021) - {PARAGRAPHS}"
        );
        let release = parse_release(&text, None);
        assert!(
            release.body.starts_with("Sebuah pengantar singkat"),
            "{}",
            release.body
        );
    }

    #[test]
    fn lines_without_blank_lines_are_paragraphs_and_lists_stay_lists() {
        let text = "MEDAN (4 Maret 2021) - Baris pertama.\nBaris kedua tanpa titik\nLangkahnya:\n1. Daftar;\n2. Ikuti;\n\n3. Lapor.";
        let release = parse_release(text, None);
        assert_eq!(
            release.body,
            "Baris pertama.\n\nBaris kedua tanpa titik\n\nLangkahnya:\n\n1. Daftar;\n2. Ikuti;\n3. Lapor."
        );
    }

    #[test]
    fn a_text_without_dateline_keeps_only_a_headline_as_title() {
        let release = parse_release(&format!("Judul Tanpa Dateline\n\n{PARAGRAPHS}"), None);
        assert_eq!(release.title.as_deref(), Some("Judul Tanpa Dateline"));
        assert_eq!((release.place, release.date), (None, None));
        assert!(
            release
                .notes
                .iter()
                .any(|n| n.starts_with("no place found"))
        );
        let release = parse_release(PARAGRAPHS, None);
        assert_eq!(release.title, None);
        assert!(release.body.starts_with("Kementerian Sosial"));
        assert!(release.notes.contains(&"no title found".to_string()));
    }

    #[test]
    fn odd_input_gives_notes_not_panics() {
        for text in [
            "",
            "\n\n",
            "(",
            "[",
            "]",
            "JAKARTA (",
            "JAKARTA (15 Juli",
            "1.",
            "•",
            "Writer :",
            "Penulis:\n\n",
            "ÄÖ (ü) – ü",
            "Ü\u{a0}(4 März 2021) — ß [é]",
            "x (ab/cd/ef)",
            "  \t \r\n",
        ] {
            let release = parse_release(text, None);
            assert!(!release.notes.is_empty(), "{text:?}");
            markdown::to_markdown(&release);
        }
        let empty = parse_release("", None);
        assert_eq!(markdown::to_markdown(&empty), "---\n---\n");
    }
}
