//! `parse_release` on small texts, one behaviour per test.

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
        notes.contains("dropped the names of a photo gallery: '16150000111222'"),
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
        "Foto",
        "Writer : Editor :",
        "Penulis: , ; dan",
        "Editor : [",
        "JAKARTA (31/13/2020)",
        "JAKARTA, 31 Februari 2020 —",
        "\u{200f}: شارك",
        "WhatsApp Image 2022-",
        "Kemensos",
    ] {
        let release = parse_release(text, None);
        assert!(!release.notes.is_empty(), "{text:?}");
        markdown::to_markdown(&release);
    }
    for empty in ["", " \n\t\n", "Share :\nalexametrics\n"] {
        assert!(parse_release(empty, None).is_empty(), "{empty:?}");
    }
    assert!(!parse_release("Judul Saja", None).is_empty());
}
