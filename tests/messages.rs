//! Clear messages: each problem is said in the user's terms, at the
//! file, line and column, and never in the words of a library (#16
//! points 16 and 18).

mod common;

use common::{Run, Site};

/// Words of libraries that must never reach a user.
const LIBRARY_WORDS: &[&str] = &[
    "DuplicateKeyPolicy",
    "Option<",
    "invalid u32",
    "unknown variant",
    "No path was found",
    "scalar",
];

/// The bilingual fixture with `site.yaml`'s text changed by `edit`, or a
/// file written, checked with `warta check`.
fn checked(edit: impl FnOnce(&Site)) -> Run {
    let site = Site::fixture("bilingual");
    edit(&site);
    let run = site.run(&["check"]);
    for word in LIBRARY_WORDS {
        assert!(!run.stderr.contains(word), "{word}:\n{}", run.stderr);
    }
    run
}

fn site_yaml_with(site: &Site, replace: &str, with: &str) {
    let yaml = std::fs::read_to_string(site.path().join("site.yaml")).unwrap();
    assert!(yaml.contains(replace), "{yaml}");
    site.write("site.yaml", &yaml.replacen(replace, with, 1));
}

const NEWS: &str = "content/news/baru.id.md";

fn news_front(front: &str) -> String {
    format!("---\n{front}---\n\nTeks.\n")
}

#[test]
fn site_yaml_values_are_named_with_their_key_and_line() {
    for (replace, with, expected) in [
        (
            "paginate: 2",
            "paginate: -1",
            "site.yaml:5:11: `paginate: -1` is not a whole number",
        ),
        (
            "paginate: 2",
            "untranslated: show",
            "site.yaml:5:15: `untranslated: show` is not one of the choices: list, hide",
        ),
        (
            "title: Warta Uji",
            "title:",
            "site.yaml:1:6: `title` has no value",
        ),
        (
            "title: Warta Uji",
            "title: \"\"",
            "site.yaml:1:1: `title` is empty",
        ),
        ("paginate: 2", "paginate: 0", "site.yaml:5:1: `paginate: 0`"),
        (
            "paginate: 2",
            "feed_entries: 0",
            "site.yaml:5:1: `feed_entries: 0`",
        ),
        (
            "languages: [id, en]",
            "languages: []",
            "site.yaml:4:1: `languages` is empty",
        ),
        (
            "paginate: 2",
            "paginate: 2\nlanguages: [id]",
            "site.yaml:6:1: `languages` is written twice",
        ),
        (
            "default_language: id",
            "default_language: jv",
            "site.yaml:3:1: `default_language: jv` is not one of `languages` (id, en)",
        ),
    ] {
        let run = checked(|site| site_yaml_with(site, replace, with));
        assert_eq!(run.status, 1, "{with}: {}", run.stderr);
        run.assert_error_line(&["error: ", expected]);
    }
}

#[test]
fn a_default_language_outside_the_default_languages_is_one_error() {
    let run = checked(|site| {
        site.write("site.yaml", "title: T\ndefault_language: fr\n");
    });
    assert_eq!(run.status, 1);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    run.assert_error_line(&[
        "error: site.yaml:2:1: `default_language: fr` is not one of `languages` (id, en), which are id and en when not written",
    ]);
}

// One error for a language code in capitals, not one per file of it.
#[test]
fn a_language_code_in_capitals_is_one_error() {
    let run = checked(|site| {
        site.write("site.yaml", "title: T\nlanguages: [id, EN]\n");
    });
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    run.assert_error_line(&[
        "error: site.yaml:",
        "`EN` in `languages`: write the language in lower case, `en`",
    ]);
}

#[test]
fn front_matter_values_are_named_at_their_line() {
    for (front, expected) in [
        (
            "title: A\ntitle: B\ndate: 2020-07-15\ndirectorate: d\n",
            "content/news/baru.id.md:3:1: `title` is written twice",
        ),
        (
            "title: null\ndate: 2020-07-15\ndirectorate: d\n",
            "content/news/baru.id.md:2:1: `title` has no value",
        ),
        (
            "title: A\ndate: 2020-07-15\ndirectorate: d\ndraft: ya\n",
            "content/news/baru.id.md:5:8: `draft: ya` must be `true` or `false`",
        ),
        (
            "title: A\ndate: 0000-01-01\ndirectorate: d\n",
            "content/news/baru.id.md:3:7: `date: 0000-01-01` is before 1900",
        ),
        (
            "title: A\ndate: 2020-07-15\nupdated: 2020-07-01\ndirectorate: d\n",
            "content/news/baru.id.md:4:10: `updated: 2020-07-01` is before `date: 2020-07-15`",
        ),
        // The same day, an hour earlier: moments compare as moments.
        (
            "title: A\ndate: 2020-07-15T10:00:00+07:00\nupdated: 2020-07-15T09:00:00+07:00\ndirectorate: d\n",
            "content/news/baru.id.md:4:10: `updated: ",
        ),
    ] {
        let run = checked(|site| {
            site.write(NEWS, &news_front(front));
        });
        assert_eq!(run.status, 1, "{front}: {}", run.stderr);
        run.assert_error_line(&["error: ", expected]);
    }
}

#[test]
fn an_empty_directorate_as_warta_new_writes_it_names_the_directorates() {
    let run = checked(|site| {
        site.write(
            "content/directorates/dayasos.id.md",
            "---\ntitle: Ditjen Dayasos\n---\n",
        );
        site.write(
            NEWS,
            &news_front("title: A\ndate: 2020-07-15\nplace: \"\"\ndirectorate: \"\"\n"),
        );
    });
    assert_eq!(run.status, 1);
    run.assert_error_line(&[
        "error: content/news/baru.id.md:5:14: `directorate` is empty: name the directorate",
        "this site has: dayasos",
    ]);
    assert!(
        !run.stderr.contains("missing required key"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_space_after_the_date_of_a_file_name_leaves_the_date_out_of_the_url() {
    let site = Site::fixture("bilingual");
    site.write(
        "content/news/2021-01-05 banjir kudus.id.md",
        &news_front("title: Banjir\ndate: 2021-01-05\ndirectorate: d\n"),
    );
    site.build_ok();
    assert!(site.exists("id/berita/banjir-kudus/index.html"));
}

#[test]
fn a_heading_id_taken_twice_is_a_warning() {
    let run = checked(|site| {
        site.write(
            NEWS,
            "---\ntitle: A\ndate: 2020-07-15\ndirectorate: d\n---\n\n## Satu {#sama}\n\n## Dua {#sama}\n",
        );
    });
    assert_eq!(run.status, 0, "{}", run.stderr);
    run.assert_error_line(&[
        "warning: content/news/baru.id.md:9:1: the heading id `sama` is already taken",
    ]);
}

#[test]
fn links_out_of_content_and_with_line_breaks_are_one_clear_line() {
    let run = checked(|site| {
        site.write(
            NEWS,
            &news_front("title: A\ndate: 2020-07-15\ndirectorate: d\n")
                .replace("Teks.", "[a](../../site.yaml) dan [b](x%0Ay.id.md)"),
        );
    });
    assert_eq!(run.status, 1, "{}", run.stderr);
    run.assert_error_line(&[
        "error: content/news/baru.id.md:7:1: link to `../../site.yaml` leads out of content/",
    ]);
    run.assert_error_line(&[
        "error: content/news/baru.id.md:7:",
        "there is no content file `content/news/x\\ny.id.md`",
    ]);
}

#[test]
fn files_in_other_encodings_say_so() {
    let front = news_front("title: A\ndate: 2020-07-15\ndirectorate: d\n");
    // Line endings of old Macs: read as lines.
    let run = checked(|site| {
        site.write(NEWS, &front.replace('\n', "\r"));
    });
    assert_eq!(run.status, 0, "{}", run.stderr);
    // UTF-16, with and without a byte order mark.
    for bom in [&[0xFF, 0xFE][..], &[]] {
        let mut bytes = bom.to_vec();
        bytes.extend(front.encode_utf16().flat_map(|u| u.to_le_bytes()));
        let run = checked(|site| {
            site.write_bytes(NEWS, &bytes);
        });
        assert_eq!(run.status, 1, "{}", run.stderr);
        run.assert_error_line(&[
            "error: content/news/baru.id.md:1:1:",
            "not UTF-8 text; save it as UTF-8",
        ]);
    }
}

#[test]
fn init_on_a_file_and_serve_on_no_folder_say_what_is_wrong() {
    let root = tempfile::tempdir().unwrap();
    std::fs::write(root.path().join("catatan.txt"), "x").unwrap();
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(["init", "catatan.txt"])
        .current_dir(root.path())
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("catatan.txt: is a file, not a folder"),
        "{stderr}"
    );
    #[cfg(feature = "serve")]
    {
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_warta"))
            .args(["serve", "--port", "0", "--site", "/tidak/ada"])
            .output()
            .unwrap();
        assert_eq!(run.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(
            stderr.contains("/tidak/ada: there is no such folder"),
            "{stderr}"
        );
        assert!(!stderr.contains("No path was found"), "{stderr}");
    }
}
