//! `warta import` as a command: what it refuses, how it names the files
//! it writes, and the report of several releases, as text and as JSON.

use std::path::{Path, PathBuf};

use crate::common::Site;

/// A release of `tests/fixtures/import/`, as the command line names it.
fn release(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name);
    path.to_string_lossy().into_owned()
}

/// Every file under `content/` of the site.
fn content(site: &Site) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(site.path().join("content"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}

#[test]
fn an_input_over_the_content_limit_is_refused() {
    let site = Site::fixture("bilingual");
    let before = content(&site);
    let paragraph = "Kementerian Sosial menyalurkan bantuan kepada warga yang terdampak banjir di desa itu.\n\n";
    let limit = warta::load::MAX_CONTENT_BYTES as usize;
    let text = format!(
        "KUDUS (4 Maret 2021) - {}",
        paragraph.repeat(limit / paragraph.len() + 1)
    );
    assert!(text.len() > limit);
    site.write("rilis/besar.txt", &text);
    let path = site.path().join("rilis/besar.txt");
    let run = site.run(&["import", path.to_str().unwrap()]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    run.assert_error_line(&[
        "error: ",
        "besar.txt",
        &format!(
            "the file is {} bytes, over the 1 MB ({limit} bytes)",
            text.len()
        ),
    ]);
    assert_eq!(content(&site), before, "nothing is written");

    // At the limit it is imported.
    let text = &text[..text[..limit].rfind('\n').unwrap_or(0)];
    site.write("rilis/besar.txt", text);
    let run = site.run(&["import", path.to_str().unwrap()]);
    assert_eq!(run.status, 0, "{}", run.stderr);
}

#[test]
fn markdown_that_would_outgrow_the_limit_is_refused() {
    let site = Site::fixture("bilingual");
    let before = content(&site);
    // Each of these characters gains a backslash in Markdown.
    let line = "Harga <1> *2* _3_ `4` ~5~ naik.\n";
    let limit = warta::load::MAX_CONTENT_BYTES as usize;
    let text = line.repeat(limit * 9 / 10 / line.len());
    site.write("rilis/tanda.txt", &text);
    let path = site.path().join("rilis/tanda.txt");
    let run = site.run(&["import", path.to_str().unwrap(), "--lang", "id"]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    run.assert_error_line(&["error: ", "tanda.txt", "as Markdown the release would be"]);
    assert_eq!(content(&site), before, "nothing is written");
}

#[test]
fn an_empty_input_is_an_error_and_writes_nothing() {
    let site = Site::fixture("bilingual");
    let before = content(&site);
    for (name, text, message) in [
        ("kosong.txt", "", "nothing to import: the file is empty"),
        (
            "spasi.txt",
            " \n\t\n\n",
            "nothing to import: the file is empty",
        ),
        (
            "sampah.txt",
            "alexametrics\nShare :\nloading...\n",
            "nothing to import: no headline and no text are left",
        ),
    ] {
        site.write(&format!("rilis/{name}"), text);
        let path = site.path().join("rilis").join(name);
        let run = site.run(&["import", path.to_str().unwrap()]);
        assert_eq!(run.status, 1, "{name}: {}", run.stderr);
        run.assert_error_line(&["error: ", name, message]);
        assert_eq!(run.stdout, "", "{name}");
    }
    assert_eq!(content(&site), before, "nothing is written");
}

#[test]
fn other_sections_are_named_by_the_title_without_a_date() {
    let site = Site::fixture("bilingual");
    let source = release("id-credits-between-headline-and-text.txt");
    for section in ["programs", "events"] {
        let run = site.run(&["import", &source, "--section", section]);
        assert_eq!(run.status, 0, "{}", run.stderr);
        let path = format!("content/{section}/kemensos-salurkan-kursi-roda-untuk-penyandang.id.md");
        assert_eq!(run.stdout.trim(), path);
        // Only news items need a directorate.
        assert!(!run.stderr.contains("directorate"), "{}", run.stderr);
        let text = std::fs::read_to_string(site.path().join(&path)).unwrap();
        // Only events (and news items) take the dateline's date.
        assert_eq!(
            text.contains("\ndate: 2022-05-09\n"),
            section == "events",
            "{section}: {text}"
        );
        assert!(
            text.contains("\nphotographer: \"Fransiskus Taolin\"\n"),
            "{text}"
        );
    }
    // The site's own check takes the pages written, credits and all.
    let check = site.run(&["check"]);
    assert_eq!(check.status, 0, "{}", check.stderr);
}

#[test]
fn a_news_item_without_a_date_is_named_by_its_title() {
    let site = Site::fixture("bilingual");
    let run = site.run(&["import", &release("id-no-dateline.txt")]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout.trim(),
        "content/news/relawan-dilatih-menghadapi-musim-hujan.id.md"
    );
}

/// Three releases: one with every field, one without dateline and
/// credits, one empty.
fn three_releases(site: &Site) -> [String; 3] {
    site.write("rilis/kosong.txt", "");
    [
        release("en-month-first-dateline-gallery.txt"),
        release("id-no-dateline.txt"),
        site.path()
            .join("rilis/kosong.txt")
            .to_string_lossy()
            .into_owned(),
    ]
}

#[test]
fn several_releases_end_in_one_summary_table() {
    let site = Site::fixture("bilingual");
    let files = three_releases(&site);
    let mut args = vec!["import"];
    args.extend(files.iter().map(String::as_str));
    let run = site.run(&args);
    // The empty release is an error; the others are written.
    assert_eq!(run.status, 1, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    let heading = lines.first().copied().unwrap_or_default();
    for column in ["release", "written to", "found", "missing", "dropped"] {
        assert!(heading.contains(column), "{heading}");
    }
    // A row's cells: columns stand two spaces apart or more.
    let row = |name: &str| -> Vec<&str> {
        let line = lines
            .iter()
            .find(|line| line.contains(name))
            .unwrap_or_else(|| panic!("no row for {name} in\n{}", run.stdout));
        line.split("  ")
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect()
    };
    assert_eq!(
        row("en-month-first-dateline-gallery.txt")[1..],
        [
            "content/news/2022-03-21-ministry-sends-mobile-kitchens-to-flooded.en.md",
            "title, date, place, writer, editor, translator, photographer",
            "-",
            "7",
        ]
    );
    assert_eq!(
        row("id-no-dateline.txt")[1..],
        [
            "content/news/relawan-dilatih-menghadapi-musim-hujan.id.md",
            "title",
            "date, place, writer, editor, translator",
            "0",
        ]
    );
    assert_eq!(
        row("kosong.txt")[1..],
        [
            "not written: empty",
            "-",
            "title, date, place, writer, editor, translator",
            "0"
        ]
    );
    assert!(
        run.stdout
            .ends_with("\n3 releases: 2 written, 1 not written, 1 written with fields missing\n"),
        "{}",
        run.stdout
    );
    // The notes still name each release.
    run.assert_error_line(&["warning: ", "id-no-dateline.txt", "no date found"]);
    run.assert_error_line(&["error: ", "kosong.txt", "nothing to import"]);
}

#[test]
fn json_reports_each_release_with_its_notes() {
    let site = Site::fixture("bilingual");
    let files = three_releases(&site);
    let mut args = vec!["import", "--format", "json"];
    args.extend(files.iter().map(String::as_str));
    let run = site.run(&args);
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert_eq!(run.stderr, "", "everything is in the JSON");
    let records: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).expect("JSON array");
    assert_eq!(records.len(), 3);

    let full = &records[0];
    assert_eq!(full["file"], files[0].as_str());
    assert_eq!(
        full["written"],
        "content/news/2022-03-21-ministry-sends-mobile-kitchens-to-flooded.en.md"
    );
    assert_eq!(full["lang"], "en");
    assert_eq!(
        full["found"],
        serde_json::json!([
            "title",
            "date",
            "place",
            "writer",
            "editor",
            "translator",
            "photographer"
        ])
    );
    assert_eq!(full["missing"], serde_json::json!([]));
    let dropped = full["dropped"].as_array().expect("dropped");
    assert!(dropped.contains(&"Share :".into()), "{dropped:?}");
    assert!(
        dropped.contains(&"WhatsApp Image 2022-03-21 at 12.56.32".into()),
        "{dropped:?}"
    );
    let codes: Vec<&str> = full["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert!(
        codes.contains(&"import.note") && codes.contains(&"import.directorate"),
        "{codes:?}"
    );

    let bare = &records[1];
    assert_eq!(
        bare["missing"],
        serde_json::json!(["date", "place", "writer", "editor", "translator"])
    );

    let empty = &records[2];
    assert_eq!(empty["written"], serde_json::Value::Null);
    assert_eq!(empty["refused"], "empty");
    assert_eq!(empty["diagnostics"][0]["severity"], "error");
    assert_eq!(empty["diagnostics"][0]["code"], "import.empty");
}

#[test]
fn one_release_prints_its_path_and_a_refused_command_prints_no_table() {
    let site = Site::fixture("bilingual");
    let run = site.run(&["import", &release("id-invalid-date.txt")]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "content/news/lumbung-sosial-dibangun-di-desa-rawan.id.md\n"
    );
    run.assert_error_line(&[
        "warning: ",
        "id-invalid-date.txt",
        "'31 Februari 2020' is invalid",
    ]);
    let run = site.run(&[
        "import",
        &release("id-invalid-date.txt"),
        "--section",
        "berita",
    ]);
    assert_eq!(run.status, 1);
    assert_eq!(run.stdout, "");
    run.assert_error_line(&["`berita` is not a section"]);
}
