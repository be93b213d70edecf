//! The forms the ministry's pages publish releases in, one test per point
//! of the importer's reading: datelines, credit blocks, web-page debris.
//! Every text here is written for these tests.

use jiff::civil::date;
use warta::workflow::import::parse_release;

use super::{Expected, assert_yields, fixture, has_note};

/// Two paragraphs that any dateline may open.
const PARAGRAPHS: &str = "Kementerian Sosial membuka posko pengungsian di balai desa yang menampung 200 warga.\n\nPosko ini dijaga oleh relawan dan petugas dinas sosial selama masa tanggap darurat.";

#[test]
fn datelines_in_the_forms_of_the_ministry_pages() {
    for (dateline, place, day) in [
        ("JAKARTA (March 21, 2022) - ", "Jakarta", date(2022, 3, 21)),
        (
            "JAKARTA (March 21st, 2022) - ",
            "Jakarta",
            date(2022, 3, 21),
        ),
        (
            "SEMARANG (December 5th 2019) - ",
            "Semarang",
            date(2019, 12, 5),
        ),
        (
            "SEMARANG (5 Desember 2019) – ",
            "Semarang",
            date(2019, 12, 5),
        ),
        (
            "SEMARANG (5 Desember 2019) — ",
            "Semarang",
            date(2019, 12, 5),
        ),
        (
            "SEMARANG (December 5th 2019)—",
            "Semarang",
            date(2019, 12, 5),
        ),
        (
            "SEMARANG (Kamis, 5 Desember 2019) – ",
            "Semarang",
            date(2019, 12, 5),
        ),
        (
            "SEMARANG, 5 Desember 2019 — ",
            "Semarang",
            date(2019, 12, 5),
        ),
        (
            "SEMARANG (5 Desember 2019) -\n",
            "Semarang",
            date(2019, 12, 5),
        ),
        (
            "SEMARANG (5 Desember 2019)\n",
            "Semarang",
            date(2019, 12, 5),
        ),
        (
            "Kota Semarang (5/12/2019) -- ",
            "Kota Semarang",
            date(2019, 12, 5),
        ),
    ] {
        let release = parse_release(&format!("{dateline}{PARAGRAPHS}"), None);
        assert_eq!(release.place.as_deref(), Some(place), "{dateline:?}");
        assert_eq!(release.date, Some(day), "{dateline:?}");
        // Read once, the dateline is gone from the text.
        assert!(
            release.body.starts_with("Kementerian Sosial membuka posko"),
            "{dateline:?}: {}",
            release.body
        );
        for part in [
            "SEMARANG", "Semarang", "JAKARTA", "2019", "2022", "Desember",
        ] {
            assert!(!release.body.contains(part), "{dateline:?}: {part}");
        }
        assert!(
            !release.notes.iter().any(|n| n.contains("date ")),
            "{dateline:?}: {:?}",
            release.notes
        );
    }
}

#[test]
fn an_invalid_date_is_reported_as_invalid_not_as_missing() {
    let name = "id-invalid-date.txt";
    let release = fixture(name);
    let expected = Expected {
        title: Some("Lumbung Sosial Dibangun di Desa Rawan Bencana"),
        date: None,
        place: Some("Jakarta"),
        lang: "id",
        ..Expected::default()
    };
    assert_yields(name, &release, expected);
    assert!(
        release.notes.contains(
            &"the dateline's date '31 Februari 2020' is invalid: February 2020 has 29 days"
                .to_string()
        ),
        "{:?}",
        release.notes
    );
    assert!(!has_note(&release, "no date found"), "{:?}", release.notes);
    assert!(release.body.starts_with("Kementerian Sosial membangun"));

    for (dateline, why) in [
        (
            "BEKASI (30/02/2021) - ",
            "'30/02/2021' is invalid: February 2021 has 28 days",
        ),
        (
            "BEKASI (12/13/2021) - ",
            "'12/13/2021' is invalid: there is no month 13",
        ),
        (
            "BEKASI (32 March 2022) - ",
            "'32 March 2022' is invalid: March 2022 has 31 days",
        ),
        (
            "BEKASI, 31 April 2022 - ",
            "'31 April 2022' is invalid: April 2022 has 30 days",
        ),
    ] {
        let release = parse_release(&format!("{dateline}{PARAGRAPHS}"), None);
        assert_eq!(release.place.as_deref(), Some("Bekasi"), "{dateline}");
        assert_eq!(release.date, None, "{dateline}");
        assert!(
            release.notes.iter().any(|n| n.ends_with(why)),
            "{dateline}: {:?}",
            release.notes
        );
        assert!(release.body.starts_with("Kementerian Sosial membuka"));
    }
}

#[test]
fn a_teaser_that_carries_the_dateline_leaves_one_paragraph() {
    let text = format!(
        "Posko Pengungsian Dibuka di Balai Desa\n\
        SEMARANG (5 Desember 2019) - Kementerian Sosial membuka posko pengungsian di balai desa.\n\
        SEMARANG (5 Desember 2019) - {PARAGRAPHS}"
    );
    let release = parse_release(&text, None);
    assert_eq!(release.date, Some(date(2019, 12, 5)));
    assert_eq!(
        release.body.matches("membuka posko").count(),
        1,
        "{}",
        release.body
    );
    assert!(
        release
            .body
            .starts_with("Kementerian Sosial membuka posko pengungsian di balai desa yang")
    );
    assert!(!release.body.contains("SEMARANG"), "{}", release.body);
    assert!(has_note(
        &release,
        "dropped a teaser that repeats a later paragraph"
    ));
}

#[test]
fn credits_after_the_text_with_a_month_first_dateline_and_a_gallery() {
    let name = "en-month-first-dateline-gallery.txt";
    let release = fixture(name);
    let expected = Expected {
        title: Some("Ministry Sends Mobile Kitchens to Flooded Villages in Demak"),
        date: Some(date(2022, 3, 21)),
        place: Some("Demak"),
        lang: "en",
        writer: &["Humas Ditjen Linjamsos"],
        editor: &["Rina Sari", "Dimas Putra"],
        translator: &["Sari Wulan"],
        photographer: &["Rudi Hartono", "Yoga Pratama"],
    };
    assert_yields(name, &release, expected);
    assert!(
        release
            .body
            .starts_with("The Ministry of Social Affairs sent")
    );
    assert!(
        release
            .body
            .ends_with("said the head of the response team.")
    );
    assert_eq!(release.body.matches("\n\n").count(), 2, "{}", release.body);
    for left in ["WhatsApp", "IMG_", "Share", "شارك", "Photographer", "Rudi"] {
        assert!(!release.body.contains(left), "{left}: {}", release.body);
    }
    let notes = release.notes.join("\n");
    for note in [
        "dropped web-page debris: 'Share :', 'شارك :'",
        "dropped the names of a photo gallery: 'WhatsApp Image 2022-03-21 at 12.56.32', 'WhatsApp Image 2022-03-21 at 12.56.33 (1)', 'IMG_20220321_101502.jpg'",
        "dropped 2 lines repeating the title",
    ] {
        assert!(notes.contains(note), "{note:?} not in\n{notes}");
    }
    assert_eq!(release.dropped.len(), 7, "{:?}", release.dropped);
}

#[test]
fn credits_before_the_headline_an_ordinal_date_and_the_sign_off() {
    let name = "en-ordinal-dateline-credits-before.txt";
    let release = fixture(name);
    let expected = Expected {
        title: Some("Elderly Care Centre Opens a Day Programme in Malang"),
        date: Some(date(2019, 12, 5)),
        place: Some("Malang"),
        lang: "en",
        writer: &["Humas Ditjen Rehsos"],
        editor: &["Intan Permata", "Yusuf Hakim"],
        translator: &["Karina Salsabila"],
        photographer: &["Bagus Wicaksono"],
    };
    assert_yields(name, &release, expected);
    assert!(release.body.starts_with("The Directorate General"));
    assert!(
        release.body.ends_with("every weekday morning."),
        "{}",
        release.body
    );
    assert!(
        has_note(
            &release,
            "dropped sign-off lines that only name the publisher: 'Public Relations Bureau', 'Ministry of Social Affairs of the Republic of Indonesia'"
        ),
        "{:?}",
        release.notes
    );
}

#[test]
fn indonesian_credits_between_headline_and_text() {
    let name = "id-credits-between-headline-and-text.txt";
    let release = fixture(name);
    let expected = Expected {
        title: Some("Kemensos Salurkan Kursi Roda untuk Penyandang Disabilitas di Kupang"),
        date: Some(date(2022, 5, 9)),
        place: Some("Kupang"),
        lang: "id",
        writer: &["Maria Ndoen", "Yohanes Lado"],
        editor: &["Agustina Bere"],
        translator: &["Nadia Putri"],
        photographer: &["Fransiskus Taolin"],
    };
    assert_yields(name, &release, expected);
    assert!(release.body.starts_with("Kementerian Sosial menyalurkan"));
    assert!(
        release.body.ends_with("dari setiap kecamatan."),
        "{}",
        release.body
    );
    for left in [
        "Penulis",
        "Penyunting",
        "Fotografer",
        "[",
        "Bagikan",
        "Biro",
    ] {
        assert!(!release.body.contains(left), "{left}: {}", release.body);
    }
    let notes = release.notes.join("\n");
    for note in [
        "dropped web-page debris: 'Bagikan :'",
        "dropped sign-off lines that only name the publisher: 'Biro Hubungan Masyarakat', 'Kementerian Sosial RI'",
    ] {
        assert!(notes.contains(note), "{note:?} not in\n{notes}");
    }
}

#[test]
fn a_label_is_never_taken_for_a_name() {
    let opening = "Posko Pengungsian Dibuka\n\nSEMARANG (5 Desember 2019) - ";
    // A name in brackets after a label is the label's, not a reporter's.
    let release = parse_release(
        &format!("{opening}{PARAGRAPHS}\n\nEditor : [rina sari]"),
        None,
    );
    assert_eq!(release.editor, ["Rina Sari"]);
    assert!(release.writer.is_empty(), "{:?}", release.writer);
    assert!(!release.body.contains("Editor"), "{}", release.body);

    // A label with nothing after it does not take the next label.
    let release = parse_release(
        &format!("{opening}{PARAGRAPHS}\n\nWriter :\nEditor : Budi Santoso"),
        None,
    );
    assert!(release.writer.is_empty(), "{:?}", release.writer);
    assert_eq!(release.editor, ["Budi Santoso"]);
    assert!(has_note(
        &release,
        "the credit 'Writer :' has no name after it"
    ));
    assert!(!release.body.contains("Writer") && !release.body.contains("Editor"));

    // Several labels on one line, each with its names.
    let release = parse_release(
        &format!(
            "{opening}{PARAGRAPHS}\nPenulis: Dewi Lestari, Editor: Budi Santoso | Foto: Rudi Hartono dan Yoga"
        ),
        None,
    );
    assert_eq!(release.writer, ["Dewi Lestari"]);
    assert_eq!(release.editor, ["Budi Santoso"]);
    assert_eq!(release.photographer, ["Rudi Hartono", "Yoga"]);

    // A label alone on its line takes one line of names, never the
    // headline after the block.
    let release = parse_release(
        &format!(
            "Foto\nHumas Ditjen\n\nPosko Pengungsian Dibuka\n\nSEMARANG (5 Desember 2019) - {PARAGRAPHS}"
        ),
        None,
    );
    assert_eq!(release.photographer, ["Humas Ditjen"]);
    assert_eq!(release.title.as_deref(), Some("Posko Pengungsian Dibuka"));
}

#[test]
fn a_caption_or_sentence_after_a_label_word_stays_in_the_text() {
    let caption = "Foto: Menteri Sosial menyerahkan bantuan kepada warga di halaman balai desa.";
    let release = parse_release(
        &format!("Posko Dibuka\n\nSEMARANG (5 Desember 2019) - {PARAGRAPHS}\n\n{caption}"),
        None,
    );
    assert!(release.photographer.is_empty());
    assert!(release.body.ends_with(caption), "{}", release.body);
}

#[test]
fn share_labels_in_the_site_languages_and_arabic_script() {
    for label in [
        "Share :",
        "Bagikan :",
        "Bagikan: Facebook Twitter WhatsApp",
        "شارك :",
        // Copied from a right-to-left menu: its direction marks, the colon
        // on the other side.
        "\u{200f}: شارك\u{200f}",
        "مشاركة",
    ] {
        let release = parse_release(
            &format!("Posko Dibuka\n\nSEMARANG (5 Desember 2019) - {PARAGRAPHS}\n\n{label}"),
            None,
        );
        assert!(
            release.body.ends_with("masa tanggap darurat."),
            "{label:?}: {}",
            release.body
        );
        assert!(has_note(&release, "dropped web-page debris"), "{label:?}");
    }
}
