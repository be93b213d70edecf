//! `warta import`'s reading of plain-text press releases, through the
//! library: one made-up release per form the real ones take
//! (`tests/fixtures/import/`), and the real ones when they are at hand;
//! the command itself in `import/command.rs`.

use std::fs;
use std::path::{Path, PathBuf};

use jiff::civil::{Date, date};
use serde::Deserialize;
use warta::model::Section;
use warta::workflow::import::{ImportedRelease, file_stem, parse_release, to_markdown};

mod common;
// The command line's report and limits, and the forms of each point of
// the importer's reading, in files of their own.
#[path = "import/command.rs"]
mod command;
#[path = "import/forms.rs"]
mod forms;

/// Lines web pages add, none of which may reach a body.
const DEBRIS: [&str; 14] = [
    "alexametrics",
    "loading",
    "preload video",
    "A+ A-",
    "Share :",
    "KOMENTAR",
    "Facebook",
    "Disqus",
    "Aktifkan",
    "notifikasi",
    "\nTop",
    "\nTidak",
    "1615000011",
    "(dls)",
];

fn fixture(name: &str) -> ImportedRelease {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name);
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let release = parse_release(&text, None);
    assert_clean(name, &release);
    release
}

/// No debris in the body, and front matter that reads back as written.
fn assert_clean(name: &str, release: &ImportedRelease) {
    for debris in DEBRIS {
        assert!(
            !release.body.contains(debris),
            "{name}: {debris:?} left in the body:\n{}",
            release.body
        );
    }
    assert!(!release.body.contains("\n\n\n"), "{name}: blank-line run");
    assert!(!release.body.contains('\u{a0}'), "{name}: no-break space");
    if let Some(title) = &release.title {
        assert!(
            !release.body.contains(title.as_str()),
            "{name}: title in the body"
        );
    }
    assert_reads_back(name, release);
}

/// A credit as the README allows it: one name or a list.
#[derive(Deserialize)]
#[serde(untagged)]
enum Names {
    One(String),
    Many(Vec<String>),
}

impl Names {
    fn into_vec(names: Option<Names>) -> Vec<String> {
        match names {
            None => Vec::new(),
            Some(Names::One(name)) => vec![name],
            Some(Names::Many(names)) => names,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: Option<String>,
    date: Option<String>,
    place: Option<String>,
    writer: Option<Names>,
    editor: Option<Names>,
    translator: Option<Names>,
    photographer: Option<Names>,
}

fn assert_reads_back(name: &str, release: &ImportedRelease) {
    let text = to_markdown(release);
    let yaml = text
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("---\n"))
        .map(|(yaml, _)| yaml)
        .unwrap_or_else(|| panic!("{name}: no front matter in\n{text}"));
    let back: FrontMatter = serde_saphyr::from_str(if yaml.is_empty() { "{}" } else { yaml })
        .unwrap_or_else(|e| panic!("{name}: {e}\n{text}"));
    assert_eq!(back.title, release.title, "{name}");
    assert_eq!(back.date, release.date.map(|d| d.to_string()), "{name}");
    assert_eq!(back.place, release.place, "{name}");
    assert_eq!(Names::into_vec(back.writer), release.writer, "{name}");
    assert_eq!(Names::into_vec(back.editor), release.editor, "{name}");
    assert_eq!(
        Names::into_vec(back.translator),
        release.translator,
        "{name}"
    );
    assert_eq!(
        Names::into_vec(back.photographer),
        release.photographer,
        "{name}"
    );
    assert!(
        text.ends_with(&format!("\n{}\n", release.body.trim())),
        "{name}"
    );
}

/// What a release should yield, compared field by field so that a
/// failure names the field.
#[derive(Default)]
struct Expected<'a> {
    title: Option<&'a str>,
    date: Option<Date>,
    place: Option<&'a str>,
    lang: &'a str,
    writer: &'a [&'a str],
    editor: &'a [&'a str],
    translator: &'a [&'a str],
    photographer: &'a [&'a str],
}

fn assert_yields(name: &str, release: &ImportedRelease, expected: Expected) {
    assert_eq!(release.title.as_deref(), expected.title, "{name}: title");
    assert_eq!(release.date, expected.date, "{name}: date");
    assert_eq!(release.place.as_deref(), expected.place, "{name}: place");
    assert_eq!(release.lang.as_deref(), Some(expected.lang), "{name}: lang");
    assert_eq!(release.writer, expected.writer, "{name}: writer");
    assert_eq!(release.editor, expected.editor, "{name}: editor");
    assert_eq!(
        release.translator, expected.translator,
        "{name}: translator"
    );
    assert_eq!(
        release.photographer, expected.photographer,
        "{name}: photographer"
    );
}

fn has_note(release: &ImportedRelease, start: &str) -> bool {
    release.notes.iter().any(|note| note.starts_with(start))
}

#[test]
fn a_release_that_starts_with_its_dateline_has_no_title() {
    let name = "en-dateline-no-title.txt";
    let release = fixture(name);
    let expected = Expected {
        title: None,
        date: Some(date(2021, 3, 3)),
        place: Some("Surabaya"),
        lang: "en",
        writer: &[],
        editor: &[],
        translator: &[],
        photographer: &[],
    };
    assert_yields(name, &release, expected);
    assert!(release.body.starts_with("The Directorate General"));
    assert_eq!(release.body.matches("\n\n").count(), 3);
    assert!(has_note(&release, "no title found"), "{:?}", release.notes);
    assert!(has_note(&release, "no writer, editor or translator found"));
    assert_eq!(file_stem(&release, Section::News), None);
}

#[test]
fn each_line_is_a_paragraph_when_there_are_no_blank_lines() {
    let name = "id-one-paragraph-per-line.txt";
    let release = fixture(name);
    let expected = Expected {
        title: None,
        date: Some(date(2021, 3, 4)),
        place: Some("Medan"),
        lang: "id",
        writer: &[],
        editor: &[],
        translator: &[],
        photographer: &[],
    };
    assert_yields(name, &release, expected);
    assert_eq!(release.body.split("\n\n").count(), 4, "{}", release.body);
    assert!(release.body.starts_with("Direktorat Jenderal"));
}

#[test]
fn credit_blocks_a_repeated_title_and_a_numbered_list() {
    let name = "en-credit-blocks-and-list.txt";
    let release = fixture(name);
    let expected = Expected {
        title: Some("Volunteer Training: Ready Before Disasters"),
        date: Some(date(2021, 3, 5)),
        place: Some("Semarang"),
        lang: "en",
        writer: &["Humas Dayasos"],
        editor: &["Humas Dayasos", "Rina Sari"],
        translator: &["Humas Dayasos"],
        photographer: &[],
    };
    assert_yields(name, &release, expected);
    assert!(release.body.starts_with("The Director General"));
    assert!(release.body.contains(
        "\n\n1. First Aid - basic care for the injured;\n2. Logistics - managing shelters and supplies;\n3. Reporting - collecting data on the people affected.\n\n"
    ), "{}", release.body);
    assert!(has_note(&release, "dropped web-page debris: 'Share :'"));
    assert!(has_note(&release, "dropped a line repeating the title"));
    assert_eq!(
        file_stem(&release, Section::News).as_deref(),
        Some("2021-03-05-volunteer-training-ready-before-disasters")
    );
}

#[test]
fn a_web_page_copy_loses_its_debris_and_keeps_the_news() {
    let name = "id-web-page-debris.txt";
    let release = fixture(name);
    let expected = Expected {
        title: Some("Relawan Harus Siap Sebelum Bencana Datang"),
        date: Some(date(2021, 3, 4)),
        place: Some("Makassar"),
        lang: "id",
        writer: &["Dewi Lestari"],
        editor: &[],
        translator: &[],
        photographer: &[],
    };
    assert_yields(name, &release, expected);
    // The teaser shortened the third paragraph: only the paragraph stays.
    assert!(release.body.starts_with("Kementerian Sosial melatih"));
    assert_eq!(release.body.matches("relawan perlu").count(), 1);
    assert!(
        release.body.ends_with("tim SAR setempat."),
        "{}",
        release.body
    );
    assert!(!release.body.contains("[dewi"));
    let notes = release.notes.join("\n");
    for note in [
        "the dateline has no date: took the date 2021-03-04 from 'Kamis (04/03/2021)' in the text",
        "dropped web-page debris: 'alexametrics', 'loading...', 'A+ A-', 'preload video'",
        "dropped a teaser that repeats a later paragraph",
        "took the writer 'Dewi Lestari' from '[dewi lestari]'",
        "dropped reporter initials, which are not a name: '(dls)'",
        "no editor or translator found",
    ] {
        assert!(notes.contains(note), "{note:?} not in\n{notes}");
    }
}

#[test]
fn photo_ids_and_bulleted_title_repeats_are_dropped() {
    let name = "en-photo-ids-and-credits.txt";
    let release = fixture(name);
    let expected = Expected {
        title: Some("Ministry Trains Disaster Volunteers to Respond Faster in Coastal Villages"),
        date: Some(date(2021, 3, 6)),
        place: Some("Padang"),
        lang: "en",
        writer: &["Humas Ditjen Linjamsos"],
        editor: &["Rina Sari"],
        translator: &["Dimas Putra", "Sari Wulan"],
        photographer: &[],
    };
    assert_yields(name, &release, expected);
    assert!(
        release
            .body
            .starts_with("The Ministry of Social Affairs trained")
    );
    assert!(has_note(
        &release,
        "dropped the names of a photo gallery: '16150000111222', '16150000111333', '16150000111444'"
    ));
}

#[test]
fn indonesian_credit_labels_at_the_end() {
    let name = "id-indonesian-labels.txt";
    let release = fixture(name);
    let expected = Expected {
        title: Some("Kemensos Latih Relawan di Yogyakarta"),
        date: Some(date(2021, 3, 7)),
        place: Some("Yogyakarta"),
        lang: "id",
        writer: &["Dewi Lestari"],
        editor: &["Budi Santoso"],
        translator: &["Anton Wijaya", "Rina Sari"],
        photographer: &[],
    };
    assert_yields(name, &release, expected);
    assert!(release.body.ends_with("penanggulangan bencana daerah."));
}

#[test]
fn same_line_credits_and_an_em_dash() {
    let name = "en-same-line-credits.txt";
    let release = fixture(name);
    let expected = Expected {
        title: Some("Volunteers Ready for the Rainy Season"),
        date: Some(date(2021, 9, 8)),
        place: Some("Kupang"),
        lang: "en",
        writer: &["Maria Ndoen"],
        editor: &["Yohanes Lado"],
        translator: &[],
        photographer: &[],
    };
    assert_yields(name, &release, expected);
    assert!(
        release
            .body
            .starts_with("The Ministry of Social Affairs checked")
    );
    assert!(!release.body.contains("Writer") && !release.body.contains("Editor"));
}

#[test]
fn without_a_dateline_place_and_date_are_reported_not_guessed() {
    let name = "id-no-dateline.txt";
    let release = fixture(name);
    let expected = Expected {
        title: Some("Relawan Dilatih Menghadapi Musim Hujan"),
        date: None,
        place: None,
        lang: "id",
        writer: &[],
        editor: &[],
        translator: &[],
        photographer: &[],
    };
    assert_yields(name, &release, expected);
    assert!(has_note(&release, "no place found"));
    assert!(has_note(&release, "no date found"));
    // Without a date the file is named by its title alone.
    assert_eq!(
        file_stem(&release, Section::News).as_deref(),
        Some("relawan-dilatih-menghadapi-musim-hujan")
    );
    assert!(to_markdown(&release).starts_with("---\ntitle: \"Relawan Dilatih"));
}

/// The real releases the import was written for, in `/work/shared/seeds`
/// on the machine where warta was developed.
#[test]
fn the_real_releases() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let Ok(entries) = fs::read_dir(&dir) else {
        println!(
            "note: {} is absent; the real releases were not read",
            dir.display()
        );
        return;
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    paths.sort();
    let seed = |number: &str| -> (String, ImportedRelease) {
        let path = paths
            .iter()
            .find(|p| {
                p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with(number))
            })
            .unwrap_or_else(|| panic!("no seed {number}_*.txt in {}", dir.display()));
        let name = path.display().to_string();
        let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let release = parse_release(&text, None);
        assert_clean(&name, &release);
        (name, release)
    };

    let (name, release) = seed("000");
    let expected = Expected {
        title: None,
        date: Some(date(2020, 7, 15)),
        place: Some("Bekasi"),
        lang: "en",
        writer: &[],
        editor: &[],
        translator: &[],
        photographer: &[],
    };
    assert_yields(&name, &release, expected);

    let (name, release) = seed("001");
    let expected = Expected {
        title: None,
        date: Some(date(2020, 7, 15)),
        place: Some("Bekasi"),
        lang: "id",
        writer: &[],
        editor: &[],
        translator: &[],
        photographer: &[],
    };
    assert_yields(&name, &release, expected);

    let (name, release) = seed("002");
    let expected = Expected {
        title: Some("Social Empowerment Program: Make it Simple"),
        date: Some(date(2020, 7, 23)),
        place: Some("Jakarta"),
        lang: "en",
        writer: &["OHH Dayasos"],
        editor: &["OHH Dayasos", "Annisa YH"],
        translator: &["OHH Dayasos"],
        photographer: &[],
    };
    assert_yields(&name, &release, expected);
    let items: Vec<&str> = release
        .body
        .lines()
        .filter(|line| line.starts_with(|c: char| c.is_ascii_digit()))
        .collect();
    assert_eq!(items.len(), 3, "{}", release.body);
    for (item, number) in items.iter().zip(["1. ", "2. ", "3. "]) {
        assert!(item.starts_with(number), "{item}");
    }
    assert!(
        release.body.contains(&items.join("\n")),
        "the list is one list"
    );
    assert!(!release.body.contains("Share :"));

    let (name, release) = seed("003");
    let expected = Expected {
        title: Some("PSM Harus Profesional dalam Penyelenggaraan Kesejahteraan Sosial"),
        date: Some(date(2020, 2, 17)),
        place: Some("Jakarta"),
        lang: "id",
        writer: &["Syarif Wibowo"],
        editor: &[],
        translator: &[],
        photographer: &[],
    };
    assert_yields(&name, &release, expected);
    for debris in ["alexametrics", "loading", "Aktifkan", "KOMENTAR"] {
        assert!(!release.body.contains(debris), "{debris}");
    }

    let (name, release) = seed("004");
    let expected = Expected {
        title: Some(
            "Responsive to Overcoming Social Problems, Ministry of Social Affairs Actively Involves the Role of LKS",
        ),
        date: Some(date(2020, 9, 12)),
        place: Some("Bandung"),
        lang: "en",
        writer: &["OHH Ditjen Rehsos"],
        editor: &["Intan Qonita N"],
        translator: &["Zahra Aulia F", "Karlina Irsalyana"],
        photographer: &[],
    };
    assert_yields(&name, &release, expected);
    for photo_id in ["16003147536359", "16003147455237", "16003147358433"] {
        assert!(!release.body.contains(photo_id));
    }
}
